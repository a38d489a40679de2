// Runs the guide's other aws commands (iam, ec2, ecr, ssm, cloudformation, bedrock ...) with the
// aws CLI, as an argument vector: spawn with shell false, so a value typed for a placeholder is one
// argument whatever it holds (`; rm -rf / $(id)` included). What runs without --write is decided by
// the reviewed allowlist (cli-policy.ts), never by the verb; everything else is a write, refused
// without --write and, with it, audited like a fix (intent before, outcome after). The child gets
// a fixed, minimal environment with the app's own account context (cli-env.ts), whatever the guide
// wrote. Output is captured up to a bound and the run is killed at its timeout. Scripts, docker
// and cdk are never run: they are the engineer's to run.
import {type ChildProcess, spawn as nodeSpawn, type SpawnOptions} from 'node:child_process';
import {accessSync, constants, statSync} from 'node:fs';
import {delimiter, isAbsolute, join} from 'node:path';
import type {AuditLog} from '../fixes/audit.js';
import {cliLine} from '../format/shell-quote.js';
import {redactArgv, redactSecrets} from '../format/redact.js';
import {sanitize} from '../format/sanitize.js';
import {errorMessage} from '../port/errors.js';
import {writeHint} from '../port/read-only.js';
import {isPlain, parseCommand} from './aws-command.js';
import {type CliContext, cliEnvironment} from './cli-env.js';
import {awsTarget, judgeAwsArgv} from './cli-policy.js';
import type {Step} from './model.js';
import {fillPlaceholders, findPlaceholders} from './placeholders.js';

export type SpawnFunction = (command: string, args: readonly string[], options: SpawnOptions) => ChildProcess;

export type ExternalOptions = {
	/** The step says it changes something (its effect); the argv is checked as well. */
	write: boolean;
	isWriteEnabled: () => boolean;
	timeoutMs: number;
	/** For tests; child_process.spawn by default. Always called with shell: false. */
	spawn?: SpawnFunction;
	/** Bytes kept of stdout and of stderr each (default 1 MiB); the rest is counted and dropped. */
	maxOutputBytes?: number;
	/** The app's account context: the only region, profile and endpoint the CLI is given. */
	context: CliContext;
	/** Where a write is recorded before it runs; a write is refused without one. */
	audit?: Pick<AuditLog, 'intent' | 'outcome'>;
	/** The step's title, for the audit line. */
	title?: string;
	/** The app's environment, of which only the credential chain's variables reach the child (default process.env). */
	baseEnv?: Readonly<Record<string, string | undefined>>;
	cwd?: string;
	signal?: AbortSignal;
	/** Programs that may run; only the aws CLI by default. */
	programs?: readonly string[];
	/** PATH to look the program up in (default process.env.PATH); the child gets a fixed one. */
	path?: string;
};

export type ExternalStatus = 'ok' | 'failed' | 'refused' | 'timeout' | 'not-found' | 'error';

export type ExternalResult = {
	status: ExternalStatus;
	/** One sentence for the UI. */
	message: string;
	argv: string[];
	exitCode: number | null;
	signal: string | null;
	stdout: string;
	stderr: string;
	truncated: boolean;
};

export const defaultMaxOutputBytes = 1024 * 1024;
const killGraceMs = 2000;

const result = (argv: readonly string[], status: ExternalStatus, message: string, extra: Partial<ExternalResult> = {}): ExternalResult => ({
	status,
	message,
	argv: [...argv],
	exitCode: null,
	signal: null,
	stdout: '',
	stderr: '',
	truncated: false,
	...extra,
});

/** The executable `program` resolves to on `path`, or undefined. Never looks in the current directory. */
export function findOnPath(program: string, path = process.env.PATH ?? ''): string | undefined {
	if (program.includes('/')) return undefined;
	for (const dir of path.split(delimiter)) {
		if (dir === '' || !isAbsolute(dir)) continue;
		const candidate = join(dir, program);
		try {
			accessSync(candidate, constants.X_OK);
			if (statSync(candidate).isFile()) return candidate;
		} catch {
			// not here
		}
	}
	return undefined;
}

// Tokens the guide uses for values only the engineer knows: running with them would fail or hit the
// wrong thing. ($VAR is not checked here: with no shell it is plain text; prepareExternal asks for it.)
const unfilled = /(^|[^A-Za-z0-9])TASK-ID([^A-Za-z0-9]|$)|:ACCOUNT:|\b(sg|vpc|rtb|igw|subnet)-(12345678|87654321)\b/;

/** Whether `argv` changes something: the step says so, or its operation is not on the read-only list. */
export function isWrite(argv: readonly string[], stepWrites: boolean): boolean {
	return stepWrites || argv[0] !== 'aws' || judgeAwsArgv(argv).kind !== 'read';
}

