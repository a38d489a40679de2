// The bench-only entry: the real <App> on the simulated account with a clock that stands still,
// drawn through the same output layer and input path as the CLI (source/cli.tsx), and driven over
// the control channel (control.ts). Bundled by bench/run.mjs into bench/.build/; never shipped.
//
// Environment: ACSO_BENCH_CONTROL (socket path, required), ACSO_TUI_OUTPUT=ink (Ink's own output,
// the baseline; default the diff layer), ACSO_BENCH_SCREEN (overview | logs), ACSO_BENCH_REFRESH
// (seconds), ACSO_BENCH_FEED=1 (the logs come from the 1M-event feed instead of the sim),
// ACSO_BENCH_POLL_MS (a refresh below the CLI's 1 s minimum, so the feed streams in seconds),
// ACSO_BENCH_SERVICES (that many services on the overview).
import {writeHeapSnapshot} from 'node:v8';
import {render} from 'ink';
import {App} from '../source/app.js';
import {parseFlags} from '../source/config/parse-flags.js';
import {captureProcessOutput} from '../source/shell/captured-output.js';
import {tuneHeap} from '../source/shell/heap-tuning.js';
import {KeypressStdin} from '../source/shell/keypress-stdin.js';
import type {ScreenId} from '../source/shell/screen-ids.js';
import {createManualClock, createSimCloud} from '../source/sim/index.js';
import {createDiffOutput} from '../source/terminal/index.js';
import {createPlainOutput} from '../source/terminal/plain-output.js';
import {answerBench, type BenchPeer} from './control.js';
import {createLogFeed, createManyServices, createNudgedMetrics} from './scenario-cloud.js';
import {trackCloud} from './tracked-cloud.js';

/** The moment the simulated account stands still at (the tests' reference time). */
export const benchEpoch = Date.parse('2026-11-28T12:00:00Z');

function fail(message: string): never {
	process.stderr.write(`bench scenario app: ${message}\n`);
	process.exit(2);
}

// The heap as the CLI sizes it (source/cli.tsx does this first, too).
tuneHeap();

const socketPath = process.env.ACSO_BENCH_CONTROL ?? fail('ACSO_BENCH_CONTROL (the control socket path) is not set');
const screens = ['overview', 'logs'] as const;
const screen = (process.env.ACSO_BENCH_SCREEN ?? 'overview') as ScreenId;
if (!(screens as readonly string[]).includes(screen)) fail(`ACSO_BENCH_SCREEN must be one of ${screens.join(', ')}, got ${JSON.stringify(screen)}`);
if (!process.stdout.isTTY || !process.stdin.isTTY) fail('needs a terminal (run it in a pseudo-terminal)');

// ACSO_BENCH_ENV=staging: the demo's staging environment, where the cockpit has rollouts to follow.
const parsed = parseFlags({demo: true, refresh: process.env.ACSO_BENCH_REFRESH ?? '5', seed: '42', ...(process.env.ACSO_BENCH_ENV ? {env: process.env.ACSO_BENCH_ENV} : {})}, {}, {});
if (!parsed.ok) fail(parsed.error);
const pollMs = process.env.ACSO_BENCH_POLL_MS === undefined ? undefined : Number(process.env.ACSO_BENCH_POLL_MS);
if (pollMs !== undefined && !(Number.isInteger(pollMs) && pollMs >= 10)) fail(`ACSO_BENCH_POLL_MS must be a whole number of milliseconds, at least 10, got ${process.env.ACSO_BENCH_POLL_MS}`);
const config = pollMs === undefined ? parsed.config : {...parsed.config, refreshMs: pollMs};
const clock = createManualClock(benchEpoch);
const sim = createSimCloud({seed: config.seed, clock, isWriteEnabled: () => false});
const metrics = createNudgedMetrics(sim.metrics);
// ACSO_BENCH_SERVICES=200: the overview at scale (copies of the account's services).
const serviceCount = process.env.ACSO_BENCH_SERVICES === undefined ? undefined : Number(process.env.ACSO_BENCH_SERVICES);
if (serviceCount !== undefined && !(Number.isInteger(serviceCount) && serviceCount >= 1)) fail(`ACSO_BENCH_SERVICES must be a positive whole number, got ${process.env.ACSO_BENCH_SERVICES}`);
const many = serviceCount === undefined ? undefined : createManyServices(sim.services, metrics, serviceCount);
const logGroup = config.names.logGroups[0] ?? fail('the demo config names no log group');
const feed = process.env.ACSO_BENCH_FEED === '1' ? createLogFeed(sim.logs, clock, logGroup) : undefined;
const tracked = trackCloud(sim, {metrics: many?.metrics ?? metrics, ...(many ? {services: many.services} : {}), ...(feed ? {logs: feed} : {})});

