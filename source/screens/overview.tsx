import {Box, Text} from 'ink';
import {useMemo, useReducer, useState} from 'react';
import {CellLine, panelMessage, staleCells} from '../components/cell-line.js';
import {ServicesTable} from '../components/services-table.js';
import {combineFreshness} from '../format/freshness.js';
import {moveCursor} from '../format/list-window.js';
import {alarmCells, dbCells, errorCells} from '../format/overview-summary.js';
import {matchesFilter} from '../format/list-filter.js';
import {sanitize} from '../format/sanitize.js';
import {logLineRow} from '../format/log-rows.js';
import {overviewLayout} from '../format/overview-layout.js';
import {SegmentText} from '../components/segment-lines.js';
import {toneColor} from '../components/theme.js';
import {useErrorTail} from '../hooks/use-error-tail.js';
import {tailFreshness} from '../hooks/use-log-tail.js';
import {initialOverviewState, overviewReducer} from './overview-state.js';
import {serviceTableLayout, sparkWindowMs} from '../format/service-rows.js';
import {shortServiceName} from '../port/names.js';
import {useAlarms, useDatabase, useMetricBatch, useServices} from '../hooks/use-cloud-data.js';
import {useErrorCount} from '../hooks/use-error-count.js';
import {useTreeSuggestion} from '../hooks/use-runbook.js';
import {freshnessOf} from '../hooks/poll-state.js';
import type {Binding} from '../input/bindings.js';
import {dbQueries, serviceQueries, splitSeries} from '../model/metric-queries.js';
import {serviceTarget, useFixKeys} from '../fixes/ui/fix-keys.js';
import {useApp} from '../shell/app-context.js';
import type {ScreenModel, ScreenProps} from '../shell/screen-model.js';
import {deployBinding} from './deploy/deploy-key.js';
import {useMissingOffer} from './missing-offer.js';
import {runbookBinding, runbookCells} from './runbooks/overview-offer.js';

/** The services list with its live CPU and memory, shared by the overview and the services screen. */
export function useServiceList(props: ScreenProps, withDb: boolean, filter = '') {
	const {config, open} = useApp();
	const services = useServices();
	// The `/` filter narrows the rows (and what the cursor moves over), not what is fetched.
	const shown = useMemo(
		() => (filter === '' ? services.data : services.data?.filter(s => matchesFilter(shortServiceName(s.name, config.names), filter))),
		[services.data, filter, config.names],
	);
	const serviceNames = useMemo(() => (services.data ?? []).map(s => s.name), [services.data]);
	const queries = useMemo(
		() => [...serviceQueries(config.names, serviceNames, 60), ...(withDb ? dbQueries(config.names, 60) : [])],
		[config.names, serviceNames, withDb],
	);
	// One batch for every service and the database: wait for the service names rather than asking
	// for the database alone first (one GetMetricData more on every first load).
	// One sparkline cell a minute: a wider terminal shows more history, not wider cells.
	const longest = useMemo(() => Math.max(0, ...serviceNames.map(n => sanitize(shortServiceName(n, config.names)).length)), [serviceNames, config.names]);
	const windowMs = sparkWindowMs(serviceTableLayout(props.width, longest));
	const metrics = useMetricBatch(queries, windowMs, services.data !== undefined);
	const series = useMemo(() => splitSeries(serviceNames, metrics.data ?? []), [serviceNames, metrics.data]);
	const [cursor, setCursor] = useState(0);
	const count = shown?.length ?? 0;
	const selected = shown?.[Math.min(cursor, count - 1)];
	const bindings: Binding[] = [
		{keys: ['j', 'down'], description: 'next service', handler: () => setCursor(c => moveCursor(c, 1, count))},
		{keys: ['k', 'up'], description: 'previous service', handler: () => setCursor(c => moveCursor(c, -1, count))},
		{keys: ['g', 'home'], description: 'first service', handler: () => setCursor(0)},
		{keys: ['G', 'end'], description: 'last service', handler: () => setCursor(Math.max(0, count - 1))},
		{keys: ['pagedown', 'ctrl-d'], description: 'page down', handler: () => setCursor(c => moveCursor(c, Math.max(1, props.height - 6), count))},
		{keys: ['pageup', 'ctrl-u'], description: 'page up', handler: () => setCursor(c => moveCursor(c, -Math.max(1, props.height - 6), count))},
		{
			keys: ['enter'],
			description: 'open service detail',
			footer: true,
			handler: () => {
				if (selected) open('service', {name: selected.name});
			},
		},
		{
			keys: ['l'],
			description: 'logs of this service',
			footer: selected !== undefined,
			handler: () => {
				if (selected) open('logs', {service: selected.name});
			},
		},
		...useFixKeys(serviceTarget(config.names.cluster, selected?.name), 'service'),
		deployBinding(selected?.name, open),
	];
	return {services, shown, metrics, series, cursor: Math.min(cursor, Math.max(0, count - 1)), bindings, selected};
}

