// The rollback cockpit on moto_server: the deployment, its tasks and its logs as the emulator has
// them, and R sending exactly the UpdateService to the previous revision (moto 5.2.1 has no
// service-deployments API: the cockpit and the rollback fall back to DescribeServices quietly).
import {mkdtempSync, readFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {DescribeServicesCommand, ECSClient} from '@aws-sdk/client-ecs';
import {afterAll, beforeAll, expect, it} from 'vitest';
import type {AuditRecord} from '../../source/fixes/audit.js';
import {App} from '../../source/app.js';
import {createAwsCloud} from '../../source/aws/index.js';
import {describeWithMoto, motoCredentials, motoRegion, startMoto, type MotoServer} from '../helpers/moto.js';
import {seedEnvironment, type SeedManifest} from '../helpers/moto-seed.js';
import {keys, renderTui, testConfig, tick} from '../helpers/render.js';

describeWithMoto('the rollback cockpit on moto_server', () => {
	let moto: MotoServer;
	let seed: SeedManifest;

	beforeAll(async () => {
		moto = await startMoto();
		// Log lines of the last few minutes, so the cockpit's window has some.
		seed = await seedEnvironment(moto.endpoint, {env: 'staging', services: ['incident-response', 'supervisor'], revisions: 3, metricMinutes: 5, logLines: {INFO: 40, WARN: 4, ERROR: 30, FATAL: 1}});
	}, 120_000);

	afterAll(async () => {
		await moto?.stop();
	});

	it('shows the deployment, its tasks and its logs; R sends exactly the UpdateService to the previous revision and audits it', async () => {
		const service = seed.services.find(s => s.shortName === 'incident-response')!;
		const calls: string[] = [];
		const auditLog = path.join(mkdtempSync(path.join(tmpdir(), 'acso-cockpit-moto-')), 'audit.jsonl');
		const config = testConfig({env: 'staging', endpointUrl: moto.endpoint, region: motoRegion, refresh: '3600', write: true, auditLog});
		const cloud = createAwsCloud({region: motoRegion, endpointUrl: moto.endpoint, credentials: motoCredentials, isWriteEnabled: () => config.write, observe: c => calls.push(c.operation)});
		const app = renderTui(<App cloud={cloud} config={config} initialScreen="overview" />, {columns: 140, rows: 48});
		try {
			await app.waitFor('incident-response', 30_000);
			// The overview's first row is incident-response (sorted): D opens its cockpit.
			await tick();
			await app.press('D');
			const frame = await app.waitFor(f => f.includes('Deploy · incident-response') && /NEW TASKS of \S+ [1-9]/.test(f) && /LOGS of the new revision [1-9]\d* lines/.test(f), 30_000);
			expect(frame).toContain(`NEW PRIMARY ${service.taskDefinition}`);
			expect(frame).toContain('(no service-deployments API here: DescribeServices only)');
			for (const task of service.tasks) expect(frame).toContain(task.slice(0, 8));
			// Only the lines of its own tasks' streams (the seed writes one stream, its first task's).
			const tail = frame.slice(frame.indexOf('LOGS of'));
			expect(tail).toMatch(new RegExp(`^\\d{2}:\\d{2}:\\d{2} ${service.tasks[0]!.slice(0, 8)} .*\\[incident-response\\]`, 'm'));
			expect(tail).not.toContain('[supervisor]');
			expect(frame).toMatch(/errors\/min .* per task/);
			// moto answers the service-deployments API with a 500 "not implemented" (the SDK retries it):
			// asked on the first load only, never on a refresh.
			const asked = calls.filter(c => c === 'ListServiceDeployments').length;
			expect(asked).toBeGreaterThanOrEqual(1);
			const before = calls.filter(c => c === 'DescribeServices').length;
			await app.press('r');
			await app.waitFor(() => calls.filter(c => c === 'DescribeServices').length > before + 1, 30_000);
			expect(calls.filter(c => c === 'ListServiceDeployments')).toHaveLength(asked);
			await tick();

			calls.length = 0;
			await app.press('R');
			const preview = await app.waitFor('ecs:UpdateService', 30_000);
			const previous = `${service.family}:${service.revisions - 1}`;
			expect(preview).toContain(`Roll back ${service.name} from ${service.taskDefinition} to ${previous}`);
			expect(preview).toMatch(new RegExp(`aws ecs update-service --cluster ${seed.cluster} --service ${service.name} --task-definition\\s+${previous}`));
			await tick();
			await app.press(keys.enter);
			await app.waitFor(/done: Roll back/, 30_000);
			expect(calls.filter(c => !/^(Describe|List|Get|Filter)/.test(c))).toEqual(['UpdateService']);

			// At the emulator: the service now runs the previous revision.
			const ecs = new ECSClient({region: motoRegion, endpoint: moto.endpoint, credentials: motoCredentials});
			const answer = await ecs.send(new DescribeServicesCommand({cluster: seed.cluster, services: [service.name]}));
			expect(answer.services?.[0]?.taskDefinition).toMatch(new RegExp(`(^|task-definition/)${previous}$`));

			const records = readFileSync(auditLog, 'utf8').trimEnd().split('\n').map(line => JSON.parse(line) as AuditRecord);
			expect(records.map(r => [r.phase, r.outcome, r.action])).toEqual([
				['intent', 'pending', 'rollback'],
				['outcome', 'ok', 'rollback'],
			]);
			expect(JSON.stringify(records[0])).toContain('ecs:UpdateService');
		} finally {
			app.unmount();
		}
	});
});
