import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {formatPeriod, metricWindows, periodFor} from '../../source/format/metric-window.js';

const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;

describe('periodFor', () => {
	it('keeps one-minute resolution while the window fits the width', () => {
		expect(periodFor(15 * minute, 60)).toBe(60);
		expect(periodFor(hour, 60)).toBe(60);
	});

	it('coarsens to the smallest period that fits', () => {
		expect(periodFor(hour, 59)).toBe(120);
		expect(periodFor(3 * hour, 60)).toBe(180);
		expect(periodFor(3 * hour, 40)).toBe(300);
		expect(periodFor(day, 100)).toBe(900);
		expect(periodFor(day, 30)).toBe(3600);
	});

	it('uses whole days past the ladder', () => {
		expect(periodFor(90 * day, 30)).toBe(3 * 86_400);
	});

	it('respects how long CloudWatch keeps each resolution', () => {
		// 20 days back: one-minute data is gone; 64 days back: five-minute data too.
		expect(periodFor(20 * day, 100_000) % 300).toBe(0);
		expect(periodFor(64 * day, 100_000) % 3600).toBe(0);
	});

	it('always returns a valid period that fits, and the smallest such one on the ladder', () => {
		fc.assert(
			fc.property(fc.integer({min: 1, max: 30 * day}), fc.integer({min: 1, max: 400}), (windowMs, width) => {
				const p = periodFor(windowMs, width);
				expect(p % 60).toBe(0);
				expect(Math.ceil(windowMs / 1000 / p)).toBeLessThanOrEqual(width);
				if (p > 60 && windowMs <= 15 * day) expect(Math.ceil(windowMs / 1000 / 60)).toBeGreaterThan(width);
			}),
		);
	});

	it('covers each window of the screens at a typical chart width', () => {
		expect(metricWindows.map(w => periodFor(w.ms, 50))).toEqual([60, 120, 240, 1800]);
	});

	it('refuses nonsense with a clear message', () => {
		expect(() => periodFor(0, 10)).toThrow(/windowMs must be a positive/);
		expect(() => periodFor(Number.NaN, 10)).toThrow(/windowMs/);
		expect(() => periodFor(hour, 0)).toThrow(/width must be a positive integer/);
		expect(() => periodFor(hour, 2.5)).toThrow(/width/);
	});
});

describe('formatPeriod', () => {
	it('names the period in its largest whole unit', () => {
		expect(formatPeriod(60)).toBe('1m');
		expect(formatPeriod(300)).toBe('5m');
		expect(formatPeriod(3600)).toBe('1h');
		expect(formatPeriod(86_400)).toBe('1d');
		expect(formatPeriod(30)).toBe('30s');
	});
});
