// The runbook walker as a reducer over {path, cursor, step}, tested directly. `step` is the phase of
// the step being worked on (idle | filling | confirming | running | done | failed); every step run
// keeps its own record in `results`, so results stay visible while the engineer moves on. The reducer
// stays pure: what needs the outside world (a port read, the aws CLI, the fix flow, the clipboard,
// the task list) is queued in `requests`, which the session performs and answers with actions.
import type {Step, Verdict} from '../model.js';
import {copyText, failureReason, go, preferredChoice, say, startRun, startStep, submitFill, withRequest} from './walker-steps.js';
import type {StepPhase, StepRecord, TaskList, WalkerAction, WalkerState} from './walker-types.js';
import {locate, type Page, pageOf, type PageRow, selectableRows, type WalkerTree} from './walker-tree.js';

export {copyText, preferredChoice};
export type {RunEnv, StepPhase, StepRecord, TaskChoice, TaskList, WalkerAction, WalkerRequest, WalkerState} from './walker-types.js';

export function initialWalkerState(): WalkerState {
	return {path: [{kind: 'root'}], cursor: 0, trail: [], step: {kind: 'idle'}, results: {}, tasks: {status: 'idle', items: []}, scroll: 0, requests: [], nextId: 1};
}

/** The page the walker shows (the area list when the path names something the runbook lacks). */
export function currentPage(tree: WalkerTree, state: WalkerState): Page {
	const node = state.path[state.path.length - 1] ?? {kind: 'root'};
	return pageOf(tree, node) ?? (pageOf(tree, {kind: 'root'}) as Page);
}

export function selectedPageRow(tree: WalkerTree, state: WalkerState): PageRow | undefined {
	const page = currentPage(tree, state);
	const index = selectableRows(page)[state.cursor];
	return index === undefined ? undefined : page.rows[index];
}

export function selectedStep(tree: WalkerTree, state: WalkerState): Step | undefined {
	const row = selectedPageRow(tree, state);
	return row?.kind === 'step' ? row.step : undefined;
}

export function verdictOf(record: StepRecord | undefined): Verdict | undefined {
	return record?.status !== 'running' && record?.outcome.kind === 'native' ? record.outcome.result.verdict : undefined;
}

/**
 * The resolution of the page's issue a diagnosis recommends: the selected step's verdict first,
 * else the most recent verdict of the issue's checks that recommends one.
 */
export function recommendedResolution(tree: WalkerTree, state: WalkerState): {index: number; title: string} | undefined {
	const page = currentPage(tree, state);
	if (!page.issue) return undefined;
	const selected = selectedStep(tree, state);
	const own = selected ? verdictOf(state.results[selected.id])?.recommends : undefined;
	if (own) return own;
	let best: {at: number; recommends: {index: number; title: string}} | undefined;
	for (const step of page.issue.diagnosis) {
		const record = state.results[step.id];
		const recommends = verdictOf(record)?.recommends;
		if (recommends && record?.status !== 'running' && (!best || record!.at >= best.at)) best = {at: record!.at, recommends};
	}
	return best?.recommends;
}

