import fc from 'fast-check';
import stringWidth from 'string-width';
import {describe, expect, it} from 'vitest';
import {bucketByTime, seriesStats} from '../../source/format/chart-buckets.js';
import {chartLines, chartRange, noDataText, thresholdChar, type ChartInput} from '../../source/format/chart.js';
import {lineWidth, type SegmentLine} from '../../source/format/segments.js';
import type {MetricPoint} from '../../source/port/types.js';

const minute = 60_000;
const range = {start: 0, end: 60 * minute};
const text = (line: SegmentLine) => line.map(s => s.text).join('');
const percent = (v: number) => `${Math.round(v)}%`;

function minutes(values: ReadonlyArray<number | undefined>): MetricPoint[] {
	return values.flatMap((v, i) => (v === undefined ? [] : [{t: i * minute, v}]));
}

function chart(overrides: Partial<ChartInput> = {}): SegmentLine[] {
	return chartLines({points: minutes(new Array(60).fill(40)), range, periodMs: minute, width: 50, height: 6, format: percent, scale: {min: 0, max: 100}, ...overrides});
}

describe('bucketByTime', () => {
	it('gives one value per column when the points match the columns', () => {
		expect(bucketByTime(minutes([1, 2, 3, 4]), {start: 0, end: 4 * minute}, 4, minute)).toEqual([1, 2, 3, 4]);
	});

	it('stretches coarse points over every column their period covers', () => {
		const fiveMinute = [{t: 0, v: 7}, {t: 5 * minute, v: 9}];
		expect(bucketByTime(fiveMinute, {start: 0, end: 10 * minute}, 10, 5 * minute)).toEqual([7, 7, 7, 7, 7, 9, 9, 9, 9, 9]);
	});

	it('keeps the highest point when several share a column (a spike survives)', () => {
		const values = new Array(60).fill(10);
		values[31] = 95;
		const buckets = bucketByTime(minutes(values), range, 6, minute);
		expect(buckets).toEqual([10, 10, 10, 95, 10, 10]);
	});

	it('leaves columns with no datapoint empty, and ignores points outside the range', () => {
		const points = [...minutes([1, undefined, undefined, 4]), {t: -5 * minute, v: 99}, {t: 9 * minute, v: 99}];
		expect(bucketByTime(points, {start: 0, end: 4 * minute}, 4, minute)).toEqual([1, undefined, undefined, 4]);
	});

	it('refuses a bad size, range or period', () => {
		expect(() => bucketByTime([], range, 0, minute)).toThrow(/columns/);
		expect(() => bucketByTime([], {start: 5, end: 5}, 3, minute)).toThrow(/after its start/);
		expect(() => bucketByTime([], range, 3, 0)).toThrow(/periodMs/);
	});
});

describe('seriesStats', () => {
	it('reports the newest value and the extremes inside the window', () => {
		const points = [{t: -minute, v: 500}, ...minutes([30, 80, 20, 45])];
		expect(seriesStats(points, range)).toEqual({current: 45, min: 20, max: 80});
	});

	it('is empty without points', () => {
		expect(seriesStats([], range)).toEqual({});
	});
});

describe('chartRange', () => {
	it('includes the data, the thresholds and the fixed scale', () => {
		expect(chartRange([40, 60], {scale: {min: 0, max: 100}, thresholds: [{value: 120, tone: 'bad'}]})).toEqual({min: 0, max: 120});
	});

	it('never returns an empty range for a flat line', () => {
		const r = chartRange([5, 5], {});
		expect(r.max).toBeGreaterThan(r.min);
		expect(chartRange([0, 0], {scale: {floor: 0}})).toEqual({min: 0, max: 1});
	});

	it('widens a narrow range to the minimum span, inside the floor and ceiling', () => {
		expect(chartRange([50, 52], {scale: {minSpan: 10}})).toEqual({min: 46, max: 56});
		expect(chartRange([1, 2], {scale: {minSpan: 10, floor: 0, ceiling: 100}})).toEqual({min: 0, max: 10});
		expect(chartRange([97, 99], {scale: {minSpan: 10, floor: 0, ceiling: 100}})).toEqual({min: 90, max: 100});
		// Data beyond a bound still shows: ECS CPU can pass 100% of the reservation.
		expect(chartRange([95, 130], {scale: {minSpan: 10, floor: 0, ceiling: 100}})).toEqual({min: 95, max: 130});
	});
});

