import {describe, expect, it} from 'vitest';
import type {RunResult} from '../../../source/fixes/audit.js';
import {forceNewDeployment, setDesiredCount} from '../../../source/fixes/ecs.js';
import {rollback} from '../../../source/fixes/ecs-revisions.js';
import type {Outcome, Plan, Target} from '../../../source/fixes/types.js';
import {readOnlyReason, type ConfirmRules} from '../../../source/fixes/ui/confirm-rules.js';
import {flowReducer, initialFlowState, type FlowAction, type FlowState} from '../../../source/fixes/ui/flow-state.js';
import {cluster, fakeReaders, productionAccount, serviceName} from '../fake-cloud.js';

// The fix flow's state machine on plain values: every step, every refusal, stale answers dropped.

const service: Target = {kind: 'service', cluster, service: serviceName};
const readers = () => fakeReaders(productionAccount());
const write: ConfirmRules = {write: true, production: false, env: 'staging'};
const production: ConfirmRules = {write: true, production: true, env: 'production'};
const readOnly: ConfirmRules = {write: false, production: true, env: 'production'};

const okResult = (entryId = 'e1'): RunResult => ({entryId, outcome: {ok: true, after: {desiredCount: 3}, requestId: 'req-1', requestIds: ['req-1']}});
const failedResult: RunResult = {
	entryId: 'e2',
	outcome: {ok: false, error: {message: 'User is not authorized to perform ecs:UpdateService', kind: 'denied', apiCall: 'ecs:UpdateService', requestId: 'req-9'}, completed: [], requestId: 'req-9', requestIds: []},
};

function run(state: FlowState, ...actions: FlowAction[]): FlowState {
	return actions.reduce(flowReducer, state);
}

async function previewOf(count = 3): Promise<{state: FlowState; plan: Plan}> {
	const plan = await setDesiredCount.plan(readers(), service, {desiredCount: count});
	let state = initialFlowState({fix: setDesiredCount, target: service});
	state = run(state, {type: 'edit', name: 'desiredCount', value: String(count)}, {type: 'submit'});
	state = flowReducer(state, {type: 'planned', seq: state.seq, plan});
	return {state, plan};
}

describe('where a flow starts', () => {
	it('asks for the target when a runbook hint names none', () => {
		const state = initialFlowState({fix: rollback, needs: {kind: 'service', cluster, reason: 'choose one'}});
		expect(state.phase).toBe('target');
		const picked = flowReducer(state, {type: 'pick-target', target: service});
		// Rollback takes no parameters: straight to planning.
		expect(picked).toMatchObject({phase: 'planning', target: service, seq: state.seq + 1});
	});

	it('opens the form with the given values (as text) when the fix has parameters', () => {
		const state = initialFlowState({fix: setDesiredCount, target: service, params: {desiredCount: 4}});
		expect(state).toMatchObject({phase: 'editing', values: {desiredCount: '4'}, field: 0});
	});

	it('plans at once when the fix takes no parameters', () => {
		expect(initialFlowState({fix: forceNewDeployment, target: service})).toMatchObject({phase: 'planning', seq: 1});
	});
});

