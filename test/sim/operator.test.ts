// The account reacts to the Operator the way ECS, CloudWatch and RDS would.
import {describe, expect, it} from 'vitest';
import type {TaskDefinitionInput} from '../../source/port/types.js';
import {alarmState, failure, latest, makeSim, MINUTE, PROD, PROD_LOGS, service, STAGING, SUPERVISOR, T0, tick} from './sim-helpers.js';

describe('updateService', () => {
	it('a forced deployment rolls out in under a minute, clears the leak, and ACSO-HighMemory returns to OK', async () => {
		const h = makeSim(1);
		expect((await alarmState(h.sim, 'ACSO-HighMemory')).state).toBe('ALARM');
		const oldTasks = await h.sim.services.listTasks(PROD, {service: SUPERVISOR});
		const result = await h.sim.operator.updateService(PROD, SUPERVISOR, {forceNewDeployment: true});
		expect(result.requestId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/);
		expect(result.value.deployments).toHaveLength(2);
		expect(result.value.deployments[0]).toMatchObject({status: 'PRIMARY', rolloutState: 'IN_PROGRESS', taskDefinition: 'acso-production-supervisor:7'});
		expect(result.value.deployments[1]!.status).toBe('ACTIVE');

		const timeline: string[] = [];
		let completedAfter = -1;
		for (let second = 1; second <= 90; second++) {
			await tick(h, 1000);
			const s = await service(h.sim, PROD, SUPERVISOR);
			timeline.push(`${s.deployments.length}:${s.deployments[0]!.rolloutState}`);
			if (completedAfter < 0 && s.deployments.length === 1 && s.deployments[0]!.rolloutState === 'COMPLETED') completedAfter = second;
		}
		expect(completedAfter).toBeGreaterThan(20);
		expect(completedAfter).toBeLessThanOrEqual(70);
		const done = await service(h.sim, PROD, SUPERVISOR);
		expect(done.runningCount).toBe(2);
		const messages = done.events.filter(event => event.createdAt >= T0).map(event => event.message);
		expect(messages).toContain(`(service ${SUPERVISOR}) has reached a steady state.`);
		expect(messages.some(message => /^\(service acso-production-supervisor\) \(deployment ecs-svc\/\d{19}\) deployment completed\.$/.test(message))).toBe(true);
		expect(messages.some(message => /has started 2 tasks: \(task [0-9a-f]{32}\) \(task [0-9a-f]{32}\)\.$/.test(message))).toBe(true);
		expect(messages.some(message => /has stopped [12] running tasks: \(task [0-9a-f]{32}\)/.test(message))).toBe(true);
		const newTasks = await h.sim.services.listTasks(PROD, {service: SUPERVISOR});
		expect(newTasks.some(id => oldTasks.includes(id))).toBe(false);
		const replaced = await h.sim.services.describeTasks(PROD, oldTasks);
		for (const task of replaced) expect(task).toMatchObject({lastStatus: 'STOPPED', stopCode: 'ServiceSchedulerInitiated'});

		await tick(h, 3 * MINUTE, 30_000);
		expect(await latest(h, 'MemoryUtilization')).toBeLessThan(50);
		await tick(h, 5 * MINUTE, 30_000);
		const alarm = await alarmState(h.sim, 'ACSO-HighMemory');
		expect(alarm.state).toBe('OK');
		expect(alarm.stateReason).toContain('not greater than the threshold (85.0)');
	});

	it('without a fix the alarm stays in ALARM over the same time', async () => {
		const h = makeSim(1);
		await tick(h, 10 * MINUTE, 30_000);
		expect((await alarmState(h.sim, 'ACSO-HighMemory')).state).toBe('ALARM');
		expect(await latest(h, 'MemoryUtilization')).toBeGreaterThan(88);
	});

	it('rolling staging threat-hunter back to the previous revision brings it up', async () => {
		const h = makeSim(1);
		const {value} = await h.sim.operator.updateService(STAGING, 'acso-staging-threat-hunter', {taskDefinition: 'acso-staging-threat-hunter:12'});
		expect(value.taskDefinition).toBe('acso-staging-threat-hunter:12');
		await tick(h, 2 * MINUTE, 5000);
		const s = await service(h.sim, STAGING, 'acso-staging-threat-hunter');
		expect(s.runningCount).toBe(2);
		expect(s.deployments).toHaveLength(1);
		expect(s.deployments[0]).toMatchObject({rolloutState: 'COMPLETED', taskDefinition: 'acso-staging-threat-hunter:12', failedTasks: 0});
		// ...and its metrics resume.
		await tick(h, 2 * MINUTE, 30_000);
		expect(await latest(h, 'CPUUtilization', 'acso-staging-threat-hunter', STAGING)).toBeGreaterThan(0);
	});

	it('a forced deployment of the broken revision keeps failing', async () => {
		const h = makeSim(1);
		await h.sim.operator.updateService(STAGING, 'acso-staging-threat-hunter', {forceNewDeployment: true});
		await tick(h, 3 * MINUTE, 5000);
		const s = await service(h.sim, STAGING, 'acso-staging-threat-hunter');
		// The forced deployment runs nothing; the old revision still serves.
		expect(s.deployments[0]!.runningCount).toBe(0);
		expect(s.deployments[0]!.failedTasks).toBeGreaterThan(0);
	});

	it('scaling out moves running toward desired over a few steps and lowers per-task CPU', async () => {
		const h = makeSim(4);
		const hunter = 'acso-production-threat-hunter';
		await tick(h, 2 * MINUTE, 30_000);
		const before = await latest(h, 'CPUUtilization', hunter);
		await h.sim.operator.updateService(PROD, hunter, {desiredCount: 6});
		const running: number[] = [];
		for (let i = 0; i < 30; i++) {
			await tick(h, 1000);
			running.push((await service(h.sim, PROD, hunter)).runningCount);
		}
		expect(running[0]).toBe(3);
		expect(running[running.length - 1]).toBe(6);
		await tick(h, 3 * MINUTE, 30_000);
		const after = await latest(h, 'CPUUtilization', hunter);
		expect(after).toBeLessThan(before * 0.7);
		// Scaling in stops the extra tasks.
		await h.sim.operator.updateService(PROD, hunter, {desiredCount: 2});
		await tick(h, 90_000, 5000);
		const s = await service(h.sim, PROD, hunter);
		expect(s.runningCount).toBe(2);
		expect(s.desiredCount).toBe(2);
	});

	it('refuses bad updates like ECS does', async () => {
		const h = makeSim(1);
		const negative = await failure(h.sim.operator.updateService(PROD, SUPERVISOR, {desiredCount: -1}));
		expect(negative.kind).toBe('invalid');
		expect(negative.message).toContain('Invalid desiredCount -1');
		const fraction = await failure(h.sim.operator.updateService(PROD, SUPERVISOR, {desiredCount: 1.5}));
		expect(fraction.kind).toBe('invalid');
		const revision = await failure(h.sim.operator.updateService(PROD, SUPERVISOR, {taskDefinition: 'acso-production-supervisor:99'}));
		expect(revision.kind).toBe('not-found');
		expect(revision.resource).toBe('acso-production-supervisor:99');
		const unknown = await failure(h.sim.operator.updateService(PROD, 'acso-production-nope', {desiredCount: 1}));
		expect(unknown.kind).toBe('not-found');
		expect((await service(h.sim, PROD, SUPERVISOR)).deployments).toHaveLength(1);
	});
});

