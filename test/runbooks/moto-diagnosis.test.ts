import {CloudWatchLogsClient, CreateLogGroupCommand} from '@aws-sdk/client-cloudwatch-logs';
import {CreateClusterCommand, ECSClient} from '@aws-sdk/client-ecs';
import {afterAll, beforeAll, expect, it} from 'vitest';
import {createAwsCloud} from '../../source/aws/index.js';
import {namesFor} from '../../source/port/names.js';
import type {Cloud} from '../../source/port/types.js';
import {buildAcsoRunbook} from '../../source/runbooks/acso-runbook.js';
import {findIssue, type Issue, type Runbook} from '../../source/runbooks/model.js';
import {runNativeStep, type NativeResult} from '../../source/runbooks/native.js';
import {describeWithMoto, motoCredentials, motoRegion, startMoto, type MotoServer} from '../helpers/moto.js';
import {seedEnvironment} from '../helpers/moto-seed.js';

// Issue 5: against a seeded moto_server the guide's diagnoses return real data and the right verdict.

describeWithMoto('runbook diagnoses on moto_server', () => {
	let moto: MotoServer;
	let cloud: Cloud;
	const client = () => ({endpoint: moto.endpoint, region: motoRegion, credentials: motoCredentials});

	beforeAll(async () => {
		moto = await startMoto();
		await seedEnvironment(moto.endpoint, {env: 'staging', tasks: false});
		// An environment whose cluster exists but has no services, and a log group that never expires.
		await new ECSClient(client()).send(new CreateClusterCommand({clusterName: 'acso-empty-cluster'}));
		await new CloudWatchLogsClient(client()).send(new CreateLogGroupCommand({logGroupName: '/aws/acso/staging/forgotten'}));
		cloud = createAwsCloud({region: motoRegion, endpointUrl: moto.endpoint, credentials: motoCredentials, isWriteEnabled: () => false, maxAttempts: 1});
	}, 120_000);

	afterAll(async () => {
		await moto?.stop();
	});

	async function diagnose(env: string, issueId: string): Promise<{issue: Issue; results: NativeResult[]; runbook: Runbook}> {
		const names = namesFor(env);
		const runbook = buildAcsoRunbook(names);
		const issue = findIssue(runbook, issueId);
		if (!issue) throw new Error(`no issue ${issueId}`);
		const results: NativeResult[] = [];
		for (const step of issue.diagnosis.filter(s => s.runner === 'native' && s.effect === 'read')) {
			results.push(await runNativeStep(step, {cloud, names, now: Date.now(), issue, runbook}));
		}
		return {issue, results, runbook};
	}

	it('Service Not Found: a missing cluster recommends deploying the infrastructure', async () => {
		const {results} = await diagnose('nowhere', 'deployment-fails-with-service-not-found');
		const first = results[0]!;
		expect(first.verdict).toMatchObject({level: 'problem', finding: 'no-cluster'});
		expect(first.verdict.recommends?.index).toBe(0);
		expect(first.lines.join('\n')).toContain('acso-nowhere-cluster');
	});

	it('Service Not Found: a cluster without services recommends creating them', async () => {
		const {results} = await diagnose('empty', 'deployment-fails-with-service-not-found');
		const verdicts = results.map(r => r.verdict);
		expect(verdicts.some(v => v.level === 'problem' && v.recommends?.index === 1)).toBe(true);
	});

	it('Service Not Found: the seeded staging cluster and its services are found', async () => {
		const {results} = await diagnose('staging', 'deployment-fails-with-service-not-found');
		expect(results[0]!.verdict.level).toBe('ok');
		expect(results[0]!.lines.join('\n')).toContain('acso-staging-cluster');
	});

	it('High CPU Utilization: the seeded CPU (at most 69 %) is under the 80 % threshold', async () => {
		const {results} = await diagnose('staging', 'high-cpu-utilization');
		const cpu = results[0]!;
		expect(cpu.verdict.level).toBe('ok');
		// Real datapoints came back, read as rows.
		expect(cpu.lines.join('\n')).toMatch(/\d+(\.\d+)?/);
		expect(cpu.lines.length).toBeGreaterThan(1);
	});

	it('Database Connection Issues: the seeded instance and its connections are read', async () => {
		const {results} = await diagnose('staging', 'database-connection-issues');
		const text = results.map(r => r.lines.join('\n')).join('\n');
		expect(text).toContain('acso-staging-db');
		expect(text).toContain('db.t3.medium');
		expect(results.every(r => r.verdict.level !== 'unknown' || r.error === undefined)).toBe(true);
		expect(results.some(r => r.verdict.level === 'ok')).toBe(true);
	});

	it('Log Retention Problems: the group with no retention is named, and setting retention is recommended', async () => {
		const {results} = await diagnose('staging', 'log-retention-problems');
		const first = results[0]!;
		expect(first.verdict).toMatchObject({level: 'problem'});
		expect(first.verdict.reason).toContain('/aws/acso/staging/forgotten');
		expect(first.verdict.recommends?.index).toBe(0);
		expect(first.lines.join('\n')).toContain('/aws/acso/staging/agents');
	});
});
