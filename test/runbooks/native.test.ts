import {describe, expect, it} from 'vitest';
import {CloudError} from '../../source/port/errors.js';
import {namesFor} from '../../source/port/names.js';
import type {Alarm, LogEvent, MetricAlarm, MetricQuery, Service, Task} from '../../source/port/types.js';
import {buildAcsoRunbook} from '../../source/runbooks/acso-runbook.js';
import {estimateMaxConnections, instanceMemoryGiB} from '../../source/runbooks/database-capacity.js';
import {allSteps, findIssue, type Issue, type Step} from '../../source/runbooks/model.js';
import type {NativeCall} from '../../source/runbooks/native-call.js';
import {type NativeContext, runNative, runNativeStep} from '../../source/runbooks/native.js';
import {cloudWithSpyOperator, fakeCloud} from './fake-cloud.js';

const names = namesFor('production');
const runbook = buildAcsoRunbook(names);
const now = Date.UTC(2026, 10, 28, 12, 0, 0);
const issue = (id: string) => findIssue(runbook, id) as Issue;
const call = (issueId: string, index: number) => issue(issueId).diagnosis[index]?.call as NativeCall;
const context = (cloud: NativeContext['cloud'], issueId?: string): NativeContext => ({cloud, names, now, runbook, ...(issueId ? {issue: issue(issueId)} : {})});

function task(overrides: Partial<Task>): Task {
	return {id: 't1', arn: 'arn:t1', cluster: names.cluster, service: 'acso-production-supervisor', taskDefinition: 'acso-production-supervisor:7', lastStatus: 'STOPPED', desiredStatus: 'STOPPED', containers: [], ...overrides};
}

function service(overrides: Partial<Service>): Service {
	return {name: 'acso-production-supervisor', arn: 'arn:s', cluster: names.cluster, status: 'ACTIVE', desiredCount: 2, runningCount: 2, pendingCount: 0, taskDefinition: 'acso-production-supervisor:7', deployments: [], events: [], ...overrides};
}

const series = (queries: MetricQuery[], values: Record<string, number[]>) =>
	queries.map(q => ({id: q.id, label: q.stat, complete: true, points: (values[q.stat] ?? []).map((v, i) => ({t: now - 3_600_000 + i * 300_000, v}))}));

/** A described service with one deployment, last changed a day ago. */
function serviceNamed(name: string, status: string, taskDefinition: string): Service {
	const at = Date.UTC(2026, 10, 27, 9, 0, 0);
	return {name, arn: `arn:aws:ecs:us-east-1:1:service/${names.cluster}/${name}`, cluster: names.cluster, status, desiredCount: 0, runningCount: 0, pendingCount: 0, taskDefinition, events: [],
		deployments: [{id: 'ecs-svc/1', status: 'PRIMARY', rolloutState: 'COMPLETED', taskDefinition, desiredCount: 0, runningCount: 0, pendingCount: 0, failedTasks: 0, createdAt: at, updatedAt: at}]};
}

