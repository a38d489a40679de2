// The hostile guide (test/fixtures/guides/hostile-guide.md): every step tries one trick of the
// security audit (issue 12, findings 1, 2, 5, 6 and 7). Parsed by the real loader, each step is
// prepared and run by the real runner against a fake `aws` on a temporary PATH that records what
// it was called with and the environment it got. Without --write nothing but the plain read runs;
// with --write nothing runs unaudited, and no secret reaches the audit log.
import {chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {createAuditLog} from '../../source/fixes/audit.js';
import {namesFor} from '../../source/port/names.js';
import {judgeAwsArgv} from '../../source/runbooks/cli-policy.js';
import {fixedPath} from '../../source/runbooks/cli-env.js';
import {type ExternalResult, prepareExternal, runExternal} from '../../source/runbooks/external.js';
import {loadGuide} from '../../source/runbooks/guide-loader.js';
import {allSteps, type Step} from '../../source/runbooks/model.js';

type Call = {argv: string[]; env: Record<string, string>};

let dir: string;
let callsFile: string;

beforeAll(() => {
	dir = mkdtempSync(join(tmpdir(), 'acso-hostile-'));
	callsFile = join(dir, 'calls.jsonl');
	// The fake aws: one JSON line per call, with its arguments and its whole environment.
	writeFileSync(
		join(dir, 'aws'),
		`#!${process.execPath}\nrequire('node:fs').appendFileSync(${JSON.stringify(callsFile)}, JSON.stringify({argv: process.argv.slice(2), env: process.env}) + '\\n');\nprocess.stdout.write('{"Account": "123456789012"}');\n`,
	);
	chmodSync(join(dir, 'aws'), 0o755);
});

afterAll(() => rmSync(dir, {recursive: true, force: true}));

const guide = loadGuide(readFileSync('test/fixtures/guides/hostile-guide.md', 'utf8'), namesFor('production'));
const steps = allSteps(guide.runbook).filter(step => step.command !== '');
const context = {region: 'eu-west-1', profile: 'oncall', endpointUrl: 'http://127.0.0.1:4566', sessionId: 'abc123'};
// The app's own environment, as a bastion might have it: only the credential chain's part passes.
const appEnv = {HOME: '/home/oncall', PATH: '/opt/weird/bin:/usr/bin', AWS_ACCESS_KEY_ID: 'AKIA-test', LD_PRELOAD: '/tmp/app.so', BASH_ENV: '/tmp/app-bashrc', NODE_OPTIONS: '--require /tmp/x.js', AWS_CONFIG_FILE: '/home/oncall/.aws/config'};

function calls(): Call[] {
	if (!existsSync(callsFile)) return [];
	return readFileSync(callsFile, 'utf8').trim().split('\n').filter(Boolean).map(line => JSON.parse(line) as Call);
}

async function runAll(write: boolean, auditPath: string): Promise<Array<{step: Step; result?: ExternalResult; prepareErrors?: string[]}>> {
	rmSync(callsFile, {force: true});
	const audit = createAuditLog({path: auditPath, context: {env: 'production', region: context.region, profile: context.profile, sessionId: context.sessionId}});
	const out: Array<{step: Step; result?: ExternalResult; prepareErrors?: string[]}> = [];
	for (const step of steps) {
		const prepared = prepareExternal(step, {now: Date.UTC(2026, 0, 1)});
		if (!prepared.ok) {
			out.push({step, prepareErrors: prepared.errors});
			continue;
		}
		const result = await runExternal(prepared.argv, {write: step.effect === 'write', isWriteEnabled: () => write, timeoutMs: 20_000, path: dir, context, audit, baseEnv: appEnv, title: step.title});
		out.push({step, result});
	}
	return out;
}

const titleOf = (out: {step: Step}) => out.step.title;

describe('a hostile guide', () => {
	it('loads: every trick is a step', () => {
		expect(steps.length).toBe(33);
	});

	it('runs nothing but the plain read without --write', async () => {
		const results = await runAll(false, join(dir, 'read-only', 'audit.jsonl'));
		const ran = calls();
		expect(ran.map(c => c.argv)).toEqual([['sts', 'get-caller-identity']]);
		for (const entry of results) {
			if (entry.step.title === 'Who am I') expect(entry.result?.status, titleOf(entry)).toBe('ok');
			else expect(entry.prepareErrors ?? entry.result?.status, titleOf(entry)).not.toBe('ok');
		}
		// The environment prefixes are refused before anything starts, with the reason.
		const prefixed = results.filter(r => /^[A-Z_]+=/.test(r.step.command));
		expect(prefixed).toHaveLength(5);
		for (const r of prefixed) expect(r.prepareErrors?.join(' '), titleOf(r)).toMatch(/runs the aws CLI with its own environment only/);
		// Nothing is recorded for reads.
		expect(existsSync(join(dir, 'read-only', 'audit.jsonl'))).toBe(false);
	});

	it('gives the one command that ran a fixed environment with the app\'s context and the session id', async () => {
		await runAll(false, join(dir, 'env', 'audit.jsonl'));
		const [call] = calls();
		const env = call?.env ?? {};
		expect(env).toMatchObject({
			PATH: [dir, ...fixedPath].join(':'),
			HOME: '/home/oncall',
			AWS_PAGER: '',
			AWS_REGION: 'eu-west-1',
			AWS_DEFAULT_REGION: 'eu-west-1',
			AWS_PROFILE: 'oncall',
			AWS_ENDPOINT_URL: 'http://127.0.0.1:4566',
			AWS_EXECUTION_ENV: 'acso-tui-abc123',
			AWS_ACCESS_KEY_ID: 'AKIA-test',
			AWS_CONFIG_FILE: '/home/oncall/.aws/config',
		});
		for (const name of ['LD_PRELOAD', 'BASH_ENV', 'NODE_OPTIONS']) expect(env, name).not.toHaveProperty(name);
		// Whatever the child sees beyond these is what the OS adds itself, never the test's variables.
		expect(Object.keys(env).filter(name => name in process.env && !(name in appEnv) && !['PATH', 'HOME'].includes(name))).toEqual([]);
	});

	it('with --write runs only plain reads and audited changes, and never a trick', async () => {
		const auditPath = join(dir, 'write', 'audit.jsonl');
		const results = await runAll(true, auditPath);
		const ran = calls();
		const lines = readFileSync(auditPath, 'utf8').trim().split('\n').map(line => JSON.parse(line) as {phase: string; entryId: string; cliCommand: string; sessionId: string; apiCall: string; outcome: string});
		const intents = lines.filter(l => l.phase === 'intent');
		const outcomes = lines.filter(l => l.phase === 'outcome');
		// Everything that ran and is not an allowlisted read has an intent and an outcome line.
		const changes = ran.filter(call => judgeAwsArgv(['aws', ...call.argv]).kind !== 'read');
		expect(changes.map(c => c.argv.slice(0, 2).join(' '))).toEqual([
			'states test-state',
			'apigateway test-invoke-method',
			'cloudformation detect-stack-drift',
			'iam create-user',
			'iam create-login-profile',
			'ecs update-service',
		]);
		expect(intents).toHaveLength(changes.length);
		expect(outcomes.map(o => o.entryId)).toEqual(intents.map(i => i.entryId));
		expect(intents.map(i => i.apiCall)).toEqual(['states:TestState', 'apigateway:TestInvokeMethod', 'cloudformation:DetectStackDrift', 'iam:CreateUser', 'iam:CreateLoginProfile', 'ecs:UpdateService']);
		for (const line of lines) expect(line.sessionId).toBe('abc123');
		for (const o of outcomes) expect(o.outcome).toBe('ok');
		// The password was sent, never recorded.
		expect(ran.find(c => c.argv[1] === 'create-login-profile')?.argv).toContain('Hunter2-secret');
		expect(readFileSync(auditPath, 'utf8')).not.toContain('Hunter2-secret');
		expect(intents.find(i => i.apiCall === 'iam:CreateLoginProfile')?.cliCommand).toContain('--password \'<redacted>\'');
		// The tricks are refused with or without --write: files, secrets, overrides, prefixes.
		const tricks = results.filter(r => !['Who am I', 'A back door', 'A password, which must never be recorded', 'Scales to zero', 'Runs a state machine definition', 'Invokes an API', 'Starts a drift detection'].includes(r.step.title));
		expect(tricks).toHaveLength(26);
		for (const r of tricks) expect(r.prepareErrors !== undefined || r.result?.status === 'refused', titleOf(r)).toBe(true);
		for (const call of ran) {
			for (const word of call.argv) expect(word).not.toMatch(/fileb?:\/\/|^--(endpoint|profile|region|cli-|debug|ca-bundle|with-decr)/i);
		}
	});
});
