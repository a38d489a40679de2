import {Box} from 'ink';
import {useCallback, useMemo, useRef, useState} from 'react';
import {SegmentList} from '../components/segment-list.js';
import {SegmentLines} from '../components/segment-lines.js';
import {alarmDetailLines, alarmHeader, alarmLayout, alarmRow, type HistoryView} from '../format/alarm-rows.js';
import {combineFreshness} from '../format/freshness.js';
import {moveCursor} from '../format/list-window.js';
import {matchesFilter} from '../format/list-filter.js';
import {sanitize} from '../format/sanitize.js';
import {blankLine, fitLine, textLine, type SegmentLine} from '../format/segments.js';
import {useAlarms} from '../hooks/use-cloud-data.js';
import {freshnessOf, type PollState} from '../hooks/poll-state.js';
import {usePoll} from '../hooks/use-poll.js';
import type {Binding} from '../input/bindings.js';
import {isCloudError} from '../port/errors.js';
import {shortServiceName} from '../port/names.js';
import type {AlarmHistoryItem} from '../port/types.js';
import {alarmTarget, useFixKeys} from '../fixes/ui/fix-keys.js';
import {useApp} from '../shell/app-context.js';
import type {ScreenModel, ScreenProps} from '../shell/screen-model.js';
import {useListFilter} from './list-filter.js';

const historyWindowMs = 24 * 3600_000;
// History changes only when an alarm does; DescribeAlarmHistory's quota is about 3 calls a second.
const historyIntervalMs = 15_000;

/** One alarm's history, polled only while its detail is open. */
function useAlarmHistory(name: string | undefined, enabled: boolean): PollState<AlarmHistoryItem[]> {
	const {cloud, config, now, refresh} = useApp();
	const fetch = useCallback(async (signal: AbortSignal) => {
		const end = now();
		// DescribeAlarmHistory for this alarm over the last day.
		return cloud.alarms.describeAlarmHistory(name ?? '', {start: end - historyWindowMs, end}, {signal});
	}, [cloud, name, now]);
	return usePoll(fetch, {intervalMs: Math.max(config.refreshMs, historyIntervalMs), enabled: enabled && name !== undefined, key: name ?? '', now, refresh});
}

/** A poll's state as the detail shows it; an endpoint without the call (moto) says so plainly. */
export function historyView(state: PollState<AlarmHistoryItem[]>): HistoryView {
	if (state.data) return {status: 'ok', items: state.data};
	if (state.error && isCloudError(state.error) && state.error.kind === 'unsupported') return {status: 'unsupported'};
	if (state.error) return {status: 'error', message: state.error.message};
	return {status: 'loading'};
}

/** The detail pane: a window of its lines from `top`, with ▲/▼ markers, exactly `height` rows. */
function detailWindow(lines: readonly SegmentLine[], top: number, height: number, width: number): SegmentLine[] {
	const start = Math.max(0, Math.min(top, lines.length - height));
	const shown = lines.slice(start, start + height).map(l => fitLine(l, width));
	if (start > 0 && shown.length > 0) shown[0] = fitLine([{text: `▲ ${start} more`, tone: 'muted'}], width);
	const below = lines.length - (start + height);
	if (below > 0 && shown.length > 1) shown[shown.length - 1] = fitLine([{text: `▼ ${below} more`, tone: 'muted'}], width);
	while (shown.length < height) shown.push(blankLine(width));
	return shown;
}

