import {spawn, type ChildProcess} from 'node:child_process';
import {accessSync, constants} from 'node:fs';
import {createServer} from 'node:net';
import {delimiter, join} from 'node:path';
import {describe, it} from 'vitest';

// moto_server for contract and adapter tests: one emulator per test file, on 127.0.0.1 and a free
// port, killed with its process group on stop (and on exit, should a test run die).

export type MotoServer = {endpoint: string; port: number; stop(): Promise<void>};

/** Every service moto creates starts with this many running tasks (MOTO_ECS_SERVICE_RUNNING). */
export const motoRunningTasks = 2;

/** Explicit dummy credentials and region: a developer's AWS_PROFILE can never leak into a test. */
export const motoCredentials = {accessKeyId: 'test', secretAccessKey: 'test'};
export const motoRegion = 'us-east-1';

const binary = 'moto_server';

export function motoAvailable(): boolean {
	for (const dir of (process.env.PATH ?? '').split(delimiter)) {
		if (!dir) continue;
		try {
			accessSync(join(dir, binary), constants.X_OK);
			return true;
		} catch {
			// not in this directory
		}
	}
	return false;
}

const missingMessage = [
	'',
	'!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!',
	'!!  moto_server is not on PATH: the AWS adapter and contract tests are SKIPPED.',
	'!!  Install it with: pip install "moto[server]"   (CI=true turns this into a failure)',
	'!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!',
	'',
].join('\n');

/**
 * describe() that needs moto_server. Without it the suite is skipped with a loud message, except
 * under CI=true, where a missing emulator must fail the run rather than pass it silently.
 */
export function describeWithMoto(name: string, body: () => void): void {
	if (motoAvailable()) {
		describe(name, body);
		return;
	}
	if (process.env.CI === 'true') {
		describe(name, () => {
			it('needs moto_server on PATH (CI=true)', () => {
				throw new Error(`moto_server is not on PATH; CI must run the AWS contract tests. ${missingMessage}`);
			});
		});
		return;
	}
	console.warn(missingMessage);
	describe.skip(name, body);
}

export async function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			server.close(() => (port ? resolve(port) : reject(new Error('no port assigned'))));
		});
	});
}

const live = new Set<ChildProcess>();
let exitHookInstalled = false;

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
	if (child.pid === undefined) return;
	try {
		process.kill(-child.pid, signal); // the whole group: a pyenv shim or a reloader may sit above python
	} catch {
		try {
			child.kill(signal);
		} catch {
			// already gone
		}
	}
}

function installExitHook(): void {
	if (exitHookInstalled) return;
	exitHookInstalled = true;
	process.on('exit', () => {
		for (const child of live) killGroup(child, 'SIGKILL');
	});
}

const startTimeoutMs = 30_000;

async function answers(endpoint: string): Promise<boolean> {
	try {
		const response = await fetch(`${endpoint}/moto-api/`, {signal: AbortSignal.timeout(1000)});
		await response.arrayBuffer();
		return true;
	} catch {
		return false;
	}
}

async function startOnce(env: Record<string, string>, fixedPort: number | undefined): Promise<MotoServer> {
	const port = fixedPort ?? (await freePort());
	const endpoint = `http://127.0.0.1:${port}`;
	const child = spawn(binary, ['-H', '127.0.0.1', '-p', String(port)], {
		detached: true,
		stdio: ['ignore', 'ignore', 'pipe'],
		env: {...process.env, MOTO_ECS_SERVICE_RUNNING: String(motoRunningTasks), ...env},
	});
	live.add(child);
	installExitHook();
	let stderr = '';
	child.stderr?.on('data', (chunk: Buffer) => {
		stderr = (stderr + chunk.toString()).slice(-4000); // moto logs every request here; keep the tail
	});
	let exited = false;
	const exit = new Promise<void>(resolve => {
		child.once('exit', () => {
			exited = true;
			live.delete(child);
			resolve();
		});
	});

	const stop = async () => {
		if (exited) return;
		killGroup(child, 'SIGTERM');
		const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 5000);
		await exit;
		clearTimeout(timer);
	};

	const deadline = Date.now() + startTimeoutMs;
	while (Date.now() < deadline) {
		if (exited) throw new Error(`moto_server exited before answering on port ${port}:\n${stderr}`);
		if (await answers(endpoint)) return {endpoint, port, stop};
		await new Promise(resolve => setTimeout(resolve, 100));
	}
	await stop();
	throw new Error(`moto_server did not answer on ${endpoint} within ${startTimeoutMs / 1000}s:\n${stderr}`);
}

/**
 * Starts moto_server on a free port; retried when another process took the port first. With
 * `port`, on that one (to restart an endpoint where the app under test expects it): moto starts
 * empty, so seed it again.
 */
export async function startMoto(options: {env?: Record<string, string>; port?: number} = {}): Promise<MotoServer> {
	let lastError: unknown;
	for (let attempt = 0; attempt < 3; attempt++) {
		try {
			return await startOnce(options.env ?? {}, options.port);
		} catch (error) {
			lastError = error;
		}
	}
	throw lastError;
}
