import {afterAll, afterEach, beforeAll, expect, it} from 'vitest';
import {describeWithMoto, motoCredentials, motoRegion, startMoto, type MotoServer} from '../helpers/moto.js';
import {seedLedgerAccount, type LedgerManifest} from '../helpers/moto-seed-ledger.js';
import {spawnWithTerminalCheck, type PtySession} from '../helpers/pty.js';
import {assertBuilt, cliPath, isolatedEnv} from './cli-path.js';

// The built CLI, in a real terminal, on an account that follows none of ACSO's naming, given only
// --cluster and --db: it must find the alarms that watch the services, and tail every service's
// own log group with the service on each line.

describeWithMoto('acso-tui on an account named otherwise, in a real terminal', () => {
	let moto: MotoServer;
	let seed: LedgerManifest;
	const sessions: PtySession[] = [];

	beforeAll(async () => {
		assertBuilt();
		moto = await startMoto();
		seed = await seedLedgerAccount(moto.endpoint);
	}, 120_000);

	afterEach(async () => {
		await Promise.all(sessions.splice(0).map(s => s.dispose()));
	});

	afterAll(async () => {
		await moto?.stop();
	});

	function start(cols: number, rows: number) {
		const env = isolatedEnv({AWS_ACCESS_KEY_ID: motoCredentials.accessKeyId, AWS_SECRET_ACCESS_KEY: motoCredentials.secretAccessKey});
		const args = [cliPath, '--endpoint-url', moto.endpoint, '--region', motoRegion, '--refresh', '1', '--cluster', seed.cluster, '--db', seed.db];
		const session = spawnWithTerminalCheck(process.execPath, args, {cols, rows, env});
		sessions.push(session);
		return session;
	}

	it('shows the alarms that watch the services and their state, and none that watch other things', async () => {
		const app = start(140, 36);
		for (const alarm of seed.attributed) await app.waitFor(`${alarm.name} ${alarm.state}`, 20_000);
		const text = app.screen.text();
		for (const name of seed.unrelated) expect(text).not.toContain(name);
		expect(text).not.toContain('no alarms watch');
		expect(text).not.toMatch(/Not found: log group/);
		for (const service of seed.services) expect(text).toContain(service.name);

		// The alarms screen says why each one is here.
		app.write(':alarms\r');
		await app.waitFor('WHY HERE', 10_000);
		const alarms = app.screen.text();
		expect(alarms).toContain('ServiceName=writer');
		expect(alarms).toContain('metric filter reconciler-errors');
		app.press('q');
		expect(await app.handBack()).toMatchObject({exitCode: 0});
	});

	it('tails every service\'s own log group, with the service on each line', async () => {
		const app = start(140, 36);
		await app.waitFor('writer', 20_000);
		app.write(':logs\r');
		const errors = seed.lines.filter(l => l.message.includes('ERROR'));
		// Each ERROR line carries a unique marker: "<service>-failure-<n>".
		const marker = (message: string) => /\S+-failure-\d+/.exec(message)![0];
		for (const line of errors) await app.waitFor(marker(line.message), 20_000);
		const rows = app.screen.text().split('\n');
		for (const line of errors) {
			const row = rows.find(r => r.includes(marker(line.message)));
			expect(row, `the row of ${line.message}`).toBeDefined();
			// time, level, then the service (and its short task id) before the message
			expect(row).toMatch(new RegExp(`\\d\\d:\\d\\d:\\d\\d ERROR ${line.service}\\b`));
		}
		// The status line names every group read.
		for (const service of seed.services) expect(app.screen.text()).toContain(service.logGroup.slice(0, 12));
	});
});
