// The chart screens' shared pieces (metrics, database, service detail): the time range a batch
// covers, what a chart says without data, the window line and how charts fill the body.
import {alarmsWatching} from './alarm-thresholds.js';
import {gridColumns, splitEvenly, type PanelSpec} from './chart-grid.js';
import {plotColumnsFor} from './chart-panel.js';
import {formatPeriod, metricWindows, type MetricWindow} from './metric-window.js';
import {sanitize} from './sanitize.js';
import type {Segment} from './segments.js';
import type {PollState} from '../hooks/poll-state.js';
import type {splitSeries} from '../model/metric-queries.js';
import type {ResourceNames} from '../port/names.js';
import type {Alarm, MetricSeries, TimeRange} from '../port/types.js';

/** The window a batch was fetched for, ending when it arrived. */
export function rangeOf(state: PollState<unknown>, windowMs: number): TimeRange | undefined {
	return state.updatedAt === undefined ? undefined : {start: state.updatedAt - windowMs, end: state.updatedAt};
}

/** What a chart says while it has no series: loading, or why the batch failed. */
export function chartMessage(state: PollState<unknown>): string {
	if (state.error && state.data === undefined) return sanitize(state.error.message);
	return 'loading…';
}

/** A series for every query once the batch answered: a missing one is a series with no points. */
export function answered(state: PollState<MetricSeries[]>, series: MetricSeries | undefined, id: string): MetricSeries | undefined {
	if (series) return series;
	return state.data ? {id, label: id, points: [], complete: true} : undefined;
}

/** `window 15m [1h] 3h 24h (1-4) period 1m`, for the first line of a chart screen (periods of each section). */
export function windowSegments(window: MetricWindow, ...periodSeconds: number[]): Segment[] {
	return [
		{text: 'window', tone: 'muted'},
		...metricWindows.map((w): Segment => (w === window ? {text: ` [${w.label}]`, bold: true} : {text: ` ${w.label}`, tone: 'muted'})),
		{text: ` (${metricWindows[0]?.key}-${metricWindows.at(-1)?.key})`, tone: 'muted'},
		{text: `  period ${[...new Set(periodSeconds)].map(formatPeriod).join('/')}`, tone: 'muted'},
	];
}

/** The database's three charts, used by the metrics and the database screens. */
export function databaseChartPanels(names: ResourceNames, batch: PollState<MetricSeries[]>, db: ReturnType<typeof splitSeries>['db'], range: TimeRange | undefined, periodSeconds: number, alarms: readonly Alarm[] | undefined): PanelSpec[] {
	const watch = (metricName: string) => alarmsWatching(alarms, {namespace: 'AWS/RDS', metricName, dimensions: {DBInstanceIdentifier: names.db}});
	const common = {range, periodSeconds, message: chartMessage(batch)};
	return [
		{...common, title: 'DB CPU', unit: 'percent', series: answered(batch, db.cpu, 'db_cpu'), alarms: watch('CPUUtilization')},
		{...common, title: 'DB connections', unit: 'count', series: answered(batch, db.connections, 'db_conn'), alarms: watch('DatabaseConnections')},
		{...common, title: 'DB freeable memory', unit: 'bytes', series: answered(batch, db.freeableMemory, 'db_free'), alarms: watch('FreeableMemory')},
	];
}

/**
 * Rows of charts that fill the body: for each section (a group of `counts[i]` charts) how many
 * side by side, how tall each row, and how many plot columns a chart has, which its fetch period
 * is chosen for (one batch may mix periods: each query carries its own).
 */
export function chartLayout(width: number, height: number, counts: readonly number[]) {
	const columns = counts.map(c => gridColumns(c, width));
	const rows = counts.map((c, i) => Math.ceil(c / columns[i]!));
	const heights = splitEvenly(height, rows.reduce((a, b) => a + b, 0));
	let next = 0;
	return counts.map((_, i) => {
		const own = heights.slice(next, next + rows[i]!);
		next += rows[i]!;
		const chartWidth = Math.floor((width - (columns[i]! - 1)) / columns[i]!);
		return {columns: columns[i]!, height: own.reduce((a, b) => a + b, 0), plotColumns: plotColumnsFor(chartWidth)};
	});
}
