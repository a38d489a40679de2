// The fix flow as a reducer over plain values, tested directly:
//   target (when a runbook hint names none) → editing params → planning → preview/confirm → running
//   → done | failed, → watching after an ECS change; `u` on a done change previews its undo and goes
//   through the same confirmation. The component only runs the effects the phases ask for (plan,
//   runPlan) and feeds their answers back, tagged with `seq` so a late answer cannot land on a newer step.
import type {RunResult} from '../audit.js';
import type {Fix, FixParams, Plan, Target, TargetKind} from '../types.js';
import {confirmBlock, type ConfirmRules} from './confirm-rules.js';
import {initialValues} from './form-values.js';

export type FlowPhase = 'target' | 'editing' | 'planning' | 'preview' | 'running' | 'done' | 'failed' | 'watching';

/** What must still be chosen before planning (fixFromRunbook's `needs`). */
export type FlowNeeds = {kind: TargetKind; cluster?: string; reason: string; /** The hierarchy to pick a parameter in. */ path?: string; absent?: boolean};

export type FlowStart = {fix: Fix; target?: Target; needs?: FlowNeeds; params?: FixParams; notes?: readonly string[]};

export type FlowRun = {plan: Plan; result: RunResult};

export type FlowState = {
	phase: FlowPhase;
	fix: Fix;
	target?: Target;
	needs?: FlowNeeds;
	/** Said above the form: what a runbook hint left out, and why. */
	notes: string[];
	values: Record<string, string>;
	/** The focused field of the form. */
	field: number;
	/** Why planning refused the form (a FixInputError names its field) or could not read the current state. */
	formError?: {message: string; field?: string};
	plan?: Plan;
	/** 'undo' while the plan shown is the undo of the last run. */
	planKind: 'fix' | 'undo';
	/** The production confirmation: the resource's name as typed so far. */
	typed: string;
	/** Why the last key was refused (read-only, name not typed, no undo), shown next to the confirm line. */
	refusal?: string;
	/** The last change sent, with its audited outcome. */
	last?: FlowRun;
	/** Set when nothing was sent because the audit intent could not be written. */
	notSent?: string;
	/** The service whose rollout is followed after the last change. */
	watch?: {cluster: string; service: string};
	/** Bumped when planning or running starts: answers carry it back, and stale ones are dropped. */
	seq: number;
	/** Esc from the first step: whoever holds the flow closes it. */
	closed: boolean;
};

export type FlowAction =
	| {type: 'pick-target'; target: Target}
	| {type: 'edit'; name: string; value: string}
	| {type: 'focus'; delta: number}
	| {type: 'submit'}
	| {type: 'planned'; seq: number; plan: Plan}
	| {type: 'plan-failed'; seq: number; message: string; field?: string}
	| {type: 'type'; text: string}
	| {type: 'confirm'; rules: ConfirmRules}
	| {type: 'ran'; seq: number; result: RunResult; watch?: {cluster: string; service: string}}
	| {type: 'not-sent'; seq: number; message: string}
	| {type: 'undo'}
	| {type: 'refuse'; reason: string}
	| {type: 'back'};

/** Where a flow starts: picking the target a hint left open, else the form, else straight to planning. */
export function initialFlowState(start: FlowStart): FlowState {
	const base: FlowState = {
		phase: 'editing',
		fix: start.fix,
		...(start.target === undefined ? {} : {target: start.target}),
		...(start.needs === undefined ? {} : {needs: start.needs}),
		notes: [...(start.notes ?? [])],
		values: initialValues(start.fix.params, start.params),
		field: 0,
		planKind: 'fix',
		typed: '',
		seq: 0,
		closed: false,
	};
	if (start.target === undefined) return {...base, phase: 'target'};
	return afterTarget(base);
}

function afterTarget(state: FlowState): FlowState {
	return state.fix.params.length > 0 ? {...state, phase: 'editing'} : {...state, phase: 'planning', seq: state.seq + 1};
}

/** The step before the form: picking the target when the hint named none, else nothing (close). */
function beforeForm(state: FlowState): FlowState {
	if (state.needs) {
		const {target: _dropped, ...rest} = state;
		return {...rest, phase: 'target', seq: state.seq + 1};
	}
	return {...state, closed: true};
}

function fieldIndex(fix: Fix, name: string | undefined): number | undefined {
	if (name === undefined) return undefined;
	const index = fix.params.findIndex(spec => spec.name === name);
	return index === -1 ? undefined : index;
}

/** The outcome view the last run left (the undo preview returns to it). */
function resultPhase(state: FlowState): FlowPhase {
	if (!state.last) return 'failed';
	if (!state.last.result.outcome.ok) return 'failed';
	return state.watch ? 'watching' : 'done';
}

