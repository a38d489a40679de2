import {describe, expect, it} from 'vitest';
import {formatBytes, formatCount, formatPercent} from '../../source/format/numbers.js';

describe('formatPercent', () => {
	it.each([
		[42.25, '42.3%'],
		[0, '0.0%'],
		[100, '100.0%'],
		[7.04, '7.0%'],
		[undefined, '—'],
		[Number.NaN, '—'],
	])('%s -> %s', (value, text) => {
		expect(formatPercent(value)).toBe(text);
	});
});

describe('formatBytes', () => {
	it.each([
		[0, '0 B'],
		[999, '999 B'],
		[1_234, '1.2 kB'],
		[512_000_000, '512 MB'],
		[1_234_567_890, '1.2 GB'],
		[999_960, '1.0 MB'], // rounding carries into the next unit
		[-2_500, '-2.5 kB'],
		[undefined, '—'],
	])('%s -> %s', (value, text) => {
		expect(formatBytes(value)).toBe(text);
	});

	it('binary units for memory', () => {
		expect(formatBytes(4 * 1024 ** 3, {binary: true})).toBe('4.0 GiB');
		expect(formatBytes(1536, {binary: true})).toBe('1.5 KiB');
	});
});

describe('formatCount', () => {
	it.each([
		[950, '950'],
		[1_234, '1.2k'],
		[1_000, '1k'],
		[56_789, '57k'],
		[999_999, '1M'],
		[3_400_000, '3.4M'],
		[2_000_000_000, '2B'],
		[-1_500, '-1.5k'],
		[2.5, '2.5'],
		[Number.POSITIVE_INFINITY, '—'],
	])('%s -> %s', (value, text) => {
		expect(formatCount(value)).toBe(text);
	});
});
