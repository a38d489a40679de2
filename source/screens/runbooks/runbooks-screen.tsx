// `:runbooks`: walks the troubleshooting trees of the guide. Areas (and the emergency commands,
// recovery procedures, escalation checklist) -> issues -> an issue's symptoms, diagnosis steps and
// resolution options. Enter on a step runs it the way its kind allows (see step-kind.ts); the
// result stays with the step. The state lives in the App's runbook session (walker-state.ts).
import {Box, Text} from 'ink';
import {useState} from 'react';
import {SegmentText} from '../../components/segment-lines.js';
import {toneColor} from '../../components/theme.js';
import {stepDetailLines} from '../../format/diagnosis-lines.js';
import {breadcrumbLine, introLines, walkerRowLine, walkerWindow} from '../../format/runbook-rows.js';
import {sanitize} from '../../format/sanitize.js';
import {fitLine, type SegmentLine} from '../../format/segments.js';
import {useReportKey} from '../../hooks/use-report-key.js';
import {useRunbookSession, useWalker} from '../../hooks/use-runbook.js';
import {contextLine} from '../../runbooks/cli-env.js';
import {useApp} from '../../shell/app-context.js';
import type {ScreenModel, ScreenProps} from '../../shell/screen-model.js';
import {ConfirmPanel, confirmRows, FillPanel, fillRows} from './step-input.js';
import {stepKind} from '../../runbooks/walker/step-kind.js';
import {walkerBindings} from './walker-bindings.js';
import {awsUnavailable, cliContextOf} from '../../runbooks/walker/walker-effects.js';
import {currentPage, recommendedResolution, type RunEnv, selectedPageRow} from '../../runbooks/walker/walker-state.js';
import {pageOf, selectableRows, warningsTitle} from '../../runbooks/walker/walker-tree.js';

