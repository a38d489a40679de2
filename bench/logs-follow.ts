// `acso-tui logs --follow` from ingestion to stdout, on moto_server: events put at a steady rate,
// every other one stamped 8 s in the past (a buffered shipper), the follower's stdout read line by
// line as it arrives. Latency runs from the PutLogEvents call returning to the line on stdout;
// lost and duplicated are counted by each event's own marker. Beside it `aws logs tail --follow`,
// when an aws CLI that has it is installed (AWS CLI v2; v1 has no `logs tail`).
import {execFile, spawn} from 'node:child_process';
import {promisify} from 'node:util';
import {CloudWatchLogsClient, CreateLogStreamCommand, PutLogEventsCommand} from '@aws-sdk/client-cloudwatch-logs';
import {motoCredentials, motoRegion} from '../test/helpers/moto.js';
import {median, round, sleep} from './stats.js';

export type FollowFigures = {
	command: string;
	sent: number;
	/** Events whose line came out at least once. */
	received: number;
	lost: number;
	/** Lines of an event beyond its first. */
	duplicated: number;
	medianMs: number;
	p95Ms: number;
	maxMs: number;
	/** The same, for the events stamped in the past and those stamped now. */
	lateMedianMs: number;
	currentMedianMs: number;
	seconds: number;
	perSecond: number;
};

export type FollowRun = {figures?: FollowFigures; skipped?: string};

