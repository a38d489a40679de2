import {Box, Text} from 'ink';
import {useEffect, useReducer, useState, type ReactElement} from 'react';
import {Footer} from '../../components/footer.js';
import {LineInput} from '../../components/line-input.js';
import {SegmentLines, SegmentText} from '../../components/segment-lines.js';
import {SegmentList} from '../../components/segment-list.js';
import {toneColor} from '../../components/theme.js';
import {moveCursor} from '../../format/list-window.js';
import {clipboardText, sanitize} from '../../format/sanitize.js';
import {fitLine, type SegmentLine} from '../../format/segments.js';
import {useBindings, type Binding} from '../../input/bindings.js';
import {confirmBlock, needsTypedName, readOnlyReason} from './confirm-rules.js';
import {quitBinding, type FixDeps} from './deps.js';
import {usePlanning, useRunning, useTargetChoices} from './flow-effects.js';
import {flowReducer, initialFlowState, type FlowStart, type FlowState} from './flow-state.js';
import {notSentLines, outcomeLines} from './outcome-lines.js';
import {ParamForm} from './param-form.js';
import {previewLines} from './preview-lines.js';
import {maxScroll, ScrollLines} from './scroll-lines.js';
import {targetLabel} from './target-label.js';
import {paragraph} from './text-blocks.js';
import {watchBindings, WatchPanel} from './watch-view.js';

const noSubmit = () => undefined;

function headerLine(state: FlowState): SegmentLine {
	const undo = state.planKind === 'undo' && state.phase === 'preview';
	return [
		{text: undo ? 'Undo · ' : 'Fix · ', tone: 'muted'},
		{text: state.fix.title, bold: true},
		{text: state.target ? ` · ${targetLabel(state.target)}` : ''},
	];
}

/**
 * The fix flow overlay: target (when a hint names none) → params → preview → confirm → outcome,
 * with undo through the same confirmation and the rollout watch after an ECS change.
 */
