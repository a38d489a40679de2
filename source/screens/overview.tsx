import {Box} from 'ink';
import {useMemo, useState} from 'react';
import {CellLine, panelMessage, staleCells} from '../components/cell-line.js';
import {ServicesTable} from '../components/services-table.js';
import {combineFreshness} from '../format/freshness.js';
import {moveCursor} from '../format/list-window.js';
import {alarmCells, dbCells, errorCells} from '../format/overview-summary.js';
import {sanitize} from '../format/sanitize.js';
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
import {useMissingOffer} from './missing-offer.js';
import {runbookBinding, runbookCells} from './runbooks/overview-offer.js';

/** The services list with its live CPU and memory, shared by the overview and the services screen. */
export function useServiceList(props: ScreenProps, withDb: boolean) {
	const {config, open} = useApp();
	const services = useServices();
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
	const count = services.data?.length ?? 0;
	const selected = services.data?.[Math.min(cursor, count - 1)];
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
			footer: true,
			handler: () => {
				if (selected) open('logs', {service: selected.name});
			},
		},
		...useFixKeys(serviceTarget(config.names.cluster, selected?.name), 'service'),
	];
	return {services, metrics, series, cursor: Math.min(cursor, Math.max(0, count - 1)), bindings, selected};
}

export function useOverviewScreen(props: ScreenProps): ScreenModel {
	const {config, open, now} = useApp();
	const at = now();
	const list = useServiceList(props, true);
	const alarms = useAlarms();
	const db = useDatabase();
	const errors = useErrorCount();
	// A visible problem offers its troubleshooting tree: `t` opens it on the runbooks screen.
	const suggestion = useTreeSuggestion({services: list.services.data, alarms: alarms.data, errors: errors.data});
	const summaryRows = 3;
	const tableHeight = Math.max(2, props.height - summaryRows);
	const services = list.services;
	const missing = useMissingOffer({services, db});
	return {
		bindings: [...list.bindings, runbookBinding(suggestion, open), ...missing.bindings],
		freshness: combineFreshness([freshnessOf(services), freshnessOf(list.metrics), freshnessOf(alarms), freshnessOf(db)]),
		body: (
			<Box flexDirection="column">
				{services.data ? (
					<ServicesTable services={services.data} series={list.series.perService} names={config.names} cursor={list.cursor} width={props.width} height={tableHeight} stale={staleCells(services, at)[0]?.text} />
				) : (
					<Box height={tableHeight}>
						<CellLine label="SERVICES" cells={missing.cluster ?? panelMessage(services, 'no services')} />
					</Box>
				)}
				<CellLine
					label="ALARMS"
					cells={[...staleCells(alarms, at), ...runbookCells(suggestion), ...(alarms.data ? alarmCells(alarms.data) : panelMessage(alarms, 'no alarms watch this environment'))]}
				/>
				<CellLine label="DATABASE" cells={[...staleCells(db, at), ...(db.data ? dbCells(db.data, list.series.db) : (missing.db ?? panelMessage(db, `no database ${sanitize(config.names.db)}`)))]} />
				<CellLine label="ERRORS" cells={[...staleCells(errors, at), ...(errors.data ? errorCells(errors.data) : panelMessage(errors, 'no log events'))]} />
			</Box>
		),
	};
}
