// The simulated account a drill starts from (calm: no standing incidents) and the faults a drill
// injects: each shows through the port the way the incident would, and its check reads the cause.
import {describe, expect, it} from 'vitest';
import {createManualClock, createSimCloud, type SimFault} from '../../source/sim/index.js';
import {alarmState, latest, MINUTE, PROD, SUPERVISOR, T0, type Harness} from './sim-helpers.js';

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
