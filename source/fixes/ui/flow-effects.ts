// The effects the fix flow's phases ask for: read the target choices, plan, send. Each feeds its
// answer back to the reducer tagged with the step's seq, so a late answer cannot land on a newer step.
import {useEffect, useRef, useState} from 'react';
import {runPlan, type RunResult} from '../audit.js';
import {isFixInputError} from '../errors.js';
import {watchTargetOf} from '../watch.js';
import {errorMessage} from '../../port/errors.js';
import type {FixDeps} from './deps.js';
import type {FlowAction, FlowState} from './flow-state.js';
import {paramsFromValues} from './form-values.js';
import {loadTargetChoices, type TargetChoice} from './target-choices.js';

export type Choices = {status: 'loading' | 'ok' | 'error'; items: TargetChoice[]; error?: string};

/** Plans when the flow asks to, and feeds the answer back tagged with the step's seq. */
export function usePlanning(state: FlowState, dispatch: (action: FlowAction) => void, deps: FixDeps): void {
	useEffect(() => {
		if (state.phase !== 'planning' || !state.target) return;
		const seq = state.seq;
		state.fix.plan(deps.cloud, state.target, paramsFromValues(state.fix, state.values)).then(
			plan => dispatch({type: 'planned', seq, plan}),
			(error: unknown) =>
				dispatch({type: 'plan-failed', seq, message: errorMessage(error), ...(isFixInputError(error) && error.field !== undefined ? {field: error.field} : {})}),
		);
	}, [state.phase, state.seq]); // eslint-disable-line react-hooks/exhaustive-deps -- runs once per phase change (seq), with the state of that moment; the deps object is new every render
}

/**
 * Sends a confirmed plan exactly once (audit intent, call, audit outcome), then starts the rollout
 * watch for an ECS change. Closing the overlay meanwhile does not stop it: the request is on its way.
 */
export function useRunning(state: FlowState, dispatch: (action: FlowAction) => void, deps: FixDeps): void {
	const sent = useRef(0);
	useEffect(() => {
		const plan = state.plan;
		if (state.phase !== 'running' || !plan || sent.current === state.seq) return;
		sent.current = state.seq;
		const seq = state.seq;
		const since = deps.now();
		void (async () => {
			let result: RunResult;
			try {
				result = await runPlan(plan, deps.cloud.operator, deps.audit);
			} catch (error) {
				// Only the audit intent throws: nothing was sent.
				dispatch({type: 'not-sent', seq, message: errorMessage(error)});
				deps.notify(`not sent: ${errorMessage(error)}`, 'error');
				return;
			}
			deps.onChanged();
			const target = watchTargetOf(plan, result.outcome);
			if (target) {
				deps.watches.start(deps.cloud.services, {
					...target,
					since,
					timeoutMs: deps.watchTimeoutMs,
					intervalMs: deps.config.refreshMs,
					now: deps.now,
					sleep: deps.waker.sleep,
				});
			}
			dispatch({type: 'ran', seq, result, ...(target ? {watch: {cluster: target.cluster, service: target.service}} : {})});
			const {outcome} = result;
			deps.notify(outcome.ok ? `done: ${plan.title}` : `failed: ${plan.title}: ${outcome.error.message}`, outcome.ok ? 'info' : 'error');
		})();
	}, [state.phase, state.seq]); // eslint-disable-line react-hooks/exhaustive-deps -- runs once per phase change (seq), with the state of that moment; the deps object is new every render
}

export function useTargetChoices(state: FlowState, deps: FixDeps): Choices | undefined {
	const [choices, setChoices] = useState<Choices>();
	useEffect(() => {
		if (state.phase !== 'target' || !state.needs) return;
		let live = true;
		setChoices({status: 'loading', items: []});
		loadTargetChoices(deps.cloud, state.needs, deps.config.names).then(
			items => live && setChoices({status: 'ok', items}),
			(error: unknown) => live && setChoices({status: 'error', items: [], error: errorMessage(error)}),
		);
		return () => {
			live = false;
		};
	}, [state.phase, state.seq]); // eslint-disable-line react-hooks/exhaustive-deps -- runs once per phase change (seq), with the state of that moment; the deps object is new every render
	return choices;
}
