import {readFileSync} from 'node:fs';
import {mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {DescribeServicesCommand, ECSClient} from '@aws-sdk/client-ecs';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import type {AuditRecord} from '../../source/fixes/audit.js';
import {describeWithMoto, motoCredentials, motoRegion, startMoto, type MotoServer} from '../helpers/moto.js';
import {seedEnvironment, type SeedManifest} from '../helpers/moto-seed.js';
import {spawnWithTerminalCheck, type PtySession} from '../helpers/pty.js';
import {assertBuilt, cliPath, isolatedEnv} from './cli-path.js';

// The end-to-end walk of issue 7: the built CLI in a real pseudo-terminal, every screen visited by
// name, a service opened, a fix run with --write and its effect checked at the backend and in the
// audit log; on moto_server, then the same walk on the demo.

const screens: Array<[command: string, title: string, marker: RegExp]> = [
	['services', 'Services', /RUN\/DES\/PEN/],
	['metrics', 'Metrics', /CPU|cpu/],
	['logs', 'Logs', /following|paused/],
	['alarms', 'Alarms', /ACSO-HighCPU/],
	['db', 'Database', /db\.t3|postgres|mysql/i],
	['runbooks', 'Runbooks', /Deployment/],
	['overview', 'Overview', /ERRORS/],
];

const dir = mkdtempSync(path.join(tmpdir(), 'acso-walk-'));
const sessions: PtySession[] = [];

async function visitEveryScreen(app: PtySession): Promise<void> {
	for (const [command, title, marker] of screens) {
		// Typed in one write, as a fast typist or a paste over SSH sends it: no key may be lost.
		app.write(`:${command}\r`);
		await app.waitFor(new RegExp(`│ ${title}`), 15_000);
		await app.waitFor(marker, 15_000);
	}
	// A service's detail, and back (once the list has loaded again: Enter opens the selected row).
	await app.waitFor(/\S+\s+ACTIVE\s+\d+\/\d+\/\d+/, 15_000);
	app.press('enter');
	await app.waitFor(/DEPLOYMENTS/, 15_000);
	app.press('esc');
	await app.waitFor(/│ Overview/, 15_000);
	// A key right behind Esc would read as Alt+key, as in any terminal.
	await new Promise(resolve => setTimeout(resolve, 100));
}

/** From the overview: the actions of the first service, force a new deployment, confirm, wait for the outcome. */
async function forceDeployment(app: PtySession, confirmName?: string): Promise<void> {
	app.press('a');
	await app.waitFor('Fixes for service', 10_000);
	app.press('enter');
	await app.waitFor('aws ecs update-service', 10_000);
	if (confirmName) {
		await app.waitFor(`type ${confirmName} to confirm`, 10_000);
		app.write(confirmName);
	}
	await app.waitFor(/⏎ sends|y\/⏎ confirm/, 10_000);
	app.press('enter');
	await app.waitFor('✓ Done: Force a new deployment', 15_000);
}

function auditRecords(file: string): AuditRecord[] {
	return readFileSync(file, 'utf8').trimEnd().split('\n').map(line => JSON.parse(line) as AuditRecord);
}

afterEach(async () => {
	await Promise.all(sessions.splice(0).map(s => s.dispose()));
});

describeWithMoto('the end-to-end walk on moto_server', () => {
	let moto: MotoServer;
	let seed: SeedManifest;

	beforeAll(async () => {
		assertBuilt();
		moto = await startMoto();
		seed = await seedEnvironment(moto.endpoint, {env: 'staging', tasks: false});
	}, 120_000);

	afterAll(async () => {
		await moto?.stop();
	});

	it('visits every screen, runs a fix with --write, and the emulator and the audit log show it', async () => {
		const auditPath = path.join(dir, 'moto-audit.jsonl');
		const ecs = new ECSClient({endpoint: moto.endpoint, region: motoRegion, credentials: motoCredentials});
		// The overview lists services by name: the first is the one the fix menu opens on.
		const first = [...seed.services].sort((a, b) => a.name.localeCompare(b.name))[0]!;
		const before = (await ecs.send(new DescribeServicesCommand({cluster: seed.cluster, services: [first.name]}))).services![0]!;

		const env = isolatedEnv({AWS_ACCESS_KEY_ID: motoCredentials.accessKeyId, AWS_SECRET_ACCESS_KEY: motoCredentials.secretAccessKey});
		const app = spawnWithTerminalCheck(
			process.execPath,
			[cliPath, '--env', 'staging', '--endpoint-url', moto.endpoint, '--region', motoRegion, '--write', '--audit-log', auditPath],
			{cols: 120, rows: 34, env},
		);
		sessions.push(app);
		await app.waitFor('ERRORS', 20_000);
		expect(app.screen.text()).toContain('WRITE');
		await visitEveryScreen(app);
		await forceDeployment(app); // staging is not a production environment: no name to type

		const after = (await ecs.send(new DescribeServicesCommand({cluster: seed.cluster, services: [first.name]}))).services![0]!;
		// moto answers a forced deployment with a new primary deployment id.
		expect(after.deployments?.[0]?.id).not.toBe(before.deployments?.[0]?.id);
		const records = auditRecords(auditPath);
		expect(records.map(r => `${r.phase}:${r.outcome}`)).toEqual(['intent:pending', 'outcome:ok']);
		expect(records[0]).toMatchObject({action: 'force-new-deployment', env: 'staging', region: motoRegion, resource: first.name});
		expect(records[1]!.requestId).toBeTruthy();

		app.press('esc');
		// The header says Overview under the fix panel too: wait for the overview's own footer, and a
		// q sent in the same read as the Esc would arrive as Alt-q.
		await app.waitFor('open service detail', 10_000);
		await new Promise(resolve => setTimeout(resolve, 300));
		app.press('q');
		expect(await app.handBack()).toMatchObject({exitCode: 0, icanon: true, echo: true, alternateScreen: false, cursorHidden: false});
	});
});

describe('the end-to-end walk on the demo', () => {
	beforeAll(assertBuilt);

	it('visits every screen and runs a fix with --write (production: the name is typed)', async () => {
		const auditPath = path.join(dir, 'demo-audit.jsonl');
		const app = spawnWithTerminalCheck(process.execPath, [cliPath, '--demo', '--write', '--audit-log', auditPath], {cols: 120, rows: 34, env: isolatedEnv()});
		sessions.push(app);
		await app.waitFor('ERRORS', 20_000);
		await visitEveryScreen(app);
		await forceDeployment(app, 'acso-production-financial-intelligence');
		const records = auditRecords(auditPath);
		expect(records.map(r => `${r.phase}:${r.outcome}`)).toEqual(['intent:pending', 'outcome:ok']);
		await app.waitFor(/IN_PROGRESS|Rollout/, 10_000);
		app.press('esc');
		await app.waitFor(/│ Overview/, 10_000);
		// A key right behind Esc would read as Alt+key.
		await new Promise(resolve => setTimeout(resolve, 100));
		app.press('q');
		expect(await app.handBack()).toMatchObject({icanon: true, echo: true, alternateScreen: false, cursorHidden: false});
	});
});
