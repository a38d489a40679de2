import {describe, expect, it} from 'vitest';
import {CloudError} from '../../source/port/errors.js';
import {combineFreshness, freshAge, freshnessLabel} from '../../source/format/freshness.js';

describe('freshness', () => {
	it('says how old fresh data is in steps read at a glance', () => {
		expect([0, 4999, 5000, 14_999, 59_999, 60_000, 3_600_000].map(freshAge)).toEqual(['just now', 'just now', '5s ago', '10s ago', '55s ago', '1m ago', '1h ago']);
	});

	it('labels fresh, stale, failed and loading states', () => {
		const now = 100_000;
		expect(freshnessLabel({loading: false, updatedAt: now - 2000, stale: false}, now)).toEqual({text: 'updated just now', tone: 'ok'});
		expect(freshnessLabel({loading: false, updatedAt: now - 12_000, stale: false, throttled: true}, now)).toEqual({text: 'updated 10s ago', tone: 'warn'});
		expect(freshnessLabel({loading: false, updatedAt: now - 7000, stale: true, error: new CloudError('network', 'down')}, now)).toEqual({text: 'STALE 7s · network', tone: 'bad'});
		expect(freshnessLabel({loading: false, stale: false, error: new CloudError('not-found', 'no cluster')}, now)).toEqual({text: 'no data · not-found', tone: 'bad'});
		expect(freshnessLabel({loading: true, stale: false}, now)).toEqual({text: 'loading…', tone: 'muted'});
	});

	it('is as stale as the stalest panel', () => {
		const combined = combineFreshness([{loading: false, updatedAt: 10, stale: false}, {loading: false, updatedAt: 5, stale: true}, undefined]);
		expect(combined).toMatchObject({updatedAt: 5, stale: true, loading: false});
	});
});