describe('chartLines', () => {
	it('is exactly width x height, labels and axis on the left', () => {
		const lines = chart();
		expect(lines).toHaveLength(6);
		for (const line of lines) expect(lineWidth(line)).toBe(50);
		expect(text(lines[0]!)).toMatch(/^100%┤/);
		expect(text(lines[4]!)).toMatch(/^ {2}0%┤/);
		// The last row is the time axis: how long ago the left edge is, and now at the right.
		expect(text(lines[5]!)).toMatch(/^ {5}-1h .* now$/);
	});

	it('marks where a deployment started under its column, and draws no axis on a short chart', async () => {
		const {deployMarker} = await import('../../source/format/time-axis.js');
		const lines = chart({markers: [range.start + (range.end - range.start) / 2]});
		const axis = text(lines[5]!);
		const plotStart = text(lines[0]!).indexOf('┤') + 1;
		expect(axis.indexOf(deployMarker) - plotStart).toBe(Math.floor((50 - plotStart) / 2));
		const short = chart({height: 3});
		expect(short).toHaveLength(3);
		expect(text(short[2]!)).toMatch(/┤/);
	});

	it('puts the newest value on the right edge', () => {
		const values = new Array(60).fill(5);
		values[59] = 100;
		const lines = chart({points: minutes(values)});
		const plotStart = text(lines[0]!).indexOf('┤') + 1;
		const top = text(lines[0]!).slice(plotStart);
		// Only the last column reaches the top row.
		expect(top.trimEnd().length).toBe(top.length);
		expect(top.slice(0, -1).trim()).toBe('');
	});

	it('draws an alarm threshold as a dashed line in its tone, behind the data', () => {
		const lines = chart({thresholds: [{value: 80, tone: 'bad'}]});
		const row = lines.find(l => l.some(s => s.text.includes(thresholdChar)));
		expect(row).toBeDefined();
		const dashed = row!.filter(s => s.text.includes(thresholdChar));
		expect(dashed.every(s => s.tone === 'bad')).toBe(true);
		// It runs the whole width of the plot: no data crosses 80 here.
		expect(dashed.map(s => s.text).join('')).toHaveLength(50 - 5);
		// The data line has its own tone.
		expect(lines.some(l => l.some(s => s.tone === 'accent' && s.text.includes('─')))).toBe(true);
	});

	it('leaves a gap where no datapoint exists, keeping the threshold visible through it', () => {
		const values: Array<number | undefined> = new Array(60).fill(40);
		for (let i = 20; i < 40; i++) values[i] = undefined;
		const lines = chart({points: minutes(values), width: 65, thresholds: [{value: 90, tone: 'warn'}]});
		const plotStart = text(lines[0]!).indexOf('┤') + 1;
		// The last row is the time axis, not the plot.
		const gap = lines.slice(0, -1).map(l => text(l).slice(plotStart + 25, plotStart + 35));
		for (const [i, g] of gap.entries()) {
			const hasThreshold = lines[i]!.some(s => s.text.includes(thresholdChar));
			expect(g).toBe(hasThreshold ? thresholdChar.repeat(10) : ' '.repeat(10));
		}
	});

	it('says so when the window has no datapoints, at full size', () => {
		const lines = chart({points: []});
		expect(lines).toHaveLength(6);
		expect(lines.map(text).join('\n')).toContain(noDataText);
		for (const line of lines) expect(lineWidth(line)).toBe(50);
	});

	it('never emits a control character (no escape sequence reaches the terminal)', () => {
		const lines = chart({thresholds: [{value: 10, tone: 'bad'}], points: minutes(Array.from({length: 60}, (_, i) => (i * 37) % 100))});
		for (const line of lines) expect(text(line)).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
	});

	it('fits any series into any size exactly', () => {
		fc.assert(
			fc.property(
				fc.array(fc.option(fc.double({min: -1e6, max: 1e9, noNaN: true}), {nil: undefined}), {maxLength: 120}),
				fc.integer({min: 8, max: 140}),
				fc.integer({min: 2, max: 20}),
				fc.option(fc.double({min: -10, max: 1e9, noNaN: true}), {nil: undefined}),
				(values, width, height, threshold) => {
					const lines = chartLines({
						points: minutes(values),
						range,
						periodMs: minute,
						width,
						height,
						format: v => String(Math.round(v)).slice(0, 6),
						thresholds: threshold === undefined ? [] : [{value: threshold, tone: 'bad'}],
					});
					expect(lines).toHaveLength(height);
					for (const line of lines) expect(stringWidth(text(line))).toBe(width);
				},
			),
			{numRuns: 200},
		);
	});

	it('refuses sizes it cannot draw', () => {
		expect(() => chart({width: 4})).toThrow(/width must be an integer of at least 8/);
		expect(() => chart({height: 1})).toThrow(/height must be an integer of at least 2/);
	});
});
