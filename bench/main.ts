// `npm run bench`: measures, never asserts. Runs every section, prints the table and writes
// bench/results.json. Options: --warm=N (unmeasured updates before each figure's, default 25),
// --quick (fewer samples, for trying the bench out; the figures are
// then rough), --only=launch,updates,memory,requests,logs.
import {existsSync, writeFileSync} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {motoAvailable, motoCredentials, motoRegion, startMoto, type MotoServer} from '../test/helpers/moto.js';
import {seedEnvironment} from '../test/helpers/moto-seed.js';
import {measureLaunch, type Renderer} from './launch.js';
import {measureLogsFollow} from './logs-follow.js';
import {measureMemory} from './memory.js';
import {markdownTable} from './report.js';
import {tableRows, type Results} from './results.js';
import {costPerHour, countRefresh, prices, seedForRequests, type RefreshCount} from './requests.js';
import {loadAverage, round} from './stats.js';
import {bundleFor} from './scenario-session.js';
import {crossCheck, measureUpdates, warmUpdates} from './updates.js';

const sections = ['launch', 'updates', 'memory', 'requests', 'logs'] as const;
type Section = (typeof sections)[number];

type Options = {quick: boolean; only: Set<Section>; warm: number};

export function parseBenchArgs(argv: readonly string[]): Options {
	let quick = false;
	let warm = warmUpdates;
	let only = new Set<Section>(sections);
	for (const arg of argv) {
		if (arg === '--quick') quick = true;
		else if (arg.startsWith('--warm=')) {
			warm = Number(arg.slice('--warm='.length));
			if (!Number.isInteger(warm) || warm < 0) throw new Error(`--warm takes the number of unmeasured updates before each figure's samples, a whole number; got ${JSON.stringify(arg.slice(7))}`);
		}
		else if (arg.startsWith('--only=')) {
			const names = arg.slice('--only='.length).split(',').filter(Boolean);
			const unknown = names.filter(name => !(sections as readonly string[]).includes(name));
			if (unknown.length > 0 || names.length === 0) throw new Error(`--only takes a comma-separated list of ${sections.join(', ')}; got ${JSON.stringify(arg.slice(7))}`);
			only = new Set(names as Section[]);
		} else throw new Error(`unknown option ${JSON.stringify(arg)} (known: --quick, --warm=N, --only=${sections.join(',')})`);
	}
	return {quick, only, warm};
}

const renderers: readonly Renderer[] = ['diff', 'ink'];
/** The interval an on-call engineer watches AWS with (the CLI's default); the demo uses 2 s. */
const awsRefreshSeconds = 5;
/** The longest a million-event feed may take per renderer before its figure is read as it stands. */
const memorySeconds = 60;
/** The error count refreshes at most every 15 s (source/hooks/use-error-count.ts). */
const errorRefreshSeconds = 15;

function log(line: string): void {
	process.stderr.write(`bench: ${line}\n`);
}

async function withMoto<T>(run: (moto: MotoServer) => Promise<T>): Promise<T> {
	const moto = await startMoto();
	try {
		return await run(moto);
	} finally {
		await moto.stop();
	}
}