export function useRunbooksScreen(props: ScreenProps): ScreenModel {
	const {cloud, config, now, audit} = useApp();
	const session = useRunbookSession();
	// Opened from the overview's `t` (params {issue} or {step}): go there once, as the screen mounts,
	// before the first frame; the results of earlier visits stay.
	useState(() => {
		const {issue, step} = props.params;
		if (issue !== undefined || step !== undefined) session.dispatch({type: 'open', ...(issue === undefined ? {} : {issueId: issue}), ...(step === undefined ? {} : {stepId: step})});
		return true;
	});
	const state = useWalker(session);
	const reportKey = useReportKey();
	const {dispatch} = session;
	const loaded = session.loaded();
	const tree = loaded;
	const page = currentPage(tree, state);
	const row = selectedPageRow(tree, state);
	const step = row?.kind === 'step' ? row.step : undefined;
	const kind = step ? stepKind(step) : undefined;
	const phase = state.step;
	const runEnv = (): RunEnv => {
		const unavailable = awsUnavailable(cloud);
		return {
			now: now(),
			write: config.write,
			...(unavailable === undefined ? {} : {awsUnavailable: unavailable}),
			...(config.productionEnvs.includes(config.env) ? {typeToConfirm: config.env} : {}),
			cliContext: contextLine(cliContextOf(cloud, config, audit?.sessionId ?? 'unknown')),
			// The confirmation keeps the breadcrumb, its title, context and key line on screen.
			preview: {width: props.width, rows: Math.max(1, props.height - 5)},
		};
	};

	const width = props.width;
	const height = props.height;
	const recommended = recommendedResolution(tree, state)?.index;
	const detail = step && kind ? stepDetailLines(step, state.results[step.id], {width, kind, write: config.write}) : undefined;

	// Rows: the breadcrumb, the intro (symptoms), the list, then the step's detail and any panel.
	const crumbs = state.path.map(node => pageOf(tree, node)?.crumb ?? '?');
	const header: SegmentLine[] = [breadcrumbLine(crumbs, width)];
	if (state.path.length === 1) header.push(fitLine([{text: sanitize(loaded.runbook.title), bold: true}, {text: sourceText(loaded.source, loaded.warnings.length), tone: loaded.warnings.length > 0 ? 'warn' : 'muted'}], width));
	if (page.intro) header.push(...introLines(page.intro, width, 2));
	const panelRows = phase.kind === 'filling' ? fillRows(phase, state.tasks) : phase.kind === 'confirming' ? confirmRows(phase, width) : 0;
	const messageRows = state.message ? 1 : 0;
	const room = Math.max(3, height - header.length - panelRows - messageRows);
	const hasSteps = page.rows.some(r => r.kind === 'step');
	// Pages with reading matter between their steps (the escalation checklist) get more list.
	// Once the selected step has a result, the result needs the room more.
	const share = page.rows.some(r => r.kind === 'text') && !(step && state.results[step.id]) ? 0.65 : 0.45;
	const listHeight = hasSteps ? Math.min(page.rows.length + 1, Math.max(3, Math.floor(room * share))) : room;
	const detailHeight = Math.max(0, room - listHeight);

	const selectable = selectableRows(page);
	const cursorRow = selectable[state.cursor] ?? 0;
	const win = walkerWindow(page.rows.length, cursorRow, listHeight);
	const fits = win.above === 0 && win.below === 0;
	const listLines: Array<{line: SegmentLine; selected: boolean}> = page.rows.slice(win.start, win.end).map((r, i) => ({
		line: walkerRowLine(r, {width, ...(r.kind === 'step' ? {kind: stepKind(r.step), record: state.results[r.step.id]} : {}), ...(recommended === undefined ? {} : {recommended})}),
		selected: win.start + i === cursorRow && (r.kind === 'step' || r.kind === 'entry'),
	}));
	const more = fits ? undefined : fitLine([{text: `${win.above > 0 ? `▲ ${win.above} above` : ''}${win.above > 0 && win.below > 0 ? ' · ' : ''}${win.below > 0 ? `▼ ${win.below} more` : ''}`, tone: 'muted'}], width);
	if (page.rows.length === 0) listLines.push({line: fitLine([{text: 'nothing here', tone: 'muted'}], width), selected: false});

	// The detail: its head always; the result lines scrolled with J/K, with a marker when cut.
	const detailLines: SegmentLine[] = [];
	let bodyMax = 0;
	if (detail && detailHeight > 1) {
		detailLines.push(fitLine([{text: '─'.repeat(width), tone: 'muted'}], width));
		const head = detail.head.slice(0, detailHeight - 1);
		detailLines.push(...head);
		const bodyRoom = detailHeight - 1 - head.length;
		if (bodyRoom > 0 && detail.body.length > 0) {
			const cut = detail.body.length > bodyRoom;
			const visible = cut ? bodyRoom - 1 : bodyRoom;
			bodyMax = Math.max(0, detail.body.length - visible);
			const top = Math.min(state.scroll, bodyMax);
			detailLines.push(...detail.body.slice(top, top + visible));
			if (cut) detailLines.push(fitLine([{text: `${top > 0 ? `▲ ${top} · ` : ''}▼ ${detail.body.length - top - visible} more lines (J/K scroll)`, tone: 'muted'}], width));
		}
	}

	const submit = () => dispatch({type: 'submit', env: runEnv()});
	const walking = walkerBindings({state, dispatch, runEnv, pageStep: Math.max(1, listHeight - 2), bodyMax, ...(row ? {row} : {}), ...(kind ? {kind} : {}), ...(recommended === undefined ? {} : {recommended})});
	// The escalation checklist lists what to gather: `E` gathers it into a report (first in the footer).
	const onChecklist = page.node.kind === 'escalation' && phase.kind !== 'filling' && phase.kind !== 'confirming';
	const bindings = onChecklist ? [reportKey, ...walking] : walking;

	return {
		bindings,
		capturesInput: phase.kind === 'filling' || phase.kind === 'confirming',
		body: (
			<Box flexDirection="column" width={width} height={height}>
				{header.map((line, i) => (
					<SegmentText key={`h${i}`} line={line} />
				))}
				<Box flexDirection="column" height={listHeight}>
					{listLines.map((l, i) => (
						<SegmentText key={`r${win.start + i}`} line={l.line} inverse={l.selected} />
					))}
					{more ? <SegmentText line={more} /> : null}
				</Box>
				{detailLines.map((line, i) => (
					<SegmentText key={`d${i}`} line={line} />
				))}
				{state.message ? (
					<Text color={toneColor(state.message.tone === 'warn' ? 'warn' : 'info')} wrap="truncate-end">
						{sanitize(state.message.text)}
					</Text>
				) : null}
				{phase.kind === 'filling' ? (
					<FillPanel phase={phase} tasks={state.tasks} width={width} isActive={props.isActive} onDraft={text => dispatch({type: 'draft', text})} onSubmit={submit} />
				) : phase.kind === 'confirming' ? (
					<ConfirmPanel phase={phase} width={width} isActive={props.isActive} onTyped={text => dispatch({type: 'draft', text})} onSubmit={submit} />
				) : null}
			</Box>
		),
	};
}

/** " · 3 warnings (see Guide warnings) · FILE": the warnings first, so a long path is what gets cut. */
function sourceText(source: string, warnings: number): string {
	const where = source === 'built-in' ? 'built-in guide' : sanitize(source);
	return warnings > 0 ? `  · ${warnings} ${warnings === 1 ? 'warning' : 'warnings'} loading it (see ${warningsTitle}) · ${where}` : `  · ${where}`;
}