/** `:alarms`: every alarm of the environment, ALARM first; Enter shows one's full reason and history. */
export function useAlarmsScreen(props: ScreenProps): ScreenModel {
	const {config, now} = useApp();
	const alarms = useAlarms();
	const filter = useListFilter('alarms');
	const [cursor, setCursor] = useState(0);
	const [detailOpen, setDetailOpen] = useState(false);
	const [detailTop, setDetailTop] = useState(0);
	// The last scroll offset the detail can take, known only once it is laid out below.
	const maxTop = useRef(0);
	const list = useMemo(() => (alarms.data ?? []).filter(a => matchesFilter(a.name, filter.text)), [alarms.data, filter.text]);
	const index = Math.min(cursor, Math.max(0, list.length - 1));
	const selected = list[index];
	const history = useAlarmHistory(selected?.name, detailOpen);
	const select = (delta: number) => {
		setCursor(c => moveCursor(Math.min(c, Math.max(0, list.length - 1)), delta, list.length));
		setDetailTop(0);
	};
	const bindings: Binding[] = [
		{keys: ['j', 'down'], description: 'next alarm', handler: () => select(1)},
		{keys: ['k', 'up'], description: 'previous alarm', handler: () => select(-1)},
		{keys: ['g', 'home'], description: 'first alarm', handler: () => select(-list.length)},
		{keys: ['G', 'end'], description: 'last alarm', handler: () => select(list.length)},
		{
			keys: ['enter'],
			description: detailOpen ? 'hide reason and history' : 'show full reason and history',
			footer: true,
			handler: () => {
				setDetailOpen(open => !open);
				setDetailTop(0);
			},
		},
	];
	if (detailOpen) {
		bindings.push(
			{keys: ['J', 'pagedown', 'ctrl-d'], description: 'scroll the detail down', footer: true, handler: () => setDetailTop(t => Math.min(maxTop.current, t + 3))},
			{keys: ['K', 'pageup', 'ctrl-u'], description: 'scroll the detail up', handler: () => setDetailTop(t => Math.max(0, t - 3))},
			// Listed before the global Esc, so Esc closes the detail before it leaves the screen.
			{keys: ['esc'], description: 'hide the detail', handler: () => setDetailOpen(false)},
		);
	}
	bindings.push(...useFixKeys(alarmTarget(selected?.name), 'alarm'));
	bindings.unshift(...filter.bindings);

	const shorten = (service: string) => shortServiceName(service, config.names);
	const layout = alarmLayout(props.width, list, shorten);
	const rows = list.map(a => alarmRow(a, now(), layout, shorten));
	// With the detail open the list keeps a third of the height, less when it needs less.
	const listHeight = (detailOpen ? Math.min(list.length + 1, Math.max(3, Math.floor(props.height / 3))) : props.height) - filter.rows;
	const detailHeight = Math.max(0, props.height - listHeight - 1);
	const empty =
		alarms.status === 'loading'
			? 'loading…'
			: alarms.status === 'empty'
				? 'no alarms watch this environment'
				: alarms.error
					? sanitize(alarms.error.message)
					: list.length === 0 && filter.text !== ''
						? `no alarm matches ${sanitize(filter.text)}`
						: undefined;
	let detail: SegmentLine[] = [];
	if (detailOpen && selected && detailHeight > 0) {
		const all = alarmDetailLines(selected, historyView(history), now(), props.width);
		maxTop.current = Math.max(0, all.length - detailHeight);
		detail = detailWindow(all, Math.min(detailTop, maxTop.current), detailHeight, props.width);
	}
	return {
		bindings: filter.editing ? filter.bindings : bindings,
		capturesInput: filter.editing,
		title: detailOpen && selected ? `Alarms · ${sanitize(selected.name)}` : undefined,
		// The history's own state is said in the detail: "not available" is no reason to mark the screen stale.
		freshness: combineFreshness([freshnessOf(alarms)]),
		body: (
			<Box flexDirection="column">
				<SegmentList title={textLine(alarmHeader(layout), props.width, {bold: true})} rows={rows} cursor={list.length > 0 ? index : -1} height={listHeight} width={props.width} empty={empty} />
				{filter.row}
				{detailOpen ? <SegmentLines lines={[fitLine([{text: '─'.repeat(props.width), tone: 'muted'}], props.width), ...detail]} /> : null}
			</Box>
		),
	};
}