describe('ECS verdicts', () => {
	const clusterStep = call('deployment-fails-with-service-not-found', 0);

	it('no cluster -> deploy the infrastructure (resolution 1)', async () => {
		const {cloud} = fakeCloud({clusters: {describeClusters: async () => ({clusters: [], missing: [names.cluster]})}});
		const r = await runNative(clusterStep, context(cloud, 'deployment-fails-with-service-not-found'));
		expect(r.verdict).toMatchObject({level: 'problem', finding: 'no-cluster', recommends: {index: 0, title: "If cluster doesn't exist"}});
		expect(r.lines.join('\n')).toContain('acso-production-cluster  MISSING');
	});

	it('a cluster without services -> create them (resolution 2), after listing confirms the count of 0', async () => {
		const {cloud, calls} = fakeCloud({
			clusters: {describeClusters: async () => ({clusters: [{name: names.cluster, arn: 'a', status: 'ACTIVE', activeServicesCount: 0, runningTasksCount: 0, pendingTasksCount: 0}], missing: []})},
			services: {listServices: async () => []},
		});
		const r = await runNative(clusterStep, context(cloud, 'deployment-fails-with-service-not-found'));
		expect(r.verdict).toMatchObject({level: 'problem', finding: 'no-services', recommends: {index: 1, title: "If cluster exists but services don't"}});
		expect(calls.map(c => c.method)).toEqual(['clusters.describeClusters', 'services.listServices']);
	});

	it('a count of 0 that listing contradicts (lagging counts, emulators) is not "no services"', async () => {
		const {cloud} = fakeCloud({
			clusters: {describeClusters: async () => ({clusters: [{name: names.cluster, arn: 'a', status: 'ACTIVE', activeServicesCount: 0, runningTasksCount: 4, pendingTasksCount: 0}], missing: []})},
			services: {
				listServices: async () => ['acso-production-supervisor'],
				describeServices: async (_c: string, names: string[]) => names.filter(n => n === 'acso-production-supervisor').map(n => serviceNamed(n, 'ACTIVE', `${n}:7`)),
				listTaskDefinitionFamilies: async () => ['acso-production-supervisor'],
			},
		});
		const r = await runNative(clusterStep, context(cloud, 'deployment-fails-with-service-not-found'));
		expect(r.verdict).toEqual({level: 'ok', reason: 'acso-production-cluster is ACTIVE with 1 service and 4 running tasks.'});
	});

	it('an active cluster with services is fine: every family of the environment has its ACTIVE service', async () => {
		const {cloud, calls} = fakeCloud({
			clusters: {describeClusters: async () => ({clusters: [{name: names.cluster, arn: 'a', status: 'ACTIVE', activeServicesCount: 5, runningTasksCount: 10, pendingTasksCount: 0}], missing: []})},
			services: {
				listServices: async () => ['acso-production-supervisor'],
				describeServices: async () => [serviceNamed('acso-production-supervisor', 'ACTIVE', 'acso-production-supervisor:7')],
				listTaskDefinitionFamilies: async () => ['acso-production-supervisor'],
			},
		});
		const r = await runNative(clusterStep, context(cloud, 'deployment-fails-with-service-not-found'));
		expect(r.verdict).toEqual({level: 'ok', reason: 'acso-production-cluster is ACTIVE with 5 services and 10 running tasks.'});
		expect(calls.map(c => c.method)).toEqual(['clusters.describeClusters', 'services.listServices', 'services.describeServices', 'services.listTaskDefinitionFamilies']);
		expect(calls[3]!.args[0]).toBe('acso-production-');
	});

	it('a family whose service is INACTIVE (deleted) -> "service X not found", create services (resolution 2); one with no service at all is named too', async () => {
		const {cloud} = fakeCloud({
			clusters: {describeClusters: async () => ({clusters: [{name: names.cluster, arn: 'a', status: 'ACTIVE', activeServicesCount: 1, runningTasksCount: 2, pendingTasksCount: 0}], missing: []})},
			services: {
				listServices: async () => ['acso-production-supervisor'],
				describeServices: async (_c: string, asked: string[]) =>
					asked.flatMap(n => (n === 'acso-production-supervisor' ? [serviceNamed(n, 'ACTIVE', `${n}:7`)] : n === 'acso-production-threat-hunter' ? [serviceNamed(n, 'INACTIVE', `${n}:4`)] : [])),
				listTaskDefinitionFamilies: async () => ['acso-production-supervisor', 'acso-production-threat-hunter', 'acso-production-reporter'],
			},
		});
		const r = await runNative(clusterStep, context(cloud, 'deployment-fails-with-service-not-found'));
		expect(r.verdict).toMatchObject({level: 'problem', finding: 'service-missing', recommends: {index: 1}});
		expect(r.verdict.reason).toContain('service acso-production-reporter not found in cluster acso-production-cluster (task definition family acso-production-reporter has no service)');
		expect(r.verdict.reason).toMatch(/service acso-production-threat-hunter not found in cluster acso-production-cluster \(deleted at [^,]+, INACTIVE\)/);
	});

	it('without the permission to list families, the services it lists are judged alone', async () => {
		const {cloud} = fakeCloud({
			clusters: {describeClusters: async () => ({clusters: [{name: names.cluster, arn: 'a', status: 'ACTIVE', activeServicesCount: 1, runningTasksCount: 2, pendingTasksCount: 0}], missing: []})},
			services: {
				listServices: async () => ['acso-production-supervisor'],
				describeServices: async () => [serviceNamed('acso-production-supervisor', 'ACTIVE', 'acso-production-supervisor:7')],
				listTaskDefinitionFamilies: async () => {
					throw new CloudError('denied', 'not authorized to perform: ecs:ListTaskDefinitionFamilies');
				},
			},
		});
		expect((await runNative(clusterStep, context(cloud, 'deployment-fails-with-service-not-found'))).verdict.level).toBe('ok');
	});

	it('list-clusters without the environment\'s cluster is a problem', async () => {
		const {cloud} = fakeCloud({clusters: {listClusters: async () => ['other-cluster']}});
		const r = await runNative(call('deployment-fails-with-service-not-found', 1), context(cloud, 'deployment-fails-with-service-not-found'));
		expect(r.verdict).toMatchObject({level: 'problem', finding: 'no-cluster', recommends: {index: 0}});
	});

	it('stopped tasks with CannotPullContainerError -> build and push the image', async () => {
		const {cloud, calls} = fakeCloud({
			services: {
				listTasks: async () => ['t1', 't2'],
				describeTasks: async () => [task({stoppedReason: 'CannotPullContainerError: failed to resolve ref acso-supervisor:v9: not found'}), task({id: 't2', lastStatus: 'RUNNING', desiredStatus: 'RUNNING'})],
			},
		});
		const r = await runNative(call('container-image-pull-failures', 0), context(cloud, 'container-image-pull-failures'));
		expect(r.verdict).toMatchObject({level: 'problem', finding: 'pull-error', recommends: {index: 0, title: 'Build and push images'}});
		expect(calls[0]).toEqual({method: 'services.listTasks', args: [names.cluster, {desiredStatus: 'STOPPED'}]});
	});

	it('a pull refused for access -> fix the IAM permissions', async () => {
		const {cloud} = fakeCloud({services: {listTasks: async () => ['t1'], describeTasks: async () => [task({stoppedReason: 'CannotPullContainerError: AccessDeniedException: not authorized to perform ecr:BatchGetImage'})]}});
		const r = await runNative(call('container-image-pull-failures', 0), context(cloud, 'container-image-pull-failures'));
		expect(r.verdict).toMatchObject({finding: 'pull-denied', recommends: {index: 1, title: 'Fix IAM permissions'}});
	});

	it('OutOfMemoryError points at the memory tree and at more memory', async () => {
		const {cloud} = fakeCloud({services: {listTasks: async () => ['t1'], describeTasks: async () => [task({stoppedReason: 'OutOfMemoryError: Container killed due to memory usage'})]}});
		const memory = await runNative(issue('memory-leaks').diagnosis.at(-1)?.call as NativeCall, context(cloud, 'memory-leaks'));
		expect(memory.verdict).toMatchObject({finding: 'oom', recommends: {index: 1, title: 'Long-term fix - increase memory'}});
		const pull = await runNative(call('container-image-pull-failures', 0), context(cloud, 'container-image-pull-failures'));
		expect(pull.verdict.seeAlso).toEqual([{issueId: 'memory-leaks', title: 'Memory Leaks'}]);
	});

	it('services below their desired count, with ECS unable to start tasks', async () => {
		const {cloud} = fakeCloud({
			services: {
				listServices: async () => ['acso-production-supervisor'],
				describeServices: async () => [service({runningCount: 0, events: [{id: 'e', createdAt: now, message: '(service acso-production-supervisor) is unable to consistently start tasks successfully.'}]})],
			},
		});
		const r = await runNative(call('inter-agent-communication-failures', 0), context(cloud, 'inter-agent-communication-failures'));
		expect(r.verdict).toMatchObject({level: 'problem', finding: 'tasks-failing-to-start'});
		expect(r.verdict.reason).toContain('acso-production-supervisor runs 0 of 2');
	});

	it('no services in the cluster', async () => {
		const {cloud} = fakeCloud({services: {listServices: async () => []}});
		const r = await runNative(call('inter-agent-communication-failures', 0), context(cloud));
		expect(r.verdict).toMatchObject({level: 'problem', finding: 'no-services'});
	});
});