export function FixFlow({start, deps, now, width, height, onClose}: {
	start: FlowStart;
	deps: FixDeps;
	now: number;
	width: number;
	height: number;
	/** `finished`: a change was sent (or refused by the audit), so there is nothing to go back to. */
	onClose: (finished: boolean) => void;
}) {
	const [state, dispatch] = useReducer(flowReducer, start, initialFlowState);
	const [top, setTop] = useState(0);
	const [choiceCursor, setChoiceCursor] = useState(0);
	const choices = useTargetChoices(state, deps);
	usePlanning(state, dispatch, deps);
	useRunning(state, dispatch, deps);
	// A new step starts at its top.
	useEffect(() => setTop(0), [state.phase, state.plan]);

	const {rules} = deps;
	const typing = state.phase === 'preview' && needsTypedName(rules);
	const watch = state.phase === 'watching' && state.watch ? deps.watches.get(state.watch.cluster, state.watch.service) : undefined;
	const refuse = (reason: string) => {
		dispatch({type: 'refuse', reason});
		deps.notify(reason, 'warn');
	};
	// Closing is decided here, in the key's handler, so the panel under it has the keys on the next
	// render rather than one effect later (a quick second Esc must reach it).
	const back = () => {
		const next = flowReducer(state, {type: 'back'});
		if (next.closed) onClose(state.last !== undefined || state.notSent !== undefined);
		else dispatch({type: 'back'});
	};

	// Rows: header, body, the confirm/refusal rows, footer.
	const bodyLines: SegmentLine[] = [];
	const confirmRows: ReactElement[] = [];
	let scrollable = false;
	const bindings: Binding[] = [];
	const scrollKeys = (count: number, rows: number): Binding[] => {
		const max = maxScroll(count, rows);
		return [
			{keys: ['down'], description: 'scroll down', handler: () => setTop(t => Math.min(max, t + 1))},
			{keys: ['up'], description: 'scroll up', handler: () => setTop(t => Math.max(0, t - 1))},
			// No ctrl-d/ctrl-u here: ctrl-u clears the name field of a production confirmation.
			{keys: ['pagedown'], description: 'page down', handler: () => setTop(t => Math.min(max, t + Math.max(1, rows - 2)))},
			{keys: ['pageup'], description: 'page up', handler: () => setTop(t => Math.max(0, t - Math.max(1, rows - 2)))},
		];
	};
	const copyCli = (cli: string): Binding => ({
		keys: ['c'],
		description: 'copy the aws CLI command',
		// Redacted already (secrets never leave the plan's preview); sanitized like what is drawn.
		handler: () => deps.notify(deps.copyToClipboard(clipboardText(cli)) ? 'copied the aws command to the clipboard (OSC 52)' : 'copy is not available on this terminal'),
	});

	let body: ReactElement | null = null;
	const refusalShown = state.refusal !== undefined && !(state.phase === 'preview' && !rules.write && state.refusal === readOnlyReason);
	const fixedRows = 2 + (refusalShown ? 1 : 0);

	switch (state.phase) {
		case 'target': {
			const items = choices?.items ?? [];
			const index = Math.min(choiceCursor, Math.max(0, items.length - 1));
			const picked = items[index];
			bindings.push(
				{keys: ['enter'], description: 'use this one', footer: true, ...(picked ? {} : {disabledReason: 'nothing to pick'}), handler: () => picked && dispatch({type: 'pick-target', target: picked.target})},
				{keys: ['j', 'down'], description: 'next', handler: () => setChoiceCursor(c => moveCursor(c, 1, items.length))},
				{keys: ['k', 'up'], description: 'previous', handler: () => setChoiceCursor(c => moveCursor(c, -1, items.length))},
				{keys: ['esc', 'q'], description: 'cancel', footer: true, handler: back},
			);
			const intro = [...paragraph(state.needs?.reason ?? 'choose the target', width, 'accent'), ...state.notes.flatMap(note => paragraph(`note: ${note}`, width, 'muted'))];
			const listHeight = Math.max(2, height - fixedRows - intro.length);
			const empty = choices?.status === 'error' ? `could not list them: ${sanitize(choices.error ?? '')}` : choices?.status === 'ok' ? 'none found' : 'loading…';
			body = (
				<Box flexDirection="column">
					<SegmentLines lines={intro} />
					<SegmentList
						title={[{text: `Pick the ${state.needs?.kind ?? 'target'}`, bold: true}]}
						rows={items.map(item => [{text: `${sanitize(item.label)}  `}, {text: sanitize(item.detail), tone: 'muted'}])}
						cursor={items.length > 0 ? index : -1}
						height={listHeight}
						width={width}
						empty={empty}
					/>
				</Box>
			);
			break;
		}
		case 'editing': {
			bindings.push(
				{keys: ['enter'], description: 'preview the change', footer: true, handler: () => dispatch({type: 'submit'})},
				{keys: ['tab', 'down'], description: 'next field', footer: state.fix.params.length > 1, handler: () => dispatch({type: 'focus', delta: 1})},
				{keys: ['shift-tab', 'up'], description: 'previous field', handler: () => dispatch({type: 'focus', delta: -1})},
				{keys: ['esc'], description: state.needs ? 'back to the target' : 'cancel', footer: true, handler: back},
			);
			body = (
				<Box flexDirection="column">
					{state.notes.length > 0 ? <SegmentLines lines={state.notes.flatMap(note => paragraph(`note: ${note}`, width, 'muted'))} /> : null}
					<Text color={toneColor('muted')} wrap="truncate-end">
						{sanitize(state.fix.summary)}
					</Text>
					<ParamForm
						specs={state.fix.params}
						values={state.values}
						field={state.field}
						{...(state.formError ? {error: state.formError} : {})}
						width={width}
						onChange={(name, value) => dispatch({type: 'edit', name, value})}
					/>
				</Box>
			);
			break;
		}
		case 'planning': {
			bindings.push({keys: ['esc'], description: 'cancel', footer: true, handler: back});
			body = <Text color={toneColor('muted')}>Reading the current state of the {state.target ? targetLabel(state.target) : 'target'} to plan the change…</Text>;
			break;
		}
		case 'preview': {
			const plan = state.plan;
			if (!plan) break; // never: the reducer enters preview only with a plan
			bodyLines.push(...previewLines(plan, width));
			scrollable = true;
			const block = confirmBlock(plan, state.typed, rules);
			// What forbids sending whatever is typed: read-only mode, or credentials AWS refuses.
			const blockedBy = !rules.write || rules.credentialsProblem ? confirmBlock(plan, plan.resourceName, rules) : undefined;
			const confirm: Binding = {
				keys: typing ? ['enter'] : ['y', 'enter'],
				description: state.planKind === 'undo' ? 'send the undo' : 'send the change',
				footer: true,
				dangerous: true,
				...(blockedBy === undefined ? {} : {disabledReason: blockedBy}),
				handler: () => dispatch({type: 'confirm', rules}),
			};
			bindings.push(confirm, {keys: typing ? ['esc'] : ['n', 'esc'], description: 'back', footer: true, handler: back});
			if (!typing) bindings.push(copyCli(plan.cliCommand));
			if (blockedBy !== undefined) {
				confirmRows.push(
					<Text key="ro" color={toneColor('warn')} wrap="truncate-end">
						✗ Confirm disabled: {sanitize(blockedBy)}
					</Text>,
				);
			} else if (typing) {
				confirmRows.push(
					<Text key="ask" color={toneColor('warn')} bold wrap="truncate-end">
						{sanitize(rules.env)} is a production environment: type {sanitize(plan.resourceName)} to confirm
					</Text>,
					<Box key="type">
						<Text color={toneColor('warn')} bold>
							›{' '}
						</Text>
						{/* Enter is the binding table's confirm; the field only collects the name. */}
						<LineInput value={state.typed} onChange={text => dispatch({type: 'type', text})} onSubmit={noSubmit} />
						{block === undefined ? <Text color={toneColor('muted')}> ⏎ sends</Text> : null}
					</Box>,
				);
			} else {
				confirmRows.push(
					<Text key="yn" color={toneColor('accent')} wrap="truncate-end">
						Send this change to {sanitize(rules.env)}? y/⏎ confirm · n/esc back
					</Text>,
				);
			}
			break;
		}
		case 'running': {
			bindings.push({keys: ['esc'], description: 'wait for the outcome', handler: back});
			body = (
				<Box flexDirection="column">
					<SegmentLines lines={paragraph(state.plan?.title ?? '', width, undefined, true)} />
					<Text color={toneColor('accent')}>Sending {state.plan?.apiCall}… (intent recorded in {sanitize(deps.audit.path)})</Text>
				</Box>
			);
			break;
		}
		case 'done':
		case 'failed':
		case 'watching': {
			const last = state.last;
			if (state.notSent !== undefined) bodyLines.push(...notSentLines(state.plan, state.notSent, width));
			else if (last) bodyLines.push(...outcomeLines(last.plan, last.result, deps.audit.path, width));
			const canUndo = last?.result.outcome.ok === true && state.notSent === undefined && last.plan.undo(last.result.outcome) !== undefined;
			if (last?.result.outcome.ok && state.notSent === undefined) {
				bodyLines.push([{text: canUndo ? 'u ' : '  ', bold: true, tone: 'accent'}, {text: canUndo ? `undo: ${last.plan.undoSummary}` : last.plan.undoSummary, tone: 'muted'}]);
			}
			// Close first: it must stay in the footer on a narrow terminal (the body says how to undo).
			bindings.push(
				{keys: ['esc', 'enter', 'q'], description: watch && !watch.state().done ? 'close (w: watch again)' : 'close', footer: true, handler: back},
				{keys: ['u'], description: 'undo this change', footer: canUndo, handler: () => dispatch({type: 'undo'})},
				...watchBindings(watch, deps),
			);
			if (last) bindings.push(copyCli(last.plan.cliCommand));
			scrollable = !watch;
			break;
		}
	}

	bindings.push(quitBinding(deps, state.phase === 'running' ? 'the change is being sent: wait for its outcome' : undefined));
	const bodyHeight = Math.max(1, height - fixedRows - confirmRows.length);
	if (scrollable) bindings.unshift(...scrollKeys(bodyLines.length, bodyHeight));
	useBindings(bindings, {
		isActive: true,
		onDisabled: binding => refuse(binding.disabledReason ?? `${binding.description} is not available`),
	});

	let content: ReactElement;
	if (body) content = <Box height={bodyHeight} flexDirection="column" overflow="hidden">{body}</Box>;
	else if (watch) {
		// The outcome on top, the live rollout under it.
		const head = bodyLines.slice(0, Math.max(1, bodyHeight - 4));
		content = (
			<Box height={bodyHeight} flexDirection="column" overflow="hidden">
				<SegmentLines lines={head.map(line => fitLine(line, width))} />
				<WatchPanel watch={watch} now={now} width={width} height={bodyHeight - head.length} />
			</Box>
		);
	} else content = <ScrollLines lines={bodyLines} top={top} height={bodyHeight} width={width} />;

	return (
		<Box flexDirection="column" width={width} height={height}>
			<SegmentText line={fitLine(headerLine(state), width)} />
			{content}
			{confirmRows}
			{refusalShown ? (
				<Text color={toneColor('bad')} wrap="truncate-end">
					✗ {sanitize(state.refusal ?? '')}
				</Text>
			) : null}
			<Footer bindings={bindings} width={width} />
		</Box>
	);
}
