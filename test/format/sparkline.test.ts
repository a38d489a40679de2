import {describe, expect, it} from 'vitest';
import {resample, sparkline} from '../../source/format/sparkline.js';

describe('sparkline', () => {
	it('maps the range onto the eight blocks', () => {
		expect(sparkline([0, 1, 2, 3, 4, 5, 6, 7], 8)).toBe('▁▂▃▄▅▆▇█');
	});

	it('uses an explicit range and clamps outside it', () => {
		expect(sparkline([0, 50, 100, 150, -10], 5, {min: 0, max: 100})).toBe('▁▅██▁');
	});

	it('leaves blanks for missing datapoints', () => {
		expect(sparkline([0, undefined, null, Number.NaN, 7], 5)).toBe('▁   █');
	});

	it('pads on the left when there are fewer values than cells', () => {
		expect(sparkline([1, 2], 5)).toBe('   ▁█');
	});

	it('keeps spikes when squeezing many values into few cells', () => {
		const values = new Array(100).fill(10);
		values[37] = 90;
		const line = sparkline(values, 10, {min: 0, max: 100});
		expect(line).toHaveLength(10);
		expect(line[3]).toBe('▇');
		expect(line.replace(line[3]!, '')).toMatch(/^▂+$/);
	});

	it('draws a flat series sensibly', () => {
		expect(sparkline([0, 0, 0], 3)).toBe('▁▁▁');
		expect(sparkline([40, 40, 40], 3)).toBe('▄▄▄');
	});

	it('is blank for an empty series and empty for width 0', () => {
		expect(sparkline([], 4)).toBe('    ');
		expect(sparkline([1, 2], 0)).toBe('');
	});

	it('rejects a bad width clearly', () => {
		expect(() => sparkline([1], -1)).toThrow(/width must be a non-negative integer/);
	});
});

describe('resample', () => {
	it('takes the maximum of each bucket', () => {
		expect(resample([1, 5, 2, 2, 9, 3], 3)).toEqual([5, 2, 9]);
	});
});