export async function runBench(argv: readonly string[], root: string): Promise<void> {
	const options = parseBenchArgs(argv);
	const cli = path.join(root, 'dist/cli.js');
	const bundle = path.join(root, 'bench/.build/scenario-app.mjs');
	for (const file of [cli, bundle, bundleFor(bundle, 'ink')]) if (!existsSync(file)) throw new Error(`${file} is missing: run \`npm run bench\` (it builds both)`);
	const samples = options.quick ? 3 : 7;
	const results: Results = {
		meta: {
			startedAt: new Date().toISOString(),
			node: process.version,
			cpus: os.cpus().length,
			cpuModel: os.cpus()[0]?.model,
			terminal: '100x40 pseudo-terminal (node-pty), TERM=xterm-256color, CI unset',
			samplesPerFigure: samples,
			warmUpdates: options.warm,
			quick: options.quick,
			loadAverageAtStart: await loadAverage(),
		},
		launch: {},
	};
	const haveMoto = motoAvailable();
	// The SDK (seeding moto, counting requests) prints a Node-version notice: one line here instead.
	process.removeAllListeners('warning');
	process.on('warning', warning => log(`(${warning.name}: ${warning.message.split('\n')[0]})`));

	if (options.only.has('launch')) {
		log('launch to first frame, --demo');
		results.launch.demo = await measureLaunch({cli, args: ['--demo'], env: {}, runs: options.quick ? 2 : 5, renderers});
		if (haveMoto) {
			log('launch to first frame, moto_server');
			results.launch.moto = await withMoto(async moto => {
				await seedEnvironment(moto.endpoint, {env: 'bench'});
				return measureLaunch({
					cli,
					args: ['--endpoint-url', moto.endpoint, '--region', motoRegion, '--env', 'bench'],
					env: {AWS_ACCESS_KEY_ID: motoCredentials.accessKeyId, AWS_SECRET_ACCESS_KEY: motoCredentials.secretAccessKey},
					runs: options.quick ? 2 : 5,
					renderers,
				});
			});
		} else results.launch.motoSkipped = 'moto_server is not on PATH';
	}

	if (options.only.has('updates')) {
		log('bytes, writes, clears and CPU per update');
		const figures = await measureUpdates({bundle, samples, warm: options.warm, idleMs: options.quick ? 5000 : 10_000, refreshSeconds: awsRefreshSeconds, renderers});
		if (figures.diff && figures.ink) results.frames = crossCheck(figures.diff, figures.ink);
		results.updates = Object.fromEntries(Object.entries(figures).map(([renderer, {screens: _screens, ...rest}]) => [renderer, rest]));
	}

	if (options.only.has('memory')) {
		results.memory = {};
		const events = options.quick ? 200_000 : 1_000_000;
		for (const renderer of renderers) {
			log(`peak RSS after ${events.toLocaleString('en')} log events (${renderer})`);
			results.memory[renderer] = await measureMemory({bundle, renderer, events, perPoll: 10_000, maxSeconds: memorySeconds});
		}
		// The tailer keeps a whole poll's pages before handing them over: how far a backlog read
		// in one poll (ten full pages) lifts the peak. 200,000 events are two such polls.
		log('peak RSS after 200,000 log events arriving 100,000 a poll (diff)');
		results.memoryBurst = await measureMemory({bundle, renderer: 'diff', events: 200_000, perPoll: 100_000, maxSeconds: memorySeconds});
	}

	if (options.only.has('requests')) {
		if (haveMoto) {
			log('AWS requests per refresh (moto_server)');
			results.requests = await withMoto(async moto => {
				const counts: RefreshCount[] = [];
				for (const services of [10, 50, 200]) {
					const env = `req${services}`;
					const startedAt = performance.now();
					await seedForRequests(moto.endpoint, env, services);
					const seededAt = performance.now();
					counts.push(await countRefresh(moto.endpoint, env, services));
					log(`  ${services} services: seeded in ${round((seededAt - startedAt) / 1000)} s, counted in ${round((performance.now() - seededAt) / 1000)} s`);
				}
				const cost = Object.fromEntries(counts.map(count => [String(count.services), round(costPerHour(count, awsRefreshSeconds, errorRefreshSeconds), 3)]));
				return {counts, refreshSeconds: awsRefreshSeconds, prices, costPerHour: cost};
			});
		} else results.requests = {skipped: 'moto_server is not on PATH'};
	}

	if (options.only.has('logs')) {
		if (haveMoto) {
			const seconds = options.quick ? 10 : 30;
			log(`logs --follow: ingestion to stdout, ${seconds} s of events, every other one 8 s in the past (moto_server)`);
			results.logsFollow = await withMoto(async moto => {
				const seed = await seedEnvironment(moto.endpoint, {env: 'logs', logLines: {INFO: 1, WARN: 0, ERROR: 0, FATAL: 0}, metricMinutes: 1});
				return measureLogsFollow({cli, endpoint: moto.endpoint, env: 'logs', logGroup: seed.logGroup, seconds, perSecond: 4, lateMs: 8000, refreshSeconds: 1});
			});
			if (results.logsFollow.awsTail.skipped) log(`  aws logs tail --follow: skipped: ${results.logsFollow.awsTail.skipped}`);
		} else results.logsFollow = {skipped: 'moto_server is not on PATH'};
	}

	results.meta.loadAverageAtEnd = await loadAverage();
	results.meta.finishedAt = new Date().toISOString();
	const rows = tableRows(results);
	const table = markdownTable(rows);
	writeFileSync(path.join(root, 'bench/results.json'), `${JSON.stringify({...results, table: rows}, null, '\t')}\n`);
	process.stdout.write(`\n${table}\n\n`);
	const [one, five] = results.meta.loadAverageAtEnd as number[];
	process.stdout.write(`machine: ${results.meta.cpus} cores, load average ${(results.meta.loadAverageAtStart as number[]).join(' ')} at start, ${one} ${five} at the end\n`);
	process.stdout.write(`details: bench/results.json\n`);
}
