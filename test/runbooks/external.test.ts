import {spawn} from 'node:child_process';
import {chmodSync, existsSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {namesFor} from '../../source/port/names.js';
import {buildAcsoRunbook} from '../../source/runbooks/acso-runbook.js';
import {parseCommand} from '../../source/runbooks/aws-command.js';
import {type ExternalOptions, findOnPath, prepareExternal, runExternal, type SpawnFunction} from '../../source/runbooks/external.js';
import {allSteps} from '../../source/runbooks/model.js';
import {fillPlaceholders, findPlaceholders} from '../../source/runbooks/placeholders.js';

const hostile = '; rm -rf / $(id) `x` | & > <';
let dir: string;
let marker: string;

// A fake `aws`: prints its arguments as JSON (or sleeps, floods, fails), and leaves a marker file
// behind so a test can tell whether it ran at all.
beforeAll(() => {
	dir = mkdtempSync(join(tmpdir(), 'acso-tui-external-'));
	marker = join(dir, 'ran');
	const script = `#!${process.execPath}
const fs = require('node:fs');
fs.writeFileSync(${JSON.stringify(marker)}, 'yes');
// The mode comes from a file: the child gets a fixed environment, no test variable reaches it.
const modeFile = ${JSON.stringify(join('MODE_DIR', 'mode'))}.replace('MODE_DIR', __dirname);
const mode = fs.existsSync(modeFile) ? fs.readFileSync(modeFile, 'utf8') : '';
if (mode === 'sleep') setTimeout(() => {}, 60000);
else if (mode === 'flood') process.stdout.write('x'.repeat(5 * 1024 * 1024));
else if (mode === 'fail') { process.stderr.write('An error occurred (AccessDenied)'); process.exit(254); }
else process.stdout.write(JSON.stringify({argv: process.argv.slice(2), region: process.env.AWS_REGION ?? null, pager: process.env.AWS_PAGER ?? null}));
`;
	writeFileSync(join(dir, 'aws'), script);
	chmodSync(join(dir, 'aws'), 0o755);
});

afterAll(() => {
	rmSync(dir, {recursive: true, force: true});
});

const context = {region: 'eu-west-1', sessionId: 'test-session'};
const base = (overrides: Partial<ExternalOptions> = {}): ExternalOptions => ({write: false, isWriteEnabled: () => false, timeoutMs: 20_000, path: dir, context, ...overrides});

// A stand-in audit log: the lines it was asked to write.
function memoryAudit() {
	const lines: Array<{phase: 'intent' | 'outcome'; entry: unknown}> = [];
	return {
		lines,
		intent(entry: unknown) {
			lines.push({phase: 'intent', entry});
			return `e${lines.length}`;
		},
		outcome(entryId: string, outcome: unknown) {
			lines.push({phase: 'outcome', entry: {entryId, outcome}});
		},
	};
}

async function run(argv: string[], overrides: Partial<ExternalOptions> & {mode?: string} = {}) {
	rmSync(marker, {force: true});
	const {mode, ...rest} = overrides;
	if (mode) writeFileSync(join(dir, 'mode'), mode);
	else rmSync(join(dir, 'mode'), {force: true});
	const result = await runExternal(argv, base(rest));
	return {result, ran: existsSync(marker)};
}

describe('runExternal', () => {
	it('passes values full of shell metacharacters as single plain arguments', async () => {
		const argv = ['aws', 'logs', 'filter-log-events', '--log-group-name', hostile, '--filter-pattern', `"quoted" 'single' \\ $HOME`];
		const {result, ran} = await run(argv);
		expect(ran).toBe(true);
		expect(result.status).toBe('ok');
		expect(JSON.parse(result.stdout)).toEqual({argv: argv.slice(1), region: 'eu-west-1', pager: ''});
	});

	it('fills placeholders from the UI with hostile values and still passes each as one argument', async () => {
		const command = 'aws logs filter-log-events --log-group-name "$GROUP" --filter-pattern "prefix-${PATTERN}"';
		const prepared = prepareExternal({command}, {now: Date.UTC(2026, 0, 1), values: {$GROUP: hostile, $PATTERN: hostile}});
		expect(prepared.ok).toBe(true);
		if (!prepared.ok) return;
		expect(prepared.argv).toEqual(['aws', 'logs', 'filter-log-events', '--log-group-name', hostile, '--filter-pattern', `prefix-${hostile}`]);
		const {result} = await run(prepared.argv);
		expect(JSON.parse(result.stdout)).toEqual({argv: prepared.argv.slice(1), region: 'eu-west-1', pager: ''});
	});

	it('spawns without a shell', async () => {
		const seen: Array<{command: string; args: readonly string[]; shell: unknown}> = [];
		const spy: SpawnFunction = (command, args, options) => {
			seen.push({command, args, shell: options.shell});
			return spawn(command, args, options);
		};
		const {result} = await run(['aws', 'ecs', 'list-clusters'], {spawn: spy});
		expect(result.status).toBe('ok');
		expect(seen).toEqual([{command: join(dir, 'aws'), args: ['ecs', 'list-clusters'], shell: false}]);
	});

	it('refuses a change unless writes are enabled, before starting anything', async () => {
		const argv = ['aws', 'iam', 'attach-role-policy', '--role-name', 'r', '--policy-arn', 'arn:aws:iam::aws:policy/X'];
		const refused = await run(argv);
		expect(refused.ran).toBe(false);
		expect(refused.result).toMatchObject({status: 'refused', message: "a change (aws iam attach-role-policy is not on acso-tui's list of read-only operations): acso-tui is read-only: start it with --write to allow changes"});
		const audit = memoryAudit();
		const allowed = await run(argv, {isWriteEnabled: () => true, audit});
		expect(allowed.ran).toBe(true);
		expect(allowed.result.status).toBe('ok');
		expect(audit.lines.map(l => l.phase)).toEqual(['intent', 'outcome']);
		expect(audit.lines[0]?.entry).toMatchObject({action: 'guide-command', apiCall: 'iam:AttachRolePolicy', cliCommand: 'aws iam attach-role-policy --role-name r --policy-arn arn:aws:iam::aws:policy/X'});
		expect(audit.lines[1]?.entry).toMatchObject({entryId: 'e1', outcome: {ok: true}});
	});

	it('does not run a change without an audit log to record it in', async () => {
		const {result, ran} = await run(['aws', 'iam', 'create-user', '--user-name', 'x'], {isWriteEnabled: () => true});
		expect(ran).toBe(false);
		expect(result.message).toMatch(/needs the audit log/);
	});

	it('refuses when the step says it writes, even if the operation looks like a read', async () => {
		const {result, ran} = await run(['aws', 'cloudformation', 'describe-stacks'], {write: true});
		expect(ran).toBe(false);
		expect(result.status).toBe('refused');
	});

	it.each([
		[['docker', 'push', 'x'], /runs only aws; run "docker" yourself/],
		[['./scripts/deploy-to-ecs.sh', 'rollback'], /run ".\/scripts\/deploy-to-ecs.sh" yourself/],
		[[], /nothing to run/],
		[['aws', 'ecs', 'execute-command', '--task', 't', '--interactive', '--command', '/bin/bash'], /interactive session/],
		[['aws', 'ecs', 'describe-tasks', '--tasks', 'TASK-ID'], /fill in the placeholder/],
		[['aws', 'iam', 'get-role', '--role-arn', 'arn:aws:iam::ACCOUNT:role/x'], /fill in the placeholder/],
		[['aws', 'ec2', 'describe-security-groups', '--group-ids', 'sg-12345678'], /fill in the placeholder/],
		[['aws', 'ecs', 'list-clusters', 'a\u0000b'], /NUL/],
	])('refuses %j', async (argv, message) => {
		const {result, ran} = await run(argv);
		expect(ran).toBe(false);
		expect(result.status).toBe('refused');
		expect(result.message).toMatch(message);
	});

	it('says so when the aws CLI is not on PATH', async () => {
		const empty = mkdtempSync(join(tmpdir(), 'acso-tui-empty-'));
		try {
			const {result} = await run(['aws', 'ecs', 'list-clusters'], {path: empty});
			expect(result).toMatchObject({status: 'not-found', message: 'aws is not on PATH: install the AWS CLI or run the command yourself'});
			expect(findOnPath('aws', `relative/dir:${empty}`)).toBeUndefined();
		} finally {
			rmSync(empty, {recursive: true, force: true});
		}
	});

	it('stops a command at its timeout', async () => {
		const {result} = await run(['aws', 'ecs', 'list-clusters'], {timeoutMs: 300, mode: 'sleep'});
		expect(result.status).toBe('timeout');
		expect(result.message).toMatch(/did not finish within 300 ms/);
	});

	it('keeps a bounded amount of output', async () => {
		const {result} = await run(['aws', 'logs', 'describe-log-groups'], {maxOutputBytes: 1000, mode: 'flood'});
		expect(result.status).toBe('ok');
		expect(result.stdout).toHaveLength(1000);
		expect(result.truncated).toBe(true);
		expect(result.message).toMatch(/output cut at 1000 bytes/);
	});

	it('reports a failing command with its exit code and stderr', async () => {
		const {result} = await run(['aws', 'iam', 'get-role', '--role-name', 'r'], {mode: 'fail'});
		expect(result).toMatchObject({status: 'failed', exitCode: 254, stderr: 'An error occurred (AccessDenied)', message: 'aws exited with code 254'});
	});

	it('refuses a nonsensical timeout', async () => {
		const {result} = await run(['aws', 'ecs', 'list-clusters'], {timeoutMs: 0});
		expect(result).toMatchObject({status: 'refused', message: expect.stringMatching(/timeoutMs must be a positive/)});
	});
});

describe('prepareExternal', () => {
	const runbook = buildAcsoRunbook(namesFor('production'));
	const step = (match: RegExp) => allSteps(runbook).find(s => match.test(s.command)) as {command: string};

	it('evaluates $(date ...) at the moment it runs', () => {
		const now = Date.UTC(2026, 5, 1);
		const prepared = prepareExternal(step(/create-export-task/), {now});
		expect(prepared).toMatchObject({ok: true, argv: expect.arrayContaining(['--from', String(now - 30 * 86_400_000), '--to', String(now - 86_400_000)])});
	});

	it('asks for every placeholder and checks each value', () => {
		const simulate = step(/simulate-principal-policy/);
		expect(prepareExternal(simulate, {now: 0})).toEqual({ok: false, errors: ['AWS account id (ACCOUNT) is needed']});
		expect(prepareExternal(simulate, {now: 0, values: {ACCOUNT: '12; rm'}})).toEqual({ok: false, errors: ['AWS account id: "12; rm" is not valid: an account id is 12 digits']});
		const ok = prepareExternal(simulate, {now: 0, values: {ACCOUNT: '123456789012'}});
		expect(ok).toMatchObject({ok: true, argv: expect.arrayContaining(['arn:aws:iam::123456789012:role/acso-production-task-role'])});
	});

	it('takes a task id only from the running tasks when it has them', () => {
		const exec = step(/execute-command[\s\S]*top/);
		expect(prepareExternal(exec, {now: 0, values: {'TASK-ID': 'abc123'}, taskIds: ['def456']})).toEqual({ok: false, errors: ['Task: "abc123" is not one of the 1 running tasks']});
		expect(prepareExternal(exec, {now: 0, values: {'TASK-ID': 'def456'}, taskIds: ['def456']})).toMatchObject({ok: true, argv: expect.arrayContaining(['--task', 'def456'])});
		expect(prepareExternal(exec, {now: 0, values: {'TASK-ID': hostile}})).toMatchObject({ok: false, errors: [expect.stringMatching(/is not a task id/)]});
	});

	it('refuses commands that need a shell', () => {
		expect(prepareExternal(step(/<\(aws ssm/), {now: 0})).toEqual({ok: false, errors: ['process substitution <(...) needs a shell: acso-tui does not run it']});
	});

	it('refuses values with control characters', () => {
		const sg = step(/--source-group sg-87654321/);
		const result = prepareExternal(sg, {now: 0, values: {'sg-12345678': 'sg-0123456789abcdef0', 'sg-87654321': 'sg-aaaa\nbbbb'}});
		expect(result).toMatchObject({ok: false, errors: [expect.stringMatching(/control character/)]});
	});
});

describe('placeholders of the guide', () => {
	it('lists what the engineer must supply, each once', () => {
		const p = findPlaceholders(parseCommand('aws ec2 authorize-security-group-ingress --group-id sg-12345678 --port 8000 --source-group sg-87654321 --cli-input-json file://in.json --x $ECR_REGISTRY/$ECR_REGISTRY', {now: 0}));
		expect(p.map(x => [x.token, x.kind])).toEqual([
			['sg-12345678', 'security-group'],
			['sg-87654321', 'security-group'],
			['file://in.json', 'file'],
			['$ECR_REGISTRY', 'variable'],
		]);
		expect(p.find(x => x.kind === 'file')?.initial).toBe('in.json');
	});

	it('fills in one pass, so a value that looks like another token stays as typed', () => {
		const placeholders = findPlaceholders(parseCommand('aws x y --a $A --b TASK-ID', {now: 0}));
		const filled = fillPlaceholders(['aws', 'x', 'y', '--a', '$A', '--b', 'TASK-ID'], placeholders, {$A: 'TASK-ID', 'TASK-ID': 'abc'});
		expect(filled).toEqual({ok: true, argv: ['aws', 'x', 'y', '--a', 'TASK-ID', '--b', 'abc']});
	});

	it('offers the running tasks for TASK-ID in every execute-command step of the built-in runbook', () => {
		const runbook = buildAcsoRunbook(namesFor('staging'));
		for (const step of allSteps(runbook).filter(s => s.command.includes('TASK-ID'))) {
			expect(step.placeholders?.find(p => p.token === 'TASK-ID')?.choices, step.id).toBe('running-tasks');
		}
	});
});