describe('the form', () => {
	it('edits known fields only, and moves focus around the fields', () => {
		const state = initialFlowState({fix: setDesiredCount, target: service});
		expect(flowReducer(state, {type: 'edit', name: 'nope', value: 'x'})).toBe(state);
		expect(flowReducer(state, {type: 'edit', name: 'desiredCount', value: '7'}).values['desiredCount']).toBe('7');
		// One field: focus wraps onto itself.
		expect(flowReducer(state, {type: 'focus', delta: 1}).field).toBe(0);
	});

	it("puts planning's refusal under the field it names, and editing that field clears it", () => {
		let state = run(initialFlowState({fix: setDesiredCount, target: service}), {type: 'edit', name: 'desiredCount', value: 'abc'}, {type: 'submit'});
		expect(state.phase).toBe('planning');
		state = flowReducer(state, {type: 'plan-failed', seq: state.seq, message: 'desiredCount must be a whole number, got "abc"', field: 'desiredCount'});
		expect(state).toMatchObject({phase: 'editing', formError: {message: 'desiredCount must be a whole number, got "abc"', field: 'desiredCount'}});
		expect(flowReducer(state, {type: 'edit', name: 'desiredCount', value: '3'}).formError).toBeUndefined();
	});

	it('keeps an error that names no field (a failed read) above the form', () => {
		let state = run(initialFlowState({fix: setDesiredCount, target: service}), {type: 'submit'});
		state = flowReducer(state, {type: 'plan-failed', seq: state.seq, message: 'network down'});
		expect(state.formError).toEqual({message: 'network down'});
		expect(flowReducer(state, {type: 'edit', name: 'desiredCount', value: '3'}).formError).toEqual({message: 'network down'});
	});

	it('drops a planning answer that arrives after the engineer went back', async () => {
		const plan = await setDesiredCount.plan(readers(), service, {desiredCount: 3});
		const planning = run(initialFlowState({fix: setDesiredCount, target: service}), {type: 'edit', name: 'desiredCount', value: '3'}, {type: 'submit'});
		const back = flowReducer(planning, {type: 'back'});
		expect(back.phase).toBe('editing');
		expect(flowReducer(back, {type: 'planned', seq: planning.seq, plan})).toBe(back);
		// And after a new submit, the old answer is still not taken for the new one.
		const again = flowReducer(back, {type: 'submit'});
		expect(flowReducer(again, {type: 'planned', seq: planning.seq, plan}).phase).toBe('planning');
	});
});

describe('confirming', () => {
	it('refuses in read-only mode with the way to enable writes, and stays on the preview', async () => {
		const {state} = await previewOf();
		const refused = flowReducer(state, {type: 'confirm', rules: readOnly});
		expect(refused).toMatchObject({phase: 'preview', refusal: readOnlyReason});
		expect(readOnlyReason).toContain('--write');
	});

	it('in production, sends only once the resource name is typed exactly', async () => {
		const {state, plan} = await previewOf();
		expect(flowReducer(state, {type: 'confirm', rules: production})).toMatchObject({phase: 'preview', refusal: expect.stringContaining(`type ${plan.resourceName}`)});
		const wrong = run(state, {type: 'type', text: 'acso-production-supervisr'}, {type: 'confirm', rules: production});
		expect(wrong).toMatchObject({phase: 'preview', refusal: expect.stringContaining('is not acso-production-supervisor')});
		const right = run(state, {type: 'type', text: plan.resourceName}, {type: 'confirm', rules: production});
		expect(right).toMatchObject({phase: 'running', seq: state.seq + 1});
		expect(right.refusal).toBeUndefined();
	});

	it('outside production, y is enough', async () => {
		const {state} = await previewOf();
		expect(flowReducer(state, {type: 'confirm', rules: write}).phase).toBe('running');
	});

	it('cannot be left while the change is being sent', async () => {
		const {state} = await previewOf();
		const running = flowReducer(state, {type: 'confirm', rules: write});
		expect(flowReducer(running, {type: 'back'})).toMatchObject({phase: 'running', closed: false, refusal: expect.stringContaining('being sent')});
	});
});