describe('metric verdicts', () => {
	const cpu = call('high-cpu-utilization', 0);
	const memory = call('memory-leaks', 0);
	const connections = call('database-connection-issues', 2);

	it('asks GetMetricData for every statistic, with ClusterName added, over the window ending now', async () => {
		const {cloud, calls} = fakeCloud({metrics: {getMetricData: async queries => series(queries, {Average: [40], Maximum: [50]})}});
		await runNative(cpu, context(cloud));
		expect(calls).toEqual([
			{
				method: 'metrics.getMetricData',
				args: [
					[
						{id: 'm0', namespace: 'AWS/ECS', metricName: 'CPUUtilization', dimensions: {ServiceName: 'acso-production-supervisor', ClusterName: 'acso-production-cluster'}, stat: 'Average', periodSeconds: 300, label: 'Average'},
						{id: 'm1', namespace: 'AWS/ECS', metricName: 'CPUUtilization', dimensions: {ServiceName: 'acso-production-supervisor', ClusterName: 'acso-production-cluster'}, stat: 'Maximum', periodSeconds: 300, label: 'Maximum'},
					],
					{start: now - 3_600_000, end: now},
				],
			},
		]);
	});

	it('CPU above 80 % -> scale out', async () => {
		const {cloud} = fakeCloud({metrics: {getMetricData: async queries => series(queries, {Average: [60, 85, 91], Maximum: [70, 95, 99]})}});
		const r = await runNative(cpu, context(cloud, 'high-cpu-utilization'));
		expect(r.verdict).toMatchObject({level: 'problem', finding: 'cpu-high', recommends: {index: 1, title: 'Scale out instances'}});
		expect(r.verdict.reason).toContain('91%');
		expect(r.lines[1]).toMatch(/^TIME\s+AVERAGE\s+MAXIMUM$/);
	});

	it('CPU at 80 % or below is fine; no datapoints is unknown', async () => {
		const low = fakeCloud({metrics: {getMetricData: async queries => series(queries, {Average: [80, 42], Maximum: [95, 50]})}});
		expect((await runNative(cpu, context(low.cloud, 'high-cpu-utilization'))).verdict.level).toBe('ok');
		const none = fakeCloud({metrics: {getMetricData: async queries => series(queries, {})}});
		expect((await runNative(cpu, context(none.cloud, 'high-cpu-utilization'))).verdict).toMatchObject({level: 'unknown', finding: 'no-data'});
	});

	it('memory climbing -> restart first (then more memory)', async () => {
		const {cloud} = fakeCloud({metrics: {getMetricData: async queries => series(queries, {Average: [40, 44, 47, 47, 52, 58, 63], Maximum: [45, 50, 52, 55, 60, 64, 70]})}});
		const r = await runNative(memory, context(cloud, 'memory-leaks'));
		expect(r.verdict).toMatchObject({level: 'problem', finding: 'memory-rising', recommends: {index: 0, title: 'Immediate fix - restart service'}});
		expect(r.verdict.reason).toMatch(/climbed from 40% to 63%.*more memory/);
	});

	it('tasks reaching their memory limit again and again is a leak even when averages saw-tooth', async () => {
		const {cloud} = fakeCloud({metrics: {getMetricData: async queries => series(queries, {Average: [85, 74, 73, 84, 75, 72], Maximum: [99, 97, 99, 99, 99, 99]})}});
		const r = await runNative(memory, context(cloud, 'memory-leaks'));
		expect(r.verdict).toMatchObject({level: 'problem', finding: 'memory-limit', recommends: {index: 0}});
	});

	it('steady memory is fine', async () => {
		const {cloud} = fakeCloud({metrics: {getMetricData: async queries => series(queries, {Average: [39, 40, 39, 40], Maximum: [41, 42, 41, 42]})}});
		expect((await runNative(memory, context(cloud, 'memory-leaks'))).verdict.level).toBe('ok');
	});

	it('DB connections near the limit estimated from the instance class -> pool, then a bigger instance', async () => {
		const db = {id: names.db, arn: 'a', status: 'available', instanceClass: 'db.t3.medium', engine: 'postgres', multiAz: false};
		const {cloud, calls} = fakeCloud({metrics: {getMetricData: async queries => series(queries, {Average: [300, 360], Maximum: [340, 400]})}, databases: {describeDbInstances: async () => [db]}});
		const r = await runNative(connections, context(cloud, 'database-connection-issues'));
		expect(r.verdict).toMatchObject({level: 'problem', finding: 'db-connections-high', recommends: {index: 0, title: 'Optimize connection pooling'}});
		expect(r.verdict.reason).toContain('400 connections of about 450');
		expect(calls.map(c => c.method)).toEqual(['metrics.getMetricData', 'databases.describeDbInstances']);
		expect(r.notes.join(' ')).toMatch(/estimated/);
	});

	it('DB connections well below the limit are fine; an unknown class is unknown', async () => {
		const db = (instanceClass: string) => ({id: names.db, arn: 'a', status: 'available', instanceClass, engine: 'postgres', multiAz: false});
		const low = fakeCloud({metrics: {getMetricData: async queries => series(queries, {Maximum: [100, 120]})}, databases: {describeDbInstances: async () => [db('db.t3.medium')]}});
		expect((await runNative(connections, context(low.cloud))).verdict.level).toBe('ok');
		const odd = fakeCloud({metrics: {getMetricData: async queries => series(queries, {Maximum: [100]})}, databases: {describeDbInstances: async () => [db('db.z9.weird')]}});
		expect((await runNative(connections, context(odd.cloud))).verdict.level).toBe('unknown');
	});

	it('estimates connection limits from the class', () => {
		expect(instanceMemoryGiB('db.t3.medium')).toBe(4);
		expect(instanceMemoryGiB('db.r6g.2xlarge')).toBe(64);
		expect(instanceMemoryGiB('db.m5.large')).toBe(8);
		expect(estimateMaxConnections('db.t3.large', 'postgres')?.max).toBe(901);
		expect(estimateMaxConnections('db.t3.micro', 'mysql')?.max).toBe(85);
		expect(estimateMaxConnections('db.r5.24xlarge', 'aurora-postgresql')?.max).toBe(5000);
		expect(estimateMaxConnections('db.t3.medium', 'sqlserver-ex')).toBeUndefined();
	});
});

