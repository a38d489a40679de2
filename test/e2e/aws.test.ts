import {CloudWatchLogsClient, CreateLogStreamCommand, PutLogEventsCommand} from '@aws-sdk/client-cloudwatch-logs';
import {afterAll, afterEach, beforeAll, expect, it} from 'vitest';
import {describeWithMoto, motoCredentials, motoRegion, startMoto, type MotoServer} from '../helpers/moto.js';
import {seedEnvironment, type SeedManifest} from '../helpers/moto-seed.js';
import {spawnWithTerminalCheck, type PtySession} from '../helpers/pty.js';
import {assertBuilt, cliPath, isolatedEnv} from './cli-path.js';

// The built CLI against a real AWS API emulator, in a real pseudo-terminal: the AWS path end to end.

// Real attack payloads a log line can carry: set the window title, clear the screen, write the
// clipboard (OSC 52), move the cursor up and erase a line to hide what came before.
const hostile = [
	'ERROR [supervisor] pwn-title \u001B]0;PWNED-TITLE\u0007',
	'ERROR [supervisor] pwn-clear \u001B[2J\u001B[H',
	'ERROR [supervisor] pwn-clip \u001B]52;c;ZWNobyBwd25lZA==\u0007',
	'ERROR [supervisor] pwn-hide \u001B[1A\u001B[2K\r',
	'ERROR [supervisor] pwn-rtl \u202Etxt.exe',
];

describeWithMoto('acso-tui against moto_server in a real terminal', () => {
	let moto: MotoServer;
	let seed: SeedManifest;
	const sessions: PtySession[] = [];

	beforeAll(async () => {
		assertBuilt();
		moto = await startMoto();
		seed = await seedEnvironment(moto.endpoint, {env: 'staging'});
		const logs = new CloudWatchLogsClient({endpoint: moto.endpoint, region: motoRegion, credentials: motoCredentials});
		await logs.send(new CreateLogStreamCommand({logGroupName: seed.logGroup, logStreamName: 'hostile'}));
		const now = Date.now();
		await logs.send(
			new PutLogEventsCommand({logGroupName: seed.logGroup, logStreamName: 'hostile', logEvents: hostile.map((message, i) => ({timestamp: now - 5000 + i, message}))}),
		);
	}, 120_000);

	afterEach(async () => {
		await Promise.all(sessions.splice(0).map(s => s.dispose()));
	});

	afterAll(async () => {
		await moto?.stop();
	});

	function start(args: string[]) {
		const env = isolatedEnv({AWS_ACCESS_KEY_ID: motoCredentials.accessKeyId, AWS_SECRET_ACCESS_KEY: motoCredentials.secretAccessKey});
		const session = spawnWithTerminalCheck(process.execPath, [cliPath, '--endpoint-url', moto.endpoint, '--region', motoRegion, '--refresh', '1', ...args], {cols: 120, rows: 32, env});
		sessions.push(session);
		return session;
	}

	it('shows the staging services, alarm states and database', async () => {
		const app = start(['--env', 'staging']);
		await app.waitFor('supervisor', 20_000);
		await app.waitFor('acso-staging-db', 20_000);
		await app.waitFor('ACSO-HighCPU ALARM', 20_000);
		const text = app.screen.text();
		expect(text).toContain('acso-staging-cluster');
		expect(text).toContain(motoRegion);
		for (const service of seed.services) expect(text).toContain(service.shortName);
		expect(text).toContain('ACSO-HighMemory OK');
		app.press('q');
		expect(await app.handBack()).toMatchObject({exitCode: 0, icanon: true, alternateScreen: false, cursorHidden: false});
	});

	it('shows the seeded ERROR and FATAL lines and no INFO, and hostile lines cannot touch the terminal', async () => {
		const app = start(['--env', 'staging']);
		await app.waitFor('supervisor', 20_000);
		app.write(':logs\r');
		await app.waitFor('pwn-rtl', 20_000);
		await app.waitFor(/FATAL/, 5000);
		const text = app.screen.text();
		expect(text).toMatch(/ERROR/);
		expect(text).not.toMatch(/\bINFO\b.*\[/);
		// Drawn as visible escapes, never executed: the title, clipboard and screen are untouched.
		expect(text).toContain('\\x1b]0;PWNED-TITLE');
		expect(text).toContain('<U+202E>');
		expect(app.screen.title).not.toContain('PWNED');
		expect(app.screen.osc52Writes).toEqual([]);
		expect(text).toContain('acso-staging-cluster'); // the header survived the "clear screen"
		for (const marker of ['pwn-title', 'pwn-clear', 'pwn-clip', 'pwn-hide', 'pwn-rtl']) expect(text).toContain(marker);
		app.press('q');
		await app.handBack();
	});

	it('names a cluster that does not exist instead of crashing', async () => {
		const app = start(['--env', 'staging', '--cluster', 'acso-nowhere-cluster']);
		await app.waitFor(/not found|does not exist|missing/i, 20_000);
		expect(app.screen.text()).toContain('acso-nowhere-cluster');
		app.press('q');
		expect((await app.handBack()).exitCode).toBe(0);
	});

	it('keeps the last data on screen, marked stale, when the endpoint goes away', async () => {
		const own = await startMoto();
		await seedEnvironment(own.endpoint, {env: 'staging', tasks: false});
		const env = isolatedEnv({AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test'});
		const app = spawnWithTerminalCheck(process.execPath, [cliPath, '--endpoint-url', own.endpoint, '--region', motoRegion, '--refresh', '1', '--env', 'staging'], {cols: 120, rows: 32, env});
		sessions.push(app);
		await app.waitFor('acso-staging-db', 20_000);
		await app.waitFor(/ACTIVE .*\d+\.\d%/, 20_000); // metrics in too
		await own.stop();
		await app.waitFor('STALE', 30_000);
		// Each panel says so for itself, next to the data it keeps.
		await app.waitFor(/DATABASE\s+STALE \d+s/, 30_000);
		await app.waitFor(/SERVICE STALE \d+s/, 30_000);
		const text = app.screen.text();
		expect(text).toContain('supervisor');
		expect(text).toContain('acso-staging-db');
		expect(text).toMatch(/supervisor .*\d+\.\d%/); // the last metrics stay too
		app.press('q');
		expect((await app.handBack()).exitCode).toBe(0);
	}, 90_000);
});
