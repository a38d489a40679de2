import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {createAwsCloud, type AwsOptions, type ObservedCall} from '../../source/aws/index.js';
import {isCloudError} from '../../source/port/errors.js';
import {namesFor} from '../../source/port/names.js';
import type {Cloud, LogEvent, MetricAlarm} from '../../source/port/types.js';
import {serviceQueries} from '../../source/model/metric-queries.js';
import {describeWithMoto, motoCredentials, motoRegion, startMoto, type MotoServer} from '../helpers/moto.js';
import {seedEnvironment, type SeedManifest} from '../helpers/moto-seed.js';

// The adapters against a seeded moto_server, where the exact seeded values are known: request
// counts of an overview refresh, values per dimension, log counts per level, extras that survive
// a write, what moto does not implement, and the network failing once the emulator is gone.

const mutating = new Set(['UpdateService', 'RegisterTaskDefinition', 'StopTask', 'CreateService', 'DeleteService', 'CreateLogGroup', 'PutRetentionPolicy', 'DeleteRetentionPolicy', 'PutMetricFilter', 'PutMetricAlarm', 'PutCompositeAlarm', 'ModifyDBInstance']);

describeWithMoto('AWS adapters on a seeded moto_server', () => {
	let server: MotoServer;
	let exact: SeedManifest;
	let calls: ObservedCall[];
	let writeEnabled = false;

	const cloudFor = (extra: Partial<AwsOptions> = {}): Cloud =>
		createAwsCloud({
			region: motoRegion,
			endpointUrl: server.endpoint,
			credentials: motoCredentials,
			isWriteEnabled: () => writeEnabled,
			observe: call => calls.push(call),
			...extra,
		});

	beforeAll(async () => {
		server = await startMoto();
		await seedEnvironment(server.endpoint, {env: 'load', services: 25, tasks: false, metricMinutes: 10});
		exact = await seedEnvironment(server.endpoint, {env: 'exact'});
	});

	afterAll(async () => {
		await server?.stop();
	});

	describe('an overview refresh of 25 services', () => {
		it('takes 1 ListServices, at most 3 DescribeServices and 1 GetMetricData', async () => {
			calls = [];
			const cloud = cloudFor();
			const names = namesFor('load');
			const listed = await cloud.services.listServices(names.cluster);
			const services = await cloud.services.describeServices(names.cluster, listed);
			const end = Date.now();
			const series = await cloud.metrics.getMetricData(serviceQueries(names, listed, 60), {start: end - 60 * 60_000, end});

			expect(services).toHaveLength(25);
			expect(series).toHaveLength(50);
			for (const s of series) expect(s.points).toHaveLength(10);
			const count = (operation: string) => calls.filter(c => c.operation === operation).length;
			expect(count('ListServices')).toBe(1);
			expect(count('DescribeServices')).toBeLessThanOrEqual(3);
			expect(count('DescribeServices')).toBeGreaterThan(0);
			expect(count('GetMetricData')).toBe(1);
			expect(calls).toHaveLength(1 + count('DescribeServices') + 1);
			expect(calls.every(c => (c.operation === 'GetMetricData' ? c.service === 'cloudwatch' : c.service === 'ecs'))).toBe(true);
		});
	});

	describe('seeded values come back exactly', () => {
		it('services: counts, deployment, task definition and tasks', async () => {
			const cloud = cloudFor();
			const services = await cloud.services.describeServices(exact.cluster, exact.services.map(s => s.name));
			for (const seeded of exact.services) {
				const service = services.find(s => s.name === seeded.name);
				expect(service).toMatchObject({desiredCount: seeded.desiredCount, runningCount: seeded.runningCount, taskDefinition: seeded.taskDefinition});
				expect(service?.deployments[0]?.rolloutState).toBe('COMPLETED');
			}
			const all = await cloud.services.listTasks(exact.cluster);
			expect(all.sort()).toEqual(exact.services.flatMap(s => s.tasks).sort());
			const tasks = await cloud.services.describeTasks(exact.cluster, all);
			for (const seeded of exact.services) {
				expect(tasks.filter(t => t.service === seeded.name).map(t => t.id).sort()).toEqual([...seeded.tasks].sort());
			}
			const definition = await cloud.services.describeTaskDefinition(exact.services[0]!.family);
			expect(definition.revision).toBe(exact.services[0]!.revisions);
			expect(definition.containers[0]?.image).toBe(exact.services[0]!.image);
		});

		it('metrics: each service gets its own series, values and times as seeded', async () => {
			const cloud = cloudFor();
			const names = namesFor('exact');
			const list = exact.services.map(s => s.name);
			const series = await cloud.metrics.getMetricData(serviceQueries(names, list, 60), {start: exact.metricTimes[0]!, end: exact.metricTimes.at(-1)! + 60_000});
			exact.services.forEach((seeded, index) => {
				const cpu = series.find(s => s.id === `cpu_${index}`)!;
				const memory = series.find(s => s.id === `mem_${index}`)!;
				expect(cpu.points.map(p => p.t)).toEqual(exact.metricTimes);
				expect(cpu.points.map(p => p.v)).toEqual(seeded.cpu);
				expect(memory.points.map(p => p.v)).toEqual(seeded.memory);
				expect(cpu.complete).toBe(true);
			});
			const [db] = await cloud.metrics.getMetricData(
				[{id: 'db_conn', namespace: 'AWS/RDS', metricName: 'DatabaseConnections', dimensions: {DBInstanceIdentifier: names.db}, stat: 'Maximum', periodSeconds: 60}],
				{start: exact.metricTimes[0]!, end: exact.metricTimes.at(-1)! + 60_000},
			);
			expect(db?.points.map(p => p.v)).toEqual(exact.db.connections);
		});

		it('logs: the count of every level, through the pattern, paged', async () => {
			const cloud = cloudFor();
			const read = async (pattern?: string) => {
				const events: LogEvent[] = [];
				let nextToken: string | undefined;
				do {
					const page = await cloud.logs.filterLogEvents({logGroup: exact.logGroup, startTime: exact.logStart, endTime: exact.logEnd, pattern, limit: 7, nextToken});
					events.push(...page.events);
					nextToken = page.nextToken;
				} while (nextToken);
				return events;
			};
			expect(await read()).toHaveLength(exact.logEvents);
			for (const level of ['INFO', 'WARN', 'ERROR', 'FATAL'] as const) expect(await read(level)).toHaveLength(exact.logCounts[level]);
			const [group] = await cloud.logs.describeLogGroups(exact.logGroup);
			expect(group?.retentionInDays).toBe(exact.retentionInDays);
			const filters = await cloud.logs.describeMetricFilters(exact.logGroup);
			expect(filters.map(f => f.name)).toEqual([exact.metricFilter]);
		});

		it('alarms and database as seeded', async () => {
			const cloud = cloudFor();
			const alarms = (await cloud.alarms.describeAlarms({names: exact.alarms.map(a => a.name)})) as MetricAlarm[];
			for (const seeded of exact.alarms) {
				const alarm = alarms.find(a => a.name === seeded.name);
				expect(alarm).toMatchObject({state: seeded.state, threshold: seeded.threshold, metricName: seeded.metricName});
				expect(alarm?.extra?.AlarmActions).toEqual(seeded.actions);
			}
			const [db] = await cloud.databases.describeDbInstances(exact.db.id);
			expect(db).toMatchObject({instanceClass: exact.db.instanceClass, engine: exact.db.engine, status: 'available'});
		});
	});

	describe('writes keep what the port does not model', () => {
		beforeAll(() => {
			writeEnabled = true;
		});
		afterAll(() => {
			writeEnabled = false;
		});

		it('a threshold change built from scratch keeps the alarm\'s notification actions', async () => {
			const cloud = cloudFor();
			await cloud.operator.putMetricAlarm({
				name: 'ACSO-HighMemory',
				namespace: 'AWS/ECS',
				metricName: 'MemoryUtilization',
				dimensions: {ClusterName: exact.cluster},
				statistic: 'Average',
				periodSeconds: 300,
				evaluationPeriods: 3,
				threshold: 90,
				comparisonOperator: 'GreaterThanThreshold',
			});
			const [alarm] = (await cloud.alarms.describeAlarms({names: ['ACSO-HighMemory']})) as MetricAlarm[];
			expect(alarm?.threshold).toBe(90);
			expect(alarm?.extra).toMatchObject({AlarmActions: exact.alarms[1]!.actions, TreatMissingData: 'notBreaching'});
		});

		it('a re-registered task definition keeps environment and log configuration', async () => {
			const cloud = cloudFor();
			const current = await cloud.services.describeTaskDefinition(exact.services[1]!.family);
			const {revision: _r, arn: _a, status: _s, registeredAt: _t, ...input} = current;
			const registered = await cloud.operator.registerTaskDefinition({...input, containers: input.containers.map(c => ({...c, image: `${c.image}-fix`}))});
			expect(registered.value.revision).toBe(current.revision + 1);
			const newest = await cloud.services.describeTaskDefinition(current.family);
			expect(newest.containers[0]?.image).toBe(`${current.containers[0]?.image}-fix`);
			expect(newest.containers[0]?.extra).toMatchObject({
				environment: [
					{name: 'ACSO_ENV', value: 'exact'},
					{name: 'AGENT', value: exact.services[1]!.shortName},
				],
				logConfiguration: {logDriver: 'awslogs'},
			});
			expect(newest.containers[0]?.memoryReservation).toBe(512);
			expect(newest).toMatchObject({cpu: current.cpu, memory: current.memory, networkMode: 'awsvpc', executionRoleArn: current.executionRoleArn});
		});
	});

	describe('read-only mode', () => {
		it('no mutating request reaches the emulator, while the same observer sees writes when enabled', async () => {
			calls = [];
			writeEnabled = false;
			const cloud = cloudFor();
			const op = cloud.operator;
			const attempts = [
				op.updateService(exact.cluster, exact.services[0]!.name, {desiredCount: 7}),
				op.registerTaskDefinition({family: exact.services[0]!.family, containers: [{name: 'x', image: 'y'}]}),
				op.stopTask(exact.cluster, exact.services[0]!.tasks[0]!, 'nope'),
				op.deleteService(exact.cluster, exact.services[0]!.name),
				op.createService({cluster: exact.cluster, name: 'acso-exact-ro', taskDefinition: exact.services[0]!.family, desiredCount: 1}),
				op.createLogGroup('/aws/acso/exact/ro'),
				op.putRetentionPolicy(exact.logGroup, 1),
				op.deleteRetentionPolicy(exact.logGroup),
				op.putMetricFilter({name: 'ro', logGroup: exact.logGroup, pattern: 'x', transformations: [{metricName: 'm', metricNamespace: 'n', metricValue: '1'}]}),
				op.putMetricAlarm({name: 'ACSO-HighCPU', namespace: 'AWS/ECS', metricName: 'CPUUtilization', dimensions: {}, statistic: 'Average', periodSeconds: 60, evaluationPeriods: 1, threshold: 1, comparisonOperator: 'GreaterThanThreshold'}),
				op.putCompositeAlarm({name: 'ACSO-RO', alarmRule: 'ALARM("ACSO-HighCPU")'}),
				op.modifyDbInstance(exact.db.id, {instanceClass: 'db.r6g.large', applyImmediately: true}),
			];
			const outcomes = await Promise.allSettled(attempts);
			for (const outcome of outcomes) {
				expect(outcome.status).toBe('rejected');
				expect(outcome.status === 'rejected' && isCloudError(outcome.reason) && outcome.reason.kind).toBe('read-only');
			}
			expect(calls.filter(c => mutating.has(c.operation))).toEqual([]);
			expect(calls).toEqual([]);
			const [service] = await cloud.services.describeServices(exact.cluster, [exact.services[0]!.name]);
			expect(service?.desiredCount).toBe(exact.services[0]!.desiredCount);

			writeEnabled = true;
			await op.updateService(exact.cluster, exact.services[0]!.name, {desiredCount: exact.services[0]!.desiredCount});
			writeEnabled = false;
			expect(calls.filter(c => mutating.has(c.operation)).map(c => c.operation)).toEqual(['UpdateService']);
		});
	});

	describe('failures', () => {
		it('a missing cluster: described as missing, not-found on the service calls', async () => {
			const cloud = cloudFor();
			expect(await cloud.clusters.describeClusters(['acso-gone-cluster'])).toEqual({clusters: [], missing: ['acso-gone-cluster']});
			await expect(cloud.services.listServices('acso-gone-cluster')).rejects.toMatchObject({kind: 'not-found', resource: 'cluster acso-gone-cluster'});
			await expect(cloud.services.describeServices('acso-gone-cluster', ['x'])).rejects.toMatchObject({kind: 'not-found', resource: 'cluster acso-gone-cluster'});
			await expect(cloud.services.listTasks('acso-gone-cluster')).rejects.toMatchObject({kind: 'not-found'});
		});

		it('what moto does not implement is unsupported: Live Tail, alarm history, composite alarms', async () => {
			const cloud = cloudFor({maxAttempts: 1});
			const tail = await cloud.logs.startLiveTail!([exact.logGroup], undefined, {onEvents: () => {}, onError: () => {}}).catch((e: unknown) => e);
			expect(isCloudError(tail) && tail.kind).toBe('unsupported');
			await expect(cloud.alarms.describeAlarmHistory('ACSO-HighCPU')).rejects.toMatchObject({kind: 'unsupported'});
			writeEnabled = true;
			try {
				await expect(cloud.operator.putCompositeAlarm({name: 'ACSO-SystemHealth', alarmRule: 'ALARM("ACSO-HighCPU")', extra: {}})).rejects.toMatchObject({kind: 'unsupported'});
			} finally {
				writeEnabled = false;
			}
		});

		it('once the emulator is gone, calls fail as network errors', async () => {
			const cloud = cloudFor({maxAttempts: 1});
			expect(await cloud.clusters.listClusters()).toContain(exact.cluster);
			await server.stop();
			await expect(cloud.clusters.listClusters()).rejects.toMatchObject({kind: 'network'});
			await expect(cloud.metrics.getMetricData([{id: 'a', namespace: 'AWS/ECS', metricName: 'CPUUtilization', dimensions: {}, stat: 'Average', periodSeconds: 60}], {start: 0, end: 60_000})).rejects.toMatchObject({kind: 'network'});
		});
	});
});