export function useOverviewScreen(props: ScreenProps): ScreenModel {
	const {config, open, now} = useApp();
	const at = now();
	const list = useServiceList(props, true);
	const alarms = useAlarms();
	const db = useDatabase();
	const errors = useErrorCount();
	const [state, dispatch] = useReducer(overviewReducer, initialOverviewState);
	// A visible problem offers its troubleshooting tree: `t` opens it on the runbooks screen.
	const suggestion = useTreeSuggestion({services: list.services.data, alarms: alarms.data, errors: errors.data});
	const services = list.services;
	const layout = overviewLayout(props.height, services.data?.length ?? 1);
	const tail = useErrorTail(layout.tailRows, props.width);
	const missing = useMissingOffer({services, db});
	const tailFocused = state.focus === 'errors' && layout.tailRows > 0;
	const selectedLine = tailFocused ? tail.lines[tail.lines.length - 1 - state.tailOffset] : undefined;
	const tailBindings: Binding[] = tailFocused
		? [
				{keys: ['j', 'down'], description: 'newer error line', handler: () => dispatch({type: 'tail-move', delta: 1, shown: tail.lines.length})},
				{keys: ['k', 'up'], description: 'older error line', handler: () => dispatch({type: 'tail-move', delta: -1, shown: tail.lines.length})},
				{
					keys: ['enter'],
					description: 'open the line on the logs screen',
					footer: true,
					handler: () => {
						if (selectedLine) open('logs', {lineGroup: selectedLine.event.logGroup, lineId: selectedLine.event.eventId});
					},
				},
				{keys: ['esc'], description: 'back to the services', handler: () => dispatch({type: 'services'})},
			]
		: [];
	const taken = new Set(tailBindings.flatMap(b => b.keys));
	const bindings: Binding[] = [
		...tailBindings,
		// A missing cluster or database: picking one that exists is the first thing to do here.
		...missing.bindings,
		...list.bindings.filter(b => !b.keys.some(k => taken.has(k))),
		{
			keys: ['e'],
			description: tailFocused ? 'back to the services' : 'select in the error lines',
			footer: layout.tailRows > 0 && tail.lines.length > 0,
			disabledReason: layout.tailRows > 0 ? undefined : 'no room for the error lines here: see them with :logs',
			handler: () => dispatch({type: 'toggle-focus'}),
		},
		runbookBinding(suggestion, open),
	];
	const tailRows = tail.lines.map((line, i) => {
		const row = logLineRow(line, props.width, tail.column.of(line));
		return {key: `${line.event.logGroup}:${line.event.eventId}`, row, selected: tailFocused && i === tail.lines.length - 1 - state.tailOffset};
	});
	const hiddenTail = layout.tailRows === 0 ? [{text: 'no room for the lines here: :logs shows them', tone: 'muted' as const}] : [];
	return {
		bindings,
		freshness: combineFreshness([
			freshnessOf(services),
			freshnessOf(list.metrics),
			freshnessOf(alarms),
			freshnessOf(db),
			...(layout.tailRows > 0 ? [tailFreshness(tail.state)] : []),
		]),
		body: (
			<Box flexDirection="column">
				{services.data ? (
					<ServicesTable services={services.data} series={list.series.perService} names={config.names} cursor={tailFocused ? -1 : list.cursor} width={props.width} height={layout.tableHeight} stale={staleCells(services, at)[0]?.text} />
				) : (
					<Box height={layout.tableHeight}>
						<CellLine label="SERVICES" cells={missing.cluster ?? panelMessage(services, 'no services')} />
					</Box>
				)}
				<CellLine
					label="ALARMS"
					cells={[...staleCells(alarms, at), ...runbookCells(suggestion), ...(alarms.data ? alarmCells(alarms.data) : panelMessage(alarms, 'no alarms watch this environment'))]}
				/>
				<CellLine label="DATABASE" cells={[...staleCells(db, at), ...(db.data ? dbCells(db.data, list.series.db) : (missing.db ?? panelMessage(db, `no database ${sanitize(config.names.db)}`)))]} />
				<CellLine
					label="ERRORS"
					cells={[
						...staleCells(errors, at),
						...(errors.data ? errorCells(errors.data) : panelMessage(errors, 'no log events')),
						...(layout.tailRows > 0 ? [{text: `newest below, filter ${sanitize(tail.pattern || '(all lines)')}`, tone: 'muted' as const}] : hiddenTail),
					]}
				/>
				{layout.tailRows > 0 ? (
					<Box flexDirection="column" height={layout.tailRows}>
						{tailRows.length === 0 ? <Text color={toneColor('muted')}>{tail.state.error ? sanitize(tail.state.error.message) : 'no matching lines yet'}</Text> : null}
						{tailRows.map(({key, row, selected}) => (
							<SegmentText key={key} line={row} inverse={selected} />
						))}
					</Box>
				) : null}
			</Box>
		),
	};
}
