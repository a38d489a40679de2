import {describe, expect, it} from 'vitest';
import {namesFor} from '../../../source/port/names.js';
import {buildAcsoRunbook} from '../../../source/runbooks/acso-runbook.js';
import type {NativeResult} from '../../../source/runbooks/native.js';
import {
	createWalkerReducer,
	currentPage,
	initialWalkerState,
	type RunEnv,
	selectedStep,
	type WalkerAction,
	type WalkerState,
} from '../../../source/runbooks/walker/walker-state.js';
import type {WalkerTree} from '../../../source/runbooks/walker/walker-tree.js';

const tree: WalkerTree = {runbook: buildAcsoRunbook(namesFor('production')), warnings: []};
const reduce = createWalkerReducer(tree);
const env: RunEnv = {now: Date.UTC(2026, 10, 28, 12), write: false};
const run = (state: WalkerState, ...actions: WalkerAction[]) => actions.reduce(reduce, state);
const crumbs = (state: WalkerState) => state.path.map(n => ('id' in n ? n.id : n.kind));
const open = (issueId: string) => run(initialWalkerState(), {type: 'open', issueId});
/** Puts the cursor on the step with this id on the current page. */
function select(state: WalkerState, stepId: string): WalkerState {
	let s = run(state, {type: 'first'});
	for (let i = 0; i < 40 && selectedStep(tree, s)?.id !== stepId; i++) s = reduce(s, {type: 'move', delta: 1});
	expect(selectedStep(tree, s)?.id).toBe(stepId);
	return s;
}

const nativeResult = (over: Partial<NativeResult> = {}): NativeResult => ({verdict: {level: 'ok', reason: 'all good here'}, lines: ['a line'], notes: [], calls: 1, ...over});

describe('walking the tree', () => {
	it('opens areas and issues with Enter and goes back one level with Esc, restoring the cursor', () => {
		let s = run(initialWalkerState(), {type: 'move', delta: 2});
		expect(currentPage(tree, s).rows[2]).toMatchObject({kind: 'entry', title: 'Performance'});
		s = run(s, {type: 'enter', env});
		expect(crumbs(s)).toEqual(['root', 'area-performance']);
		expect(s.cursor).toBe(0);
		s = run(s, {type: 'move', delta: 1}, {type: 'enter', env});
		expect(crumbs(s)).toEqual(['root', 'area-performance', 'memory-leaks']);
		expect(currentPage(tree, s).intro?.items).toContain('Out of memory errors');
		expect(selectedStep(tree, s)?.id).toBe('memory-leaks/diagnosis/1');
		s = run(s, {type: 'back'});
		expect(crumbs(s)).toEqual(['root', 'area-performance']);
		expect(s.cursor).toBe(1);
		s = run(s, {type: 'back'});
		expect(s.cursor).toBe(2);
		// At the area list Esc is the shell's (back to the overview): the walker stays put.
		expect(run(s, {type: 'back'})).toBe(s);
	});

	it('keeps the cursor on the list: moves clamp, first and last jump', () => {
		const rootCount = tree.runbook.areas.length + 3;
		let s = run(initialWalkerState(), {type: 'move', delta: 100});
		expect(s.cursor).toBe(rootCount - 1);
		s = run(s, {type: 'move', delta: -100});
		expect(s.cursor).toBe(0);
		expect(run(s, {type: 'last'}).cursor).toBe(rootCount - 1);
		expect(run(s, {type: 'last'}, {type: 'first'}).cursor).toBe(0);
	});

	it('opens an issue or the page of a step directly, and says so when the runbook has neither', () => {
		const s = open('memory-leaks');
		expect(crumbs(s)).toEqual(['root', 'area-performance', 'memory-leaks']);
		expect(s.trail).toEqual([2, 1]);
		expect(run(s, {type: 'back'}).cursor).toBe(1);
		const errors = run(initialWalkerState(), {type: 'open', stepId: 'emergency/4'});
		expect(crumbs(errors)).toEqual(['root', 'emergency']);
		expect(selectedStep(tree, errors)?.title).toBe('View recent errors');
		const missing = run(s, {type: 'open', issueId: 'no-such-issue'});
		expect(crumbs(missing)).toEqual(['root']);
		expect(missing.message?.text).toBe('this runbook has no issue no-such-issue');
	});
});

