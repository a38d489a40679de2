// The simulated account a drill starts from (calm: no standing incidents) and the faults a drill
// injects: each shows through the port the way the incident would, and its check reads the cause.
import {describe, expect, it} from 'vitest';
import {createManualClock, createSimCloud, type SimFault} from '../../source/sim/index.js';
import {alarmState, latest, MINUTE, PROD, PROD_LOGS, SUPERVISOR, T0, type Harness} from './sim-helpers.js';

function calmSim(seed = 3): Harness {
	const clock = createManualClock(T0);
	const write = {enabled: true};
	return {sim: createSimCloud({seed, clock, isWriteEnabled: () => write.enabled, calm: true}), clock, write};
}

const leak: SimFault = {kind: 'memory-leak', service: SUPERVISOR, leakMiBPerMin: 8, onsetMinutes: 195};

describe('the calm account', () => {
	it.each([1, 3, 42])('seed %i: no alarm in ALARM, the supervisor well below the memory threshold, no rollout in progress', async seed => {
		const h = calmSim(seed);
		const alarms = await h.sim.alarms.describeAlarms({});
		expect(alarms.filter(a => a.state === 'ALARM').map(a => a.name)).toEqual([]);
		expect(await latest(h, 'MemoryUtilization')).toBeLessThan(70);
		for (const cluster of [PROD, 'acso-staging-cluster']) {
			const names = await h.sim.services.listServices(cluster);
			for (const service of await h.sim.services.describeServices(cluster, names)) {
				expect(service.deployments.map(d => d.rolloutState), service.name).toEqual(['COMPLETED']);
				expect(service.runningCount, service.name).toBe(service.desiredCount);
			}
		}
	});
});

describe('a memory leak', () => {
	it('puts the supervisor above 85% at once, ACSO-HighMemory in ALARM within two minutes; the check fails until every leaking task is replaced', async () => {
		const h = calmSim();
		h.clock.advance(20_000);
		h.sim.control.injectFault(leak);
		expect(h.sim.control.faultFixed(leak)).toBe(false);
		h.clock.advance(2 * MINUTE);
		expect(await latest(h, 'MemoryUtilization')).toBeGreaterThan(85);
		expect((await alarmState(h.sim, 'ACSO-HighMemory')).state).toBe('ALARM');
		// Hiding the symptom is no fix: the alarm raised out of reach, the leak is still there.
		const alarm = await alarmState(h.sim, 'ACSO-HighMemory');
		if (alarm.kind !== 'metric') throw new Error('expected a metric alarm');
		const {kind: _kind, arn: _arn, state: _state, stateReason: _reason, stateUpdatedAt: _at, ...input} = alarm;
		await h.sim.operator.putMetricAlarm({...input, threshold: 99});
		h.clock.advance(MINUTE);
		expect(h.sim.control.faultFixed(leak)).toBe(false);
		// A new deployment replaces the leaking tasks: then the cause is gone.
		await h.sim.operator.updateService(PROD, SUPERVISOR, {forceNewDeployment: true});
		for (let i = 0; i < 10 && !h.sim.control.faultFixed(leak); i++) h.clock.advance(MINUTE);
		expect(h.sim.control.faultFixed(leak)).toBe(true);
	});

	it.each([0, 29, 59])('has kept the supervisor above 90 percent for the whole hour before it goes in (injected $0 minutes past the hour), and kills no task for 20 minutes', async minutes => {
		const clock = createManualClock(T0 + minutes * MINUTE + 17_000);
		const sim = createSimCloud({seed: 4, clock, isWriteEnabled: () => true, calm: true});
		sim.control.injectFault(leak);
		const [series] = await sim.metrics.getMetricData(
			[{id: 'm', namespace: 'AWS/ECS', metricName: 'MemoryUtilization', dimensions: {ClusterName: PROD, ServiceName: SUPERVISOR}, stat: 'Average', periodSeconds: 3600}],
			{start: clock.now() - 2 * 3600_000, end: clock.now() + 1},
		);
		expect(series!.points.at(-1)!.v).toBeGreaterThan(90);
		clock.advance(20 * MINUTE);
		const stopped = await sim.services.listTasks(PROD, {service: SUPERVISOR, desiredStatus: 'STOPPED'});
		expect(stopped).toEqual([]);
	});

	it('is no fix to stop the service', async () => {
		const h = calmSim();
		h.sim.control.injectFault(leak);
		await h.sim.operator.updateService(PROD, SUPERVISOR, {desiredCount: 0});
		h.clock.advance(5 * MINUTE);
		expect(h.sim.control.faultFixed(leak)).toBe(false);
	});
});

