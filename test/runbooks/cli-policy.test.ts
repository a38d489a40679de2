// What runs without --write is the reviewed allowlist, for any command a guide can hold. A
// fast-check property drives commands built from the guide's grammar (assignments, global options,
// quoting, `--x=value`, file:// values, positionals, abbreviations, secret operations) through the
// guide parser, the step builder and the real runner; a spawn spy records what would start. An
// oracle written apart from cli-policy.ts checks each recorded call against the table.
import {chmodSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import fc from 'fast-check';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {namesFor} from '../../source/port/names.js';
import {parseCommand} from '../../source/runbooks/aws-command.js';
import {readOnlyOperations} from '../../source/runbooks/cli-allowlist.js';
import {judgeAwsArgv} from '../../source/runbooks/cli-policy.js';
import {prepareExternal, runExternal, type SpawnFunction} from '../../source/runbooks/external.js';
import {buildStep} from '../../source/runbooks/step-builder.js';

const names = namesFor('production');
// An aws for the runner to find on PATH; the spawn spy stands in for starting it.
let bin: string;
beforeAll(() => {
	bin = mkdtempSync(join(tmpdir(), 'acso-prop-'));
	writeFileSync(join(bin, 'aws'), '#!/bin/sh\nexit 99\n');
	chmodSync(join(bin, 'aws'), 0o755);
});
afterAll(() => rmSync(bin, {recursive: true, force: true}));
const context = {region: 'eu-west-1', sessionId: 'prop'};

/** The oracle: is this argv (after `aws`) a call the allowlist permits without --write? */
function allowedRead(args: readonly string[]): boolean {
	const words = [...args];
	let i = 0;
	while (i < words.length && (words[i] ?? '').startsWith('--')) i += ['--output', '--query', '--color'].includes(words[i] ?? '') ? 2 : 1;
	const service = words[i];
	const operation = words[i + 1];
	if (service === undefined || operation === undefined) return false;
	if (!(readOnlyOperations[service] ?? []).includes(operation)) return false;
	for (const word of words) {
		if (/fileb?:\/\//i.test(word)) return false;
		if (!word.startsWith('--')) continue;
		const name = word.slice(2).split('=')[0]?.toLowerCase() ?? '';
		if (name === '') continue;
		if (name.startsWith('cli-')) return false;
		const forbidden = ['endpoint-url', 'profile', 'region', 'ca-bundle', 'no-verify-ssl', 'no-sign-request', 'debug', 'no-cli-auto-prompt'];
		if (forbidden.some(f => f.startsWith(name))) return false;
		if (service === 'ssm' && 'with-decryption'.startsWith(name)) return false;
	}
	return true;
}

const services = [...Object.keys(readOnlyOperations), 's3api', 's3', 'lambda', 'states', 'configure', 'secretsmanager', 'redshift', 'iam', 'sts', 'x'];
const operationsOf = (service: string) => [...(readOnlyOperations[service] ?? []), 'get-object', 'get-secret-value', 'get-login-password', 'get-session-token', 'test-state', 'detect-stack-drift', 'create-user', 'get-x', 'describe-y', 'invoke', 'get', 'wait'];
const optionNames = ['cluster', 'name', 'query', 'output', 'endpoint-url', 'endpoint', 'e', 'profile', 'prof', 'region', 'reg', 'cli-input-json', 'cli-binary-format', 'debug', 'ca-bundle', 'with-decryption', 'with-d', 'no-verify-ssl', 'max-items', 'filter-pattern'];
const values = ['x', 'file:///etc/passwd', 'fileb://k', 'FILE://x', 'http://127.0.0.1:9', 'json', '$(date +%s)', '/tmp/out', 'a b', "it's", '--debug', '"quoted"'];
const quote = (word: string, how: number) => (how === 0 ? (/^[A-Za-z0-9_./:=%+-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`) : how === 1 ? `"${word.replace(/["\\$`]/g, c => `\\${c}`)}"` : `'${word.replaceAll("'", `'\\''`)}'`);

const word = fc.oneof(
	fc.tuple(fc.constantFrom(...optionNames), fc.constantFrom(...values), fc.nat(2)).map(([o, v, q]) => quote(`--${o}=${v}`, q)),
	fc.tuple(fc.constantFrom(...optionNames), fc.constantFrom(...values), fc.nat(2)).map(([o, v, q]) => `${q === 2 ? `"--${o}"` : `--${o}`} ${quote(v, q)}`),
	fc.constantFrom(...values).chain(v => fc.nat(2).map(q => quote(v, q))),
);

const command = fc
	.record({
		prefix: fc.array(fc.constantFrom('AWS_PROFILE=pwn', 'PATH=/tmp', 'LD_PRELOAD=/x.so', 'AWS_CONFIG_FILE=/tmp/c'), {maxLength: 2}),
		globals: fc.array(fc.constantFrom('--region us-east-1', '--output json', '--no-paginate', '--profile p', '--endpoint-url=http://e', '--debug'), {maxLength: 2}),
		service: fc.constantFrom(...services),
		tail: fc.array(word, {maxLength: 5}),
		pick: fc.nat(1000),
	})
	.map(({prefix, globals, service, tail, pick}) => {
		const ops = operationsOf(service);
		return [...prefix, 'aws', ...globals, service, ops[pick % ops.length], ...tail].join(' ');
	});

// Plain reads of the table, so that the property also sees commands that do run.
const plainRead = fc
	.tuple(fc.constantFrom(...Object.keys(readOnlyOperations)), fc.nat(1000), fc.array(fc.constantFrom('--output json', '--max-items 5', "--query 'x[0]'", '--no-paginate'), {maxLength: 2}))
	.map(([service, pick, options]) => {
		const ops = readOnlyOperations[service] ?? [];
		return ['aws', service, ops[pick % ops.length], ...options].join(' ');
	});

async function runsWithoutWrite(text: string): Promise<string[][]> {
	const started: string[][] = [];
	const spy: SpawnFunction = (_command, args) => {
		started.push([...args]);
		throw new Error('recorded, not started');
	};
	const step = buildStep({id: 'p', command: text, line: 1}, {names});
	const prepared = prepareExternal(step, {now: Date.UTC(2026, 0, 1), values: Object.fromEntries((step.placeholders ?? []).map(p => [p.token, 'abc123']))});
	if (!prepared.ok) return started;
	await runExternal(prepared.argv, {write: step.effect === 'write', isWriteEnabled: () => false, timeoutMs: 1000, context, spawn: spy, path: bin});
	if (Object.keys(parseCommand(text, {now: 0}).env).length > 0 && started.length > 0) throw new Error(`an environment prefix ran: ${text}`);
	return started;
}

describe('the aws CLI allowlist', () => {
	it('runs nothing outside the allowlist without --write, whatever the guide writes', async () => {
		let ran = 0;
		await fc.assert(
			fc.asyncProperty(fc.oneof(command, plainRead), async text => {
				const started = await runsWithoutWrite(text);
				ran += started.length;
				for (const args of started) expect(allowedRead(args), `${text} -> ${JSON.stringify(args)}`).toBe(true);
			}),
			{numRuns: 600},
		);
		// The property is not vacuous: plain reads among the generated commands do run.
		expect(ran).toBeGreaterThan(10);
	});

	it('runs nothing outside the allowlist for arbitrary text either', async () => {
		await fc.assert(
			fc.asyncProperty(fc.string({maxLength: 120}).map(s => `aws ${s}`), async text => {
				for (const args of await runsWithoutWrite(text)) expect(allowedRead(args), text).toBe(true);
			}),
			{numRuns: 400},
		);
	});

	it.each([
		['aws ecs describe-services --cluster c --services s', 'read'],
		['aws logs filter-log-events --log-group-name g --filter-pattern "?ERROR ?FATAL"', 'read'],
		['aws ssm get-parameters-by-path --path /acso --recursive', 'read'],
		['aws sts get-caller-identity --output text', 'read'],
		['aws --output json ecs list-clusters', 'read'],
		['aws ecr describe-repositories', 'read'],
		['aws cloudformation describe-stacks --stack-name s', 'read'],
		['aws iam create-user --user-name x', 'write'],
		['aws cloudformation detect-stack-drift --stack-name s', 'write'],
		['aws states test-state --definition {}', 'write'],
		['aws ecs wait services-stable --cluster c --services s', 'write'],
		['aws logs describe-log-groups --log-group-name-prefix https://x', 'write'],
		['aws s3api get-object --bucket b --key k out', 'refused'],
		['aws ssm get-parameter --name x --with-decryption', 'refused'],
		['aws ssm get-parameter --name=file://x', 'refused'],
		['aws sts get-session-token', 'refused'],
		['aws redshift get-cluster-credentials --db-user u --cluster-identifier c', 'refused'],
		['aws ecr get-login-password', 'refused'],
		['aws configure list', 'refused'],
		['aws ecs list-clusters --endpoint http://e', 'refused'],
		['aws ecs list-clusters --cli-read-timeout 5', 'refused'],
		['aws ecs describe-task-definition --task-definition t --output table', 'refused'],
	] as const)('%s is a %s', (text, kind) => {
		expect(judgeAwsArgv(parseCommand(text, {now: 0}).argv).kind).toBe(kind);
	});
});
