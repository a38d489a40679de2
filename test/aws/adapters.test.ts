import {describe, expect, it} from 'vitest';
import {createAlarmReader} from '../../source/aws/alarms.js';
import {createClusterReader} from '../../source/aws/clusters.js';
import {createLogReader} from '../../source/aws/logs.js';
import {createOperator} from '../../source/aws/operator.js';
import {createServiceReader} from '../../source/aws/services.js';
import type {MetricAlarmInput} from '../../source/port/types.js';
import {fakeClients} from './fake-clients.js';

// Adapter behaviour AWS has and moto lacks (batch limits, paging tokens), checked request by request.

const cluster = 'acso-production-cluster';
const serviceArn = (name: string) => `arn:aws:ecs:us-east-1:123456789012:service/${cluster}/${name}`;

describe('ECS readers', () => {
	it('describes 25 services in 3 DescribeServices calls of at most 10', async () => {
		const clients = fakeClients(command => ({
			services: (command.input.services as string[]).map(name => ({serviceName: name, serviceArn: serviceArn(name), deployments: []})),
			failures: [],
		}));
		const names = Array.from({length: 25}, (_, index) => `acso-production-s${index}`);
		const services = await createServiceReader(clients).describeServices(cluster, names);
		expect(services.map(s => s.name)).toEqual(names);
		expect(clients.sent.map(c => (c.input.services as string[]).length)).toEqual([10, 10, 5]);
		expect(clients.sent.every(c => c.input.cluster === cluster)).toBe(true);
	});

	it('describes 250 tasks in 3 DescribeTasks calls of at most 100', async () => {
		const clients = fakeClients(command => ({tasks: (command.input.tasks as string[]).map(id => ({taskArn: `arn:x:task/${cluster}/${id}`}))}));
		const ids = Array.from({length: 250}, (_, index) => `t${index}`);
		const tasks = await createServiceReader(clients).describeTasks(cluster, ids);
		expect(tasks.map(t => t.id)).toEqual(ids);
		expect(clients.sent.map(c => (c.input.tasks as string[]).length)).toEqual([100, 100, 50]);
	});

	it('pages ListServices with maxResults 100 to the end, through empty pages', async () => {
		const pages: Record<string, {serviceArns: string[]; nextToken?: string}> = {
			start: {serviceArns: [serviceArn('a'), serviceArn('b')], nextToken: 't1'},
			t1: {serviceArns: [], nextToken: 't2'},
			t2: {serviceArns: [serviceArn('c')]},
		};
		const clients = fakeClients(command => pages[(command.input.nextToken as string | undefined) ?? 'start']);
		expect(await createServiceReader(clients).listServices(cluster)).toEqual(['a', 'b', 'c']);
		expect(clients.sent.map(c => c.input.maxResults)).toEqual([100, 100, 100]);
	});

	it('stops paging with an error when the endpoint repeats a token', async () => {
		const clients = fakeClients(() => ({serviceArns: [serviceArn('a')], nextToken: 'same'}));
		await expect(createServiceReader(clients).listServices(cluster)).rejects.toThrow('repeated a page token');
	});

	it('reports missing clusters from the MISSING failures', async () => {
		const clients = fakeClients(() => ({
			clusters: [{clusterName: cluster, clusterArn: `arn:x:cluster/${cluster}`, status: 'ACTIVE', runningTasksCount: 9}],
			failures: [{arn: 'arn:aws:ecs:us-east-1:123456789012:cluster/acso-gone-cluster', reason: 'MISSING'}],
		}));
		const answer = await createClusterReader(clients).describeClusters([cluster, 'acso-gone-cluster']);
		expect(answer.missing).toEqual(['acso-gone-cluster']);
		expect(answer.clusters[0]).toMatchObject({name: cluster, runningTasksCount: 9});
	});

	it('maps a ClusterNotFoundException to not-found naming the cluster', async () => {
		const clients = fakeClients(() => {
			throw Object.assign(new Error('Cluster not found.'), {name: 'ClusterNotFoundException', $metadata: {httpStatusCode: 400, requestId: 'r1'}});
		});
		await expect(createServiceReader(clients).listServices('acso-gone-cluster')).rejects.toMatchObject({kind: 'not-found', resource: 'cluster acso-gone-cluster', requestId: 'r1'});
	});

	it('refuses an empty cluster name before sending anything', async () => {
		const clients = fakeClients(() => ({}));
		await expect(createServiceReader(clients).listServices('')).rejects.toMatchObject({kind: 'invalid', message: expect.stringContaining('cluster name')});
		expect(clients.sent).toHaveLength(0);
	});
});

