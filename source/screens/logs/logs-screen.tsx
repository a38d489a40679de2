import {Box, Text} from 'ink';
import {useEffect, useMemo, useReducer, useRef} from 'react';
import {LineInput} from '../../components/line-input.js';
import {SegmentText} from '../../components/segment-lines.js';
import {toneColor} from '../../components/theme.js';
import {detailSource, logLineRows, sourceColumn} from '../../format/log-rows.js';
import {narrowFilter, narrowGroups, narrowLabel, nextNarrow} from '../../discovery/log-narrow.js';
import {prettyJson} from '../../format/json.js';
import {clipboardText, sanitize, sanitizeLines} from '../../format/sanitize.js';
import {fitLine, type SegmentLine} from '../../format/segments.js';
import {wrappedPage} from '../../format/wrap.js';
import {logViewKey, tailFreshness, useLogTail} from '../../hooks/use-log-tail.js';
import type {Binding} from '../../input/bindings.js';
import {describeFilterError, highlightRanges, parseFilterPattern, suggestFilterFix} from '../../logs/filter-pattern.js';
import {logGroupTarget, useFixKeys} from '../../fixes/ui/fix-keys.js';
import {shortServiceName} from '../../port/names.js';
import {useApp} from '../../shell/app-context.js';
import type {ScreenModel, ScreenProps} from '../../shell/screen-model.js';
import {initialLogsState, logsReducer, logWindows, narrowFromParams, selectedIndex} from './logs-state.js';
import {saveLines} from './save-lines.js';

/**
 * Rows of the view around the selected line, kept about two thirds down like a pager: the lines
 * below it take at most a third of the rows (counted in rows, so one tall wrapped line cannot push
 * the selection out of sight), the selected line and those above it fill the rest.
 */
function visibleRows(props: {size: number; selected: number; height: number; width: number; rowsOf: (i: number) => SegmentLine[]}): Array<{rows: SegmentLine[]; index: number}> {
	const below: Array<{rows: SegmentLine[]; index: number}> = [];
	const budget = Math.floor(props.height / 3);
	let used = 0;
	for (let i = props.selected + 1; i < props.size && used < budget; i++) {
		const rows = props.rowsOf(i).slice(0, budget - used);
		below.push({rows, index: i});
		used += rows.length;
	}
	const out: Array<{rows: SegmentLine[]; index: number}> = [];
	for (let i = props.selected; i >= 0 && used < props.height; i--) {
		const take = props.rowsOf(i).slice(0, props.height - used);
		out.unshift({rows: take, index: i});
		used += take.length;
	}
	return [...out, ...below];
}