describe('noise', () => {
	it('a harmless alarm is in ALARM at the next minute and is never the cause', async () => {
		const h = calmSim();
		const noise: SimFault = {kind: 'harmless-alarm', name: 'ACSO-ReportLatency', service: 'acso-production-financial-intelligence', metricName: 'ReportLatency', description: 'noise'};
		h.sim.control.injectFault(noise);
		h.clock.advance(2 * MINUTE);
		expect((await alarmState(h.sim, 'ACSO-ReportLatency')).state).toBe('ALARM');
		expect(h.sim.control.faultFixed(noise)).toBe(true);
	});
});

describe('the other faults: the check reads the cause, and hiding the symptom does not pass it', () => {
	it('a CPU surge: ACSO-HighCPU in ALARM within two minutes; a higher threshold is no fix, a third task is', async () => {
		const h = calmSim();
		const surge: SimFault = {kind: 'cpu-surge', service: SUPERVISOR, cpuPercent: 92, targetPercent: 70, onsetMinutes: 15};
		h.sim.control.injectFault(surge);
		h.clock.advance(2 * MINUTE);
		const alarm = await alarmState(h.sim, 'ACSO-HighCPU');
		expect(alarm.state).toBe('ALARM');
		if (alarm.kind !== 'metric') throw new Error('expected a metric alarm');
		const {kind: _kind, arn: _arn, state: _state, stateReason: _reason, stateUpdatedAt: _at, ...input} = alarm;
		await h.sim.operator.putMetricAlarm({...input, threshold: 99});
		h.clock.advance(MINUTE);
		expect(h.sim.control.faultFixed(surge)).toBe(false);
		await h.sim.operator.updateService(PROD, SUPERVISOR, {desiredCount: 3});
		for (let i = 0; i < 10 && !h.sim.control.faultFixed(surge); i++) h.clock.advance(MINUTE);
		expect(h.sim.control.faultFixed(surge)).toBe(true);
	});

	it('a connection leak: a bigger database is no fix, replacing the leaking tasks is', async () => {
		const h = calmSim();
		const leakFault: SimFault = {kind: 'connection-leak', service: SUPERVISOR, perMinute: 4, max: 160, onsetMinutes: 25};
		h.sim.control.injectFault(leakFault);
		h.clock.advance(2 * MINUTE);
		expect((await alarmState(h.sim, 'ACSO-HighDBConnections')).state).toBe('ALARM');
		await h.sim.operator.modifyDbInstance('acso-production-db', {instanceClass: 'db.t3.large', applyImmediately: true});
		h.clock.advance(5 * MINUTE);
		expect(h.sim.control.faultFixed(leakFault)).toBe(false);
		await h.sim.operator.updateService(PROD, SUPERVISOR, {forceNewDeployment: true});
		for (let i = 0; i < 10 && !h.sim.control.faultFixed(leakFault); i++) h.clock.advance(MINUTE);
		expect(h.sim.control.faultFixed(leakFault)).toBe(true);
	});

	it('a bad rollout: more tasks are no fix; the previous revision again is', async () => {
		const h = calmSim();
		const service = 'acso-production-threat-hunter';
		const fault: SimFault = {kind: 'bad-rollout', service, tag: 'v2.4.1', problem: 'missing-image'};
		const [before] = await h.sim.services.describeServices(PROD, [service]);
		h.sim.control.injectFault(fault);
		h.clock.advance(3 * MINUTE);
		const stopped = await h.sim.services.describeTasks(PROD, await h.sim.services.listTasks(PROD, {service, desiredStatus: 'STOPPED'}));
		expect(stopped.some(task => /CannotPullContainerError/.test(task.stoppedReason ?? ''))).toBe(true);
		await h.sim.operator.updateService(PROD, service, {desiredCount: 4});
		h.clock.advance(2 * MINUTE);
		expect(h.sim.control.faultFixed(fault)).toBe(false);
		await h.sim.operator.updateService(PROD, service, {desiredCount: 3, taskDefinition: before!.taskDefinition});
		for (let i = 0; i < 10 && !h.sim.control.faultFixed(fault); i++) h.clock.advance(MINUTE);
		expect(h.sim.control.faultFixed(fault)).toBe(true);
	});

	it('a flapping alarm: it went into ALARM four times or more in the hour; dropping its dimensions is no fix', async () => {
		const h = calmSim();
		const fault: SimFault = {kind: 'flapping-alarm', alarm: 'ACSO-HighCPU', sinceMinutes: 60, minPeriods: 3, minThreshold: 80};
		h.sim.control.injectFault(fault);
		const history = await h.sim.alarms.describeAlarmHistory('ACSO-HighCPU', {start: h.clock.now() - 3600_000, end: h.clock.now() + 1});
		expect(history.filter(item => /to ALARM$/.test(item.summary)).length).toBeGreaterThanOrEqual(4);
		const alarm = await alarmState(h.sim, 'ACSO-HighCPU');
		if (alarm.kind !== 'metric') throw new Error('expected a metric alarm');
		const {kind: _kind, arn: _arn, state: _state, stateReason: _reason, stateUpdatedAt: _at, ...input} = alarm;
		await h.sim.operator.putMetricAlarm({...input, dimensions: {}, threshold: 85, evaluationPeriods: 3, periodSeconds: 300});
		expect(h.sim.control.faultFixed(fault)).toBe(false);
		await h.sim.operator.putMetricAlarm({...input, threshold: 85, evaluationPeriods: 3, periodSeconds: 300});
		expect(h.sim.control.faultFixed(fault)).toBe(true);
	});

	it('a log group without retention, and a deleted metric filter: a retention of a day is too short; the filter back is the fix', async () => {
		const h = calmSim();
		const group = '/aws/acso/production/agents';
		const retention: SimFault = {kind: 'no-retention', logGroup: group, minDays: 7};
		const filter: SimFault = {kind: 'metric-filter-deleted', logGroup: group, filterName: 'ErrorCount', metricName: 'ErrorCount', metricNamespace: 'ACSO/Errors'};
		h.sim.control.injectFault(retention);
		h.sim.control.injectFault(filter);
		const [described] = await h.sim.logs.describeLogGroups(group);
		expect(described!.retentionInDays).toBeUndefined();
		expect(await h.sim.logs.describeMetricFilters(group)).toEqual([]);
		await h.sim.operator.putRetentionPolicy(group, 1);
		expect(h.sim.control.faultFixed(retention)).toBe(false);
		await h.sim.operator.putRetentionPolicy(group, 30);
		expect(h.sim.control.faultFixed(retention)).toBe(true);
		await h.sim.operator.putMetricFilter({name: 'Errors', logGroup: group, pattern: 'ERROR', transformations: [{metricName: 'ErrorCount', metricNamespace: 'ACSO/Errors', metricValue: '1'}]});
		expect(h.sim.control.faultFixed(filter)).toBe(true);
	});
});

