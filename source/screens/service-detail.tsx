import {Box} from 'ink';
import {useMemo, useState} from 'react';
import {ChartGrid} from '../components/chart.js';
import {SegmentText} from '../components/segment-lines.js';
import {ServiceSections, type SectionName} from '../components/service-sections.js';
import {alarmsWatching} from '../format/alarm-thresholds.js';
import {combineFreshness} from '../format/freshness.js';
import {moveCursor} from '../format/list-window.js';
import {periodFor} from '../format/metric-window.js';
import {sanitize} from '../format/sanitize.js';
import {fitLine, textLine, type Segment} from '../format/segments.js';
import {useAlarms, useMetricBatch} from '../hooks/use-cloud-data.js';
import {useServiceDetail, type ServiceDetail} from '../hooks/use-service-detail.js';
import type {Binding} from '../input/bindings.js';
import {serviceQueries, splitSeries} from '../model/metric-queries.js';
import {healthOf} from '../model/services.js';
import {shortServiceName} from '../port/names.js';
import {serviceTarget, useFixKeys} from '../fixes/ui/fix-keys.js';
import {useApp} from '../shell/app-context.js';
import type {ScreenModel, ScreenProps} from '../shell/screen-model.js';
import {deployBinding} from './deploy/deploy-key.js';
import {answered, chartLayout, chartMessage, rangeOf} from '../format/metric-charts.js';
import {useMetricWindow} from '../hooks/use-metric-window.js';
import {freshnessOf} from '../hooks/poll-state.js';

function summarySegments(detail: ServiceDetail | undefined, short: string, message: string): Segment[] {
	if (!detail) return [{text: short, bold: true}, {text: `  ${message}`, tone: 'muted'}];
	const {service} = detail;
	const health = healthOf(service);
	return [
		{text: short, bold: true},
		{text: `  ${sanitize(service.status)}`, tone: service.status === 'ACTIVE' ? 'ok' : 'warn'},
		{text: '  running ', tone: 'muted'},
		{text: `${service.runningCount}/${service.desiredCount}`, tone: health, bold: health === 'bad'},
		{text: '  pending ', tone: 'muted'},
		{text: String(service.pendingCount), tone: service.pendingCount > 0 ? 'warn' : undefined},
		{text: `  ${sanitize(service.launchType ?? '')}  `, tone: 'muted'},
		{text: sanitize(service.taskDefinition)},
		{text: ` ${sanitize(detail.sizes[service.taskDefinition] ?? '')}`, tone: 'muted'},
	];
}

const sectionKeys: Record<SectionName, string> = {deployments: 'd', tasks: 't', events: 'e'};
const sectionOrder: readonly SectionName[] = ['deployments', 'tasks', 'events'];