/** Why `argv` must not run, or undefined. */
export function refusal(argv: readonly string[], options: Pick<ExternalOptions, 'write' | 'isWriteEnabled' | 'programs'>): string | undefined {
	const program = argv[0];
	if (program === undefined || program === '') return 'nothing to run';
	const programs = options.programs ?? ['aws'];
	if (!programs.includes(program)) return `acso-tui runs only ${programs.join(', ')}; run "${program}" yourself`;
	if (argv.some(arg => arg.includes('\u0000'))) return 'an argument holds a NUL byte, which cannot be passed to a program';
	if (argv.includes('--interactive')) return 'an interactive session needs a terminal of its own: run it yourself';
	const placeholder = argv.find(arg => unfilled.test(arg));
	if (placeholder !== undefined) return `fill in the placeholder in "${placeholder.length > 60 ? `${placeholder.slice(0, 57)}...` : placeholder}" first`;
	if (program === 'aws') {
		const verdict = judgeAwsArgv(argv);
		if (verdict.kind === 'refused') return verdict.why;
		if ((options.write || verdict.kind === 'write') && !options.isWriteEnabled()) return `a change (${verdict.kind === 'write' ? verdict.why : 'the guide says it changes something'}): ${writeHint}`;
	} else if (!options.isWriteEnabled()) return `a change: ${writeHint}`;
	return undefined;
}

/** "iam:CreateUser" for `aws iam create-user ...`, the way CloudTrail and the fixes name calls. */
export function apiCallOf(argv: readonly string[]): string {
	const {service, operation} = awsTarget(argv);
	const pascal = (operation ?? '').replace(/(^|-)([a-z0-9])/g, (_m, _d, c: string) => c.toUpperCase());
	return `${service ?? '?'}:${pascal || '?'}`;
}

/**
 * JSON output with its secret-looking fields redacted (a task definition's environment values):
 * what the CLI prints is drawn on screen and kept in the step's result.
 */
export function redactOutput(stdout: string): string {
	const trimmed = stdout.trim();
	if (!(trimmed.startsWith('{') || trimmed.startsWith('['))) return stdout;
	try {
		const parsed: unknown = JSON.parse(trimmed);
		const clean = redactSecrets(parsed);
		return JSON.stringify(clean) === JSON.stringify(parsed) ? stdout : `${JSON.stringify(clean, null, 4)}\n`;
	} catch {
		return stdout;
	}
}

/** The first lines of stderr for an audit line: the CLI's error, sanitized and bounded. */
function errorText(result: ExternalResult): string {
	const detail = result.stderr.trim().split('\n').slice(0, 3).join(' ').slice(0, 500);
	return sanitize(detail === '' ? result.message : `${result.message}: ${detail}`);
}

export async function runExternal(argv: readonly string[], options: ExternalOptions): Promise<ExternalResult> {
	const refused = refusal(argv, options);
	if (refused) return result(argv, 'refused', refused);
	if (!isWrite(argv, options.write)) return spawnCli(argv, options);
	// A write: its intent is on disk before it starts, or it does not start.
	const {audit} = options;
	if (!audit) return result(argv, 'refused', 'a change needs the audit log, and none is open: nothing was run');
	const shown = redactArgv(argv);
	let entryId: string;
	try {
		entryId = audit.intent({
			action: 'guide-command',
			title: options.title ?? cliLine(shown),
			apiCall: apiCallOf(argv),
			resource: '',
			cliCommand: cliLine(shown),
			parameters: {argv: shown, region: options.context.region, profile: options.context.profile ?? null, endpointUrl: options.context.endpointUrl ?? null},
		});
	} catch (error) {
		return result(argv, 'refused', `not run: ${errorMessage(error)}`);
	}
	const outcome = await spawnCli(argv, options);
	try {
		audit.outcome(entryId, outcome.status === 'ok' ? {ok: true, after: {exitCode: outcome.exitCode}} : {ok: false, error: {message: errorText(outcome), kind: outcome.status, apiCall: apiCallOf(argv)}});
	} catch (error) {
		return {...outcome, message: `${outcome.message}; but its outcome could not be recorded: ${errorMessage(error)}`};
	}
	return outcome;
}

