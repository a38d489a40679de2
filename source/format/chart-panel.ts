// One chart with its title, its alarms and its current/max/min beside it, as lines of segments of an
// exact size: what components/chart.tsx draws.

import type {MetricAlarm, MetricSeries, TimeRange} from '../port/types.js';
import {chartThresholds, thresholdText} from './alarm-thresholds.js';
import {chartLines, thresholdChar, type ChartScale} from './chart.js';
import {bucketByTime, seriesStats} from './chart-buckets.js';
import {formatBytes, formatCount, formatPercent, missing} from './numbers.js';
import {sanitize} from './sanitize.js';
import {besideLines, blankLine, fitLine, textLine, type Segment, type SegmentLine} from './segments.js';
import {sparkline} from './sparkline.js';

export type ChartUnit = 'percent' | 'bytes' | 'count';

export type ChartPanelInput = {
	/** From AWS in part (a service name): sanitized here. */
	title: string;
	unit: ChartUnit;
	/** Undefined until the first answer: then `message` says why (loading…, the error). */
	series?: MetricSeries;
	/** The window the series was fetched for. */
	range?: TimeRange;
	periodSeconds: number;
	/** Alarms watching this very metric (alarmsWatching): drawn as thresholds. */
	alarms: readonly MetricAlarm[];
	width: number;
	height: number;
	message?: string;
	/** When deployments started: marked on the time axis. */
	markers?: readonly number[];
};

/** Decimals an axis label needs so neighbouring rows, `step` apart, read differently. */
function decimalsFor(step: number): number {
	return step >= 1 ? 0 : step >= 0.1 ? 1 : 2;
}

const binaryUnits = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];

/** "3.55 GiB": bytes in the value's own unit, with as many decimals as the row step needs. */
export function axisBytes(value: number, step: number): string {
	const unit = Math.max(0, Math.min(binaryUnits.length - 1, Math.floor(Math.log(Math.max(1, Math.abs(value))) / Math.log(1024))));
	const size = 1024 ** unit;
	return `${(value / size).toFixed(unit === 0 ? 0 : decimalsFor(step / size))} ${binaryUnits[unit]}`;
}

type UnitFormat = {value: (v: number | undefined) => string; axis: (v: number, step: number) => string; scale: ChartScale};

const units: Record<ChartUnit, UnitFormat> = {
	// Ten points at least: a 0.3% wobble should look like one, not like a cliff.
	percent: {value: formatPercent, axis: (v, step) => `${v.toFixed(decimalsFor(step))}%`, scale: {minSpan: 10, floor: 0, ceiling: 100}},
	bytes: {value: v => formatBytes(v, {binary: true}), axis: axisBytes, scale: {floor: 0}},
	count: {
		value: v => (v === undefined ? missing : formatCount(Math.round(v * 10) / 10)),
		axis: (v, step) => (step >= 1 ? formatCount(Math.round(v)) : v.toFixed(decimalsFor(step))),
		scale: {minSpan: 10, floor: 0},
	},
};

export const sideWidth = 11;
// Narrower than this, the current/max/min go on the title line instead of beside the chart.
const sideMinWidth = 34;
// Axis labels are at most this wide for the units here ("1023 MiB" is 8): used to size periods.
const typicalLabelWidth = 7;

/** About how many plot columns a panel `width` wide has: what the fetch period is chosen for. */
export function plotColumnsFor(width: number): number {
	const side = width >= sideMinWidth ? sideWidth + 1 : 0;
	return Math.max(1, width - side - typicalLabelWidth - 1);
}

function statLines(input: ChartPanelInput): {now: string; max: string; min: string} {
	const format = units[input.unit].value;
	const stats = input.series && input.range ? seriesStats(input.series.points, input.range) : {};
	return {now: format(stats.current), max: format(stats.max), min: format(stats.min)};
}

function alarmSegments(alarms: readonly MetricAlarm[]): Segment[] {
	return alarms.flatMap(a => [
		{text: '  '},
		{text: `${thresholdChar} ${sanitize(`${a.name} ${thresholdText(a)} ${a.state}`)}`, tone: a.state === 'ALARM' ? ('bad' as const) : ('warn' as const), bold: a.state === 'ALARM'},
	]);
}

/** The plot rows, or a message in their place (loading, error, too small). */
function plotRows(input: ChartPanelInput, width: number, rows: number): SegmentLine[] {
	const {series, range} = input;
	if (!series || !range) {
		return Array.from({length: rows}, (_, i) => (i === Math.floor((rows - 1) / 2) ? textLine(`  ${input.message ?? 'loading…'}`, width, {tone: 'muted'}) : blankLine(width)));
	}
	if (rows < 2 || width < 8) {
		// Too small for axes: one sparkline row is still a trend.
		const values = bucketByTime(series.points, range, Math.max(1, width), input.periodSeconds * 1000);
		const line = sparkline(values, Math.max(0, width), input.unit === 'percent' ? {min: 0, max: 100} : {});
		return [[{text: line, tone: 'accent'}], ...Array.from({length: rows - 1}, () => blankLine(width))];
	}
	return chartLines({
		points: series.points,
		range,
		periodMs: input.periodSeconds * 1000,
		width,
		height: rows,
		format: units[input.unit].axis,
		scale: units[input.unit].scale,
		thresholds: chartThresholds(input.alarms),
		markers: input.markers,
	});
}

/**
 * Exactly `height` lines of exactly `width` columns: a title line naming the metric and the alarms
 * drawn on it, then the chart with `now`, `max` and `min` beside it (on the title line when narrow).
 */
export function chartPanel(input: ChartPanelInput): SegmentLine[] {
	const {width, height} = input;
	if (!Number.isInteger(width) || width < 1) throw new RangeError(`chartPanel: width must be a positive integer, got ${String(width)}`);
	if (!Number.isInteger(height) || height < 1) throw new RangeError(`chartPanel: height must be a positive integer, got ${String(height)}`);
	const stats = statLines(input);
	const beside = width >= sideMinWidth && height >= 3;
	const title: Segment[] = [{text: sanitize(input.title), bold: true}];
	if (!beside) title.push({text: `  now ${stats.now}`, bold: true}, {text: `  max ${stats.max}  min ${stats.min}`, tone: 'muted'});
	title.push(...alarmSegments(input.alarms));
	const lines: SegmentLine[] = [fitLine(title, width)];
	const rows = height - 1;
	if (rows === 0) return lines;
	if (!beside) return [...lines, ...plotRows(input, width, rows).map(l => fitLine(l, width))];
	const plotWidth = width - sideWidth - 1;
	const side: SegmentLine[] = [
		[{text: 'now ', tone: 'muted'}, {text: stats.now, bold: true}],
		[{text: 'max ', tone: 'muted'}, {text: stats.max}],
		[{text: 'min ', tone: 'muted'}, {text: stats.min}],
	];
	return [...lines, ...besideLines(plotRows(input, plotWidth, rows), plotWidth, side.slice(0, rows), sideWidth)];
}