describe('log verdicts', () => {
	const errorsStep = runbook.emergency.find(s => s.title === 'View recent errors') as Step;
	const errors = errorsStep.call as NativeCall;
	const event = (message: string, i: number): LogEvent => ({eventId: `e${i}`, timestamp: now - 1000 * (100 - i), logGroup: names.logGroups[0] as string, logStream: 's', message});

	it('pages to the end through empty pages, translating "ERROR OR FATAL", and counts each term', async () => {
		const pages = [
			{events: [event('ERROR boom', 1)], nextToken: 'a'},
			{events: [], nextToken: 'b'},
			{events: [event('FATAL bang', 2), event('ERROR again', 3)]},
		];
		const {cloud, calls} = fakeCloud({logs: {filterLogEvents: async () => pages.shift() ?? {events: []}}});
		const r = await runNativeStep(errorsStep, context(cloud));
		expect(calls.map(c => c.args[0])).toEqual([
			{logGroup: '/aws/acso/production/agents', pattern: '?ERROR ?FATAL', startTime: now - 3_600_000, endTime: now},
			{logGroup: '/aws/acso/production/agents', pattern: '?ERROR ?FATAL', startTime: now - 3_600_000, endTime: now, nextToken: 'a'},
			{logGroup: '/aws/acso/production/agents', pattern: '?ERROR ?FATAL', startTime: now - 3_600_000, endTime: now, nextToken: 'b'},
		]);
		expect(r.verdict).toMatchObject({level: 'problem', finding: 'log-errors'});
		expect(r.verdict.reason).toContain('(ERROR 2, FATAL 1)');
		expect(r.lines[1]).toBe('ERROR: 2   FATAL: 1');
		expect(r.notes.join(' ')).toContain('acso-tui searches "?ERROR ?FATAL"');
	});

	it('filters again locally when the backend ignores an OR pattern (moto returns everything)', async () => {
		const {cloud} = fakeCloud({logs: {filterLogEvents: async () => ({events: [event('INFO all good', 1), event('ERROR real', 2)]})}});
		const r = await runNative(errors, context(cloud));
		expect(r.lines[0]).toMatch(/^1 event match/);
	});

	it('stops at the page cap and says the counts are lower bounds', async () => {
		const {cloud, calls} = fakeCloud({logs: {filterLogEvents: async () => ({events: [event('ERROR x', 1)], nextToken: 'more'})}});
		const r = await runNative(errors, {...context(cloud), maxPages: 3});
		expect(calls).toHaveLength(3);
		expect(r.lines[0]).toMatch(/^at least 3 events/);
		expect(r.notes.join(' ')).toMatch(/at least/);
	});

	it('no matching event is fine; matches that are not errors are fine too', async () => {
		const none = fakeCloud({logs: {filterLogEvents: async () => ({events: []})}});
		expect((await runNative(errors, context(none.cloud))).verdict).toMatchObject({level: 'ok'});
		const info = fakeCloud({logs: {filterLogEvents: async () => ({events: [event('processing batch 4 done', 1)]})}});
		const resource = call('high-cpu-utilization', 2);
		expect((await runNative(resource, context(info.cloud))).verdict).toMatchObject({level: 'ok', finding: 'log-lines'});
	});

	it('the environment\'s missing log group is a problem; someone else\'s is unknown', async () => {
		const missing = fakeCloud({logs: {filterLogEvents: async () => Promise.reject(new CloudError('not-found', 'no such group', {resource: 'g'}))}});
		expect((await runNative(errors, context(missing.cloud))).verdict).toMatchObject({level: 'problem', finding: 'no-log-group'});
		expect((await runNative(call('authentication-failures', 3), context(missing.cloud))).verdict).toMatchObject({level: 'unknown', finding: 'log-group-absent'});
	});

	it('access errors in the logs recommend the IAM fix', async () => {
		const {cloud} = fakeCloud({logs: {filterLogEvents: async () => ({events: [event('ERROR bedrock AccessDeniedException: not authorized to perform bedrock:InvokeModel', 1)]})}});
		const r = await runNative(call('agents-cannot-communicate-with-bedrock', 1), context(cloud, 'agents-cannot-communicate-with-bedrock'));
		expect(r.verdict).toMatchObject({level: 'problem', recommends: {index: 1, title: 'Fix IAM permissions'}});
	});

	it('a log group without retention -> set a retention', async () => {
		const {cloud} = fakeCloud({logs: {describeLogGroups: async () => [{name: '/aws/acso/production/agents', arn: 'a', storedBytes: 5 * 1024 ** 3}]}});
		const retention = await runNative(call('log-retention-problems', 0), context(cloud, 'log-retention-problems'));
		expect(retention.verdict).toMatchObject({level: 'problem', finding: 'no-retention', recommends: {index: 0, title: 'Adjust retention policies'}});
		expect(retention.lines[1]).toMatch(/never expire\s+5.0 GB/);
		const metrics = await runNative(call('missing-metrics', 0), context(cloud, 'missing-metrics'));
		expect(metrics.verdict.recommends).toEqual({index: 0, title: 'Fix log group configuration'});
	});

	it('a missing environment log group -> create it; retention set -> fine', async () => {
		const missing = fakeCloud({logs: {describeLogGroups: async () => []}});
		expect((await runNative(call('missing-metrics', 0), context(missing.cloud, 'missing-metrics'))).verdict).toMatchObject({finding: 'no-log-group', recommends: {index: 0}});
		const fine = fakeCloud({logs: {describeLogGroups: async () => [{name: '/aws/acso/production/agents', arn: 'a', retentionInDays: 30}]}});
		expect((await runNative(call('log-retention-problems', 0), context(fine.cloud))).verdict.level).toBe('ok');
	});

	it('no metric filter -> create one; an "A OR B" filter is broken', async () => {
		const none = fakeCloud({logs: {describeMetricFilters: async () => []}});
		expect((await runNative(call('missing-metrics', 1), context(none.cloud, 'missing-metrics'))).verdict).toMatchObject({finding: 'no-metric-filters', recommends: {index: 1, title: 'Update metric filters'}});
		const broken = fakeCloud({logs: {describeMetricFilters: async () => [{name: 'Errors', logGroup: 'g', pattern: 'ERROR OR FATAL', transformations: [{metricName: 'E', metricNamespace: 'N', metricValue: '1'}]}]}});
		const r = await runNative(call('missing-metrics', 1), context(broken.cloud, 'missing-metrics'));
		expect(r.verdict).toMatchObject({finding: 'bad-filter-pattern'});
		expect(r.verdict.reason).toContain('"?ERROR ?FATAL"');
	});
});

