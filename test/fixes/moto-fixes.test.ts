import {readFileSync} from 'node:fs';
import {mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {CloudWatchClient, DescribeAlarmsCommand} from '@aws-sdk/client-cloudwatch';
import {CloudWatchLogsClient, DescribeLogGroupsCommand} from '@aws-sdk/client-cloudwatch-logs';
import {DeleteServiceCommand, DescribeServicesCommand, DescribeTaskDefinitionCommand, ECSClient} from '@aws-sdk/client-ecs';
import {afterAll, beforeAll, expect, it} from 'vitest';
import {createAuditLog, runPlan, type AuditRecord} from '../../source/fixes/audit.js';
import {fixById} from '../../source/fixes/catalogue.js';
import type {FixId, FixParams, Target} from '../../source/fixes/types.js';
import {createAwsCloud} from '../../source/aws/index.js';
import type {Cloud} from '../../source/port/types.js';
import {namesFor} from '../../source/port/names.js';
import {buildAcsoRunbook} from '../../source/runbooks/acso-runbook.js';
import {findIssue} from '../../source/runbooks/model.js';
import {runNativeStep} from '../../source/runbooks/native.js';
import {describeWithMoto, motoCredentials, motoRegion, startMoto, type MotoServer} from '../helpers/moto.js';
import {seedEnvironment, type SeedManifest} from '../helpers/moto-seed.js';

// Issue 6's first promise, on a real AWS API emulator: with --write each fix changes the emulator's
// state, with exactly the calls it previewed, and leaves an intent and an outcome line in the audit
// log; without --write each is refused, says how to enable writes, and sends nothing.

describeWithMoto('fixes against moto_server', () => {
	let moto: MotoServer;
	let seed: SeedManifest;
	let write = false;
	const calls: string[] = [];
	let cloud: Cloud;
	const dir = mkdtempSync(path.join(tmpdir(), 'acso-moto-fixes-'));
	const auditPath = path.join(dir, 'audit.jsonl');
	const client = () => ({endpoint: moto.endpoint, region: motoRegion, credentials: motoCredentials});

	beforeAll(async () => {
		moto = await startMoto();
		seed = await seedEnvironment(moto.endpoint, {env: 'staging', tasks: false});
		cloud = createAwsCloud({
			region: motoRegion,
			endpointUrl: moto.endpoint,
			credentials: motoCredentials,
			isWriteEnabled: () => write,
			observe: call => calls.push(`${call.service}:${call.operation}`),
			maxAttempts: 1,
		});
	}, 120_000);

	afterAll(async () => {
		await moto?.stop();
	});

	const audit = () => createAuditLog({path: auditPath, context: {env: 'staging', region: motoRegion, sessionId: 'moto0001'}});
	const supervisor = (): Target => ({kind: 'service', cluster: seed.cluster, service: seed.services[0]!.name});

	async function apply(fixId: FixId, target: Target, params: FixParams) {
		const fix = fixById(fixId);
		if (!fix) throw new Error(`no fix ${fixId}`);
		const plan = await fix.plan(cloud, target, params);
		calls.length = 0;
		const result = await runPlan(plan, cloud.operator, audit());
		const mutating = calls.filter(c => !/:(Describe|List|Get|Filter)/.test(c));
		return {plan, result, mutating};
	}

	const auditLines = () => readFileSync(auditPath, 'utf8').trimEnd().split('\n').map(line => JSON.parse(line) as AuditRecord);
	const ecs = () => new ECSClient(client());
	const describeSupervisor = async () => (await ecs().send(new DescribeServicesCommand({cluster: seed.cluster, services: [seed.services[0]!.name]}))).services![0]!;

	const cases: Array<{fixId: FixId; target: () => Target; params: FixParams; calls: string[]; check: () => Promise<void>}> = [
		{
			fixId: 'set-desired-count',
			target: supervisor,
			params: {desiredCount: 4},
			calls: ['ecs:UpdateService'],
			check: async () => expect((await describeSupervisor()).desiredCount).toBe(4),
		},
		{
			fixId: 'force-new-deployment',
			target: supervisor,
			params: {},
			calls: ['ecs:UpdateService'],
			check: async () => expect((await describeSupervisor()).deployments?.length).toBeGreaterThan(0),
		},
		{
			fixId: 'rollback',
			target: supervisor,
			params: {},
			calls: ['ecs:UpdateService'],
			check: async () => {
				// The seed runs the newest of three revisions; the previous one is :2.
				expect(seed.services[0]!.taskDefinition).toMatch(/:3$/);
				expect((await describeSupervisor()).taskDefinition).toMatch(/:2$/);
			},
		},
		{
			fixId: 'new-revision',
			target: supervisor,
			params: {memory: 4096},
			calls: ['ecs:RegisterTaskDefinition', 'ecs:UpdateService'],
			check: async () => {
				const service = await describeSupervisor();
				const definition = await ecs().send(new DescribeTaskDefinitionCommand({taskDefinition: service.taskDefinition!}));
				expect(definition.taskDefinition?.memory).toBe('4096');
				expect(definition.taskDefinition?.revision).toBe(seed.services[0]!.revisions + 1);
			},
		},
		{
			fixId: 'put-retention',
			target: () => ({kind: 'logGroup', logGroup: seed.logGroup}),
			params: {retentionInDays: 90},
			calls: ['logs:PutRetentionPolicy'],
			check: async () => {
				const groups = await new CloudWatchLogsClient(client()).send(new DescribeLogGroupsCommand({logGroupNamePrefix: seed.logGroup}));
				expect(groups.logGroups?.[0]?.retentionInDays).toBe(90);
			},
		},
		{
			fixId: 'put-metric-alarm',
			target: () => ({kind: 'alarm', alarm: 'ACSO-HighCPU'}),
			params: {threshold: 85, evaluationPeriods: 3},
			calls: ['cloudwatch:PutMetricAlarm'],
			check: async () => {
				const alarms = await new CloudWatchClient(client()).send(new DescribeAlarmsCommand({AlarmNames: ['ACSO-HighCPU']}));
				expect(alarms.MetricAlarms?.[0]).toMatchObject({Threshold: 85, EvaluationPeriods: 3});
				// PutMetricAlarm replaces the whole alarm: the on-call actions must survive a threshold change.
				expect(alarms.MetricAlarms?.[0]?.AlarmActions?.length).toBeGreaterThan(0);
			},
		},
	];

	it.each(cases.map(c => [c.fixId, c] as const))('without --write, %s is refused with how to enable writes, and sends nothing', async (_, c) => {
		write = false;
		const {result, mutating} = await apply(c.fixId, c.target(), c.params);
		expect(result.outcome.ok).toBe(false);
		expect(!result.outcome.ok && result.outcome.error.message).toContain('--write');
		expect(mutating).toEqual([]);
		const [intent, outcome] = auditLines().slice(-2);
		expect(intent).toMatchObject({phase: 'intent', action: c.fixId});
		expect(outcome).toMatchObject({phase: 'outcome', outcome: 'failed', entryId: intent!.entryId});
	});

	it.each(cases.map(c => [c.fixId, c] as const))('with --write, %s makes exactly its calls, changes the emulator, and audits intent then outcome', async (_, c) => {
		write = true;
		const {plan, result, mutating} = await apply(c.fixId, c.target(), c.params);
		expect(result.outcome.ok).toBe(true);
		expect(mutating).toEqual(c.calls);
		expect(plan.calls.map(call => call.apiCall)).toEqual(c.calls);
		await c.check();
		const [intent, outcome] = auditLines().slice(-2);
		expect(intent).toMatchObject({phase: 'intent', action: c.fixId, env: 'staging', region: motoRegion, sessionId: 'moto0001'});
		expect(outcome).toMatchObject({phase: 'outcome', outcome: 'ok', entryId: intent!.entryId});
	});

	it('create-service rebuilds a service deleted on moto (moto keeps it INACTIVE, and in ListServices unlike AWS): the verdict names it; with no network known anywhere the fix refuses before sending anything', async () => {
		const deleted = seed.services.at(-1)!;
		await ecs().send(new DeleteServiceCommand({cluster: seed.cluster, service: deleted.name, force: true}));
		const [gone] = await cloud.services.describeServices(seed.cluster, [deleted.name]);
		expect(gone!.status).toBe('INACTIVE');
		const runbook = buildAcsoRunbook(namesFor('staging'));
		const issue = findIssue(runbook, 'deployment-fails-with-service-not-found')!;
		const check = await runNativeStep(issue.diagnosis[0]!, {cloud, names: namesFor('staging'), now: Date.now(), issue, runbook});
		expect(check.verdict).toMatchObject({level: 'problem', finding: 'service-missing', recommends: {index: 1}});
		expect(check.verdict.reason).toContain(`service ${deleted.name} not found in cluster ${seed.cluster}`);
		// This seed's services are awsvpc without a network configuration (tasks: false), so nothing says
		// which subnets to use: the fix refuses, naming why, before any call.
		expect(gone!.network).toBeUndefined();
		calls.length = 0;
		await expect(fixById('create-service')!.plan(cloud, {kind: 'service', cluster: seed.cluster, service: deleted.name}, {desiredCount: 2})).rejects.toThrow(
			`${deleted.name} runs awsvpc tasks, and neither the deleted service nor a sibling in ${seed.cluster} says which subnets and security groups`,
		);
		expect(calls.filter(c => !/:(Describe|List|Get|Filter)/.test(c))).toEqual([]);
	});
});
