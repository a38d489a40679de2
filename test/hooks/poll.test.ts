import {describe, expect, it} from 'vitest';
import {CloudError} from '../../source/port/errors.js';
import {backoffDelay} from '../../source/hooks/backoff.js';
import {initialPollState, pollReducer} from '../../source/hooks/poll-state.js';

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
