import {describe, expect, it} from 'vitest';
import {formatAge, formatDuration} from '../../source/format/durations.js';

describe('formatAge', () => {
	it.each([
		[0, '0s'],
		[3_400, '3s'],
		[59_999, '59s'],
		[60_000, '1m'],
		[4 * 60_000 + 59_000, '4m'],
		[2 * 3_600_000, '2h'],
		[23 * 3_600_000 + 3_599_000, '23h'],
		[3 * 86_400_000, '3d'],
		[-5_000, '0s'], // clock skew
		[Number.NaN, '?'],
		[Number.POSITIVE_INFINITY, '?'],
	])('%d ms -> %s', (ms, text) => {
		expect(formatAge(ms)).toBe(text);
	});
});

describe('formatDuration', () => {
	it.each([
		[450, '450ms'],
		[12_000, '12s'],
		[3 * 60_000 + 5_000, '3m 05s'],
		[2 * 3_600_000 + 7 * 60_000 + 30_000, '2h 07m'],
		[4 * 86_400_000 + 3 * 3_600_000, '4d 03h'],
		[60_000, '1m 00s'],
		[-90_000, '-1m 30s'],
		[Number.NaN, '?'],
	])('%d ms -> %s', (ms, text) => {
		expect(formatDuration(ms)).toBe(text);
	});
});
