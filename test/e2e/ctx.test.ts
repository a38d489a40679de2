import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {describeWithMoto, motoCredentials, motoRegion, startMoto, type MotoServer} from '../helpers/moto.js';
import {seedEnvironment} from '../helpers/moto-seed.js';
import {spawnWithTerminalCheck, type PtySession} from '../helpers/pty.js';
import {assertBuilt, cliPath, isolatedEnv} from './cli-path.js';

// :ctx in the built CLI, in a real pseudo-terminal: switching environment on the demo, and on
// moto_server a missing cluster's picker, profiles completed from $AWS_CONFIG_FILE and a region switch.

const sessions: PtySession[] = [];
afterEach(async () => {
	await Promise.all(sessions.splice(0).map(s => s.dispose()));
});

const firstLine = (text: string) => text.split('\n')[0] ?? '';

describe(':ctx in the demo, in a real terminal', () => {
	beforeAll(assertBuilt);

	it('completes :ctx staging with Tab, switches every panel, and :ctx alone picks production again', async () => {
		const app = spawnWithTerminalCheck(process.execPath, [cliPath, '--demo'], {cols: 120, rows: 30, env: isolatedEnv()});
		sessions.push(app);
		await app.waitFor(/DATABASE acso-production-db\s+available/, 15_000);
		app.write(':ctx st');
		await app.waitFor(':ctx staging', 5000);
		app.press('tab');
		app.write('\r');
		await app.waitFor(/DATABASE acso-staging-db\s+available/, 15_000);
		await app.waitFor(/ERRORS\s+\d+ ERROR/, 15_000);
		const staging = app.screen.text();
		expect(firstLine(staging)).toMatch(/^ACSO staging │ READ-ONLY │ Overview │ simulated │ acso-staging-cluster/);
		expect(staging).not.toContain('acso-production');
		app.write(':ctx\r');
		await app.waitFor('Pick an environment', 5000);
		expect(app.screen.text()).toMatch(/staging\s+simulated\s+\(current\)/);
		// The picker has the keys: ↑ moves to production, Enter switches.
		app.press('up');
		app.write('\r');
		await app.waitFor(/DATABASE acso-production-db\s+available/, 15_000);
		expect(firstLine(app.screen.text())).toContain('ACSO production');
		app.press('q');
		expect(await app.handBack()).toMatchObject({exitCode: 0, icanon: true, echo: true, alternateScreen: false, cursorHidden: false});
	});
});

describeWithMoto(':ctx against moto_server, in a real terminal', () => {
	let moto: MotoServer;
	const root = mkdtempSync(join(tmpdir(), 'acso-ctx-e2e-'));

	beforeAll(async () => {
		assertBuilt();
		moto = await startMoto();
		const small = {revisions: 1, tasks: false, metricMinutes: 2} as const;
		await seedEnvironment(moto.endpoint, {env: 'staging', services: ['supervisor', 'threat-hunter'], ...small});
		await seedEnvironment(moto.endpoint, {env: 'qa', services: ['supervisor'], region: 'eu-west-1', ...small});
		// Secrets in the file must never be drawn: only the profile names are read.
		writeFileSync(join(root, 'config'), '[default]\nregion = us-east-1\n[profile acso-oncall]\nregion = eu-west-1\nsso_start_url = https://secret.example/start\n');
		writeFileSync(join(root, 'credentials'), `[default]\naws_access_key_id = ${motoCredentials.accessKeyId}\naws_secret_access_key = ${motoCredentials.secretAccessKey}\n[acso-oncall]\naws_access_key_id = ${motoCredentials.accessKeyId}\naws_secret_access_key = ${motoCredentials.secretAccessKey}\n`);
	}, 120_000);

	afterAll(async () => {
		await moto?.stop();
		rmSync(root, {recursive: true, force: true});
	});

	it('offers the clusters that exist for --env qa, completes profiles, and switches region in place', async () => {
		const env = isolatedEnv({AWS_CONFIG_FILE: join(root, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(root, 'credentials')});
		const app = spawnWithTerminalCheck(process.execPath, [cliPath, '--endpoint-url', moto.endpoint, '--region', motoRegion, '--env', 'qa', '--refresh', '30'], {cols: 120, rows: 30, env});
		sessions.push(app);
		await app.waitFor('cluster acso-qa-cluster (the guess for --env qa) does not exist', 20_000);
		app.press('c');
		await app.waitFor(/acso-staging-cluster\s+\d+ active services?\s+4 running tasks/, 20_000);
		app.press('esc');
		await app.waitFor('c: pick one of the clusters here', 5000);
		app.write(':profile ');
		await app.waitFor(':profile default  :profile acso-oncall', 5000);
		expect(app.screen.text()).not.toContain('secret.example');
		app.press('esc');
		// A key right behind Esc would read as Alt+key: wait for the footer to be back.
		await app.waitFor('c pick a cluster that exists', 5000);
		app.write(':region eu-west-1\r');
		await app.waitFor(/DATABASE acso-qa-db\s+available/, 20_000);
		expect(firstLine(app.screen.text())).toMatch(/^ACSO qa │ READ-ONLY │ Overview │ eu-west-1 │ acso-qa-cluster/);
		app.press('q');
		expect(await app.handBack()).toMatchObject({exitCode: 0, icanon: true, echo: true, alternateScreen: false});
	}, 90_000);
});