describe('alarm verdicts', () => {
	const alarm = (overrides: Partial<MetricAlarm>): Alarm => ({
		kind: 'metric',
		name: 'ACSO-HighMemory',
		arn: 'a',
		state: 'OK',
		stateReason: 'fine',
		stateUpdatedAt: now - 60_000,
		namespace: 'AWS/ECS',
		metricName: 'MemoryUtilization',
		dimensions: {ClusterName: names.cluster, ServiceName: 'acso-production-supervisor'},
		statistic: 'Average',
		periodSeconds: 60,
		evaluationPeriods: 3,
		threshold: 85,
		comparisonOperator: 'GreaterThanThreshold',
		...overrides,
	});
	const thresholds = call('alert-fatigue', 1);

	it('an alarm in ALARM is a problem pointing at its tree', async () => {
		const {cloud, calls} = fakeCloud({alarms: {describeAlarms: async () => [alarm({state: 'ALARM', stateReason: 'Threshold Crossed'}), alarm({name: 'ACSO-HighCPU', metricName: 'CPUUtilization'})]}});
		const r = await runNative(thresholds, context(cloud, 'alert-fatigue'));
		expect(calls[0]?.args).toEqual([{names: ['ACSO-HighCPU', 'ACSO-HighMemory']}]);
		expect(r.verdict).toMatchObject({level: 'problem', finding: 'alarm-firing', seeAlso: [{issueId: 'memory-leaks', title: 'Memory Leaks'}]});
	});

	it('never judges another environment\'s alarms', async () => {
		const staging = namesFor('staging');
		const {cloud} = fakeCloud({alarms: {describeAlarms: async () => [alarm({state: 'ALARM'})]}});
		const r = await runNative(thresholds, {cloud, names: staging, now});
		expect(r.verdict.level).toBe('unknown');
		expect(r.lines.join('\n')).toContain('ALARM (other environment: acso-production-cluster)');
	});

	it('missing alarms -> create them', async () => {
		const {cloud} = fakeCloud({alarms: {describeAlarms: async () => []}});
		expect((await runNative(thresholds, context(cloud, 'alert-fatigue'))).verdict).toMatchObject({level: 'problem', finding: 'alarms-missing', recommends: {index: 0, title: 'Tune alert thresholds'}});
	});

	it('a flapping alarm -> tune its threshold', async () => {
		const flips = Array.from({length: 8}, (_, i) => ({alarmName: 'ACSO-HighCPU', timestamp: now - i * 600_000, type: 'StateUpdate', summary: i % 2 === 0 ? 'Alarm updated from OK to ALARM' : 'Alarm updated from ALARM to OK'}));
		const {cloud, calls} = fakeCloud({alarms: {describeAlarmHistory: async () => flips}});
		const r = await runNative(call('alert-fatigue', 0), context(cloud, 'alert-fatigue'));
		expect(calls[0]?.args).toEqual(['ACSO-HighCPU', {start: now - 86_400_000, end: now}]);
		expect(r.verdict).toMatchObject({level: 'problem', finding: 'alarm-flapping', recommends: {index: 0}});
	});

	it('an endpoint without alarm history (moto) is unknown, not an error', async () => {
		const {cloud} = fakeCloud({alarms: {describeAlarmHistory: async () => Promise.reject(new CloudError('unsupported', 'DescribeAlarmHistory is not implemented'))}});
		const r = await runNative(call('alert-fatigue', 0), context(cloud));
		expect(r.verdict.level).toBe('unknown');
		expect(r.error).toBeUndefined();
	});
});

