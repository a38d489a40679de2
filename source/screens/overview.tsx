import {Box, Text} from 'ink';
import {useReducer} from 'react';
import {CellLine, panelMessage, staleCells} from '../components/cell-line.js';
import {ServicesTable} from '../components/services-table.js';
import {combineFreshness} from '../format/freshness.js';
import {alarmCells, databaseCells, errorCells} from '../format/overview-summary.js';
import {sanitize} from '../format/sanitize.js';
import {logLineRow} from '../format/log-rows.js';
import {overviewLayout} from '../format/overview-layout.js';
import {SegmentText} from '../components/segment-lines.js';
import {toneColor} from '../components/theme.js';
import {useErrorTail} from '../hooks/use-error-tail.js';
import {tailFreshness} from '../hooks/use-log-tail.js';
import {initialOverviewState, overviewReducer} from './overview-state.js';
import {useAlarms, useDatabase} from '../hooks/use-cloud-data.js';
import {useErrorCount} from '../hooks/use-error-count.js';
import {useReportKey} from '../hooks/use-report-key.js';
import {useTreeSuggestion} from '../hooks/use-runbook.js';
import {freshnessOf} from '../hooks/poll-state.js';
import type {Binding} from '../input/bindings.js';
import {useApp} from '../shell/app-context.js';
import type {ScreenModel, ScreenProps} from '../shell/screen-model.js';
import {useServiceList} from './service-list.js';
import {useMissingOffer} from './missing-offer.js';
import {runbookBinding, runbookCells} from './runbooks/overview-offer.js';

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
	const reportKey = useReportKey();
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
		reportKey,
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
				<CellLine label="DATABASE" cells={[...staleCells(db, at), ...(db.data ? databaseCells(db.data, list.series.db) : (missing.db ?? panelMessage(db, `no database ${sanitize(config.names.db)}`)))]} />
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
