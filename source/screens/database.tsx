import {Box} from 'ink';
import {useMemo} from 'react';
import {ChartGrid} from '../components/chart.js';
import {SegmentLines, SegmentText} from '../components/segment-lines.js';
import {databaseInfoLines} from '../format/database-rows.js';
import {combineFreshness} from '../format/freshness.js';
import {periodFor} from '../format/metric-window.js';
import {sanitize} from '../format/sanitize.js';
import {fitLine, textLine, type SegmentLine} from '../format/segments.js';
import {useAlarms, useDatabase, useMetricBatch} from '../hooks/use-cloud-data.js';
import {databaseQueries, splitSeries} from '../model/metric-queries.js';
import {databaseTarget, useFixKeys} from '../fixes/ui/fix-keys.js';
import {useApp} from '../shell/app-context.js';
import type {ScreenModel, ScreenProps} from '../shell/screen-model.js';
import {useMissingOffer} from './missing-offer.js';
import {chartLayout, databaseChartPanels, rangeOf, windowSegments} from '../format/metric-charts.js';
import {useMetricWindow} from '../hooks/use-metric-window.js';
import {freshnessOf} from '../hooks/poll-state.js';

const infoRows = 3;

/** `:db`: the RDS instance (status, class, engine, storage, Multi-AZ, endpoint) and its charts. */
export function useDatabaseScreen(props: ScreenProps): ScreenModel {
	const {config} = useApp();
	const {names} = config;
	const db = useDatabase();
	const alarms = useAlarms();
	const {window, bindings} = useMetricWindow();
	const chartsHeight = Math.max(0, props.height - infoRows - 1);
	const [section] = chartLayout(props.width, chartsHeight, [3]);
	const periodSeconds = periodFor(window.ms, section?.plotColumns ?? 1);
	const queries = useMemo(() => databaseQueries(names, periodSeconds), [names, periodSeconds]);
	const batch = useMetricBatch(queries, window.ms);
	const range = useMemo(() => rangeOf(batch, window.ms), [batch.updatedAt, window.ms]); // eslint-disable-line react-hooks/exhaustive-deps -- the range moves only when new data arrived (updatedAt), not at every render
	const panels = useMemo(
		() => databaseChartPanels(names, batch, splitSeries([], batch.data ?? []).db, range, periodSeconds, alarms.data),
		[names, batch, range, periodSeconds, alarms.data],
	);

	const missing = useMissingOffer({db});
	let info: SegmentLine[];
	if (db.data) info = databaseInfoLines(db.data, props.width);
	else if (missing.db) info = missing.db.map(cell => textLine(cell.text, props.width, {tone: cell.tone === 'warn' ? 'warn' : 'bad'}));
	else {
		const message = db.status === 'loading' ? 'loading…' : db.status === 'empty' ? `no database ${sanitize(names.db)}` : sanitize(db.error?.message ?? '');
		info = [textLine(`${sanitize(names.db)}  ${message}`, props.width, {tone: db.status === 'loading' ? 'muted' : 'bad'})];
	}
	while (info.length < infoRows) info.push(textLine('', props.width));
	return {
		bindings: [...bindings, ...useFixKeys(databaseTarget(names.db), 'database'), ...missing.bindings],
		freshness: combineFreshness([freshnessOf(db), freshnessOf(batch), freshnessOf(alarms)]),
		body: (
			<Box flexDirection="column">
				<SegmentLines lines={info.slice(0, infoRows)} />
				<SegmentText line={fitLine(windowSegments(window, periodSeconds), props.width)} />
				{section && chartsHeight > 0 ? <ChartGrid panels={panels} width={props.width} height={chartsHeight} columns={section.columns} /> : null}
			</Box>
		),
	};
}