export function createWalkerReducer(tree: WalkerTree): (state: WalkerState, action: WalkerAction) => WalkerState {
	return function walkerReducer(state, action) {
		const page = currentPage(tree, state);
		const selectable = selectableRows(page);
		const count = selectable.length;
		const row = selectedPageRow(tree, state);
		const clamp = (n: number) => Math.max(0, Math.min(Math.max(0, count - 1), n));
		switch (action.type) {
			case 'move':
				return go(state, state.path, state.trail, clamp(state.cursor + action.delta));

			case 'first':
				return go(state, state.path, state.trail, 0);

			case 'last':
				return go(state, state.path, state.trail, clamp(count - 1));

			case 'enter': {
				if (!row) return state;
				if (row.kind === 'entry') return go(state, [...state.path, row.node], [...state.trail, state.cursor], 0);
				if (row.kind === 'step') return startStep(state, page, row, action.env);
				return state;
			}

			case 'back': {
				if (state.step.kind === 'filling' || state.step.kind === 'confirming') return {...state, step: {kind: 'idle'}, message: undefined};
				if (state.path.length <= 1) return state;
				return go(state, state.path.slice(0, -1), state.trail.slice(0, -1), state.trail[state.trail.length - 1] ?? 0);
			}

			case 'open': {
				const where = locate(tree, {...(action.issueId === undefined ? {} : {issueId: action.issueId}), ...(action.stepId === undefined ? {} : {stepId: action.stepId})});
				if (!where) return say(go(state, [{kind: 'root'}], [], 0), `this runbook has no ${action.issueId === undefined ? `step ${action.stepId}` : `issue ${action.issueId}`}`);
				return go(state, where.path, where.trail, where.cursor);
			}

			case 'apply-fix': {
				const step = row?.kind === 'step' ? row.step : undefined;
				if (!step?.fix) return say(state, 'this step has no typed fix: a applies fixes to change steps marked "fix"', 'info');
				return withRequest(say(state, 'opened in the fix flow', 'info'), {kind: 'fix', stepId: step.id, hint: step.fix});
			}

			case 'copy': {
				if (row?.kind !== 'step') return say(state, 'select a step to copy its command', 'info');
				return withRequest({...state, message: undefined}, {kind: 'copy', text: copyText(row.step, state.results[row.step.id]), what: row.step.command === '' ? 'the question' : 'the command'});
			}

			case 'jump-recommended': {
				const recommended = recommendedResolution(tree, state);
				if (!recommended) return say(state, page.issue ? 'no check has recommended a resolution yet: run a diagnosis step with ⏎' : 'only an issue\'s checks recommend resolutions', 'info');
				const at = selectable.findIndex(i => {
					const r = page.rows[i];
					return r?.kind === 'step' && r.resolution === recommended.index;
				});
				if (at < 0) return say(state, `resolution ${recommended.index + 1} has no steps`, 'info');
				return go(state, state.path, state.trail, at);
			}

			case 'open-related': {
				const step = row?.kind === 'step' ? row.step : undefined;
				const related = step ? verdictOf(state.results[step.id])?.seeAlso?.[0] : undefined;
				if (!related) return say(state, 'this step\'s result points at no other issue', 'info');
				const where = locate(tree, {issueId: related.issueId});
				if (!where) return say(state, `this runbook has no issue ${related.issueId}`);
				return go(state, where.path, where.trail, where.cursor);
			}

			case 'scroll':
				return {...state, scroll: Math.max(0, Math.min(action.max, state.scroll + action.delta))};

			case 'draft': {
				if (state.step.kind === 'filling') return {...state, step: {...state.step, draft: action.text, errors: []}};
				if (state.step.kind === 'confirming') return {...state, step: {...state.step, typed: action.text}};
				return state;
			}

			case 'choose': {
				if (state.step.kind !== 'filling') return state;
				const max = Math.max(0, state.tasks.items.length - 1);
				return {...state, step: {...state.step, choice: Math.max(0, Math.min(max, state.step.choice + action.delta))}};
			}

			case 'submit': {
				const phase = state.step;
				if (phase.kind === 'filling') return submitFill(state, tree, phase, action.env);
				if (phase.kind !== 'confirming') return state;
				if (phase.typeToConfirm !== undefined && phase.typed.trim() !== phase.typeToConfirm) {
					return say(state, `type ${phase.typeToConfirm} to confirm this change, or esc to cancel`);
				}
				const started = startRun({...state, message: undefined}, phase.stepId, action.env.now);
				return withRequest(started.state, {kind: 'external', stepId: phase.stepId, runId: started.runId, argv: phase.argv, write: phase.write});
			}

			case 'cancel':
				return state.step.kind === 'filling' || state.step.kind === 'confirming' ? {...state, step: {kind: 'idle'}, message: {text: 'cancelled: nothing was run', tone: 'info'}} : state;

			case 'tasks-loaded': {
				const tasks: TaskList = {status: 'ok', items: action.items};
				const phase = state.step;
				if (phase.kind !== 'filling') return {...state, tasks};
				return {...state, tasks, step: {...phase, choice: preferredChoice(action.items, phase.prefer)}};
			}

			case 'tasks-failed':
				return {...state, tasks: {status: 'error', items: [], error: action.error}};

			case 'finished': {
				const entry = Object.entries(state.results).find(([, r]) => r.runId === action.runId);
				if (!entry) return state;
				const [stepId] = entry;
				const status = action.failed ? 'failed' : 'done';
				const results = {...state.results, [stepId]: {status, runId: action.runId, at: action.at, outcome: action.outcome} as StepRecord};
				const phase = state.step;
				const step: StepPhase =
					phase.kind === 'running' && phase.runId === action.runId
						? action.failed
							? {kind: 'failed', stepId, reason: failureReason(action.outcome)}
							: {kind: 'done', stepId}
						: phase;
				return {...state, results, step};
			}

			case 'taken': {
				const ids = new Set(action.ids);
				return {...state, requests: state.requests.filter(r => !ids.has(r.id))};
			}
		}
	};
}
