// One run of the scenario app (scenario-app.tsx, bundled) in a 100x40 pty, with its control
// channel, and the measurement of one update: bytes and write() calls that reached the terminal,
// CPU time, and the screen before and after as the terminal shows it.
import {isolatedEnv} from '../test/e2e/cli-path.js';
import type {Screen} from '../source/terminal/cells.js';
import {countClears, spawnBenchPty, type BenchPty} from './bench-pty.js';
import {listenForApp, type ControlServer} from './control.js';
import {size, type Renderer} from './launch.js';
import {sleep} from './stats.js';

/** What the scenario app reports about itself (see `probe` in scenario-app.tsx). */
export type Probe = {
	cpuMicros: number;
	/** The control channel's own time in the app (the bench's cost; see answerBench). */
	channelMicros: number;
	rss: number;
	heapUsed: number;
	/** The heap V8 holds from the system (used or not), and memory outside it (Buffers, wasm). */
	heapTotal: number;
	external: number;
	output: {bytesWritten: number; writeCalls: number; frames: number; framesSkipped: number};
	activity: {calls: number; inflight: number; failures: number; lastError?: string; cloudCpuMicros: number};
};

export type Session = {pty: BenchPty; control: ControlServer; renderer: Renderer; close(): Promise<void>};

/**
 * The scenario bundle a renderer runs: Ink's default runs `scenario-app-ink.mjs`, built from the
 * same source with Ink exactly as published (without acso-tui's render caches), so the baseline is
 * Ink's own cost (bench/run.mjs builds both).
 */
export function bundleFor(bundle: string, renderer: Renderer): string {
	return renderer === 'ink' ? bundle.replace(/\.mjs$/, '-ink.mjs') : bundle;
}

/** Starts the scenario app; `nodeArgs` go to node before the bundle (e.g. --cpu-prof to profile it). */
export async function startScenario(bundle: string, renderer: Renderer, env: Record<string, string | undefined>, nodeArgs: string[] = []): Promise<Session> {
	const control = await listenForApp();
	const pty = spawnBenchPty(process.execPath, [...nodeArgs, bundleFor(bundle, renderer)], {
		...size,
		env: isolatedEnv({...env, ACSO_BENCH_CONTROL: control.path, ACSO_TUI_OUTPUT: renderer === 'ink' ? 'ink' : undefined}),
	});
	const died = pty.exited.then(async exit => {
		throw new Error(`the scenario app exited (code ${exit.exitCode}) before connecting; it printed:\n${await pty.text()}`);
	});
	try {
		await Promise.race([control.connected(30_000), died]);
	} catch (error) {
		control.close();
		await pty.dispose();
		throw error;
	}
	died.catch(() => {}); // exiting later is the normal end
	return {
		pty,
		control,
		renderer,
		async close() {
			try {
				await control.call('exit', {}, 5000);
				await Promise.race([pty.exited, sleep(5000)]);
			} catch {
				// Gone already, or stuck: dispose() kills it.
			}
			control.close();
			await pty.dispose();
		},
	};
}

export type Update = {
	bytes: number;
	writes: number;
	cpuMs: number;
	/** The part of cpuMs spent inside cloud calls (the simulated account's own work). */
	cloudCpuMs: number;
	/** The part of cpuMs the bench's control channel took (not the app's: it is not there outside the bench). */
	channelCpuMs: number;
	wallMs: number;
	clears: number;
	/** What the terminal received. */
	output: Buffer;
	before: Screen;
	after: Screen;
};

/**
 * Runs `action` and measures what it cost until the app and the terminal were quiet again. With
 * `refresh`, waits for the app's cloud calls that the action caused; with `waitFor`, for a text.
 */
export async function measureUpdate(session: Session, action: () => Promise<void> | void, options: {refresh: boolean; waitFor?: string}): Promise<Update> {
	const {pty, control} = session;
	const before = await pty.cells();
	const first = await control.call<Probe>('probe');
	const offset = pty.bytes();
	const startedAt = performance.now();
	await action();
	if (options.waitFor !== undefined) {
		const text = options.waitFor;
		await pty.waitFor(shown => shown.includes(text), JSON.stringify(text));
	}
	await control.call('settle', {...(options.refresh ? {since: first.activity.calls} : {}), quietMs: 100});
	await pty.quiet(120);
	const last = await control.call<Probe>('probe');
	const wallMs = performance.now() - startedAt;
	const output = pty.outputSince(offset);
	if (last.activity.failures > first.activity.failures) throw new Error(`a cloud call failed during the update: ${last.activity.lastError}`);
	return {
		bytes: output.length,
		writes: last.output.writeCalls - first.output.writeCalls,
		cpuMs: (last.cpuMicros - first.cpuMicros) / 1000,
		cloudCpuMs: (last.activity.cloudCpuMicros - first.activity.cloudCpuMicros) / 1000,
		channelCpuMs: (last.channelMicros - first.channelMicros) / 1000,
		wallMs,
		clears: countClears(output),
		output,
		before,
		after: await pty.cells(),
	};
}

/** CPU time the app spends per millisecond while nothing changes, and what it wrote meanwhile. */
export async function measureIdle(session: Session, ms: number): Promise<{cpuMs: number; wallMs: number; bytes: number; writes: number; percent: number}> {
	const first = await session.control.call<Probe>('probe');
	const offset = session.pty.bytes();
	const startedAt = performance.now();
	await sleep(ms);
	const last = await session.control.call<Probe>('probe');
	const wallMs = performance.now() - startedAt;
	const cpuMs = (last.cpuMicros - first.cpuMicros) / 1000;
	return {cpuMs, wallMs, bytes: session.pty.bytes() - offset, writes: last.output.writeCalls - first.output.writeCalls, percent: (cpuMs / wallMs) * 100};
}