describe('a role that lacks a policy', () => {
	it('shows as AccessDeniedException in the agent\u2019s lines and the trail\u2019s log group; more tasks are no fix, the previous revision is', async () => {
		const h = calmSim();
		const service = 'acso-production-incident-response';
		const fault: SimFault = {kind: 'denied-role', service, role: 'arn:aws:iam::123456789012:role/acso-production-agent-role', action: 'bedrock:InvokeModel', resource: 'arn:aws:bedrock:us-east-1::foundation-model/m', share: 0.3};
		const [before] = await h.sim.services.describeServices(PROD, [service]);
		h.sim.control.injectFault(fault);
		h.clock.advance(4 * MINUTE);
		const range = {startTime: h.clock.now() - 4 * MINUTE, endTime: h.clock.now() + 1, limit: 50};
		const lines = await h.sim.logs.filterLogEvents({logGroup: '/aws/acso/production/agents', pattern: 'AccessDeniedException', ...range});
		expect(lines.events.length).toBeGreaterThan(0);
		expect(lines.events[0]!.message).toMatch(/assumed-role\/acso-production-agent-role\/[0-9a-f]+ is not authorized to perform: bedrock:InvokeModel on resource: /);
		const trail = await h.sim.logs.filterLogEvents({logGroup: 'CloudTrail/AcsoAuditLog', pattern: '{ $.errorCode = "AccessDenied" }', ...range});
		expect(trail.events.length).toBeGreaterThan(0);
		expect(JSON.parse(trail.events[0]!.message)).toMatchObject({eventSource: 'bedrock.amazonaws.com', eventName: 'InvokeModel', errorCode: 'AccessDenied'});
		await h.sim.operator.updateService(PROD, service, {desiredCount: 3});
		h.clock.advance(2 * MINUTE);
		expect(h.sim.control.faultFixed(fault)).toBe(false);
		await h.sim.operator.updateService(PROD, service, {desiredCount: 2, taskDefinition: before!.taskDefinition});
		for (let i = 0; i < 10 && !h.sim.control.faultFixed(fault); i++) h.clock.advance(MINUTE);
		expect(h.sim.control.faultFixed(fault)).toBe(true);
	});

	it('the authentication-failures drill: the trail records the refused s3:GetObject; a restart or stopping the service hides it and is no fix, the previous revision is', async () => {
		const h = calmSim();
		const service = 'acso-production-service-orchestration';
		const fault: SimFault = {kind: 'denied-role', service, role: 'arn:aws:iam::123456789012:role/acso-production-task-role', action: 's3:GetObject', resource: 'arn:aws:s3:::acso-production-bucket/playbooks/containment.yaml', share: 0.3};
		const [before] = await h.sim.services.describeServices(PROD, [service]);
		h.sim.control.injectFault(fault);
		h.clock.advance(4 * MINUTE);
		const trail = await h.sim.logs.filterLogEvents({logGroup: 'CloudTrail/AcsoAuditLog', pattern: '?AccessDenied ?Denied', startTime: h.clock.now() - 4 * MINUTE, endTime: h.clock.now() + 1, limit: 50});
		expect(trail.events.length).toBeGreaterThan(0);
		expect(JSON.parse(trail.events[0]!.message)).toMatchObject({eventSource: 's3.amazonaws.com', eventName: 'GetObject', errorCode: 'AccessDenied', userIdentity: {sessionContext: {sessionIssuer: {arn: 'arn:aws:iam::123456789012:role/acso-production-task-role'}}}});
		// A restart brings up the same revision, with the same role.
		await h.sim.operator.updateService(PROD, service, {forceNewDeployment: true});
		h.clock.advance(5 * MINUTE);
		expect(h.sim.control.faultFixed(fault)).toBe(false);
		// No task, no denied call: the symptom is gone, the cause is not.
		await h.sim.operator.updateService(PROD, service, {desiredCount: 0});
		h.clock.advance(5 * MINUTE);
		const quiet = await h.sim.logs.filterLogEvents({logGroup: 'CloudTrail/AcsoAuditLog', pattern: '?AccessDenied ?Denied', startTime: h.clock.now() - 2 * MINUTE, endTime: h.clock.now() + 1, limit: 50});
		expect(quiet.events).toEqual([]);
		expect(h.sim.control.faultFixed(fault)).toBe(false);
		await h.sim.operator.updateService(PROD, service, {desiredCount: before!.desiredCount, taskDefinition: before!.taskDefinition});
		for (let i = 0; i < 10 && !h.sim.control.faultFixed(fault); i++) h.clock.advance(MINUTE);
		expect(h.sim.control.faultFixed(fault)).toBe(true);
	});
});

