// A line chart as lines of coloured segments, drawn by asciichart and then taken apart again: each
// series is plotted with a private marker instead of a terminal colour, so the result carries no
// escape sequence and every cell knows which series drew it (the component colours it, or not,
// under NO_COLOR). Only numbers go in; the caller sanitizes titles.

import asciichart from 'asciichart';
import type {MetricPoint, TimeRange} from '../port/types.js';
import {bucketByTime} from './chart-buckets.js';
import type {Segment, SegmentLine, SegmentTone} from './segments.js';
import {timeAxisLine} from './time-axis.js';
import {padEnd, padStart, truncate} from './truncate.js';

export type ChartThreshold = {value: number; tone: SegmentTone};

export type ChartInput = {
	points: readonly MetricPoint[];
	range: TimeRange;
	periodMs: number;
	width: number;
	/** Rows, at least 2. */
	height: number;
	/** Axis label for a value, kept short; `step` is the value between two rows, to choose decimals. */
	format: (value: number, step: number) => string;
	scale?: ChartScale;
	thresholds?: readonly ChartThreshold[];
	/** Times (deployments) marked under the plot. A chart 4 rows or taller gets a time axis. */
	markers?: readonly number[];
};

/** Charts at least this tall spend their last row on the time axis. */
export const timeAxisMinHeight = 4;