describe('Logs and alarms readers', () => {
	it('passes one FilterLogEvents page through, with the caller\'s token and an empty-page token kept', async () => {
		const clients = fakeClients(() => ({events: [], nextToken: 'more'}));
		const page = await createLogReader(clients).filterLogEvents({logGroup: '/aws/acso/production/agents', startTime: 1, pattern: 'ERROR', nextToken: 'prev', limit: 50});
		expect(page).toEqual({events: [], nextToken: 'more'});
		expect(clients.sent[0]?.input).toMatchObject({logGroupName: '/aws/acso/production/agents', filterPattern: 'ERROR', nextToken: 'prev', limit: 50, startTime: 1});
	});

	it('refuses a bad log filter request with a clear message', async () => {
		const logs = createLogReader(fakeClients(() => ({})));
		await expect(logs.filterLogEvents({logGroup: 'g', startTime: 10, endTime: 5})).rejects.toThrow('before its start time');
		await expect(logs.filterLogEvents({logGroup: 'g', startTime: 1, limit: 20_000})).rejects.toThrow('limit');
	});

	it('describes alarms of both kinds, by name batches of 100', async () => {
		const clients = fakeClients(command => ({
			MetricAlarms: (command.input.AlarmNames as string[]).slice(0, 1).map(name => ({AlarmName: name, StateValue: 'OK'})),
			CompositeAlarms: [{AlarmName: `composite-${(command.input.AlarmNames as string[]).length}`, AlarmRule: 'ALARM(x)', StateValue: 'ALARM'}],
		}));
		const names = Array.from({length: 150}, (_, index) => `a${index}`);
		const alarms = await createAlarmReader(clients).describeAlarms({names});
		expect(clients.sent.map(c => (c.input.AlarmNames as string[]).length)).toEqual([100, 50]);
		expect(clients.sent[0]?.input.AlarmTypes).toEqual(['MetricAlarm', 'CompositeAlarm']);
		expect(alarms.map(a => `${a.kind}:${a.name}`)).toEqual(['metric:a0', 'composite:composite-100', 'metric:a100', 'composite:composite-50']);
	});

	it('refuses names and prefix together', async () => {
		await expect(createAlarmReader(fakeClients(() => ({}))).describeAlarms({names: ['a'], prefix: 'A'})).rejects.toMatchObject({kind: 'invalid'});
	});
});

describe('Operator', () => {
	const alarm: MetricAlarmInput = {
		name: 'ACSO-HighCPU',
		namespace: 'AWS/ECS',
		metricName: 'CPUUtilization',
		dimensions: {ClusterName: cluster},
		statistic: 'Average',
		periodSeconds: 300,
		evaluationPeriods: 3,
		threshold: 85,
		comparisonOperator: 'GreaterThanThreshold',
	};

	it('keeps an existing alarm\'s actions when the caller passes none', async () => {
		const clients = fakeClients(command =>
			command.name === 'DescribeAlarms'
				? {MetricAlarms: [{AlarmName: 'ACSO-HighCPU', AlarmActions: ['arn:aws:sns:us-east-1:1:oncall'], DatapointsToAlarm: 2}]}
				: {$metadata: {requestId: 'put-1'}},
		);
		const result = await createOperator(clients).putMetricAlarm(alarm);
		expect(result.requestId).toBe('put-1');
		expect(clients.sent.map(c => c.name)).toEqual(['DescribeAlarms', 'PutMetricAlarm']);
		expect(clients.sent[1]?.input).toMatchObject({AlarmName: 'ACSO-HighCPU', Threshold: 85, AlarmActions: ['arn:aws:sns:us-east-1:1:oncall'], DatapointsToAlarm: 2});
	});

	it('uses the caller\'s extra as given, without reading the alarm first', async () => {
		const clients = fakeClients(() => ({$metadata: {requestId: 'put-2'}}));
		await createOperator(clients).putMetricAlarm({...alarm, extra: {AlarmActions: []}});
		expect(clients.sent.map(c => c.name)).toEqual(['PutMetricAlarm']);
	});

	it.each([
		['a retention CloudWatch does not offer', (op: ReturnType<typeof createOperator>) => op.putRetentionPolicy('g', 42), 'not one CloudWatch Logs offers'],
		['a negative desired count', (op: ReturnType<typeof createOperator>) => op.updateService(cluster, 's', {desiredCount: -1}), 'Desired count'],
		['an empty update', (op: ReturnType<typeof createOperator>) => op.updateService(cluster, 's', {}), 'needs a desired count'],
		['a task definition without containers', (op: ReturnType<typeof createOperator>) => op.registerTaskDefinition({family: 'f', containers: []}), 'at least one container'],
		['a bad DB class', (op: ReturnType<typeof createOperator>) => op.modifyDbInstance('db', {instanceClass: 'huge', applyImmediately: true}), 'DB instance class'],
		['an alarm period of 45 s', (op: ReturnType<typeof createOperator>) => op.putMetricAlarm({...alarm, periodSeconds: 45}), 'period 45s'],
		['a metric filter with two metrics', (op: ReturnType<typeof createOperator>) => op.putMetricFilter({name: 'f', logGroup: 'g', pattern: '', transformations: [{metricName: 'a', metricNamespace: 'n', metricValue: '1'}, {metricName: 'b', metricNamespace: 'n', metricValue: '1'}]}), 'exactly one metric'],
		['a log group name with spaces', (op: ReturnType<typeof createOperator>) => op.createLogGroup('my group'), 'Log group name'],
	])('refuses %s before any request', async (_what, run, message) => {
		const clients = fakeClients(() => ({}));
		const error = await run(createOperator(clients)).catch((e: unknown) => e);
		expect(error).toMatchObject({kind: 'invalid', message: expect.stringContaining(message)});
		expect(clients.sent).toHaveLength(0);
	});

	it('returns the request id of a write', async () => {
		const clients = fakeClients(() => ({service: {serviceName: 's', desiredCount: 4, deployments: []}, $metadata: {requestId: 'upd-1'}}));
		const result = await createOperator(clients).updateService(cluster, 's', {desiredCount: 4});
		expect(result).toMatchObject({requestId: 'upd-1', value: {name: 's', desiredCount: 4}});
		expect(clients.sent[0]?.input).toEqual({cluster, service: 's', desiredCount: 4, taskDefinition: undefined, forceNewDeployment: undefined});
	});
});