describe('RDS verdicts', () => {
	const db = call('database-connection-issues', 0);
	const instance = (status: string) => ({id: names.db, arn: 'a', status, instanceClass: 'db.t3.medium', engine: 'postgres', engineVersion: '15.4', multiAz: true});

	it.each([
		['available', 'ok'],
		['modifying', 'unknown'],
		['failed', 'problem'],
		['storage-full', 'problem'],
	] as const)('%s -> %s', async (status, level) => {
		const {cloud} = fakeCloud({databases: {describeDbInstances: async () => [instance(status)]}});
		expect((await runNative(db, context(cloud))).verdict.level).toBe(level);
	});

	it('a missing database is a problem', async () => {
		const {cloud} = fakeCloud({databases: {describeDbInstances: async () => Promise.reject(new CloudError('not-found', 'DBInstanceNotFound'))}});
		expect((await runNative(db, context(cloud))).verdict).toMatchObject({level: 'problem', finding: 'no-db'});
	});
});

describe('errors and steps that are not native reads', () => {
	it('turns a port error into an unknown verdict naming its kind, without throwing', async () => {
		const {cloud} = fakeCloud({clusters: {listClusters: async () => Promise.reject(new CloudError('throttled', 'Rate exceeded'))}});
		const r = await runNative({op: 'ecs.list-clusters'}, context(cloud));
		expect(r.verdict).toEqual({level: 'unknown', reason: 'AWS is throttling requests; try again shortly: Rate exceeded', finding: 'error-throttled'});
		expect(r.error).toEqual({kind: 'throttled', message: 'Rate exceeded'});
		const odd = fakeCloud({clusters: {listClusters: async () => Promise.reject(new TypeError('boom'))}});
		expect((await runNative({op: 'ecs.list-clusters'}, context(odd.cloud))).error).toEqual({kind: 'unknown', message: 'boom'});
	});

	it('never runs a change, whatever the step', async () => {
		const {cloud: read, calls} = fakeCloud({});
		const {cloud, writes} = cloudWithSpyOperator(read);
		for (const step of allSteps(runbook).filter(s => s.effect === 'write' || s.runner !== 'native')) {
			const r = await runNativeStep(step, {cloud, names, now, runbook});
			expect(r.verdict.level, step.id).toBe('unknown');
			expect(r.verdict.finding).toBe('not-native');
		}
		expect(writes).toEqual([]);
		expect(calls).toEqual([]);
		const fix = allSteps(runbook).find(s => s.fix?.kind === 'force-new-deployment');
		expect((await runNativeStep(fix as never, {cloud, names, now})).verdict.reason).toMatch(/run it as a fix/);
	});
});
