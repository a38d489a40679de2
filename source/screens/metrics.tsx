import {Box} from 'ink';
import {useMemo, useState} from 'react';
import {ChartGrid} from '../components/chart.js';
import {SegmentText} from '../components/segment-lines.js';
import {alarmsWatching} from '../format/alarm-thresholds.js';
import type {PanelSpec} from '../format/chart-grid.js';
import {combineFreshness} from '../format/freshness.js';
import {moveCursor} from '../format/list-window.js';
import {answered, chartLayout, chartMessage, databaseChartPanels, rangeOf, windowSegments} from '../format/metric-charts.js';
import {periodFor} from '../format/metric-window.js';
import {sanitize} from '../format/sanitize.js';
import {fitLine, type Segment} from '../format/segments.js';
import {useAlarms, useMetricBatch, useServices} from '../hooks/use-cloud-data.js';
import {useMetricWindow} from '../hooks/use-metric-window.js';
import {freshnessOf} from '../hooks/poll-state.js';
import type {Binding} from '../input/bindings.js';
import {databaseQueries, serviceQueries, splitSeries} from '../model/metric-queries.js';
import {shortServiceName} from '../port/names.js';
import {useApp} from '../shell/app-context.js';
import type {ScreenModel, ScreenProps} from '../shell/screen-model.js';

/** `:metrics`: one service's CPU and memory (j/k or ←/→ choose it) above the database's charts. */
export function useMetricsScreen(props: ScreenProps): ScreenModel {
	const {config} = useApp();
	const {names} = config;
	const services = useServices();
	const alarms = useAlarms();
	const {window, bindings: windowBindings} = useMetricWindow();
	const [cursor, setCursor] = useState(0);
	const serviceNames = useMemo(() => (services.data ?? []).map(s => s.name), [services.data]);
	const [serviceSection, databaseSection] = chartLayout(props.width, Math.max(0, props.height - 1), [2, 3]);
	const periodSeconds = periodFor(window.ms, serviceSection?.plotColumns ?? 1);
	const databasePeriodSeconds = periodFor(window.ms, databaseSection?.plotColumns ?? 1);
	// Every service and the database in one GetMetricData call: switching service costs no request.
	const queries = useMemo(
		() => [...serviceQueries(names, serviceNames, periodSeconds), ...databaseQueries(names, databasePeriodSeconds)],
		[names, serviceNames, periodSeconds, databasePeriodSeconds],
	);
	// Waits for the service list, so startup is one batch with every query rather than two.
	const batch = useMetricBatch(queries, window.ms, services.status !== 'loading');
	const split = useMemo(() => splitSeries(serviceNames, batch.data ?? []), [serviceNames, batch.data]);
	const count = serviceNames.length;
	const index = Math.min(cursor, Math.max(0, count - 1));
	const selected = serviceNames[index];
	const range = useMemo(() => rangeOf(batch, window.ms), [batch.updatedAt, window.ms]); // eslint-disable-line react-hooks/exhaustive-deps -- the range moves only when new data arrived (updatedAt), not at every render

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
		() => databaseChartPanels(names, batch, split.db, range, databasePeriodSeconds, alarms.data),
		[names, batch, split.db, range, databasePeriodSeconds, alarms.data],
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
		...windowSegments(window, periodSeconds, databasePeriodSeconds),
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
				{databaseSection && databaseSection.height > 0 ? (
					<ChartGrid panels={databasePanels} width={props.width} height={databaseSection.height} columns={databaseSection.columns} />
				) : null}
			</Box>
		),
	};
}
