import {spawn} from 'node:child_process';
import {CloudWatchLogsClient, CreateLogStreamCommand, PutLogEventsCommand} from '@aws-sdk/client-cloudwatch-logs';
import {afterAll, beforeAll, expect, it} from 'vitest';
import {describeWithMoto, motoCredentials, motoRegion, startMoto, type MotoServer} from '../helpers/moto.js';
import {seedEnvironment, type SeedManifest} from '../helpers/moto-seed.js';
import {assertBuilt, cliPath, isolatedEnv} from './cli-path.js';

// `acso-tui status` and `acso-tui logs` against a real AWS API emulator, stdout a pipe.

const hostile = [
	'ERROR [supervisor] pwn-title \u001B]0;PWNED-TITLE\u0007',
	'ERROR [supervisor] pwn-clear \u001B[2J\u001B[H',
	'ERROR [supervisor] pwn-csi \u009B31m',
	'ERROR [supervisor] pwn-hide \u001B[1A\u001B[2K\r',
	'ERROR [supervisor] pwn-rtl \u202Etxt.exe',
	'ERROR [supervisor] pwn-newline first\nsecond',
];
// Nothing a terminal obeys: C0 (but the line feeds between lines), DEL, C1, bidi controls.
function hasControl(text: string): boolean {
	return [...text].some(char => {
		const code = char.codePointAt(0) ?? 0;
		return (code < 0x20 && code !== 0x0a) || (code >= 0x7f && code <= 0x9f) || (code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069);
	});
}

type Run = {code: number | null; stdout: string; stderr: string};