/** Service detail (Enter on a service): deployments, tasks with failures first, events, and its charts. */
export function useServiceDetailScreen(props: ScreenProps): ScreenModel {
	const {config, now, open} = useApp();
	const {names} = config;
	const name = props.params.name ?? '';
	const short = sanitize(shortServiceName(name, names));
	const state = useServiceDetail(name);
	const {window, bindings: windowBindings} = useMetricWindow();
	const [focus, setFocus] = useState<SectionName>('tasks');
	const [cursors, setCursors] = useState<Record<SectionName, number>>({deployments: 0, tasks: 0, events: 0});

	// Small charts when there is room; below that the sections need every row, and nothing is fetched for charts.
	const chartsHeight = props.height >= 24 ? 7 : props.height >= 18 ? 5 : 0;
	const alarms = useAlarms(chartsHeight > 0);
	const [chartSection] = chartLayout(props.width, chartsHeight, [2]);
	const periodSeconds = periodFor(window.ms, chartSection?.plotColumns ?? 1);
	const queries = useMemo(() => (name ? serviceQueries(names, [name], periodSeconds) : []), [names, name, periodSeconds]);
	const batch = useMetricBatch(queries, window.ms, chartsHeight > 0);
	const range = useMemo(() => rangeOf(batch, window.ms), [batch.updatedAt, window.ms]); // eslint-disable-line react-hooks/exhaustive-deps -- the range moves only when new data arrived (updatedAt), not at every render
	const panels = useMemo(() => {
		const own = splitSeries([name], batch.data ?? []).perService.get(name);
		const watch = (metricName: string) => alarmsWatching(alarms.data, {namespace: 'AWS/ECS', metricName, dimensions: {ClusterName: names.cluster, ServiceName: name}});
		// A deploy marker under the charts where each of the service's deployments started.
		const markers = (state.data?.service.deployments ?? []).map(d => d.createdAt).filter(t => t > 0);
		const common = {range, periodSeconds, message: chartMessage(batch), markers};
		return [
			{...common, title: `CPU · ${window.label}`, unit: 'percent' as const, series: answered(batch, own?.cpu, 'cpu'), alarms: watch('CPUUtilization')},
			{...common, title: `memory · ${window.label}`, unit: 'percent' as const, series: answered(batch, own?.memory, 'mem'), alarms: watch('MemoryUtilization')},
		];
	}, [name, batch, alarms.data, names.cluster, range, periodSeconds, window.label, state.data?.service.deployments]);

	const detail = state.data;
	const counts: Record<SectionName, number> = {
		deployments: detail?.service.deployments.length ?? 0,
		tasks: detail?.tasks.length ?? 0,
		events: detail?.service.events.length ?? 0,
	};
	const move = (delta: number) => setCursors(c => ({...c, [focus]: moveCursor(Math.min(c[focus], Math.max(0, counts[focus] - 1)), delta, counts[focus])}));
	const cycle = (step: number) => setFocus(f => sectionOrder[(sectionOrder.indexOf(f) + step + sectionOrder.length) % sectionOrder.length]!);
	const bindings: Binding[] = [
		{keys: ['j', 'down'], description: `next row of the focused section`, handler: () => move(1)},
		{keys: ['k', 'up'], description: `previous row of the focused section`, handler: () => move(-1)},
		{keys: ['pagedown', 'ctrl-d'], description: 'page down', handler: () => move(5)},
		{keys: ['pageup', 'ctrl-u'], description: 'page up', handler: () => move(-5)},
		...sectionOrder.map(s => ({keys: [sectionKeys[s]], description: `focus ${s}`, footer: true, handler: () => setFocus(s)})),
		{keys: ['l', 'right'], description: 'focus the next section', handler: () => cycle(1)},
		{keys: ['h', 'left'], description: 'focus the previous section', handler: () => cycle(-1)},
		{keys: ['L'], description: 'logs of this service', footer: true, handler: () => open('logs', {service: name})},
		...windowBindings,
		...useFixKeys(serviceTarget(names.cluster, name), 'service'),
		deployBinding(name || undefined, open, true),
	];

	const message = name === '' ? 'no service given: open one with Enter on the services screen' : state.error && !detail ? sanitize(state.error.message) : 'loading…';
	const sectionsHeight = Math.max(0, props.height - 1 - chartsHeight);
	return {
		bindings,
		title: `Service · ${short || '?'}`,
		freshness: combineFreshness([freshnessOf(state), ...(chartsHeight > 0 ? [freshnessOf(batch), freshnessOf(alarms)] : [])]),
		body: (
			<Box flexDirection="column">
				<SegmentText line={fitLine(summarySegments(detail, short || '—', message), props.width)} />
				{chartsHeight > 0 && chartSection ? <ChartGrid panels={panels} width={props.width} height={chartsHeight} columns={chartSection.columns} /> : null}
				{detail ? (
					<ServiceSections detail={detail} focus={focus} cursors={cursors} now={now()} width={props.width} height={sectionsHeight} />
				) : (
					<SegmentText line={textLine('', props.width)} />
				)}
			</Box>
		),
	};
}