// From here on, as source/cli.tsx does it.
const releaseOutput = captureProcessOutput();
const layer = process.env.ACSO_TUI_OUTPUT === 'ink' ? createPlainOutput(process.stdout) : createDiffOutput(process.stdout);
layer.enter();
const instance = render(<App cloud={tracked.cloud} config={config} now={clock.now} initialScreen={screen} copyToClipboard={() => false} />, {
	stdout: layer.stream,
	stdin: new KeypressStdin(process.stdin) as unknown as NodeJS.ReadStream,
	exitOnCtrlC: false,
	patchConsole: false,
});

let stopped = false;
const stop = (code: number) => {
	if (stopped) return;
	stopped = true;
	try {
		instance.unmount();
	} catch {
		// A crashed tree can throw on unmount; the terminal still has to come back.
	}
	layer.dispose();
	releaseOutput();
	process.exit(code);
};
process.once('SIGTERM', () => stop(143));
process.once('SIGHUP', () => stop(129));

/** What the bench reads around every update: CPU time, memory, output counters, cloud activity. */
function probe() {
	const cpu = process.cpuUsage();
	const channelMicros: number = peer.channelMicros();
	const memory = process.memoryUsage();
	return {cpuMicros: cpu.user + cpu.system, channelMicros, rss: memory.rss, heapUsed: memory.heapUsed, heapTotal: memory.heapTotal, external: memory.external, output: layer.stats(), activity: tracked.activity()};
}

const number = (value: unknown, name: string): number => {
	if (typeof value !== 'number' || !Number.isFinite(value)) throw new Error(`${name} must be a number, got ${JSON.stringify(value)}`);
	return value;
};

// The channel's own time is read by probe(), which the bench calls only once connected.
const peer: BenchPeer = await answerBench(socketPath, {
	probe,
	/** Waits for the refresh the bench triggered (more than `since` calls), then for the frame. */
	async settle(args) {
		await tracked.settled({since: args.since === undefined ? undefined : number(args.since, 'since'), quietMs: number(args.quietMs ?? 100, 'quietMs'), timeoutMs: 15_000});
		await layer.settled();
		// Ink throttles renders to 30 a second: let a pending one out, then let the layer draw it.
		await new Promise(resolve => setTimeout(resolve, 50));
		await layer.settled();
		return probe();
	},
	cpuOffset(args) {
		metrics.setCpuOffset(number(args.offset, 'offset'));
	},
	emitLog(args) {
		if (typeof args.message !== 'string') throw new Error('emitLog: message must be a string');
		sim.control.emitLog(config.env, args.message, 'supervisor');
	},
	feed(args) {
		if (!feed) throw new Error('feed: start the app with ACSO_BENCH_FEED=1');
		feed.start(number(args.total, 'total'), number(args.perPoll, 'perPoll'), number(args.pageSize, 'pageSize'));
	},
	feedStatus() {
		if (!feed) throw new Error('feedStatus: start the app with ACSO_BENCH_FEED=1');
		return feed.status();
	},
	/** Writes a heap snapshot (after a full GC: what is retained) to `path`; see bench/memory.ts. */
	heapSnapshot(args) {
		if (typeof args.path !== 'string') throw new Error('heapSnapshot: path must be a string');
		return writeHeapSnapshot(args.path);
	},
	exit() {
		setImmediate(() => stop(0));
	},
}).catch((error: unknown) => {
	layer.dispose();
	releaseOutput();
	fail(`cannot reach the bench on ${socketPath}: ${error instanceof Error ? error.message : String(error)}`);
});
