// What Enter (and the keys of the fill and confirm panels) do to a step, for the walker's reducer:
// start a native read, hand a typed fix over, fill in placeholders, confirm an aws CLI command.
// Pure like the reducer: side effects are requests queued in the state.
import {cliLine} from '../../format/shell-quote.js';
import {redactArgv} from '../../format/redact.js';
import {sanitize} from '../../format/sanitize.js';
import {wrapText} from '../../format/wrap.js';
import {judgeAwsArgv} from '../cli-policy.js';
import {prepareExternal} from '../external.js';
import type {FixHint} from '../../fixes/hint.js';
import type {Step} from '../model.js';
import type {Placeholder} from '../placeholders.js';
import {stepKind} from './step-kind.js';
import type {RunEnv, StepOutcome, StepPhase, StepRecord, TaskChoice, WalkerMessage, WalkerRequest, WalkerState} from './walker-types.js';
import {locate, type Page, pageOf, type PageRow, selectableRows, type WalkerNode, type WalkerTree} from './walker-tree.js';

export const say = (state: WalkerState, text: string, tone: WalkerMessage['tone'] = 'warn'): WalkerState => ({...state, message: {text, tone}});

export function withRequest(state: WalkerState, request: DistributiveOmit<WalkerRequest, 'id'>): WalkerState {
	return {...state, requests: [...state.requests, {...request, id: state.nextId} as WalkerRequest], nextId: state.nextId + 1};
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** Moves to a page, leaving any step phase but a running one. */
export function go(state: WalkerState, path: WalkerNode[], trail: number[], cursor: number): WalkerState {
	const {message: _dropped, ...rest} = state;
	return {...rest, path, trail, cursor, scroll: 0, step: state.step.kind === 'running' ? state.step : {kind: 'idle'}};
}

export function startRun(state: WalkerState, stepId: string, now: number): {state: WalkerState; runId: number} {
	const runId = state.nextId;
	const next: WalkerState = {
		...state,
		nextId: state.nextId + 1,
		scroll: 0,
		results: {...state.results, [stepId]: {status: 'running', runId, startedAt: now}},
		step: {kind: 'running', stepId, runId},
	};
	return {state: next, runId};
}

/**
 * The guide's `--container supervisor-agent` names whose task it wants: the supervisor's. The task
 * list starts on the first task of that service (acso-production-supervisor), else on the first.
 */
export function preferredChoice(items: readonly TaskChoice[], prefer: string | undefined): number {
	if (prefer === undefined) return 0;
	const at = items.findIndex(t => t.service === prefer || (t.service ?? '').endsWith(`-${prefer}`));
	return Math.max(0, at);
}

function serviceHint(step: Step): string | undefined {
	const container = step.params.container?.value;
	return container === undefined || container === '' ? undefined : container.replace(/-agent$/, '');
}

function fillingAt(state: WalkerState, phase: Extract<StepPhase, {kind: 'filling'}>, index: number, errors: string[] = []): WalkerState {
	const placeholder = phase.placeholders[index] as Placeholder;
	const choice = placeholder.kind === 'task-id' ? preferredChoice(state.tasks.items, phase.prefer) : 0;
	let next: WalkerState = {...state, step: {...phase, index, draft: phase.values[placeholder.token] ?? placeholder.initial ?? '', choice, errors}};
	// A TASK-ID is picked from the environment's running tasks: ask for the list once.
	if (placeholder.kind === 'task-id' && (state.tasks.status === 'idle' || state.tasks.status === 'error')) {
		next = withRequest({...next, tasks: {status: 'loading', items: []}}, {kind: 'tasks'});
	}
	return next;
}

function taskIds(state: WalkerState): string[] | undefined {
	return state.tasks.status === 'ok' && state.tasks.items.length > 0 ? state.tasks.items.map(t => t.id) : undefined;
}

/** All values are in: check them and build the argument vector, then confirm (run) or keep it (copy). */
function finishFill(state: WalkerState, step: Step, purpose: 'run' | 'copy', values: Record<string, string>, env: RunEnv): WalkerState {
	const ids = taskIds(state);
	const prepared = prepareExternal(step, {now: env.now, values, ...(ids ? {taskIds: ids} : {})});
	if (!prepared.ok) {
		const placeholders = step.placeholders ?? [];
		if (placeholders.length === 0) return {...say(state, `cannot run it: ${prepared.errors.join('; ')}`), step: {kind: 'idle'}};
		const prefer = serviceHint(step);
		const phase: Extract<StepPhase, {kind: 'filling'}> = {kind: 'filling', stepId: step.id, purpose, placeholders, index: 0, values, draft: '', choice: 0, errors: [], ...(prefer === undefined ? {} : {prefer})};
		return fillingAt(state, phase, 0, prepared.errors);
	}
	if (purpose === 'copy') {
		const runId = state.nextId;
		return {
			...say(state, 'filled in: y copies the command; run it in a terminal of your own', 'info'),
			nextId: runId + 1,
			results: {...state.results, [step.id]: {status: 'done', runId, at: env.now, outcome: {kind: 'command', argv: prepared.argv}}},
			step: {kind: 'done', stepId: step.id},
		};
	}
	// Judged again on the filled-in argv: a value typed for a placeholder is checked like the guide's words.
	const verdict = judgeAwsArgv(prepared.argv);
	if (verdict.kind === 'refused') return {...say(state, `not run: ${verdict.why}`), step: {kind: 'idle'}};
	const write = step.effect === 'write' || verdict.kind === 'write';
	if (write && !env.write) return {...say(state, `a change (${verdict.kind === 'write' ? verdict.why : 'the guide says so'}): start acso-tui with --write to run it here, or y copies it`), step: {kind: 'idle'}};
	// A change is confirmed only after the whole of it was shown: never a cut preview.
	const lines = previewLines(prepared.argv, env.preview?.width ?? 80);
	if (write && env.preview !== undefined && lines.length > env.preview.rows) {
		return {...say(state, `the command is ${lines.length} lines, more than this terminal can show: enlarge it to review the whole change, or y copies it`), step: {kind: 'idle'}};
	}
	return {
		...state,
		message: undefined,
		step: {kind: 'confirming', stepId: step.id, argv: prepared.argv, write, ...(env.cliContext === undefined ? {} : {context: env.cliContext}), ...(write && env.typeToConfirm ? {typeToConfirm: env.typeToConfirm} : {}), typed: ''},
	};
}

/** The command as the confirmation shows it, secrets redacted, wrapped to `width` (whole, never cut). */
export function previewLines(argv: readonly string[], width: number): string[] {
	return wrapText(sanitize(cliLine(redactArgv(argv))), Math.max(10, width - 2));
}

function beginFill(state: WalkerState, step: Step, purpose: 'run' | 'copy', env: RunEnv): WalkerState {
	const placeholders = step.placeholders ?? [];
	if (placeholders.length === 0) return finishFill(state, step, purpose, {}, env);
	const prefer = serviceHint(step);
	const phase: Extract<StepPhase, {kind: 'filling'}> = {kind: 'filling', stepId: step.id, purpose, placeholders, index: 0, values: {}, draft: '', choice: 0, errors: [], ...(prefer === undefined ? {} : {prefer})};
	return fillingAt({...state, message: undefined}, phase, 0);
}

export function startStep(state: WalkerState, page: Page, row: Extract<PageRow, {kind: 'step'}>, env: RunEnv): WalkerState {
	const {step} = row;
	if (state.results[step.id]?.status === 'running') return say(state, 'this step is already running', 'info');
	switch (stepKind(step)) {
		case 'fix':
			return withRequest(say(state, 'opened in the fix flow', 'info'), {kind: 'fix', stepId: step.id, hint: step.fix as FixHint});
		case 'native': {
			const started = startRun({...state, message: undefined}, step.id, env.now);
			return withRequest(started.state, {kind: 'native', stepId: step.id, runId: started.runId, ...(page.issue ? {issueId: page.issue.id} : {})});
		}
		case 'interactive':
			return beginFill(state, step, 'copy', env);
		case 'external':
			if (env.awsUnavailable) return say(state, `${env.awsUnavailable}: y copies the command to run it yourself`);
			return beginFill(state, step, 'run', env);
		case 'external-write':
			if (!env.write) return say(state, 'a change with no typed fix: start acso-tui with --write to run it here, or y copies it');
			if (env.awsUnavailable) return say(state, `${env.awsUnavailable}: y copies the command to run it yourself`);
			return beginFill(state, step, 'run', env);
		case 'manual':
			return say(state, 'run this yourself: y copies the command', 'info');
		case 'note':
			return say(state, 'a question to answer before escalating: nothing to run', 'info');
	}
}

export function submitFill(state: WalkerState, tree: WalkerTree, phase: Extract<StepPhase, {kind: 'filling'}>, env: RunEnv): WalkerState {
	const placeholder = phase.placeholders[phase.index] as Placeholder;
	const picking = placeholder.kind === 'task-id' && taskIds(state) !== undefined;
	const value = picking ? (state.tasks.items[phase.choice]?.id ?? '') : phase.draft.trim();
	if (value === '') return {...state, step: {...phase, errors: [`${placeholder.label} (${placeholder.token}) is needed`]}};
	const values = {...phase.values, [placeholder.token]: value};
	if (phase.index + 1 < phase.placeholders.length) return fillingAt(state, {...phase, values}, phase.index + 1);
	const step = locateStep(tree, phase.stepId);
	if (!step) return {...say(state, 'that step is no longer in the runbook'), step: {kind: 'idle'}};
	return finishFill(state, step, phase.purpose, values, env);
}

function locateStep(tree: WalkerTree, stepId: string): Step | undefined {
	const where = locate(tree, {stepId});
	if (!where) return undefined;
	const page = pageOf(tree, where.path[where.path.length - 1] as WalkerNode);
	const row = page ? page.rows[selectableRows(page)[where.cursor] ?? -1] : undefined;
	return row?.kind === 'step' ? row.step : undefined;
}

/** The text `y` copies for a step: what was filled in or run, else the command as the guide writes it. */
export function copyText(step: Step, record: StepRecord | undefined): string {
	if (record && record.status !== 'running') {
		if (record.outcome.kind === 'command') return cliLine(redactArgv(record.outcome.argv));
		if (record.outcome.kind === 'external') return cliLine(redactArgv(record.outcome.result.argv));
	}
	return step.command === '' ? step.title : step.command;
}

export function failureReason(outcome: StepOutcome): string {
	if (outcome.kind === 'native') return outcome.result.verdict.reason;
	if (outcome.kind === 'external') return outcome.result.message;
	return 'failed';
}