describe('a deleted service', () => {
	const service = 'acso-production-service-orchestration';
	const fault: SimFault = {kind: 'service-deleted', service};

	it('is INACTIVE with its tasks stopped, left out of ListServices, refused by UpdateService; a copy under another name or a count of 0 is no fix, the service created again is', async () => {
		const h = calmSim();
		const [before] = await h.sim.services.describeServices(PROD, [service]);
		h.sim.control.injectFault(fault);
		expect(h.sim.control.faultFixed(fault)).toBe(false);
		expect(await h.sim.services.listServices(PROD)).not.toContain(service);
		const [gone] = await h.sim.services.describeServices(PROD, [service]);
		expect(gone).toMatchObject({status: 'INACTIVE', desiredCount: 0, runningCount: 0});
		expect(await h.sim.services.listTasks(PROD, {service, desiredStatus: 'RUNNING'})).toEqual([]);
		await expect(h.sim.operator.updateService(PROD, service, {desiredCount: 2})).rejects.toMatchObject({kind: 'invalid', code: 'ServiceNotActiveException'});
		const [cluster] = (await h.sim.clusters.describeClusters([PROD])).clusters;
		expect(cluster!.activeServicesCount).toBe(4);
		const network = before!.network!;
		// The deploy pipeline's own name for it is not the service the deploy names.
		await h.sim.operator.createService({cluster: PROD, name: `${service}-v2`, taskDefinition: before!.taskDefinition, desiredCount: 2, launchType: 'FARGATE', network});
		h.clock.advance(2 * MINUTE);
		expect(h.sim.control.faultFixed(fault)).toBe(false);
		await h.sim.operator.createService({cluster: PROD, name: service, taskDefinition: before!.taskDefinition, desiredCount: 0, launchType: 'FARGATE', network});
		h.clock.advance(2 * MINUTE);
		expect(h.sim.control.faultFixed(fault)).toBe(false);
		await h.sim.operator.updateService(PROD, service, {desiredCount: before!.desiredCount});
		for (let i = 0; i < 10 && !h.sim.control.faultFixed(fault); i++) h.clock.advance(MINUTE);
		expect(h.sim.control.faultFixed(fault)).toBe(true);
		expect(await h.sim.services.listServices(PROD)).toContain(service);
	});

	it('DeleteService drains the tasks, then the service is INACTIVE; ECS forgets it an hour later; CreateService of a live name is refused', async () => {
		const h = calmSim();
		const [before] = await h.sim.services.describeServices(PROD, [service]);
		await expect(h.sim.operator.createService({cluster: PROD, name: service, taskDefinition: before!.taskDefinition, desiredCount: 1, network: before!.network!})).rejects.toMatchObject({kind: 'invalid', message: 'Creation of service was not idempotent.'});
		const {value} = await h.sim.operator.deleteService(PROD, service);
		expect(value).toMatchObject({status: 'DRAINING', desiredCount: 0});
		expect(await h.sim.services.listServices(PROD)).toContain(service);
		h.clock.advance(2 * MINUTE);
		const [drained] = await h.sim.services.describeServices(PROD, [service]);
		expect(drained).toMatchObject({status: 'INACTIVE', runningCount: 0});
		await expect(h.sim.operator.deleteService(PROD, service)).rejects.toMatchObject({kind: 'not-found', code: 'ServiceNotFoundException'});
		h.clock.advance(61 * MINUTE);
		expect(await h.sim.services.describeServices(PROD, [service])).toEqual([]);
		expect(await h.sim.services.listTaskDefinitionFamilies!('acso-production-')).toContain(service);
	});
});

