// Runs the guide's other aws commands (iam, ec2, ecr, ssm, cloudformation, bedrock ...) with the
// aws CLI, as an argument vector: spawn with shell false, so a value typed for a placeholder is one
// argument whatever it holds (`; rm -rf / $(id)` included). Output is captured up to a bound, the
// run is killed at its timeout, and a command that changes something is refused unless writes are
// enabled. Scripts, docker and cdk are never run: they are the engineer's to run.
import {type ChildProcess, spawn as nodeSpawn, type SpawnOptions} from 'node:child_process';
import {accessSync, constants, statSync} from 'node:fs';
import {delimiter, isAbsolute, join} from 'node:path';
import {writeHint} from '../port/read-only.js';
import {isPlain, parseCommand} from './aws-command.js';
import {awsEffect} from './command-effect.js';
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
	/** Variables for the child on top of the current environment (a command's `AWS_REGION=...`). */
	env?: Readonly<Record<string, string>>;
	cwd?: string;
	signal?: AbortSignal;
	/** Programs that may run; only the aws CLI by default. */
	programs?: readonly string[];
	/** PATH to look the program up in (default process.env.PATH); also given to the child. */
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

/** The aws operation of an argument vector, skipping global options: ['aws','--region','x','ecs','list-clusters'] -> list-clusters. */
function awsOperation(argv: readonly string[]): string | undefined {
	const valued = new Set(['--region', '--profile', '--output', '--query', '--endpoint-url', '--color', '--ca-bundle', '--cli-read-timeout', '--cli-connect-timeout', '--cli-binary-format']);
	let i = 1;
	while (i < argv.length && (argv[i] ?? '').startsWith('--')) i += valued.has(argv[i] ?? '') ? 2 : 1;
	return argv[i + 1];
}

// Tokens the guide uses for values only the engineer knows: running with them would fail or hit the
// wrong thing. ($VAR is not checked here: with no shell it is plain text; prepareExternal asks for it.)
const unfilled = /(^|[^A-Za-z0-9])TASK-ID([^A-Za-z0-9]|$)|:ACCOUNT:|\b(sg|vpc|rtb|igw|subnet)-(12345678|87654321)\b/;

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
	const writes = options.write || (program === 'aws' && awsEffect(awsOperation(argv)) === 'write');
	if (writes && !options.isWriteEnabled()) return `a change: ${writeHint}`;
	return undefined;
}

export function runExternal(argv: readonly string[], options: ExternalOptions): Promise<ExternalResult> {
	const refused = refusal(argv, options);
	if (refused) return Promise.resolve(result(argv, 'refused', refused));
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
				// AWS_PAGER='' keeps the CLI from starting a pager; PATH is the one the program was found on.
				env: {...process.env, PATH: path, AWS_PAGER: '', ...options.env},
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
				stdout: Buffer.concat(out.stdout).toString('utf8'),
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

export type PreparedCommand = {ok: true; argv: string[]; env: Record<string, string>} | {ok: false; errors: string[]};

/**
 * A step's command as an argument vector, ready for runExternal: re-read with the clock of the
 * moment it runs (`$(date -d '1 hour ago')` is then), placeholders checked and filled.
 */
export function prepareExternal(step: Pick<Step, 'command'>, options: {now: number; values?: Readonly<Record<string, string>>; taskIds?: readonly string[]}): PreparedCommand {
	const parsed = parseCommand(step.command, {now: options.now});
	if (!isPlain(parsed)) return {ok: false, errors: [...parsed.errors, ...parsed.unsupported].map(issue => issue.message)};
	const placeholders = findPlaceholders(parsed);
	const filled = fillPlaceholders(parsed.argv, placeholders, options.values ?? {}, options.taskIds ? {taskIds: options.taskIds} : {});
	if (!filled.ok) return filled;
	return {ok: true, argv: filled.argv, env: {...parsed.env}};
}
