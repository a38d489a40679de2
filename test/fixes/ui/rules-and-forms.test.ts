import {describe, expect, it} from 'vitest';
import {FixInputError} from '../../../source/fixes/errors.js';
import {putRetention} from '../../../source/fixes/logs.js';
import {modifyDatabaseClass} from '../../../source/fixes/database.js';
import {setDesiredCount, stopTask} from '../../../source/fixes/ecs.js';
import {confirmBlock, confirmRules, needsTypedName, readOnlyReason} from '../../../source/fixes/ui/confirm-rules.js';
import {deskReducer, initialDeskState, topPanel} from '../../../source/fixes/ui/desk-state.js';
import {fieldHelp, initialValues, paramsFromValues, valueText} from '../../../source/fixes/ui/form-values.js';
import {flowStartOf} from '../../../source/fixes/ui/resolve-request.js';
import {createWaker} from '../../../source/fixes/ui/waker.js';
import {testConfig} from '../../helpers/render.js';

describe('confirm rules', () => {
	it('come from the config: production is the env listed in productionEnvs', () => {
		expect(confirmRules(testConfig({demo: true}))).toEqual({write: false, production: true, env: 'production'});
		expect(confirmRules(testConfig({demo: true, write: true, env: 'staging'}))).toEqual({write: true, production: false, env: 'staging'});
	});

	it('read-only refuses whatever was typed, and says how to allow changes', () => {
		const rules = {write: false, production: true, env: 'production'};
		expect(confirmBlock({resourceName: 'svc'}, 'svc', rules)).toBe(readOnlyReason);
		expect(readOnlyReason).toBe('read-only: start acso-tui with --write to allow changes');
		expect(needsTypedName(rules)).toBe(false);
	});

	it('blocks every change while AWS refuses the credentials, and says what to do', () => {
		const rules = confirmRules(testConfig({demo: true, write: true, env: 'staging'}), 'Run `aws sso login --profile oncall`, then retry.');
		expect(confirmBlock({resourceName: 'svc'}, '', rules)).toBe(
			'credentials expired or missing: Run `aws sso login --profile oncall`, then retry. Then close this, press r, and confirm again.',
		);
		expect(confirmBlock({resourceName: 'svc'}, '', {...rules, credentialsProblem: undefined})).toBeUndefined();
	});

	it('production needs the exact name (surrounding spaces forgiven); elsewhere nothing is typed', () => {
		const rules = {write: true, production: true, env: 'production'};
		expect(needsTypedName(rules)).toBe(true);
		expect(confirmBlock({resourceName: 'acso-production-db'}, '', rules)).toBe('production is a production environment: type acso-production-db to confirm');
		expect(confirmBlock({resourceName: 'acso-production-db'}, 'acso-production', rules)).toContain('"acso-production" is not acso-production-db');
		expect(confirmBlock({resourceName: 'acso-production-db'}, ' acso-production-db ', rules)).toBeUndefined();
		expect(confirmBlock({resourceName: 'acso-production-db'}, '', {...rules, production: false})).toBeUndefined();
	});
});

describe('form values', () => {
	it('start from the given values, then the defaults, as text', () => {
		expect(initialValues(modifyDatabaseClass.params, {instanceClass: 'db.t3.large'})).toEqual({instanceClass: 'db.t3.large', applyImmediately: 'false'});
		expect(initialValues(stopTask.params)).toEqual({reason: 'Stopped by acso-tui'});
		expect(valueText({Name: 'ClusterName', Value: 'c'})).toBe('Name=ClusterName,Value=c');
		expect(valueText(['3'])).toBe('3');
	});

	it('hand the fix every non-empty field as typed, and leave empty ones to its default', () => {
		expect(paramsFromValues(stopTask, {reason: '  '})).toEqual({});
		expect(paramsFromValues(setDesiredCount, {desiredCount: ' 3 '})).toEqual({desiredCount: ' 3 '});
	});

	it("explain a field with its help, its allowed values and whether it is required", () => {
		const help = fieldHelp(putRetention.params[0]!);
		expect(help).toContain('One of the values CloudWatch Logs accepts.');
		expect(help).toContain('one of: 1, 3, 5, 7, 14');
		expect(help).toContain('required');
	});
});