describe('a parameter changed by hand', () => {
	const name = '/acso/production/supervisor/max-concurrent-workflows';
	const fault: SimFault = {kind: 'parameter-drift', env: 'production', name, value: '4', by: 'arn:aws:sts::123456789012:assumed-role/AWSReservedSSO_Admin_0a1b/dana.kim', agoMinutes: 25};

	it('shows in Parameter Store (who, when, the version before) and in the supervisor\u2019s lines, which name the parameter', async () => {
		const h = calmSim();
		const quiet = await h.sim.logs.filterLogEvents({logGroup: PROD_LOGS, pattern: '"concurrent workflows running"', startTime: h.clock.now() - 30 * MINUTE, endTime: h.clock.now() + 1});
		expect(quiet.events).toEqual([]);
		h.sim.control.injectFault(fault);
		const [now] = (await h.sim.parameters.getParametersByPath('/acso/production/supervisor', false)).filter(p => p.name === name);
		expect(now).toMatchObject({value: '4', version: 4, lastModifiedBy: fault.kind === 'parameter-drift' ? fault.by : '', lastModifiedAt: h.clock.now() - 25 * MINUTE});
		const history = await h.sim.parameters.getParameterHistory(name);
		expect(history.map(v => [v.version, v.value])).toEqual([[1, '24'], [2, '32'], [3, '40'], [4, '4']]);
		expect(history[2]!.modifiedBy).toMatch(/^arn:aws:sts::123456789012:assumed-role\/acso-production-deploy-automation\/pipeline-\d+$/);
		h.clock.advance(2 * MINUTE);
		const lines = await h.sim.logs.filterLogEvents({logGroup: PROD_LOGS, pattern: '"concurrent workflows running"', startTime: h.clock.now() - 30 * MINUTE, endTime: h.clock.now() + 1});
		expect(lines.events.length).toBeGreaterThan(10);
		// Since the change, not before it; and only the supervisor reads the setting.
		expect(Math.min(...lines.events.map(e => e.timestamp))).toBeGreaterThanOrEqual(h.clock.now() - 27 * MINUTE);
		expect(lines.events[0]!.message).toContain(`4/4 concurrent workflows running (max_concurrent_workflows=4 from ${name})`);
		expect(new Set(lines.events.map(e => e.logStream.split('/')[0]))).toEqual(new Set(['supervisor']));
		// And the queue the supervisor publishes moves: none before, the workflows waiting for a slot since.
		const queued = async () => {
			const [series] = await h.sim.metrics.getMetricData(
				[{id: 'q', namespace: 'ACSO/Agents', metricName: 'QueuedWorkflows', dimensions: {ServiceName: SUPERVISOR}, stat: 'Maximum', periodSeconds: 60}],
				{start: h.clock.now() - 10 * MINUTE, end: h.clock.now()},
			);
			return series!.points.map(point => point.v);
		};
		expect((await queued()).slice(-1)).toEqual([40]);
		expect(h.sim.control.faultFixed(fault)).toBe(false);
	});

	it('leaves the supervisor\u2019s queue metric at zero in the calm account', async () => {
		const h = calmSim();
		h.clock.advance(3 * MINUTE);
		const [series] = await h.sim.metrics.getMetricData(
			[{id: 'q', namespace: 'ACSO/Agents', metricName: 'QueuedWorkflows', dimensions: {ServiceName: SUPERVISOR}, stat: 'Maximum', periodSeconds: 60}],
			{start: h.clock.now() - 30 * MINUTE, end: h.clock.now()},
		);
		expect(series!.points.length).toBeGreaterThan(20);
		expect(new Set(series!.points.map(point => point.v))).toEqual(new Set([0]));
	});

	it('is not fixed by restarting the supervisor, more tasks, another parameter, or a value the automation never wrote; the automation\u2019s value is the fix', async () => {
		const h = calmSim();
		h.sim.control.injectFault(fault);
		await h.sim.operator.updateService(PROD, SUPERVISOR, {forceNewDeployment: true});
		await h.sim.operator.updateService(PROD, SUPERVISOR, {desiredCount: 4});
		for (let i = 0; i < 5; i++) h.clock.advance(MINUTE);
		expect(h.sim.control.faultFixed(fault)).toBe(false);
		await h.sim.operator.putParameter('/acso/production/supervisor/workflow-timeout-seconds', '900', 'String');
		await h.sim.operator.putParameter('/acso/staging/supervisor/max-concurrent-workflows', '40', 'String');
		expect(h.sim.control.faultFixed(fault)).toBe(false);
		await h.sim.operator.putParameter(name, '100', 'String');
		expect(h.sim.control.faultFixed(fault)).toBe(false);
		await h.sim.operator.putParameter(name, '40', 'String');
		expect(h.sim.control.faultFixed(fault)).toBe(true);
		// The supervisor stops queueing once it reads its limit again.
		h.clock.advance(MINUTE);
		const since = h.clock.now();
		h.clock.advance(3 * MINUTE);
		const lines = await h.sim.logs.filterLogEvents({logGroup: PROD_LOGS, pattern: '"concurrent workflows running"', startTime: since, endTime: h.clock.now() + 1});
		expect(lines.events).toEqual([]);
	});

	it('is refused on a SecureString or a parameter the account does not have', () => {
		const h = calmSim();
		expect(() => h.sim.control.injectFault({...fault, name: '/acso/production/database/url'} as SimFault)).toThrow(/SecureString/);
		expect(() => h.sim.control.injectFault({...fault, name: '/acso/production/nope'} as SimFault)).toThrow(/no parameter/);
	});
});