export function flowReducer(state: FlowState, action: FlowAction): FlowState {
	switch (action.type) {
		case 'pick-target': {
			if (state.phase !== 'target') return state;
			return afterTarget({...state, target: action.target});
		}
		case 'edit': {
			if (state.phase !== 'editing' || !(action.name in state.values)) return state;
			const formError = state.formError?.field === action.name ? undefined : state.formError;
			const next: FlowState = {...state, values: {...state.values, [action.name]: action.value}};
			if (formError === undefined) delete next.formError;
			return next;
		}
		case 'focus': {
			const count = state.fix.params.length;
			if (state.phase !== 'editing' || count === 0) return state;
			return {...state, field: (((state.field + action.delta) % count) + count) % count};
		}
		case 'submit': {
			if (state.phase !== 'editing' || !state.target) return state;
			const {formError: _cleared, ...rest} = state;
			return {...rest, phase: 'planning', seq: state.seq + 1};
		}
		case 'planned': {
			if (state.phase !== 'planning' || action.seq !== state.seq) return state;
			const {refusal: _r, ...rest} = state;
			return {...rest, phase: 'preview', plan: action.plan, planKind: 'fix', typed: ''};
		}
		case 'plan-failed': {
			if (state.phase !== 'planning' || action.seq !== state.seq) return state;
			const field = fieldIndex(state.fix, action.field);
			return {
				...state,
				phase: 'editing',
				field: field ?? state.field,
				formError: {message: action.message, ...(field === undefined ? {} : {field: action.field})},
			};
		}
		case 'type': {
			if (state.phase !== 'preview') return state;
			const {refusal: _r, ...rest} = state;
			return {...rest, typed: action.text};
		}
		case 'confirm': {
			if (state.phase !== 'preview' || !state.plan) return state;
			const block = confirmBlock(state.plan, state.typed, action.rules);
			if (block !== undefined) return {...state, refusal: block};
			const {refusal: _r, notSent: _n, ...rest} = state;
			return {...rest, phase: 'running', seq: state.seq + 1};
		}
		case 'ran': {
			if (state.phase !== 'running' || action.seq !== state.seq || !state.plan) return state;
			const last: FlowRun = {plan: state.plan, result: action.result};
			const {watch: _w, ...rest} = state;
			if (!action.result.outcome.ok) return {...rest, phase: 'failed', last};
			return action.watch ? {...rest, phase: 'watching', last, watch: action.watch} : {...rest, phase: 'done', last};
		}
		case 'not-sent': {
			if (state.phase !== 'running' || action.seq !== state.seq) return state;
			return {...state, phase: 'failed', notSent: action.message};
		}
		case 'undo': {
			if (state.phase !== 'done' && state.phase !== 'watching' && state.phase !== 'failed') return state;
			const last = state.last;
			if (!last || state.notSent !== undefined) return {...state, refusal: 'nothing to undo: the last change was not sent'};
			if (!last.result.outcome.ok) {
				const partial = last.result.outcome.completed;
				return {
					...state,
					refusal: partial.length > 0
						? `no automatic undo of a partial change (${partial.join(', ')} went through): check the preview's CLI twin and revert by hand`
						: 'nothing to undo: the change failed and nothing was changed',
				};
			}
			const undo = last.plan.undo(last.result.outcome);
			if (!undo) return {...state, refusal: last.plan.undoSummary};
			const {refusal: _r, ...rest} = state;
			return {...rest, phase: 'preview', plan: undo, planKind: 'undo', typed: ''};
		}
		case 'refuse': {
			return {...state, refusal: action.reason};
		}
		case 'back': {
			switch (state.phase) {
				case 'target':
					return {...state, closed: true};
				case 'editing':
					return beforeForm(state);
				case 'planning':
				case 'preview': {
					if (state.planKind === 'undo' && state.last) {
						const {refusal: _r, ...rest} = state;
						return {...rest, phase: resultPhase(state), plan: state.last.plan, planKind: 'fix', typed: ''};
					}
					// Nothing to go back to: close as the preview stands (the view keeps drawing it meanwhile).
					if (state.fix.params.length === 0 && !state.needs) return {...state, closed: true};
					const {refusal: _r, plan: _p, ...rest} = state;
					// Bumping seq drops a planning answer still on its way.
					const left = {...rest, typed: '', seq: state.seq + 1};
					return state.fix.params.length > 0 ? {...left, phase: 'editing'} : beforeForm(left);
				}
				case 'running':
					return {...state, refusal: 'the change is being sent: wait for its outcome'};
				case 'done':
				case 'failed':
				case 'watching':
					return {...state, closed: true};
			}
		}
	}
}