describe('task definitions', () => {
	it('registering a revision with more memory, then deploying it, lowers memory % and delays the OOM point', async () => {
		const h = makeSim(1);
		const current = await h.sim.services.describeTaskDefinition('acso-production-supervisor');
		expect(current.revision).toBe(7);
		expect(current).toMatchObject({cpu: '1024', memory: '2048', requiresCompatibilities: ['FARGATE']});
		expect(current.containers[0]!.name).toBe('supervisor-agent');
		const {family, cpu, networkMode, requiresCompatibilities, executionRoleArn, taskRoleArn, containers, extra} = current;
		const input: TaskDefinitionInput = {family, cpu, memory: '4096', networkMode, requiresCompatibilities, executionRoleArn, taskRoleArn, containers, extra};
		const {value: registered, requestId} = await h.sim.operator.registerTaskDefinition(input);
		expect(requestId).toBeDefined();
		expect(registered).toMatchObject({family, revision: 8, memory: '4096', status: 'ACTIVE', arn: 'arn:aws:ecs:us-east-1:123456789012:task-definition/acso-production-supervisor:8'});
		expect(registered.containers).toEqual(containers);
		expect((await h.sim.services.describeTaskDefinition(family)).revision).toBe(8);
		expect((await h.sim.services.describeTaskDefinition(`${family}:7`)).memory).toBe('2048');

		await h.sim.operator.updateService(PROD, SUPERVISOR, {taskDefinition: `${family}:8`});
		await tick(h, 3 * MINUTE, 10_000);
		const tasks = await h.sim.services.describeTasks(PROD, await h.sim.services.listTasks(PROD, {service: SUPERVISOR}));
		expect(tasks.map(t => t.memory)).toEqual(['4096', '4096']);
		expect(await latest(h, 'MemoryUtilization')).toBeLessThan(25);
		// Still leaking (same image), but an hour later it is nowhere near the limit.
		await tick(h, 60 * MINUTE, 60_000);
		const hourLater = await latest(h, 'MemoryUtilization');
		expect(hourLater).toBeGreaterThan(30);
		expect(hourLater).toBeLessThan(60);
	});

	it('validates Fargate sizes, names and containers', async () => {
		const h = makeSim(1);
		const base: TaskDefinitionInput = {family: 'acso-production-supervisor', cpu: '1024', memory: '2048', requiresCompatibilities: ['FARGATE'], containers: [{name: 'a', image: 'img:1'}]};
		const cases: Array<[Partial<TaskDefinitionInput>, RegExp]> = [
			[{memory: '1000'}, /No Fargate configuration exists for given values: 1024 CPU, 1000 memory/],
			[{cpu: '3 vCPU'}, /No Fargate configuration exists for given values: 3072 CPU/],
			[{cpu: 'lots'}, /Invalid 'cpu' setting for task: 'lots'/],
			[{family: 'bad family!'}, /Family 'bad family!' is invalid/],
			[{containers: []}, /at least one container/],
			[{containers: [{name: 'a', image: ''}]}, /Container 'a' needs an image/],
			[{containers: [{name: 'a', image: 'x'}, {name: 'a', image: 'y'}]}, /Duplicate container name 'a'/],
			[{containers: [{name: 'a', image: 'x', memory: 4096}]}, /sum of the containers' memory \(4096 MiB\) is greater than the task memory \(2048 MiB\)/],
		];
		for (const [change, message] of cases) {
			const error = await failure(h.sim.operator.registerTaskDefinition({...base, ...change}));
			expect(error.kind).toBe('invalid');
			expect(error.message).toMatch(message);
		}
		expect((await h.sim.services.describeTaskDefinition('acso-production-supervisor')).revision).toBe(7);
		const gb = await h.sim.operator.registerTaskDefinition({...base, family: 'brand-new', cpu: '1 vCPU', memory: '3 GB'});
		expect(gb.value).toMatchObject({family: 'brand-new', revision: 1, cpu: '1024', memory: '3072'});
	});
});

describe('stopTask', () => {
	it('stops the task with the given reason and the scheduler replaces it', async () => {
		const h = makeSim(1);
		const [id] = await h.sim.services.listTasks(PROD, {service: 'acso-production-incident-response'});
		const {value} = await h.sim.operator.stopTask(PROD, id!, 'stuck worker, restarting');
		expect(value).toMatchObject({id, desiredStatus: 'STOPPED', stopCode: 'UserInitiated', stoppedReason: 'stuck worker, restarting'});
		await tick(h, 45_000, 1000);
		const [stopped] = await h.sim.services.describeTasks(PROD, [id!]);
		expect(stopped!.lastStatus).toBe('STOPPED');
		const running = await h.sim.services.listTasks(PROD, {service: 'acso-production-incident-response'});
		expect(running).toHaveLength(2);
		expect(running).not.toContain(id);
		expect((await service(h.sim, PROD, 'acso-production-incident-response')).runningCount).toBe(2);
		const missing = await failure(h.sim.operator.stopTask(PROD, 'f'.repeat(32), 'x'));
		expect(missing.kind).toBe('not-found');
		expect(missing.resource).toBe('f'.repeat(32));
	});
});

describe('logs and alarms operations', () => {
	it('retention: allowed values change the group, others are refused with the allowed set', async () => {
		const h = makeSim(1);
		const before = (await h.sim.logs.describeLogGroups('/aws/acso/staging'))[0]!;
		await h.sim.operator.putRetentionPolicy('/aws/acso/staging/agents', 90);
		const after = (await h.sim.logs.describeLogGroups('/aws/acso/staging'))[0]!;
		expect(after.retentionInDays).toBe(90);
		expect(after.storedBytes!).toBeLessThan(before.storedBytes!);
		const bad = await failure(h.sim.operator.putRetentionPolicy('/aws/acso/staging/agents', 45));
		expect(bad.kind).toBe('invalid');
		expect(bad.message).toContain("Value '45' at 'retentionInDays' failed to satisfy constraint: Member must satisfy enum value set: [1, 3, 5, 7, 14, 30, 60, 90");
		await h.sim.operator.deleteRetentionPolicy('/aws/acso/staging/agents');
		expect((await h.sim.logs.describeLogGroups('/aws/acso/staging'))[0]!.retentionInDays).toBeUndefined();
		expect((await failure(h.sim.operator.putRetentionPolicy('/aws/acso/qa/agents', 30))).kind).toBe('not-found');
	});

	it('creates log groups once', async () => {
		const h = makeSim(1);
		await h.sim.operator.createLogGroup('/aws/acso/qa/agents');
		expect((await h.sim.logs.describeLogGroups('/aws/acso/qa'))[0]).toMatchObject({name: '/aws/acso/qa/agents', storedBytes: 0, retentionInDays: undefined});
		const again = await failure(h.sim.operator.createLogGroup('/aws/acso/qa/agents'));
		expect(again.kind).toBe('invalid');
		expect(again.message).toContain('already exists');
		expect((await failure(h.sim.operator.createLogGroup('bad name'))).kind).toBe('invalid');
	});

	it('a new metric filter starts publishing its metric from matching lines', async () => {
		const h = makeSim(1);
		await h.sim.operator.putMetricFilter({
			name: 'HeapWarnings',
			logGroup: PROD_LOGS,
			pattern: 'heap',
			transformations: [{metricName: 'HeapWarnings', metricNamespace: 'ACSO/Memory', metricValue: '1'}],
		});
		expect((await h.sim.logs.describeMetricFilters(PROD_LOGS)).map(f => f.name)).toEqual(['ErrorCount', 'HeapWarnings']);
		expect((await h.sim.logs.describeLogGroups(PROD_LOGS))[0]!.metricFilterCount).toBe(2);
		await tick(h, 5 * MINUTE, 30_000);
		const [series] = await h.sim.metrics.getMetricData(
			[{id: 'heap', namespace: 'ACSO/Memory', metricName: 'HeapWarnings', dimensions: {}, stat: 'Sum', periodSeconds: 60}],
			{start: T0, end: h.clock.now()},
		);
		expect(series!.points.length).toBeGreaterThan(2);
		expect(series!.points.every(point => point.t >= T0 && point.v >= 1)).toBe(true);
		const bad = await failure(h.sim.operator.putMetricFilter({name: 'X', logGroup: PROD_LOGS, pattern: '{ $.a = ', transformations: [{metricName: 'm', metricNamespace: 'n', metricValue: '1'}]}));
		expect(bad.kind).toBe('invalid');
	});
});

describe('modifyDbInstance', () => {
	it('applied at once: modifying for a few minutes, then available with the new class and more freeable memory', async () => {
		const h = makeSim(1);
		const freeable = async () => {
			const [series] = await h.sim.metrics.getMetricData(
				[{id: 'f', namespace: 'AWS/RDS', metricName: 'FreeableMemory', dimensions: {DBInstanceIdentifier: 'acso-production-db'}, stat: 'Average', periodSeconds: 60}],
				{start: h.clock.now() - 2 * MINUTE, end: h.clock.now()},
			);
			return series!.points[series!.points.length - 1]!.v;
		};
		const before = await freeable();
		const {value} = await h.sim.operator.modifyDbInstance('acso-production-db', {instanceClass: 'db.t3.large', applyImmediately: true});
		expect(value).toMatchObject({status: 'modifying', instanceClass: 'db.t3.medium', pendingInstanceClass: 'db.t3.large'});
		const busy = await failure(h.sim.operator.modifyDbInstance('acso-production-db', {instanceClass: 'db.t3.xlarge', applyImmediately: true}));
		expect(busy.kind).toBe('invalid');
		expect(busy.message).toContain('not in available state');
		await tick(h, 2 * MINUTE, 30_000);
		expect((await h.sim.databases.describeDbInstances('acso-production-db'))[0]!.status).toBe('modifying');
		await tick(h, 8 * MINUTE, 30_000);
		const [db] = await h.sim.databases.describeDbInstances('acso-production-db');
		expect(db).toMatchObject({status: 'available', instanceClass: 'db.t3.large'});
		expect(db!.pendingInstanceClass).toBeUndefined();
		expect(await freeable()).toBeGreaterThan(before + 2 * 1024 ** 3);
	});

	it('not applied at once: waits as a pending modification; unknown classes and databases are refused', async () => {
		const h = makeSim(1);
		const {value} = await h.sim.operator.modifyDbInstance('acso-staging-db', {instanceClass: 'db.t3.large', applyImmediately: false});
		expect(value).toMatchObject({status: 'available', instanceClass: 'db.t3.medium', pendingInstanceClass: 'db.t3.large'});
		const unknown = await failure(h.sim.operator.modifyDbInstance('acso-staging-db', {instanceClass: 'db.huge.1', applyImmediately: true}));
		expect(unknown.kind).toBe('invalid');
		expect(unknown.message).toContain('DBInstanceClass=db.huge.1');
		const missing = await failure(h.sim.operator.modifyDbInstance('acso-qa-db', {instanceClass: 'db.t3.large', applyImmediately: true}));
		expect(missing).toMatchObject({kind: 'not-found', resource: 'acso-qa-db'});
	});
});

describe('request ids', () => {
	it('every mutating call returns a distinct request id', async () => {
		const h = makeSim(1);
		const ids = [
			(await h.sim.operator.createLogGroup('/a')).requestId,
			(await h.sim.operator.putRetentionPolicy('/a', 7)).requestId,
			(await h.sim.operator.deleteRetentionPolicy('/a')).requestId,
			(await h.sim.operator.updateService(PROD, SUPERVISOR, {desiredCount: 2})).requestId,
		];
		expect(new Set(ids).size).toBe(4);
	});
});