describe('proposals', () => {
	const target = {kind: 'service', cluster: 'acso-production-cluster', service: 'acso-production-supervisor'} as const;

	it('open a catalogue fix on its target with its params', () => {
		const start = flowStartOf({fixId: 'set-desired-count', target, params: {desiredCount: 3}});
		expect(start).toMatchObject({fix: {id: 'set-desired-count'}, target, params: {desiredCount: 3}, notes: []});
	});

	it('refuse an unknown fix, a target of the wrong kind, and unknown params, saying which', () => {
		expect(() => flowStartOf({fixId: 'reboot-everything' as never, target})).toThrow('no fix "reboot-everything" in the catalogue');
		expect(() => flowStartOf({fixId: 'put-retention', target})).toThrow('Set log retention acts on a logGroup, not on a service');
		expect(() => flowStartOf({fixId: 'set-desired-count', target, params: {count: 3}})).toThrow(FixInputError);
		expect(() => flowStartOf({fixId: 'set-desired-count', target, params: {count: 3}})).toThrow('unknown parameter "count" (it takes desiredCount)');
	});

	it("resolve a runbook hint, keeping the guide's notes and leaving an unnamed target to be picked", () => {
		const start = flowStartOf({hint: {kind: 'rollback', target: {kind: 'cluster', cluster: 'acso-production-cluster'}, params: {}, notes: ['the guide rolls back every service']}});
		expect(start.fix.id).toBe('rollback');
		expect(start.target).toBeUndefined();
		expect(start.needs).toMatchObject({kind: 'service', cluster: 'acso-production-cluster'});
		expect(start.notes).toEqual(['the guide rolls back every service']);
		const named = flowStartOf({hint: {kind: 'set-desired-count', target, params: {'desired-count': '4'}}});
		expect(named).toMatchObject({target, params: {desiredCount: '4'}});
	});
});

describe('the panel stack', () => {
	it('pushes a flow over the menu (Esc pops back), and open replaces everything', () => {
		const target = {kind: 'db', db: 'acso-production-db'} as const;
		let state = deskReducer(initialDeskState, {type: 'open', panel: {kind: 'menu', target}});
		state = deskReducer(state, {type: 'push', panel: {kind: 'flow', start: {fix: modifyDatabaseClass, target}}});
		expect(topPanel(state)).toMatchObject({kind: 'flow', id: 1});
		state = deskReducer(state, {type: 'pop'});
		expect(topPanel(state)).toEqual({kind: 'menu', target});
		state = deskReducer(state, {type: 'push', panel: {kind: 'flow', start: {fix: modifyDatabaseClass, target}}});
		expect(topPanel(state)).toMatchObject({kind: 'flow', id: 2}); // a fresh flow, not the old one's state
		state = deskReducer(state, {type: 'open', panel: {kind: 'watches'}});
		expect(state.stack).toEqual([{kind: 'watches'}]);
		expect(deskReducer(state, {type: 'close'}).stack).toEqual([]);
	});
});

describe('the watch waker', () => {
	it('ends every sleep at once on wake, and on abort', async () => {
		const waker = createWaker();
		const controller = new AbortController();
		let woke = 0;
		const sleeps = [waker.sleep(3_600_000, controller.signal), waker.sleep(3_600_000, new AbortController().signal)].map(p => p.then(() => woke++));
		waker.wake();
		await Promise.all(sleeps);
		expect(woke).toBe(2);
		const aborted = new AbortController();
		const sleeping = waker.sleep(3_600_000, aborted.signal);
		aborted.abort();
		await sleeping;
		aborted.abort();
		await waker.sleep(3_600_000, aborted.signal); // already aborted: returns at once
	});
});
