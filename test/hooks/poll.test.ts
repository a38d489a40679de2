import {describe, expect, it} from 'vitest';
import {CloudError} from '../../source/port/errors.js';
import {backoffDelay} from '../../source/hooks/backoff.js';
import {combineFreshness, freshnessLabel} from '../../source/format/freshness.js';
import {freshnessOf, initialPollState, pollReducer, type PollState} from '../../source/hooks/poll-state.js';
import {keepShown, tailFreshness} from '../../source/hooks/use-log-tail.js';

describe('pollReducer', () => {
	it('keeps the last data through a failure and marks it stale', () => {
		let s = pollReducer(initialPollState<number>(), {type: 'success', data: 1, at: 100, isEmpty: false});
		expect(s).toMatchObject({status: 'ok', data: 1, updatedAt: 100, stale: false});
		s = pollReducer(s, {type: 'failure', error: new CloudError('network', 'connect ECONNREFUSED'), at: 200});
		expect(s).toMatchObject({status: 'error', data: 1, updatedAt: 100, stale: true, failures: 1});
		s = pollReducer(s, {type: 'success', data: 2, at: 300, isEmpty: false});
		expect(s).toMatchObject({status: 'ok', data: 2, stale: false, failures: 0});
	});

	it('keeps the identity of data that did not change, and takes new data', () => {
		const first = {services: [{name: 'a', running: 1}]};
		let s = pollReducer(initialPollState<typeof first>(), {type: 'success', data: first, at: 1, isEmpty: false});
		s = pollReducer(s, {type: 'success', data: {services: [{name: 'a', running: 1}]}, at: 2, isEmpty: false});
		expect(s.data).toBe(first);
		expect(s.updatedAt).toBe(2);
		const changed = {services: [{name: 'a', running: 2}]};
		expect(pollReducer(s, {type: 'success', data: changed, at: 3, isEmpty: false}).data).toBe(changed);
	});

	it('returns the same state for equal data, so nothing renders, while the age still moves', () => {
		const first = pollReducer(initialPollState<{n: number[]}>(), {type: 'success', data: {n: [1, 2]}, at: 1000, isEmpty: false});
		const freshness = combineFreshness([freshnessOf(first)]);
		const again = pollReducer(first, {type: 'success', data: {n: [1, 2]}, at: 61_000, isEmpty: false});
		expect(again).toBe(first);
		expect(again.updatedAt).toBe(61_000);
		// The header keeps the freshness of the last render and re-reads it every second: it sees the new age.
		expect(freshnessLabel(freshness, 62_000).text).toBe('updated just now');
		expect(freshnessLabel(freshness, 80_000).text).toBe('updated 15s ago');
	});

	it('returns a new state when equal data ends a failure, a throttle or an empty state', () => {
		const ok = pollReducer(initialPollState<number[]>(), {type: 'success', data: [1], at: 1, isEmpty: false});
		const failed = pollReducer(ok, {type: 'failure', error: new CloudError('throttled', 'Rate exceeded'), at: 2});
		const recovered = pollReducer(failed, {type: 'success', data: [1], at: 3, isEmpty: false});
		expect(recovered).not.toBe(failed);
		expect(recovered).toMatchObject({status: 'ok', stale: false, failures: 0, throttled: false, updatedAt: 3});
		expect(recovered.error).toBeUndefined();
		expect(recovered.data).toBe(ok.data);
		const empty: PollState<number[]> = pollReducer(initialPollState<number[]>(), {type: 'success', data: [], at: 1, isEmpty: true});
		expect(pollReducer(empty, {type: 'success', data: [], at: 2, isEmpty: true})).toBe(empty);
		expect(pollReducer(empty, {type: 'success', data: [], at: 3, isEmpty: false}).status).toBe('ok');
	});

	it('is not stale when it never had data', () => {
		const s = pollReducer(initialPollState<number>(), {type: 'failure', error: new Error('x'), at: 1});
		expect(s.stale).toBe(false);
		expect(s.status).toBe('error');
	});

	it('flags throttling', () => {
		const s = pollReducer(initialPollState<number>(), {type: 'failure', error: new CloudError('throttled', 'Rate exceeded'), at: 1});
		expect(s.throttled).toBe(true);
	});

	it('says empty when the data is empty', () => {
		expect(pollReducer(initialPollState<number[]>(), {type: 'success', data: [], at: 1, isEmpty: true}).status).toBe('empty');
	});
});

describe('backoffDelay', () => {
	it('grows exponentially up to the cap, never below the interval', () => {
		const max = (n: number) => backoffDelay(n, {baseMs: 1000, capMs: 60_000, random: () => 1});
		const min = (n: number) => backoffDelay(n, {baseMs: 1000, capMs: 60_000, random: () => 0});
		expect([max(1), max(2), max(3), max(10)]).toEqual([2000, 4000, 8000, 60_000]);
		expect(min(5)).toBe(1000);
		expect(backoffDelay(0, {baseMs: 1000, capMs: 60_000})).toBe(1000);
	});

	it('jitters between the interval and the ceiling', () => {
		expect(backoffDelay(3, {baseMs: 1000, capMs: 60_000, random: () => 0.5})).toBe(4500);
	});
});

describe('keepShown (the log tail state)', () => {
	it('keeps the shown state when only the time of the last answer moved, and moves that time live', () => {
		const shown = {mode: 'polling' as const, stale: false, lastOkAt: 1000};
		const freshness = tailFreshness(shown);
		expect(keepShown(shown, {mode: 'polling', stale: false, lastOkAt: 9000})).toBe(shown);
		expect(freshness.updatedAt).toBe(9000);
	});

	it('takes the new state when anything drawn changes', () => {
		const shown = {mode: 'polling' as const, stale: false, lastOkAt: 1000};
		const failed = {mode: 'polling' as const, stale: true, lastOkAt: 1000, error: new Error('x')};
		expect(keepShown(shown, failed)).toBe(failed);
		const first = {mode: 'polling' as const, stale: false};
		const answered = {mode: 'polling' as const, stale: false, lastOkAt: 5};
		expect(keepShown(first, answered)).toBe(answered);
		const live = {mode: 'live' as const, stale: false, lastOkAt: 1000};
		expect(keepShown(shown, live)).toBe(live);
	});
});