function spawnCli(argv: readonly string[], options: ExternalOptions): Promise<ExternalResult> {
	if (options.signal?.aborted) return Promise.resolve(result(argv, 'refused', 'cancelled before it started'));
	const path = options.path ?? process.env.PATH ?? '';
	const program = argv[0] as string;
	const executable = findOnPath(program, path);
	if (!executable) return Promise.resolve(result(argv, 'not-found', `${program} is not on PATH: install the ${program === 'aws' ? 'AWS CLI' : program} or run the command yourself`));
	if (!Number.isFinite(options.timeoutMs) || options.timeoutMs <= 0) {
		return Promise.resolve(result(argv, 'refused', `timeoutMs must be a positive number of milliseconds, got ${options.timeoutMs}`));
	}
	const limit = options.maxOutputBytes ?? defaultMaxOutputBytes;
	const spawn = options.spawn ?? (nodeSpawn as SpawnFunction);

	return new Promise(resolve => {
		let child: ChildProcess;
		try {
			child = spawn(executable, argv.slice(1), {
				shell: false,
				stdio: ['ignore', 'pipe', 'pipe'],
				windowsHide: true,
				// A fixed environment: nothing of the guide's, only the app's context and credential chain.
				env: cliEnvironment(options.context, executable, options.baseEnv ?? process.env),
				...(options.cwd === undefined ? {} : {cwd: options.cwd}),
			});
		} catch (error) {
			resolve(result(argv, 'error', `could not start ${program}: ${(error as Error).message}`));
			return;
		}
		const out = {stdout: [] as Buffer[], stderr: [] as Buffer[], kept: {stdout: 0, stderr: 0}, truncated: false};
		const collect = (name: 'stdout' | 'stderr') => (chunk: Buffer) => {
			const room = limit - out.kept[name];
			if (room <= 0) {
				out.truncated = true;
				return;
			}
			const part = chunk.length > room ? chunk.subarray(0, room) : chunk;
			if (part.length < chunk.length) out.truncated = true;
			out[name].push(part);
			out.kept[name] += part.length;
		};
		child.stdout?.on('data', collect('stdout'));
		child.stderr?.on('data', collect('stderr'));

		let timedOut = false;
		let aborted = false;
		let killer: NodeJS.Timeout | undefined;
		const stop = () => {
			child.kill('SIGTERM');
			killer = setTimeout(() => child.kill('SIGKILL'), killGraceMs);
			killer.unref();
		};
		const timer = setTimeout(() => {
			timedOut = true;
			stop();
		}, options.timeoutMs);
		const onAbort = () => {
			aborted = true;
			stop();
		};
		options.signal?.addEventListener('abort', onAbort, {once: true});

		let settled = false;
		const finish = (value: ExternalResult) => {
			if (settled) return;
			settled = true;
			clearTimeout(timer);
			if (killer) clearTimeout(killer);
			options.signal?.removeEventListener('abort', onAbort);
			resolve(value);
		};
		child.on('error', error => finish(result(argv, 'error', `could not run ${program}: ${error.message}`)));
		child.on('close', (code, signal) => {
			const captured = {
				exitCode: code,
				signal,
				stdout: redactOutput(Buffer.concat(out.stdout).toString('utf8')),
				stderr: Buffer.concat(out.stderr).toString('utf8'),
				truncated: out.truncated,
			};
			if (timedOut) finish(result(argv, 'timeout', `${program} did not finish within ${options.timeoutMs} ms and was stopped`, captured));
			else if (aborted) finish(result(argv, 'failed', `${program} was cancelled`, captured));
			else if (code === 0) finish(result(argv, 'ok', `${program} finished${out.truncated ? ` (output cut at ${limit} bytes)` : ''}`, captured));
			else finish(result(argv, 'failed', `${program} exited with ${code === null ? `signal ${signal ?? '?'}` : `code ${code}`}`, captured));
		});
	});
}

export type PreparedCommand = {ok: true; argv: string[]} | {ok: false; errors: string[]};

/**
 * A step's command as an argument vector, ready for runExternal: re-read with the clock of the
 * moment it runs (`$(date -d '1 hour ago')` is then), placeholders checked and filled.
 */
export function prepareExternal(step: Pick<Step, 'command'>, options: {now: number; values?: Readonly<Record<string, string>>; taskIds?: readonly string[]}): PreparedCommand {
	const parsed = parseCommand(step.command, {now: options.now});
	if (!isPlain(parsed)) return {ok: false, errors: [...parsed.errors, ...parsed.unsupported].map(issue => issue.message)};
	// `NAME=value aws ...` would reach the child's environment (AWS_CONFIG_FILE, PATH, LD_PRELOAD ...).
	const assigned = Object.keys(parsed.env);
	if (assigned.length > 0) return {ok: false, errors: [`the command sets ${assigned.join(', ')}: acso-tui runs the aws CLI with its own environment only; run it yourself`]};
	const placeholders = findPlaceholders(parsed);
	const filled = fillPlaceholders(parsed.argv, placeholders, options.values ?? {}, options.taskIds ? {taskIds: options.taskIds} : {});
	if (!filled.ok) return filled;
	return {ok: true, argv: filled.argv};
}