describeWithMoto('acso-tui status and logs against moto_server, into a pipe', () => {
	let moto: MotoServer;
	let seed: SeedManifest;
	let logs: CloudWatchLogsClient;
	const env = () => isolatedEnv({AWS_ACCESS_KEY_ID: motoCredentials.accessKeyId, AWS_SECRET_ACCESS_KEY: motoCredentials.secretAccessKey});
	const base = () => ['--endpoint-url', moto.endpoint, '--region', motoRegion, '--env', 'staging'];
	const supervisorStream = () => seed.services.find(s => s.shortName === 'supervisor')!.logStream;

	beforeAll(async () => {
		assertBuilt();
		moto = await startMoto();
		seed = await seedEnvironment(moto.endpoint, {env: 'staging'});
		logs = new CloudWatchLogsClient({endpoint: moto.endpoint, region: motoRegion, credentials: motoCredentials});
		const now = Date.now();
		await logs.send(new PutLogEventsCommand({logGroupName: seed.logGroup, logStreamName: supervisorStream(), logEvents: hostile.map((message, i) => ({timestamp: now - 3000 + i, message}))}));
	}, 120_000);

	afterAll(async () => {
		logs?.destroy();
		await moto?.stop();
	});

	function start(args: string[]) {
		const child = spawn(process.execPath, [cliPath, ...args], {env: env() as NodeJS.ProcessEnv, stdio: ['ignore', 'pipe', 'pipe']});
		const run: Run & {done: Promise<Run>} = {code: null, stdout: '', stderr: '', done: undefined as unknown as Promise<Run>};
		child.stdout.on('data', (chunk: Buffer) => (run.stdout += chunk.toString()));
		child.stderr.on('data', (chunk: Buffer) => (run.stderr += chunk.toString()));
		run.done = new Promise(resolve => child.on('exit', code => resolve({...run, code})));
		return {child, run};
	}

	async function until(check: () => boolean, ms: number, what: string) {
		const deadline = Date.now() + ms;
		while (!check()) {
			if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
			await new Promise(r => setTimeout(r, 100));
		}
	}

	it('status prints the staging table with no escape byte and exits 1 (ACSO-HighCPU is in ALARM)', async () => {
		const {run} = start(['status', ...base()]);
		const r = await run.done;
		expect(r.stderr).toBe('');
		expect(r.code).toBe(1);
		expect(r.stdout).not.toContain('\u001B');
		expect(hasControl(r.stdout)).toBe(false);
		expect(r.stdout).toMatch(/NEEDS ATTENTION: .*alarm ACSO-HighCPU is in ALARM/);
		for (const service of seed.services) expect(r.stdout).toMatch(new RegExp(`${service.name} +ACTIVE +${service.runningCount}/${service.desiredCount} `));
		expect(r.stdout).toMatch(/ACSO-HighCPU +ALARM +\S/);
		expect(r.stdout).toContain(seed.db.id);
		expect(r.stdout).toContain('ERRORS (last 5 minutes');
	}, 60_000);

	it('status --json against moto: services, attributed alarms, the database', async () => {
		const {run} = start(['status', '--json', ...base()]);
		const r = await run.done;
		expect(r.code).toBe(1);
		const status = JSON.parse(r.stdout) as {services: Array<{name: string}>; alarms: Array<{name: string; state: string; why: string}>; database: {id: string; found: boolean}};
		expect(status.services.map(s => s.name).sort()).toEqual(seed.services.map(s => s.name).sort());
		expect(status.alarms.map(a => a.name).sort()).toEqual(seed.alarms.map(a => a.name).sort());
		for (const alarm of status.alarms) expect(alarm.state).toBe(seed.alarms.find(a => a.name === alarm.name)!.state);
		expect(status.database).toMatchObject({id: seed.db.id, found: true});
	}, 60_000);

	it('logs prints every seeded line once, with its service, and the hostile ones escaped', async () => {
		const {run} = start(['logs', '--since', '2h', ...base()]);
		const r = await run.done;
		expect(r.code).toBe(0);
		expect(hasControl(r.stdout)).toBe(false);
		const lines = r.stdout.trimEnd().split('\n');
		expect(lines).toHaveLength(seed.logEvents + hostile.length);
		expect(r.stdout).toContain('pwn-title \\x1b]0;PWNED-TITLE\\x07');
		expect(r.stdout).toContain('pwn-csi \\x9b31m');
		expect(r.stdout).toContain('pwn-rtl <U+202E>txt.exe');
		expect(r.stdout).toContain('pwn-newline first␊second');
		const hostileLines = lines.filter(l => l.includes('pwn-'));
		for (const line of hostileLines) expect(line).toMatch(/ ERROR {2}supervisor {2}/);
	}, 60_000);

	it('logs --follow delivers events put while it runs once each, late ones too, and exits 0 on SIGINT', async () => {
		const {child, run} = start(['logs', '--follow', '--refresh', '1', '--since', '1m', '--json', '--filter', 'follow-check', ...base()]);
		await new Promise(r => setTimeout(r, 3000));
		const stream = 'follow-check';
		await logs.send(new CreateLogStreamCommand({logGroupName: seed.logGroup, logStreamName: stream}));
		const sent: string[] = [];
		for (let batch = 0; batch < 3; batch++) {
			const now = Date.now();
			// Every other event stamped 8 s in the past: it reaches CloudWatch "late".
			const events = Array.from({length: 4}, (_, i) => ({timestamp: now - (i % 2 === 0 ? 8000 : 0) + i, message: `INFO follow-check batch ${batch} event ${i} \u001B[31mred`}));
			events.sort((a, b) => a.timestamp - b.timestamp);
			await logs.send(new PutLogEventsCommand({logGroupName: seed.logGroup, logStreamName: stream, logEvents: events}));
			sent.push(...events.map(e => e.message));
			await new Promise(r => setTimeout(r, 1500));
		}
		await until(() => run.stdout.split('\n').filter(l => l.includes('follow-check batch')).length >= sent.length, 20_000, 'every event');
		await new Promise(r => setTimeout(r, 2500)); // a few more polls: nothing may come twice
		child.kill('SIGINT');
		const r = await run.done;
		expect(r.code).toBe(0);
		expect(hasControl(r.stdout)).toBe(false);
		const got = r.stdout.trimEnd().split('\n').map(l => (JSON.parse(l) as {message: string}).message);
		expect(got.sort()).toEqual(sent.map(m => m.replace('\u001B', '\\x1b')).sort());
	}, 60_000);
});

it('logs --follow exits 0 when the reader of its pipe goes away (EPIPE)', async () => {
	assertBuilt();
	const child = spawn(process.execPath, [cliPath, 'logs', '--demo', '--follow', '--since', '1m'], {env: isolatedEnv() as NodeJS.ProcessEnv, stdio: ['ignore', 'pipe', 'pipe']});
	let stderr = '';
	child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
	await new Promise<void>(resolve => child.stdout.once('data', () => resolve()));
	child.stdout.destroy(); // as `| head -1` does once it has its line
	const code = await new Promise<number | null>(resolve => child.on('exit', c => resolve(c)));
	expect(stderr).toBe('');
	expect(code).toBe(0);
}, 30_000);