describe('running steps', () => {
	it('runs a native read: running, then done with its result, which stays while the cursor moves on', () => {
		let s = run(open('memory-leaks'), {type: 'enter', env});
		expect(s.step).toMatchObject({kind: 'running', stepId: 'memory-leaks/diagnosis/1'});
		expect(s.results['memory-leaks/diagnosis/1']).toMatchObject({status: 'running', startedAt: env.now});
		expect(s.requests).toEqual([{id: expect.any(Number), kind: 'native', stepId: 'memory-leaks/diagnosis/1', runId: expect.any(Number), issueId: 'memory-leaks'}]);
		const {runId} = s.requests[0] as {runId: number};
		// Enter again while it runs does not start a second run.
		expect(run(s, {type: 'enter', env}).requests).toHaveLength(1);
		s = run(s, {type: 'taken', ids: s.requests.map(r => r.id)}, {type: 'move', delta: 1});
		expect(s.requests).toEqual([]);
		// Moving on while it runs keeps the running phase; the result lands on its own step.
		expect(s.step.kind).toBe('running');
		const result = nativeResult({verdict: {level: 'problem', reason: 'memory keeps rising', finding: 'memory-rising', recommends: {index: 1, title: 'Long-term fix - increase memory'}}});
		s = run(s, {type: 'finished', runId, at: env.now + 5, outcome: {kind: 'native', result}, failed: false});
		expect(s.step).toEqual({kind: 'done', stepId: 'memory-leaks/diagnosis/1'});
		expect(s.results['memory-leaks/diagnosis/1']).toEqual({status: 'done', runId, at: env.now + 5, outcome: {kind: 'native', result}});
		s = run(s, {type: 'move', delta: 3});
		expect(s.step.kind).toBe('idle');
		expect(s.results['memory-leaks/diagnosis/1']?.status).toBe('done');
		// The recommended resolution is one key away.
		s = run(s, {type: 'first'}, {type: 'jump-recommended'});
		expect(selectedStep(tree, s)?.id).toBe('memory-leaks/resolution/2/1');
	});

	it('marks a read that failed as failed, with the reason', () => {
		let s = run(open('memory-leaks'), {type: 'enter', env});
		const {runId} = s.requests[0] as {runId: number};
		const result = nativeResult({verdict: {level: 'unknown', reason: 'Access denied: no'}, lines: [], error: {kind: 'denied', message: 'no'}});
		s = run(s, {type: 'finished', runId, at: env.now, outcome: {kind: 'native', result}, failed: true});
		expect(s.step).toEqual({kind: 'failed', stepId: 'memory-leaks/diagnosis/1', reason: 'Access denied: no'});
		expect(s.results['memory-leaks/diagnosis/1']?.status).toBe('failed');
		expect(run(s, {type: 'finished', runId: 999, at: 0, outcome: {kind: 'native', result}, failed: false})).toBe(s);
	});

	it('says when nothing recommended a resolution yet, and opens the issue a result points at', () => {
		let s = open('alert-fatigue');
		expect(run(s, {type: 'jump-recommended'}).message?.text).toMatch(/no check has recommended a resolution yet/);
		s = select(s, 'alert-fatigue/diagnosis/2');
		expect(run(s, {type: 'open-related'}).message?.text).toMatch(/points at no other issue/);
		s = run(s, {type: 'enter', env});
		const {runId} = s.requests[0] as {runId: number};
		const result = nativeResult({verdict: {level: 'problem', reason: 'ACSO-HighMemory is in ALARM', seeAlso: [{issueId: 'memory-leaks', title: 'Memory Leaks'}]}});
		s = run(s, {type: 'finished', runId, at: env.now, outcome: {kind: 'native', result}, failed: false}, {type: 'open-related'});
		expect(crumbs(s)).toEqual(['root', 'area-performance', 'memory-leaks']);
	});

	it('hands a change with a typed fix to the fix flow, never running it', () => {
		const s = run(select(open('memory-leaks'), 'memory-leaks/resolution/1/1'), {type: 'enter', env});
		const step = selectedStep(tree, s);
		expect(s.requests).toEqual([{id: expect.any(Number), kind: 'fix', stepId: 'memory-leaks/resolution/1/1', hint: step?.fix}]);
		expect(step?.fix).toMatchObject({kind: 'force-new-deployment', target: {kind: 'service', service: 'acso-production-supervisor'}});
		expect(s.results).toEqual({});
		expect(run(s, {type: 'apply-fix'}).requests).toHaveLength(2);
		expect(run(select(s, 'memory-leaks/diagnosis/1'), {type: 'apply-fix'}).message?.text).toMatch(/no typed fix/);
	});

	it('confirms an aws CLI read before running it, and cancels without running anything', () => {
		let s = select(open('deployment-fails-with-service-not-found'), 'deployment-fails-with-service-not-found/diagnosis/3');
		const refused = run(s, {type: 'enter', env: {...env, awsUnavailable: 'the aws CLI is not on PATH'}});
		expect(refused.message?.text).toBe('the aws CLI is not on PATH: y copies the command to run it yourself');
		expect(refused.requests).toEqual([]);
		s = run(s, {type: 'enter', env});
		expect(s.step).toEqual({
			kind: 'confirming',
			stepId: 'deployment-fails-with-service-not-found/diagnosis/3',
			argv: ['aws', 'cloudformation', 'describe-stacks', '--stack-name', 'acso-production-infrastructure'],
			write: false,
			typed: '',
		});
		expect(run(s, {type: 'cancel'})).toMatchObject({step: {kind: 'idle'}, requests: [], message: {text: 'cancelled: nothing was run'}});
		s = run(s, {type: 'submit', env});
		expect(s.step.kind).toBe('running');
		expect(s.requests).toEqual([expect.objectContaining({kind: 'external', argv: ['aws', 'cloudformation', 'describe-stacks', '--stack-name', 'acso-production-infrastructure'], write: false})]);
	});

	it('shows a change whole with the account it runs in, and refuses to confirm one taller than the screen', () => {
		const at = select(open('container-image-pull-failures'), 'container-image-pull-failures/resolution/2/1');
		const write = {...env, write: true, cliContext: 'region eu-west-1 · profile oncall · session s1'};
		const s = run(at, {type: 'enter', env: {...write, preview: {width: 100, rows: 20}}});
		expect(s.step).toMatchObject({kind: 'confirming', write: true, context: 'region eu-west-1 · profile oncall · session s1'});
		const tall = run(at, {type: 'enter', env: {...write, preview: {width: 12, rows: 2}}});
		expect(tall.step.kind).toBe('idle');
		expect(tall.message?.text).toMatch(/more than this terminal can show/);
	});

	it('asks for a placeholder, checks it, and puts it in the argument vector as one argument', () => {
		let s = run(select(open('authentication-failures'), 'authentication-failures/diagnosis/3'), {type: 'enter', env});
		expect(s.step).toMatchObject({kind: 'filling', index: 0, placeholders: [{token: 'ACCOUNT', kind: 'account-id'}]});
		expect(run(s, {type: 'submit', env}).step).toMatchObject({kind: 'filling', errors: ['AWS account id (ACCOUNT) is needed']});
		s = run(s, {type: 'draft', text: '12; rm -rf /'}, {type: 'submit', env});
		expect(s.step).toMatchObject({kind: 'filling', errors: ['AWS account id: "12; rm -rf /" is not valid: an account id is 12 digits']});
		s = run(s, {type: 'draft', text: '123456789012'}, {type: 'submit', env});
		expect(s.step.kind).toBe('confirming');
		expect(s.step.kind === 'confirming' && s.step.argv).toContain('arn:aws:iam::123456789012:role/acso-production-task-role');
	});

	it('runs an aws CLI change only with --write, confirmed by typing the environment in production', () => {
		const at = select(open('container-image-pull-failures'), 'container-image-pull-failures/resolution/2/1');
		expect(run(at, {type: 'enter', env}).message?.text).toMatch(/start acso-tui with --write to run it here/);
		let s = run(at, {type: 'enter', env: {...env, write: true, typeToConfirm: 'production'}});
		expect(s.step).toMatchObject({kind: 'confirming', write: true, typeToConfirm: 'production'});
		s = run(s, {type: 'draft', text: 'prod'}, {type: 'submit', env});
		expect(s.message?.text).toBe('type production to confirm this change, or esc to cancel');
		expect(s.requests).toEqual([]);
		s = run(s, {type: 'draft', text: 'production'}, {type: 'submit', env});
		expect(s.requests).toEqual([expect.objectContaining({kind: 'external', write: true})]);
	});

	it('fills an interactive command with a running task picked from the list, to be copied', () => {
		let s = run(select(open('memory-leaks'), 'memory-leaks/diagnosis/3'), {type: 'enter', env});
		expect(s.step).toMatchObject({kind: 'filling', purpose: 'copy', placeholders: [{token: 'TASK-ID'}]});
		expect(s.tasks.status).toBe('loading');
		expect(s.requests).toEqual([{id: expect.any(Number), kind: 'tasks'}]);
		s = run(s, {type: 'tasks-loaded', items: [{id: 'aaa111', service: 'acso-production-supervisor'}, {id: 'bbb222', service: 'acso-production-supervisor'}]});
		s = run(s, {type: 'choose', delta: 1}, {type: 'choose', delta: 5}, {type: 'submit', env});
		expect(s.step).toEqual({kind: 'done', stepId: 'memory-leaks/diagnosis/3'});
		const record = s.results['memory-leaks/diagnosis/3'];
		expect(record?.status === 'done' && record.outcome).toEqual({kind: 'command', argv: expect.arrayContaining(['--task', 'bbb222', '--interactive'])});
		s = run(s, {type: 'copy'});
		expect(s.requests.at(-1)).toMatchObject({kind: 'copy', text: expect.stringContaining('--task bbb222 --container supervisor-agent --interactive --command top')});
	});

	it('starts the task list on a task of the service the command\'s container belongs to', () => {
		let s = run(select(open('memory-leaks'), 'memory-leaks/diagnosis/3'), {type: 'enter', env});
		expect(s.step).toMatchObject({kind: 'filling', prefer: 'supervisor'});
		s = run(s, {type: 'tasks-loaded', items: [{id: 'aaa111', service: 'acso-production-incident-response'}, {id: 'ccc333', service: 'acso-production-supervisor'}]});
		expect(s.step).toMatchObject({kind: 'filling', choice: 1});
		s = run(s, {type: 'submit', env});
		const record = s.results['memory-leaks/diagnosis/3'];
		expect(record?.status === 'done' && record.outcome.kind === 'command' && record.outcome.argv).toContain('ccc333');
	});

	it('lets a TASK-ID be typed when the task list failed', () => {
		let s = run(select(open('memory-leaks'), 'memory-leaks/diagnosis/3'), {type: 'enter', env}, {type: 'tasks-failed', error: 'Access denied'});
		s = run(s, {type: 'draft', text: 'bad id!'}, {type: 'submit', env});
		expect(s.step).toMatchObject({kind: 'filling', errors: ['Task: "bad id!" is not a task id (letters, digits, - and _ only)']});
		s = run(s, {type: 'draft', text: 'abc123'}, {type: 'submit', env});
		expect(s.step.kind).toBe('done');
	});

	it('leaves manual steps and questions to the engineer, copying what they say', () => {
		let s = run(initialWalkerState(), {type: 'open', stepId: 'emergency/1'}, {type: 'enter', env});
		expect(s.message?.text).toBe('run this yourself: y copies the command');
		expect(s.requests).toEqual([]);
		s = run(s, {type: 'copy'});
		expect(s.requests).toEqual([{id: expect.any(Number), kind: 'copy', text: 'python scripts/smoke-tests.py --environment production', what: 'the command'}]);
		s = run(initialWalkerState(), {type: 'open', stepId: 'escalation/4'}, {type: 'copy'});
		expect(s.requests[0]).toMatchObject({kind: 'copy', text: 'When did the issue start?', what: 'the question'});
	});

	it('scrolls the result within its length and drops requests once taken', () => {
		let s = run(initialWalkerState(), {type: 'scroll', delta: 3, max: 2});
		expect(s.scroll).toBe(2);
		expect(run(s, {type: 'scroll', delta: -9, max: 2}).scroll).toBe(0);
		s = run(s, {type: 'open', stepId: 'emergency/4'}, {type: 'enter', env});
		expect(s.scroll).toBe(0);
		expect(run(s, {type: 'taken', ids: [s.requests[0]!.id]}).requests).toEqual([]);
	});
});