// A threshold is dashed as well as coloured, so it still differs from the data under NO_COLOR.
export const thresholdChar = '┄';
export const noDataText = 'no datapoints in this window';
const dataTone: SegmentTone = 'accent';
const axisTone: SegmentTone = 'muted';
// Markers asciichart wraps around a cell: \u0001<series index>\u0002<char><reset>.
const marker = (series: number) => `\u0001${series}\u0002`;
const markedCell = /^\u0001(\d+)\u0002(.)\u001B\[0m/u;

type Cell = {char: string; series?: number};

function checkSize(width: number, height: number): void {
	if (!Number.isInteger(width) || width < 8) throw new RangeError(`chart: width must be an integer of at least 8 columns, got ${String(width)}`);
	if (!Number.isInteger(height) || height < 2) throw new RangeError(`chart: height must be an integer of at least 2 rows, got ${String(height)}`);
}

export type ChartScale = {
	/** Always on the axis (0 for a count); data and thresholds beyond widen it. */
	min?: number;
	max?: number;
	/**
	 * The narrowest span the axis shows, widened about the data's middle, so noise of a tenth of a
	 * percent does not fill the chart; the widening stays within `floor`..`ceiling` when it can.
	 */
	minSpan?: number;
	floor?: number;
	ceiling?: number;
};

/** The axis range: data, thresholds and the scale's bounds, never empty (a flat line gets room). */
export function chartRange(values: readonly number[], input: {scale?: ChartScale; thresholds?: readonly ChartThreshold[]}): {min: number; max: number} {
	const scale = input.scale ?? {};
	const all = [...values, ...(input.thresholds ?? []).map(t => t.value)];
	if (scale.min !== undefined) all.push(scale.min);
	if (scale.max !== undefined) all.push(scale.max);
	const lo = Math.min(...all);
	const hi = Math.max(...all);
	// A flat line gets a tenth of its value above and below; a flat zero, one unit.
	const flat = hi - lo < 1e-9 ? (Math.abs(hi) > 0 ? Math.abs(hi) * 0.2 : 1) : 0;
	const span = Math.max(scale.minSpan ?? 0, hi - lo, flat);
	let min = (lo + hi) / 2 - span / 2;
	let max = (lo + hi) / 2 + span / 2;
	// Slide the widening back inside the bounds rather than show an axis below 0% or above 100%;
	// data beyond a bound still shows (ECS CPU can pass 100% of the reservation).
	if (span > hi - lo) {
		if (scale.floor !== undefined && min < scale.floor) {
			max += scale.floor - min;
			min = scale.floor;
		}
		if (scale.ceiling !== undefined && max > scale.ceiling) {
			min -= max - scale.ceiling;
			max = scale.ceiling;
			if (scale.floor !== undefined) min = Math.max(min, scale.floor);
		}
	}
	min = Math.min(min, lo);
	max = Math.max(max, hi);
	if (max - min < 1e-9) max = min + 1;
	return {min, max};
}

/** The value each row's label stands for, top row first (as asciichart computes it). */
function rowValues(min: number, max: number, height: number): number[] {
	return Array.from({length: height}, (_, r) => max - (r * (max - min)) / (height - 1));
}

/** Each row split into cells: plain characters (the label is one cell), marked ones know their series. */
function parseRow(row: string): Cell[] {
	const cells: Cell[] = [];
	let rest = row;
	while (rest.length > 0) {
		const match = markedCell.exec(rest);
		if (match) {
			cells.push({char: match[2]!, series: Number(match[1])});
			rest = rest.slice(match[0].length);
		} else {
			const char = String.fromCodePoint(rest.codePointAt(0)!);
			cells.push({char});
			rest = rest.slice(char.length);
		}
	}
	return cells;
}

/** Fills gaps for asciichart (it cannot skip a value): the previous value, or the next at the start. */
function fillGaps(values: ReadonlyArray<number | undefined>): number[] {
	const first = values.find((v): v is number => v !== undefined) ?? 0;
	let last = first;
	return values.map(v => (v === undefined ? last : (last = v)));
}

function blankChart(input: ChartInput): SegmentLine[] {
	const labelWidth = 2;
	const plotWidth = input.width - labelWidth - 1;
	const message = truncate(noDataText, plotWidth);
	const middle = Math.floor((input.height - 1) / 2);
	return Array.from({length: input.height}, (_, r) => [
		{text: ' '.repeat(labelWidth)},
		{text: '┤', tone: axisTone},
		{text: r === middle ? padEnd(' '.repeat(Math.floor((plotWidth - message.length) / 2)) + message, plotWidth) : ' '.repeat(plotWidth), tone: axisTone},
	]);
}

/**
 * Exactly `height` lines of exactly `width` columns: value labels, the axis, then one column per
 * time slice of `range` with the series (newest on the right) and each threshold as a dashed
 * horizontal line behind it. Columns with no datapoint stay empty.
 */
export function chartLines(input: ChartInput): SegmentLine[] {
	checkSize(input.width, input.height);
	if (input.height >= timeAxisMinHeight) {
		const plot = plotLines({...input, height: input.height - 1});
		// The axis starts under the plot's first column: after the labels and the axis line.
		const indent = plotIndent(plot[0]);
		return [...plot, timeAxisLine(input.range, input.width - indent, indent, input.markers)];
	}
	return plotLines(input);
}

/** Columns before the plot: the value labels and the axis character, the first two segments. */
function plotIndent(line: SegmentLine | undefined): number {
	return (line?.[0]?.text.length ?? 0) + (line?.[1]?.text.length ?? 0);
}

function plotLines(input: ChartInput): SegmentLine[] {
	const thresholds = input.thresholds ?? [];
	const overlapping = input.points.filter(
		p => Number.isFinite(p.v) && p.t < input.range.end && p.t + input.periodMs > input.range.start,
	);
	if (overlapping.length === 0) return blankChart(input);
	const {min, max} = chartRange(
		overlapping.map(p => p.v),
		{scale: input.scale, thresholds},
	);
	// Labels first: their width decides how many columns are left for the plot.
	const step = (max - min) / (input.height - 1);
	const labelWidth = Math.min(
		Math.floor(input.width / 2),
		Math.max(2, ...rowValues(min, max, input.height).map(v => input.format(v, step).length)),
	);
	const columns = input.width - labelWidth - 1;
	const values = bucketByTime(input.points, input.range, columns, input.periodMs);
	const filled = fillGaps(values);
	const dataIndex = thresholds.length;
	// The data series starts with a copy of its first value, which asciichart draws on the axis; so
	// value i lands in plot column i.
	const series = [...thresholds.map(t => new Array<number>(columns + 1).fill(t.value)), [filled[0]!, ...filled]];
	const plot = asciichart.plot(series, {
		min,
		max,
		height: input.height - 1,
		offset: 2,
		format: (v: number) => padStart(input.format(v, step), labelWidth),
		colors: series.map((_, i) => marker(i)),
	});
	// Cells: the label's characters, the axis, `columns` plot cells and asciichart's spare one.
	const blankRow = (): Cell[] => new Array<Cell>(labelWidth + 2 + columns).fill({char: ' '});
	const grid = plot.split('\n').map(parseRow);
	// Float rounding can cost or add a row: the chart must be exactly `height` tall.
	while (grid.length < input.height) grid.push(blankRow());
	grid.length = input.height;
	const thresholdRows = thresholds.map((_, i) => grid.findIndex(row => row.some(c => c.series === i)));
	return grid.map((row, r) => {
		const label = row.slice(0, labelWidth).map(c => c.char).join('');
		const axis = row[labelWidth];
		// asciichart marks its "zero" row with ┼ by row index, which is not where zero is: an unmarked
		// axis cell is always ┤; a series' first value keeps its ┼ unless that value is a gap.
		const axisChar = axis?.series === undefined || (axis.series === dataIndex && values[0] === undefined) ? '┤' : axis.char;
		const plotCells = row.slice(labelWidth + 1, labelWidth + 1 + columns).map((cell, x): Segment => {
			if (cell.series === dataIndex && values[x] === undefined) {
				// A gap: show whatever the filled-in value hid.
				const behind = thresholdRows.findIndex(tr => tr === r);
				return behind >= 0 ? {text: thresholdChar, tone: thresholds[behind]!.tone} : {text: ' '};
			}
			if (cell.series === dataIndex) return {text: cell.char, tone: dataTone};
			if (cell.series !== undefined) return {text: thresholdChar, tone: thresholds[cell.series]?.tone};
			return {text: cell.char};
		});
		while (plotCells.length < columns) plotCells.push({text: ' '});
		return [{text: padStart(label, labelWidth), tone: axisTone}, {text: axisChar, tone: axisTone}, ...mergeSegments(plotCells)];
	});
}

/** Joins neighbouring cells of the same style, so a line is a few <Text>s, not one per column. */
export function mergeSegments(cells: readonly Segment[]): Segment[] {
	const out: Segment[] = [];
	for (const cell of cells) {
		const last = out[out.length - 1];
		if (last && last.tone === cell.tone && last.bold === cell.bold) last.text += cell.text;
		else out.push({...cell});
	}
	return out;
}