describe('the outcome', () => {
	it('goes to watching after an ECS change that started a rollout, done otherwise', async () => {
		const {state} = await previewOf();
		const running = flowReducer(state, {type: 'confirm', rules: write});
		expect(flowReducer(running, {type: 'ran', seq: running.seq, result: okResult(), watch: {cluster, service: serviceName}})).toMatchObject({phase: 'watching', watch: {cluster, service: serviceName}});
		expect(flowReducer(running, {type: 'ran', seq: running.seq, result: okResult()})).toMatchObject({phase: 'done', last: {result: okResult()}});
	});

	it('fails with the AWS error kept for the view', async () => {
		const {state} = await previewOf();
		const running = flowReducer(state, {type: 'confirm', rules: write});
		const failed = flowReducer(running, {type: 'ran', seq: running.seq, result: failedResult});
		expect(failed).toMatchObject({phase: 'failed', last: {result: failedResult}});
		expect(flowReducer(failed, {type: 'undo'}).refusal).toBe('nothing to undo: the change failed and nothing was changed');
	});

	it('says when the audit intent could not be written and nothing was sent', async () => {
		const {state} = await previewOf();
		const running = flowReducer(state, {type: 'confirm', rules: write});
		const notSent = flowReducer(running, {type: 'not-sent', seq: running.seq, message: 'cannot write the audit log /x: EACCES'});
		expect(notSent).toMatchObject({phase: 'failed', notSent: 'cannot write the audit log /x: EACCES'});
		expect(notSent.last).toBeUndefined();
	});

	it('Esc from the outcome closes the flow', async () => {
		const {state} = await previewOf();
		const running = flowReducer(state, {type: 'confirm', rules: write});
		const done = flowReducer(running, {type: 'ran', seq: running.seq, result: okResult()});
		expect(flowReducer(done, {type: 'back'}).closed).toBe(true);
	});
});

describe('undo', () => {
	it('previews the inverse plan, through the same confirmation', async () => {
		const {state} = await previewOf(3);
		expect(flowReducer(state, {type: 'confirm', rules: production}).phase).toBe('preview'); // the name was not typed
		const sent = run(state, {type: 'type', text: serviceName}, {type: 'confirm', rules: production});
		const done = flowReducer(sent, {type: 'ran', seq: sent.seq, result: okResult(), watch: {cluster, service: serviceName}});
		const undo = flowReducer(done, {type: 'undo'});
		expect(undo).toMatchObject({phase: 'preview', planKind: 'undo', typed: ''});
		expect(undo.plan?.undoOf).toBe('Set desired count of acso-production-supervisor to 3');
		expect(undo.plan?.changes).toEqual([{field: 'desiredCount', from: 3, to: 2}]);
		// The same rule: in production the name must be typed again.
		expect(flowReducer(undo, {type: 'confirm', rules: production}).phase).toBe('preview');
		// Esc returns to the outcome it came from.
		expect(flowReducer(undo, {type: 'back'})).toMatchObject({phase: 'watching', planKind: 'fix'});
	});

	it('is refused with the fix\'s own reason when there is none', async () => {
		const plan = await forceNewDeployment.plan(readers(), service);
		let state = initialFlowState({fix: forceNewDeployment, target: service});
		state = flowReducer(state, {type: 'planned', seq: state.seq, plan});
		state = flowReducer(state, {type: 'confirm', rules: write});
		const outcome: Outcome = {ok: true, after: {}, requestIds: []};
		state = flowReducer(state, {type: 'ran', seq: state.seq, result: {entryId: 'e', outcome}});
		expect(flowReducer(state, {type: 'undo'})).toMatchObject({phase: 'done', refusal: plan.undoSummary});
	});
});

describe('going back', () => {
	it('from the preview returns to the form, or closes a fix without parameters', async () => {
		const {state} = await previewOf();
		expect(flowReducer(state, {type: 'back'})).toMatchObject({phase: 'editing', typed: ''});
		const plan = await forceNewDeployment.plan(readers(), service);
		let force = initialFlowState({fix: forceNewDeployment, target: service});
		force = flowReducer(force, {type: 'planned', seq: force.seq, plan});
		expect(flowReducer(force, {type: 'back'}).closed).toBe(true);
	});

	it('from the form returns to the target picker when the target was picked, else closes', () => {
		const picked = flowReducer(initialFlowState({fix: setDesiredCount, needs: {kind: 'service', reason: 'choose'}}), {type: 'pick-target', target: service});
		expect(picked.phase).toBe('editing');
		const back = flowReducer(picked, {type: 'back'});
		expect(back.phase).toBe('target');
		expect(back.target).toBeUndefined();
		expect(flowReducer(back, {type: 'back'}).closed).toBe(true);
		expect(flowReducer(initialFlowState({fix: setDesiredCount, target: service}), {type: 'back'}).closed).toBe(true);
	});
});