/** Nearest-rank percentile (p in 0..100). */
export function percentile(values: readonly number[], p: number): number {
	if (values.length === 0) return Number.NaN;
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export type Sent = {id: string; late: boolean; returnedAt: number};
export type Arrival = {line: string; at: number};

/** Matches what came out to what was sent, by the marker each message carries. */
export function followFigures(command: string, sent: readonly Sent[], arrivals: readonly Arrival[], marker: RegExp, seconds: number): FollowFigures {
	const byId = new Map(sent.map(s => [s.id, s]));
	const first = new Map<string, number>();
	let duplicated = 0;
	for (const {line, at} of arrivals) {
		const id = marker.exec(line)?.[0];
		if (id === undefined || !byId.has(id)) continue;
		if (first.has(id)) duplicated++;
		else first.set(id, at);
	}
	const latency = (late?: boolean) => sent.filter(s => first.has(s.id) && (late === undefined || s.late === late)).map(s => first.get(s.id)! - s.returnedAt);
	const all = latency();
	return {
		command,
		sent: sent.length,
		received: first.size,
		lost: sent.length - first.size,
		duplicated,
		medianMs: round(median(all), 0),
		p95Ms: round(percentile(all, 95), 0),
		maxMs: round(Math.max(...all), 0),
		lateMedianMs: round(median(latency(true)), 0),
		currentMedianMs: round(median(latency(false)), 0),
		seconds,
		perSecond: round(sent.length / seconds),
	};
}

type Follower = {program: string; args: string[]; env: NodeJS.ProcessEnv; label: string};

/** Starts the follower, lines timestamped as they arrive on its stdout. */
function follow(follower: Follower) {
	const child = spawn(follower.program, follower.args, {env: follower.env, stdio: ['ignore', 'pipe', 'pipe']});
	const arrivals: Arrival[] = [];
	let partial = '';
	let stderr = '';
	child.stdout.setEncoding('utf8');
	child.stdout.on('data', (chunk: string) => {
		const at = performance.now();
		const lines = (partial + chunk).split('\n');
		partial = lines.pop() ?? '';
		for (const line of lines) arrivals.push({line, at});
	});
	child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
	const exited = new Promise<void>(resolve => child.once('exit', () => resolve()));
	return {
		arrivals,
		stderr: () => stderr,
		async stop() {
			child.kill('SIGINT');
			const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
			await exited;
			clearTimeout(timer);
		},
	};
}

async function until(check: () => boolean, ms: number): Promise<boolean> {
	const deadline = performance.now() + ms;
	while (!check()) {
		if (performance.now() > deadline) return false;
		await sleep(20);
	}
	return true;
}

export type FollowOptions = {endpoint: string; logGroup: string; seconds: number; perSecond: number; lateMs: number};

/** One follower against one fresh stream of `logGroup`. */
async function measureFollower(follower: Follower, options: FollowOptions, tag: string): Promise<FollowFigures> {
	const logs = new CloudWatchLogsClient({endpoint: options.endpoint, region: motoRegion, credentials: motoCredentials, maxAttempts: 1});
	const stream = `bench-follow/${tag}/${Date.now()}`;
	const marker = new RegExp(`follow-${tag}-\\d+`);
	const put = async (message: string, timestamp: number) => {
		// aws logs put-log-events --log-group-name G --log-stream-name S --log-events timestamp=T,message=M
		await logs.send(new PutLogEventsCommand({logGroupName: options.logGroup, logStreamName: stream, logEvents: [{timestamp, message}]}));
		return performance.now();
	};
	const run = follow(follower);
	try {
		await logs.send(new CreateLogStreamCommand({logGroupName: options.logGroup, logStreamName: stream}));
		// Started and reading: a first line has come out.
		const ready = `INFO follow-${tag}-ready`;
		const readyAt = performance.now();
		while (!run.arrivals.some(a => a.line.includes(ready))) {
			await put(ready, Date.now());
			if (!(await until(() => run.arrivals.some(a => a.line.includes(ready)), 5000)) && performance.now() - readyAt > 60_000) {
				throw new Error(`${follower.label} printed nothing in 60 s; stderr: ${run.stderr()}`);
			}
		}
		const sent: Sent[] = [];
		const count = Math.round(options.seconds * options.perSecond);
		const gapMs = 1000 / options.perSecond;
		const startedAt = performance.now();
		for (let n = 0; n < count; n++) {
			await sleep(Math.max(0, startedAt + n * gapMs - performance.now()));
			const late = n % 2 === 1;
			const id = `follow-${tag}-${n}`;
			const returnedAt = await put(`INFO ${id} ${late ? 'stamped in the past' : 'stamped now'}`, Date.now() - (late ? options.lateMs : 0));
			sent.push({id, late, returnedAt});
		}
		const seconds = (performance.now() - startedAt) / 1000;
		// Time for the last ones, and for a repeat to show if there is one.
		await until(() => sent.every(s => run.arrivals.some(a => a.line.includes(`${s.id} `))), 15_000);
		await sleep(3000);
		return followFigures(follower.label, sent, run.arrivals, marker, round(seconds));
	} finally {
		await run.stop();
		logs.destroy();
	}
}

const runFile = promisify(execFile);

/** Why `aws logs tail --follow` cannot run here, or undefined when it can. */
export async function awsTailUnavailable(): Promise<string | undefined> {
	let version: string;
	try {
		const {stdout, stderr} = await runFile('aws', ['--version'], {timeout: 20_000});
		version = `${stdout}${stderr}`.trim();
	} catch {
		return 'aws is not on PATH';
	}
	const major = /aws-cli\/(\d+)/.exec(version)?.[1];
	if (major !== undefined && Number(major) < 2) return `${version.split(' ')[0]} has no \`logs tail\` (it came with AWS CLI v2)`;
	return undefined;
}

export type LogsFollowResults = {acso: FollowRun; awsTail: FollowRun; refreshSeconds: number; lateMs: number};

export async function measureLogsFollow(options: FollowOptions & {cli: string; env: string; refreshSeconds: number}): Promise<LogsFollowResults> {
	const credentials = {AWS_ACCESS_KEY_ID: motoCredentials.accessKeyId, AWS_SECRET_ACCESS_KEY: motoCredentials.secretAccessKey};
	// No profile or region of the developer's: only what the command line says.
	const env = {PATH: process.env.PATH, HOME: '/nonexistent', AWS_CONFIG_FILE: '/nonexistent', AWS_SHARED_CREDENTIALS_FILE: '/nonexistent', ...credentials};
	const acso = await measureFollower(
		{
			label: `acso-tui logs --follow --refresh ${options.refreshSeconds}`,
			program: process.execPath,
			args: [options.cli, 'logs', '--follow', '--since', '1m', '--refresh', String(options.refreshSeconds), '--endpoint-url', options.endpoint, '--region', motoRegion, '--env', options.env],
			env,
		},
		options,
		'acso',
	);
	const why = await awsTailUnavailable();
	const awsTail: FollowRun = why
		? {skipped: why}
		: {
				figures: await measureFollower(
					{
						label: 'aws logs tail --follow',
						program: 'aws',
						args: ['logs', 'tail', options.logGroup, '--follow', '--since', '1m', '--format', 'short', '--endpoint-url', options.endpoint, '--region', motoRegion],
						env: {...env, AWS_PAGER: ''},
					},
					options,
					'aws',
				),
			};
	return {acso: {figures: acso}, awsTail, refreshSeconds: options.refreshSeconds, lateMs: options.lateMs};
}
