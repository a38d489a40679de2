import {Box} from 'ink';
import {useMemo, useState} from 'react';
import {ChartGrid} from '../components/chart.js';
import {SegmentText} from '../components/segment-lines.js';
import {alarmsWatching} from '../format/alarm-thresholds.js';
import {gridColumns, splitEvenly, type PanelSpec} from '../format/chart-grid.js';
import {plotColumnsFor} from '../format/chart-panel.js';
import {combineFreshness} from '../format/freshness.js';
import {moveCursor} from '../format/list-window.js';
import {defaultWindowIndex, formatPeriod, metricWindows, periodFor, type MetricWindow} from '../format/metric-window.js';
import {sanitize} from '../format/sanitize.js';
import {fitLine, type Segment} from '../format/segments.js';
import {useAlarms, useMetricBatch, useServices} from '../hooks/use-cloud-data.js';
import type {PollState} from '../hooks/poll-state.js';
import type {Binding} from '../input/bindings.js';
import {dbQueries, serviceQueries, splitSeries} from '../model/metric-queries.js';
import {shortServiceName, type ResourceNames} from '../port/names.js';
import type {Alarm, MetricSeries, TimeRange} from '../port/types.js';
import {useApp} from '../shell/app-context.js';
import type {ScreenModel, ScreenProps} from '../shell/screen-model.js';
import {freshnessOf} from './overview.js';

/** Keys 1-4 choose the window; shared by every screen with charts. */
export function useMetricWindow() {
	const [index, setIndex] = useState(defaultWindowIndex);
	const window = metricWindows[index] ?? metricWindows[0]!;
	const bindings: Binding[] = metricWindows.map((w, i) => ({keys: [w.key], description: `charts: last ${w.label}`, handler: () => setIndex(i)}));
	return {window, bindings};
}

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
export function dbPanels(names: ResourceNames, batch: PollState<MetricSeries[]>, db: ReturnType<typeof splitSeries>['db'], range: TimeRange | undefined, periodSeconds: number, alarms: readonly Alarm[] | undefined): PanelSpec[] {
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

/** `:metrics`: one service's CPU and memory (j/k or ←/→ choose it) above the database's charts. */
export function useMetricsScreen(props: ScreenProps): ScreenModel {
	const {config} = useApp();
	const {names} = config;
	const services = useServices();
	const alarms = useAlarms();
	const {window, bindings: windowBindings} = useMetricWindow();
	const [cursor, setCursor] = useState(0);
	const serviceNames = useMemo(() => (services.data ?? []).map(s => s.name), [services.data]);
	const [serviceSection, dbSection] = chartLayout(props.width, Math.max(0, props.height - 1), [2, 3]);
	const periodSeconds = periodFor(window.ms, serviceSection?.plotColumns ?? 1);
	const dbPeriodSeconds = periodFor(window.ms, dbSection?.plotColumns ?? 1);
	// Every service and the database in one GetMetricData call: switching service costs no request.
	const queries = useMemo(
		() => [...serviceQueries(names, serviceNames, periodSeconds), ...dbQueries(names, dbPeriodSeconds)],
		[names, serviceNames, periodSeconds, dbPeriodSeconds],
	);
	// Waits for the service list, so startup is one batch with every query rather than two.
	const batch = useMetricBatch(queries, window.ms, services.status !== 'loading');
	const split = useMemo(() => splitSeries(serviceNames, batch.data ?? []), [serviceNames, batch.data]);
	const count = serviceNames.length;
	const index = Math.min(cursor, Math.max(0, count - 1));
	const selected = serviceNames[index];
	const range = useMemo(() => rangeOf(batch, window.ms), [batch.updatedAt, window.ms]); // eslint-disable-line react-hooks/exhaustive-deps

	const servicePanels = useMemo((): PanelSpec[] => {
		const short = selected ? shortServiceName(selected, names) : 'service';
		const own = selected ? split.perService.get(selected) : undefined;
		const watch = (metricName: string) =>
			selected ? alarmsWatching(alarms.data, {namespace: 'AWS/ECS', metricName, dimensions: {ClusterName: names.cluster, ServiceName: selected}}) : [];
		const message = services.status === 'empty' ? `no services in ${sanitize(names.cluster)}` : services.error && !services.data ? sanitize(services.error.message) : chartMessage(batch);
		const common = {range, periodSeconds, message};
		const known = selected !== undefined;
		return [
			{...common, title: `${short} CPU`, unit: 'percent', series: known ? answered(batch, own?.cpu, 'cpu') : undefined, alarms: watch('CPUUtilization')},
			{...common, title: `${short} memory`, unit: 'percent', series: known ? answered(batch, own?.memory, 'mem') : undefined, alarms: watch('MemoryUtilization')},
		];
	}, [selected, split, alarms.data, names, range, periodSeconds, batch, services.status, services.error, services.data]);
	const databasePanels = useMemo(
		() => dbPanels(names, batch, split.db, range, dbPeriodSeconds, alarms.data),
		[names, batch, split.db, range, dbPeriodSeconds, alarms.data],
	);

	const move = (delta: number) => setCursor(c => moveCursor(Math.min(c, Math.max(0, count - 1)), delta, count));
	const bindings: Binding[] = [
		{keys: ['j', 'right', 'l'], description: 'next service', footer: true, handler: () => move(1)},
		{keys: ['k', 'left', 'h'], description: 'previous service', footer: true, handler: () => move(-1)},
		...windowBindings,
	];
	const header: Segment[] = [
		{text: selected ? `◀ ${sanitize(shortServiceName(selected, names))} ▶` : 'no service', bold: true},
		{text: count > 0 ? ` ${index + 1}/${count}  ` : '  ', tone: 'muted'},
		...windowSegments(window, periodSeconds, dbPeriodSeconds),
	];
	return {
		bindings,
		freshness: combineFreshness([freshnessOf(services), freshnessOf(batch), freshnessOf(alarms)]),
		body: (
			<Box flexDirection="column">
				<SegmentText line={fitLine(header, props.width)} />
				{serviceSection && serviceSection.height > 0 ? (
					<ChartGrid panels={servicePanels} width={props.width} height={serviceSection.height} columns={serviceSection.columns} />
				) : null}
				{dbSection && dbSection.height > 0 ? (
					<ChartGrid panels={databasePanels} width={props.width} height={dbSection.height} columns={dbSection.columns} />
				) : null}
			</Box>
		),
	};
}
