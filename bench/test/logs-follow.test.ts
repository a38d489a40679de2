import {describe, expect, it} from 'vitest';
import {followFigures, percentile} from '../logs-follow.js';

describe('percentile', () => {
	it('takes the nearest rank', () => {
		const values = Array.from({length: 100}, (_, i) => 100 - i); // 1..100, shuffled order
		expect(percentile(values, 95)).toBe(95);
		expect(percentile(values, 50)).toBe(50);
		expect(percentile([7], 95)).toBe(7);
		expect(percentile([], 95)).toBeNaN();
	});
});

describe('followFigures', () => {
	const marker = /follow-t-\d+/;
	const sent = [
		{id: 'follow-t-0', late: false, returnedAt: 1000},
		{id: 'follow-t-1', late: true, returnedAt: 1250},
		{id: 'follow-t-2', late: false, returnedAt: 1500},
		{id: 'follow-t-10', late: true, returnedAt: 1750},
	];

	it('measures from the put returning to the first line, and counts repeats and losses', () => {
		const arrivals = [
			{line: 'INFO follow-t-ready', at: 900},
			{line: '2026-01-01T00:00:00Z INFO - INFO follow-t-0 stamped now', at: 1400},
			{line: 'INFO follow-t-1 stamped in the past', at: 2250},
			{line: 'INFO follow-t-0 stamped now', at: 3000}, // a repeat: counted, not timed
			{line: 'INFO follow-t-10 stamped in the past', at: 2350},
		];
		const f = followFigures('x', sent, arrivals, marker, 1);
		expect(f).toMatchObject({sent: 4, received: 3, lost: 1, duplicated: 1, medianMs: 600, maxMs: 1000, lateMedianMs: 800, currentMedianMs: 400, perSecond: 4});
		// follow-t-10 is not taken for follow-t-1.
		expect(f.p95Ms).toBe(1000);
	});
});