describe('a deleted execution role', () => {
	const service = 'acso-production-service-orchestration';
	const role = 'acso-production-execution-role';
	const fault: SimFault = {kind: 'missing-execution-role', service, role, retire: 1, refusedCalls: 3};

	it('shows as refused RegisterTaskDefinition calls in the trail and tasks ECS cannot start; restarting, scaling or a role ECS may not assume are no fix', async () => {
		const h = calmSim();
		h.clock.advance(20_000);
		expect(await h.sim.roles.getRole(role)).toMatchObject({trustedServices: ['ecs-tasks.amazonaws.com'], attachedPolicies: [{name: 'AmazonECSTaskExecutionRolePolicy'}]});
		h.sim.control.injectFault(fault);
		expect(h.sim.control.faultFixed(fault)).toBe(false);
		expect(await h.sim.roles.getRole(role)).toBeUndefined();

		const trail = await h.sim.logs.filterLogEvents({logGroup: 'CloudTrail/AcsoAuditLog', pattern: '{ $.eventName = "RegisterTaskDefinition" }', startTime: h.clock.now() - 10 * MINUTE});
		expect(trail.events).toHaveLength(3);
		expect(JSON.parse(trail.events[0]!.message)).toMatchObject({errorCode: 'ClientException', errorMessage: 'Role is not valid', requestParameters: {family: service}});

		h.clock.advance(2 * MINUTE);
		const stopped = await h.sim.services.describeTasks(PROD, await h.sim.services.listTasks(PROD, {service, desiredStatus: 'STOPPED'}));
		const failed = stopped.filter(task => task.stopCode === 'TaskFailedToStart');
		expect(failed.length).toBeGreaterThan(0);
		expect(failed[0]!.stoppedReason).toContain(`ECS was unable to assume the role 'arn:aws:iam::123456789012:role/${role}' that was provided for this task`);
		const [described] = await h.sim.services.describeServices(PROD, [service]);
		expect(described!.runningCount).toBeLessThan(described!.desiredCount);

		// A restart starts tasks that fail the same way.
		await h.sim.operator.updateService(PROD, service, {forceNewDeployment: true});
		h.clock.advance(5 * MINUTE);
		expect(h.sim.control.faultFixed(fault)).toBe(false);
		// Fewer tasks hide the shortfall, not the cause.
		await h.sim.operator.updateService(PROD, service, {desiredCount: 1});
		h.clock.advance(3 * MINUTE);
		expect(h.sim.control.faultFixed(fault)).toBe(false);
		// A role of that name that ECS tasks may not assume is no fix either.
		const lambdaTrust = JSON.stringify({Version: '2012-10-17', Statement: [{Effect: 'Allow', Principal: {Service: 'lambda.amazonaws.com'}, Action: 'sts:AssumeRole'}]});
		await h.sim.operator.createRole({name: role, trustPolicy: lambdaTrust});
		await h.sim.operator.attachRolePolicy(role, 'arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy');
		await h.sim.operator.updateService(PROD, service, {desiredCount: 2});
		h.clock.advance(3 * MINUTE);
		expect(h.sim.control.faultFixed(fault)).toBe(false);
		await h.sim.operator.detachRolePolicy(role, 'arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy');
		await h.sim.operator.deleteRole(role);

		// The role back as ECS needs it: the next tasks start, and the service reaches its count.
		await h.sim.operator.createRole({name: role, trustPolicy: JSON.stringify({Version: '2012-10-17', Statement: [{Effect: 'Allow', Principal: {Service: 'ecs-tasks.amazonaws.com'}, Action: 'sts:AssumeRole'}]})});
		expect(h.sim.control.faultFixed(fault)).toBe(false); // no execution policy yet
		await h.sim.operator.attachRolePolicy(role, 'arn:aws:iam::aws:policy/service-role/AmazonECSTaskExecutionRolePolicy');
		for (let i = 0; i < 10 && !h.sim.control.faultFixed(fault); i++) h.clock.advance(MINUTE);
		expect(h.sim.control.faultFixed(fault)).toBe(true);
	});
});