export function useLogsScreen(props: ScreenProps): ScreenModel {
	const {config, logStore, notify, now, copyToClipboard, discovery} = useApp();
	const [state, dispatch] = useReducer(logsReducer, props.params, params => initialLogsState(logStore.pattern, narrowFromParams(params)));
	const window = logWindows[state.windowIndex] ?? logWindows[0];
	const found = discovery.poll.data;
	const {sourceOf} = discovery;
	const groups = useMemo(() => narrowGroups(state.narrow, config.names.logGroups, found?.destinations ?? []), [state.narrow, config.names.logGroups, found?.destinations]);
	const accept = useMemo(() => narrowFilter(state.narrow, sourceOf), [state.narrow, sourceOf]);
	const narrowKey = state.narrow ? `${state.narrow.by}=${state.narrow.value}` : '';
	const key = logViewKey({groups, pattern: state.pattern, windowMs: window.ms, narrow: narrowKey});
	const tail = useLogTail(logStore, {pattern: state.pattern, windowMs: window.ms, key, logGroups: groups, accept});
	const shorten = (service: string) => shortServiceName(service, config.names);
	const column = sourceColumn({services: found?.services ?? [], width: props.width, shorten, sourceOf});
	const {buffer} = logStore;
	const size = buffer.size;
	// While paused, old lines falling off the buffer must not move the selection to other lines.
	const lastDropped = useRef(buffer.dropped);
	useEffect(() => {
		const by = buffer.dropped - lastDropped.current;
		lastDropped.current = buffer.dropped;
		if (by > 0) dispatch({type: 'shifted', by});
	}, [tail.version, buffer]);
	// Opened on one line (Enter on the overview's error tail): select it once it is in the buffer.
	const wantedLine = props.params.lineId;
	const located = useRef(false);
	useEffect(() => {
		if (located.current || !wantedLine) return;
		const index = logStore.indexOf(props.params.lineGroup ?? '', wantedLine);
		if (index < 0) return;
		located.current = true;
		dispatch({type: 'select', index});
	}, [tail.version, wantedLine, props.params.lineGroup, logStore]);
	const selected = selectedIndex(state, size);
	const selectedLine = buffer.at(selected);
	const ast = useMemo(() => {
		const parsed = parseFilterPattern(state.pattern);
		return parsed.ok ? parsed.ast : undefined;
	}, [state.pattern]);

	const draftCheck = useMemo(() => {
		const parsed = parseFilterPattern(state.draft);
		return {error: parsed.ok ? undefined : describeFilterError(state.draft, parsed.error), suggestion: suggestFilterFix(state.draft)};
	}, [state.draft]);

	const save = () => {
		saveLines(buffer.toArray(), {env: config.env, directory: process.cwd(), now: now()}).then(
			file => notify(`saved ${size} lines to ${file}`),
			(error: Error) => notify(`could not save the lines: ${error.message}`, 'error'),
		);
	};

	const width = props.width;
	const statusRows = 1;
	const editorRows = state.editing ? 1 + (draftCheck.error?.length ?? 0) + (draftCheck.suggestion ? 1 : 0) : 0;
	const listHeight = Math.max(1, props.height - statusRows - editorRows);
	// The detail view: the message's lines (pretty JSON when it is JSON), sanitized once per line
	// shown; each render wraps only as far as the page it draws.
	const detailText = useMemo(() => {
		if (!state.detail || !selectedLine) return undefined;
		const json = prettyJson(selectedLine.event.message);
		return {json: json !== undefined, lines: json ?? sanitizeLines(selectedLine.event.message)};
	}, [state.detail, selectedLine]);
	const detailRows = Math.max(1, listHeight - 2);
	const page = detailText ? wrappedPage(detailText.lines, width, state.detailTop, detailRows) : undefined;

	const bindings: Binding[] = state.editing
		? [
				{keys: ['esc'], description: 'cancel', footer: true, handler: () => dispatch({type: 'cancel-edit'})},
				{
					keys: ['tab'],
					description: 'use the suggested pattern',
					footer: true,
					handler: () => {
						if (draftCheck.suggestion) dispatch({type: 'draft', text: draftCheck.suggestion});
					},
				},
			]
		: [
				{keys: ['/'], description: 'edit the filter pattern', footer: true, handler: () => dispatch({type: 'edit'})},
				{keys: ['f', 'space'], description: state.follow ? 'pause' : 'follow', footer: true, handler: () => dispatch({type: 'toggle-follow', size})},
				{keys: ['j', 'down'], description: 'next line', handler: () => dispatch({type: 'move', delta: 1, size})},
				{keys: ['k', 'up'], description: 'previous line', handler: () => dispatch({type: 'move', delta: -1, size})},
				{keys: ['pagedown', 'ctrl-d'], description: 'page down', handler: () => dispatch({type: 'move', delta: props.height - 2, size})},
				{keys: ['pageup', 'ctrl-u'], description: 'page up', handler: () => dispatch({type: 'move', delta: -(props.height - 2), size})},
				{keys: ['g', 'home'], description: 'oldest line', handler: () => dispatch({type: 'top'})},
				{keys: ['G', 'end'], description: 'newest line, and follow', handler: () => dispatch({type: 'bottom', size})},
				{keys: ['t'], description: `history window (now ${window.label})`, footer: true, handler: () => dispatch({type: 'cycle-window'})},
				{keys: ['w'], description: state.wrap ? 'do not wrap' : 'wrap long lines', handler: () => dispatch({type: 'toggle-wrap'})},
				{keys: ['enter'], description: 'details / pretty JSON of the line', footer: true, handler: () => dispatch({type: 'toggle-detail'})},
				{keys: ['s'], description: 'save the buffered lines to a file', handler: save},
				{
					keys: ['n'],
					description: `narrow to the selected line's service, then its task, then its revision (now: ${narrowLabel(state.narrow, shorten)})`,
					footer: true,
					handler: () => {
						const source = selectedLine ? sourceOf(selectedLine.event.logGroup, selectedLine.event.logStream) : undefined;
						if (!source && !state.narrow) {
							notify('this line\'s stream maps to no service of the cluster: nothing to narrow to', 'warn');
							return;
						}
						dispatch({type: 'narrow', to: nextNarrow(state.narrow, source)});
					},
				},
				{
					keys: ['y'],
					description: 'copy the selected line',
					handler: () => {
						if (!selectedLine) return;
						// Copied as drawn: a line holding ESC[201~ and a newline must not become typed commands.
						notify(copyToClipboard(clipboardText(sanitize(selectedLine.event.message))) ? 'copied the line to the clipboard (OSC 52)' : 'copy is not available on this terminal', 'info');
					},
				},
			];
	if (state.detail && !state.editing) {
		const more = page?.more ?? false;
		bindings.unshift(
			{keys: ['esc'], description: 'close details', handler: () => dispatch({type: 'toggle-detail'})},
			{keys: ['j', 'down'], description: 'scroll the details down', handler: () => dispatch({type: 'detail-scroll', delta: 1, more})},
			{keys: ['k', 'up'], description: 'scroll the details up', handler: () => dispatch({type: 'detail-scroll', delta: -1, more})},
			{keys: ['pagedown', 'ctrl-d', 'space'], description: 'next page of the details', footer: true, handler: () => dispatch({type: 'detail-scroll', delta: detailRows, more})},
			{keys: ['pageup', 'ctrl-u'], description: 'previous page of the details', handler: () => dispatch({type: 'detail-scroll', delta: -detailRows, more})},
		);
	}
	bindings.push(...useFixKeys(logGroupTarget(selectedLine?.event.logGroup ?? config.names.logGroups[0]), 'log group', !state.editing));

	const highlight = ast ? (message: string) => highlightRanges(ast, message) : undefined;
	const rowsOf = (i: number) => {
		const line = buffer.at(i);
		if (!line) return [];
		return logLineRows(line, width, {wrap: state.wrap, highlight, source: column.of(line), maxRows: listHeight});
	};

	let body;
	if (state.detail && selectedLine && page) {
		const where = `${sanitize(selectedLine.event.logGroup)} ${sanitize(selectedLine.event.logStream)} ${detailSource(sourceOf(selectedLine.event.logGroup, selectedLine.event.logStream))}`;
		const head = fitLine([{text: `${new Date(selectedLine.event.timestamp).toISOString()} ${where}${detailText?.json ? ' (JSON)' : ''}`, bold: true}], width);
		const position = fitLine([{text: `rows ${state.detailTop + 1}-${state.detailTop + page.lines.length}${page.more ? ' · ▼ more (space/pgdn)' : ' · end'}${state.detailTop > 0 ? ' · ▲ k/pgup' : ''}`, tone: 'muted'}], width);
		body = (
			<Box flexDirection="column" height={listHeight}>
				<SegmentText line={head} />
				{page.lines.map((l, i) => (
					<SegmentText key={i} line={fitLine([{text: l}], width)} />
				))}
				<SegmentText line={position} />
			</Box>
		);
	} else {
		const rows = size === 0 ? [] : visibleRows({size, selected, height: listHeight, width, rowsOf});
		body = (
			<Box flexDirection="column" height={listHeight}>
				{size === 0 ? <Text color={toneColor('muted')}>{tail.state.error ? 'no lines yet' : `waiting for lines matching ${sanitize(state.pattern || '(everything)')}…`}</Text> : null}
				{rows.flatMap(({rows: lineRows, index}) =>
					lineRows.map((row, r) => <SegmentText key={`${index}:${r}`} line={row} inverse={!state.follow && index === selected} />),
				)}
			</Box>
		);
	}

	const mode = tail.state.mode === 'live' ? 'live tail' : 'polling';
	const status: SegmentLine = fitLine(
		[
			{text: state.follow ? '▶ following ' : '⏸ paused ', tone: state.follow ? 'ok' : 'warn', bold: true},
			{text: `${sanitize(state.pattern || '(all lines)')} `, tone: 'accent'},
			...(state.narrow ? [{text: `· ${sanitize(narrowLabel(state.narrow, shorten))} `, tone: 'warn' as const, bold: true}] : []),
			{text: `· ${window.label} · ${size}/${buffer.capacity} lines · ${mode}${tail.state.sampled ? ' (sampled)' : ''} · ${sanitize(groups.join(', '))}`, tone: 'muted'},
		],
		width,
	);

	return {
		bindings,
		capturesInput: state.editing,
		freshness: tailFreshness(tail.state),
		body: (
			<Box flexDirection="column">
				<SegmentText line={status} />
				{body}
				{state.editing ? (
					<Box flexDirection="column">
						<Box>
							<Text color={toneColor('accent')}>/</Text>
							<LineInput
								value={state.draft}
								onChange={text => dispatch({type: 'draft', text})}
								onSubmit={text => {
									if (!parseFilterPattern(text).ok) return;
									logStore.pattern = text.trim(); // the overview's error tail follows it
									dispatch({type: 'apply-pattern', pattern: text.trim()});
								}}
							/>
						</Box>
						{draftCheck.error?.map((l, i) => (
							<Text key={i} color={toneColor('bad')} wrap="truncate-end">
								{sanitize(l)}
							</Text>
						))}
						{draftCheck.suggestion ? (
							<Text color={toneColor('warn')} wrap="truncate-end">
								terms are ANDed: did you mean {sanitize(draftCheck.suggestion)}? (tab to use it)
							</Text>
						) : null}
					</Box>
				) : null}
			</Box>
		),
	};
}
