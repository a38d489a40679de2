import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {chartGridLines, gridColumns, splitEvenly} from '../../source/format/chart-grid.js';
import {chartPanel, plotColumnsFor, type ChartPanelInput} from '../../source/format/chart-panel.js';
import {lineWidth, type SegmentLine} from '../../source/format/segments.js';
import type {MetricAlarm} from '../../source/port/types.js';

const minute = 60_000;
const range = {start: 0, end: 30 * minute};
const text = (line: SegmentLine) => line.map(s => s.text).join('');
const all = (lines: SegmentLine[]) => lines.map(text).join('\n');

const memoryAlarm: MetricAlarm = {
	kind: 'metric',
	name: 'ACSO-HighMemory',
	arn: 'arn:aws:cloudwatch:eu-west-1:1:alarm:ACSO-HighMemory',
	state: 'ALARM',
	stateReason: 'Threshold Crossed',
	stateUpdatedAt: 0,
	namespace: 'AWS/ECS',
	metricName: 'MemoryUtilization',
	dimensions: {ClusterName: 'acso-production-cluster', ServiceName: 'acso-production-supervisor'},
	statistic: 'Average',
	periodSeconds: 60,
	evaluationPeriods: 3,
	threshold: 85,
	comparisonOperator: 'GreaterThanThreshold',
};

function panel(overrides: Partial<ChartPanelInput> = {}): SegmentLine[] {
	return chartPanel({
		title: 'supervisor memory',
		unit: 'percent',
		series: {id: 'mem_0', label: 'm', complete: true, points: Array.from({length: 30}, (_, i) => ({t: i * minute, v: 80 + i / 3}))},
		range,
		periodSeconds: 60,
		alarms: [memoryAlarm],
		width: 70,
		height: 8,
		...overrides,
	});
}

describe('chartPanel', () => {
	it('is exactly width x height', () => {
		const lines = panel();
		expect(lines).toHaveLength(8);
		for (const line of lines) expect(lineWidth(line)).toBe(70);
	});

	it('titles the chart with its alarm, the threshold written as the alarm compares', () => {
		const title = text(panel()[0]!);
		expect(title).toContain('supervisor memory');
		expect(title).toContain('ACSO-HighMemory > 85 ALARM');
		const alarmSegment = panel()[0]!.find(s => s.text.includes('ACSO-HighMemory'));
		expect(alarmSegment?.tone).toBe('bad');
	});

	it('shows now, max and min beside the chart', () => {
		const lines = panel();
		expect(text(lines[1]!)).toMatch(/now 89\.7% *$/);
		expect(text(lines[2]!)).toMatch(/max 89\.7% *$/);
		expect(text(lines[3]!)).toMatch(/min 80\.0% *$/);
	});

	it('moves the numbers onto the title line when narrow', () => {
		const lines = panel({width: 30, alarms: []});
		expect(text(lines[0]!)).toContain('now 89.7%');
		for (const line of lines) expect(lineWidth(line)).toBe(30);
	});

	it('says loading, or why, until the series arrives', () => {
		expect(all(panel({series: undefined}))).toContain('loading…');
		expect(all(panel({series: undefined, message: 'throttled: slow down'}))).toContain('throttled: slow down');
	});

	it('shows a sparkline when only two rows are left', () => {
		const lines = panel({height: 2});
		expect(lines).toHaveLength(2);
		expect(text(lines[1]!)).toMatch(/[▁▂▃▄▅▆▇█]/);
	});

	it('sanitizes the title (a service name comes from AWS)', () => {
		expect(text(panel({title: 'evil\u001B]0;pwned\u0007'})[0]!)).toContain('evil\\x1b]0;pwned\\x07');
	});

	it('formats bytes and counts in their units', () => {
		const bytes = panel({unit: 'bytes', alarms: [], series: {id: 'f', label: 'f', complete: true, points: [{t: 0, v: 2 * 1024 ** 3}]}});
		expect(all(bytes)).toContain('now 2.0 GiB');
		const count = panel({unit: 'count', alarms: [], series: {id: 'c', label: 'c', complete: true, points: [{t: 0, v: 41.26}]}});
		expect(all(count)).toContain('now 41.3');
	});

	it('fits every size', () => {
		fc.assert(
			fc.property(fc.integer({min: 1, max: 160}), fc.integer({min: 1, max: 30}), (width, height) => {
				const lines = panel({width, height});
				expect(lines).toHaveLength(height);
				for (const line of lines) expect(lineWidth(line)).toBe(width);
			}),
			{numRuns: 150},
		);
	});

	it('refuses a bad size', () => {
		expect(() => panel({width: 0})).toThrow(/width must be a positive integer/);
		expect(() => panel({height: 0.5})).toThrow(/height must be a positive integer/);
	});
});

describe('grid layout', () => {
	it('splits evenly, summing to the total', () => {
		expect(splitEvenly(10, 3)).toEqual([4, 3, 3]);
		expect(splitEvenly(2, 4)).toEqual([1, 1, 0, 0]);
		expect(() => splitEvenly(10, 0)).toThrow(/parts must be a positive integer/);
	});

	it('puts as many charts side by side as stay readable', () => {
		expect(gridColumns(3, 120)).toBe(3);
		expect(gridColumns(3, 100)).toBe(2);
		expect(gridColumns(2, 60)).toBe(1);
		expect(gridColumns(2, 200)).toBe(2);
	});

	it('sizes the fetch period for the plot area, not the whole panel', () => {
		expect(plotColumnsFor(60)).toBeLessThan(60 - 11);
		expect(plotColumnsFor(20)).toBe(12);
	});

	it('fills the area exactly, with charts side by side', () => {
		const spec = {title: 'x', unit: 'percent' as const, series: undefined, range, periodSeconds: 60, alarms: [], message: 'loading…'};
		const lines = chartGridLines([{...spec, title: 'LEFT'}, {...spec, title: 'RIGHT'}, {...spec, title: 'THIRD'}], 101, 13, 2);
		expect(lines).toHaveLength(13);
		for (const line of lines) expect(lineWidth(line)).toBe(101);
		expect(text(lines[0]!)).toMatch(/^LEFT +RIGHT/);
		expect(lines.some(l => text(l).startsWith('THIRD'))).toBe(true);
	});
});