describe('an ingress rule revoked from an agent\u2019s security group', () => {
	const service = 'acso-production-incident-response';
	const fault: SimFault = {kind: 'ingress-revoked', service, fromService: SUPERVISOR};
	const groupOf = async (h: Harness, name: string) => (await h.sim.services.describeServices(PROD, [name]))[0]!.network!.securityGroups[0]!;

	it('drops the supervisor\u2019s calls (connect ETIMEDOUT in its lines); restarting or scaling is no fix, neither is 0.0.0.0/0; the rule from the supervisor\u2019s group is', async () => {
		const h = calmSim();
		const target = await groupOf(h, service);
		const caller = await groupOf(h, SUPERVISOR);
		const before = (await h.sim.network!.describeSecurityGroups([{name: 'group-id', values: [target]}]))[0]!;
		expect(before.ingress).toEqual([{protocol: 'tcp', fromPort: 8000, toPort: 8000, sourceGroups: [caller], cidrs: []}]);
		expect(h.sim.control.faultFixed(fault)).toBe(true);
		h.sim.control.injectFault(fault);
		expect(h.sim.control.faultFixed(fault)).toBe(false);
		expect((await h.sim.network!.describeSecurityGroups([{name: 'group-id', values: [target]}]))[0]!.ingress).toEqual([]);
		h.clock.advance(3 * MINUTE);
		const range = {startTime: h.clock.now() - 3 * MINUTE, endTime: h.clock.now() + 1, limit: 50};
		const lines = await h.sim.logs.filterLogEvents({logGroup: PROD_LOGS, pattern: 'ETIMEDOUT', ...range});
		expect(lines.events.length).toBeGreaterThan(0);
		expect(lines.events[0]!.message).toMatch(/ERROR \[supervisor\] workflow wf-\d+ dispatch to incident-response failed: connect ETIMEDOUT 10\.0\.\d+\.\d+:8000/);
		// Symptom-level changes: a new deployment of the agent, more tasks of both services.
		await h.sim.operator.updateService(PROD, service, {forceNewDeployment: true});
		await h.sim.operator.updateService(PROD, service, {desiredCount: 4});
		await h.sim.operator.updateService(PROD, SUPERVISOR, {desiredCount: 3});
		h.clock.advance(5 * MINUTE);
		expect(h.sim.control.faultFixed(fault)).toBe(false);
		// The port opened to anywhere ends the timeouts but is a new violation, not the fix.
		await h.sim.operator.authorizeSecurityGroupIngress!({groupId: target, protocol: 'tcp', fromPort: 8000, toPort: 8000, cidr: '0.0.0.0/0'});
		h.clock.advance(MINUTE);
		expect(h.sim.control.faultFixed(fault)).toBe(false);
		const quiet = await h.sim.logs.filterLogEvents({logGroup: PROD_LOGS, pattern: 'ETIMEDOUT', startTime: h.clock.now() - 50_000, endTime: h.clock.now() + 1});
		expect(quiet.events).toEqual([]);
		await h.sim.operator.revokeSecurityGroupIngress!({groupId: target, protocol: 'tcp', fromPort: 8000, toPort: 8000, cidr: '0.0.0.0/0'});
		// Another agent's group is not the caller's.
		await h.sim.operator.authorizeSecurityGroupIngress!({groupId: target, protocol: 'tcp', fromPort: 8000, toPort: 8000, sourceGroupId: await groupOf(h, 'acso-production-threat-hunter')});
		expect(h.sim.control.faultFixed(fault)).toBe(false);
		await h.sim.operator.authorizeSecurityGroupIngress!({groupId: target, protocol: 'tcp', fromPort: 8000, toPort: 8000, sourceGroupId: caller});
		expect(h.sim.control.faultFixed(fault)).toBe(true);
	});

	it('refuses a duplicate rule and a revoke of a rule that is not there, as EC2 does', async () => {
		const h = calmSim();
		const target = await groupOf(h, service);
		const caller = await groupOf(h, SUPERVISOR);
		const rule = {groupId: target, protocol: 'tcp', fromPort: 8000, toPort: 8000, sourceGroupId: caller};
		await expect(h.sim.operator.authorizeSecurityGroupIngress!(rule)).rejects.toMatchObject({kind: 'invalid', code: 'InvalidPermission.Duplicate'});
		await expect(h.sim.operator.revokeSecurityGroupIngress!({...rule, fromPort: 9000, toPort: 9000})).rejects.toMatchObject({kind: 'not-found', code: 'InvalidPermission.NotFound'});
		await expect(h.sim.operator.authorizeSecurityGroupIngress!({...rule, groupId: 'sg-0123456789abcdef0'})).rejects.toMatchObject({kind: 'not-found'});
		h.write.enabled = false;
		await expect(h.sim.operator.revokeSecurityGroupIngress!(rule)).rejects.toMatchObject({kind: 'read-only'});
	});
});
