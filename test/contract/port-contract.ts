import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {isAborted, isCloudError} from '../../source/port/errors.js';
import {namesFor, type ResourceNames} from '../../source/port/names.js';
import type {Cloud, LogEvent, LogFilterRequest, MetricAlarm, MetricQuery, Operator} from '../../source/port/types.js';
import {cloudErrorOf} from '../helpers/cloud-error.js';
import {describeNetworkContract} from './network-contract.js';

// One suite of port behaviour, run against every backend: the simulated account (sim.test.ts)
// and the AWS adapters on moto_server (moto.test.ts). It asserts only what both can honour:
// moto never evaluates alarms, keeps no service events, and has no Live Tail or composite alarms.

export type ContractContext = {
	cloud: Cloud;
	/** The environment the backend holds: acso-{env}-cluster, /aws/acso/{env}/agents, ... */
	env: string;
	/** Switches what the cloud's isWriteEnabled() answers. */
	setWriteEnabled(on: boolean): void;
	/** The backend's clock (the sim may run on a manual one). Default Date.now. */
	now?: () => number;
	/** Moves a manual clock on (the sim's), for what takes time on the backend. */
	advance?: (ms: number) => void;
	teardown?: () => Promise<void>;
	/** The account's names where they follow no convention. Default namesFor(env). */
	names?: ResourceNames;
	/** A prefix the environment's log groups share. Default /aws/acso/{env}/. */
	logGroupPrefix?: string;
	/** One seeded alarm and a prefix of its name. Default ACSO-HighCPU, on AWS/ECS CPUUtilization. */
	alarm?: {prefix: string; name: string; namespace: string; metricName: string};
	/** A SecureString the backend holds (its value must never come back), when the setup seeded one. */
	secureParameter?: {path: string; name: string};
};

const acsoAlarm = {prefix: 'ACSO-', name: 'ACSO-HighCPU', namespace: 'AWS/ECS', metricName: 'CPUUtilization'};

const missingCluster = 'acso-nope-cluster';
const missingDatabase = 'acso-nope-db';


async function allPages(cloud: Cloud, request: LogFilterRequest): Promise<{events: LogEvent[]; pages: number}> {
	const events: LogEvent[] = [];
	let nextToken: string | undefined;
	let pages = 0;
	do {
		const page = await cloud.logs.filterLogEvents({...request, nextToken});
		events.push(...page.events);
		nextToken = page.nextToken;
		pages++;
		if (pages > 500) throw new Error('filterLogEvents did not reach the end in 500 pages');
	} while (nextToken);
	return {events, pages};
}

function cpuQuery(id: string, names: ResourceNames, service: string): MetricQuery {
	return {id, namespace: 'AWS/ECS', metricName: 'CPUUtilization', dimensions: {ClusterName: names.cluster, ServiceName: service}, stat: 'Average', periodSeconds: 60};
}

const isInfoLine = (message: string) => /^\S+ INFO \[/.test(message) || message.includes('"level":"INFO"');

export function describePortContract(name: string, setup: () => Promise<ContractContext>): void {
	describe(`port contract: ${name}`, () => {
		let context: ContractContext;
		let cloud: Cloud;
		let names: ResourceNames;
		let now: () => number;
		let serviceNames: string[];

		beforeAll(async () => {
			context = await setup();
			cloud = context.cloud;
			names = context.names ?? namesFor(context.env);
			now = context.now ?? Date.now;
			context.setWriteEnabled(false);
		});

		afterAll(async () => {
			await context?.teardown?.();
		});

		describe('clusters', () => {
			it('describes the environment cluster and reports an unknown one as missing', async () => {
				const answer = await cloud.clusters.describeClusters([names.cluster, missingCluster]);
				expect(answer.clusters.map(c => c.name)).toEqual([names.cluster]);
				expect(answer.clusters[0]?.status).toBe('ACTIVE');
				expect(answer.clusters[0]?.arn).toContain(names.cluster);
				expect(answer.missing).toEqual([missingCluster]);
				expect(await cloud.clusters.listClusters()).toContain(names.cluster);
			});
		});

		describe('services', () => {
			it('discovers the services and describes them with counts and deployments', async () => {
				serviceNames = await cloud.services.listServices(names.cluster);
				expect(serviceNames.length).toBeGreaterThan(0);
				for (const service of serviceNames) expect(service.startsWith(names.servicePrefix)).toBe(true);

				const services = await cloud.services.describeServices(names.cluster, [...serviceNames, `${names.servicePrefix}no-such-agent`]);
				expect(services.map(s => s.name).sort()).toEqual([...serviceNames].sort());
				for (const service of services) {
					expect(service.cluster).toBe(names.cluster);
					for (const count of [service.desiredCount, service.runningCount, service.pendingCount]) {
						expect(Number.isInteger(count) && count >= 0).toBe(true);
					}
					expect(service.taskDefinition).toMatch(/^[\w-]+:\d+$/);
					expect(service.deployments.filter(d => d.status === 'PRIMARY')).toHaveLength(1);
					for (const deployment of service.deployments) expect(deployment.taskDefinition).toMatch(/^[\w-]+:\d+$/);
				}
			});

			it('answers not-found naming the cluster when the cluster does not exist', async () => {
				const listed = await cloudErrorOf(cloud.services.listServices(missingCluster));
				expect(listed.kind).toBe('not-found');
				expect(listed.resource).toContain(missingCluster);
				const described = await cloudErrorOf(cloud.services.describeServices(missingCluster, [`${names.servicePrefix}supervisor`]));
				expect(described.kind).toBe('not-found');
				expect(described.resource).toContain(missingCluster);
			});

			it('describes task definitions by family:revision and by family (the newest)', async () => {
				const [service] = await cloud.services.describeServices(names.cluster, serviceNames.slice(0, 1));
				const current = await cloud.services.describeTaskDefinition(service!.taskDefinition);
				expect(`${current.family}:${current.revision}`).toBe(service!.taskDefinition);
				expect(current.containers.length).toBeGreaterThan(0);
				for (const container of current.containers) expect(container.image).not.toBe('');
				const newest = await cloud.services.describeTaskDefinition(current.family);
				expect(newest.family).toBe(current.family);
				expect(newest.revision).toBeGreaterThanOrEqual(current.revision);
				const missing = await cloudErrorOf(cloud.services.describeTaskDefinition('acso-no-such-family'));
				expect(missing.kind).toBe('not-found');
			});

			it('lists and describes the running tasks of a service', async () => {
				const service = serviceNames[0]!;
				const ids = await cloud.services.listTasks(names.cluster, {service, desiredStatus: 'RUNNING'});
				expect(ids.length).toBeGreaterThan(0);
				const tasks = await cloud.services.describeTasks(names.cluster, ids);
				expect(tasks.map(t => t.id).sort()).toEqual([...ids].sort());
				// moto's ListTasks ignores serviceName (AWS filters by it), so the answer may hold other
				// services' tasks too; each task still names its own service.
				const own = tasks.filter(t => t.service === service);
				expect(own.length).toBeGreaterThan(0);
				for (const task of tasks) {
					expect(serviceNames).toContain(task.service);
					expect(task.desiredStatus).toBe('RUNNING');
					expect(task.taskDefinition).toMatch(/^[\w-]+:\d+$/);
					expect(task.containers.length).toBeGreaterThan(0);
				}
				expect(await cloud.services.listTasks(names.cluster)).toEqual(expect.arrayContaining(ids));
			});
		});

		describe('metrics', () => {
			it('returns one series per query, ascending, for the dimensions asked', async () => {
				const [first, second] = serviceNames;
				const queries = [cpuQuery('cpu_a', names, first!), cpuQuery('cpu_b', names, second ?? first!), cpuQuery('cpu_none', names, `${names.servicePrefix}no-such-agent`)];
				const end = now();
				const series = await cloud.metrics.getMetricData(queries, {start: end - 60 * 60_000, end});
				expect(series.map(s => s.id)).toEqual(['cpu_a', 'cpu_b', 'cpu_none']);
				const a = series[0]!;
				expect(a.points.length).toBeGreaterThan(0);
				for (const s of series) {
					for (let index = 1; index < s.points.length; index++) expect(s.points[index]!.t).toBeGreaterThan(s.points[index - 1]!.t);
					for (const point of s.points) expect(point.v).toBeGreaterThanOrEqual(0);
				}
				for (const point of a.points) expect(point.v).toBeLessThanOrEqual(100);
				// A service that does not exist has no data: the series follows its dimensions.
				expect(series[2]!.points).toEqual([]);

				// Dimension order is not part of a metric's identity.
				const reversed: MetricQuery = {...queries[0]!, dimensions: {ServiceName: first!, ClusterName: names.cluster}};
				const [again] = await cloud.metrics.getMetricData([reversed], {start: end - 60 * 60_000, end});
				expect(again!.points).toEqual(a.points);
			});

			it('refuses a malformed query with a clear message', async () => {
				const end = now();
				const error = await cloudErrorOf(cloud.metrics.getMetricData([{...cpuQuery('Bad-Id', names, serviceNames[0]!)}], {start: end - 60_000, end}));
				expect(error.kind).toBe('invalid');
				expect(error.message).toContain('Bad-Id');
			});
		});

		describe('logs', () => {
			it('pages filterLogEvents to the end and gets the same events as one big read', async () => {
				const end = now();
				const window = {logGroup: names.logGroups[0]!, startTime: end - 10 * 60_000, endTime: end};
				const whole = await allPages(cloud, {...window, limit: 10_000});
				expect(whole.events.length).toBeGreaterThan(1);
				const limit = Math.max(1, Math.ceil(whole.events.length / 4));
				const paged = await allPages(cloud, {...window, limit});
				expect(paged.pages).toBeGreaterThan(1);
				expect(paged.events.map(e => e.eventId).sort()).toEqual(whole.events.map(e => e.eventId).sort());
				expect(new Set(paged.events.map(e => e.eventId)).size).toBe(paged.events.length);
				for (const event of paged.events) {
					expect(event.logGroup).toBe(names.logGroups[0]);
					expect(event.timestamp).toBeGreaterThanOrEqual(window.startTime);
					expect(event.timestamp).toBeLessThanOrEqual(end);
				}
			});

			it('filters with the pattern ERROR: only lines containing ERROR, no INFO lines', async () => {
				const end = now();
				const window = {logGroup: names.logGroups[0]!, startTime: end - 60 * 60_000, endTime: end};
				const all = await allPages(cloud, {...window, limit: 10_000});
				const errors = await allPages(cloud, {...window, pattern: 'ERROR', limit: 10_000});
				expect(errors.events.length).toBeGreaterThan(0);
				expect(errors.events.length).toBeLessThan(all.events.length);
				for (const event of errors.events) {
					expect(event.message).toContain('ERROR');
					expect(isInfoLine(event.message)).toBe(false);
				}
				expect(all.events.some(e => isInfoLine(e.message))).toBe(true);
			});

			it('describes the log groups with their retention, and their metric filters', async () => {
				const prefix = context.logGroupPrefix ?? `/aws/acso/${context.env}/`;
				const groups = await cloud.logs.describeLogGroups(prefix);
				const group = groups.find(g => g.name === names.logGroups[0]);
				expect(group).toBeDefined();
				expect(group!.arn).toContain(names.logGroups[0]);
				if (group!.retentionInDays !== undefined) expect(group!.retentionInDays).toBeGreaterThan(0);
				for (const other of groups) expect(other.name.startsWith(prefix)).toBe(true);
				const filters = await cloud.logs.describeMetricFilters(names.logGroups[0]!);
				for (const filter of filters) {
					expect(filter.logGroup).toBe(names.logGroups[0]);
					expect(filter.transformations.length).toBeGreaterThan(0);
				}
			});

			it('answers not-found for a log group that does not exist', async () => {
				const end = now();
				const error = await cloudErrorOf(cloud.logs.filterLogEvents({logGroup: `/aws/acso/${context.env}/no-such-group`, startTime: end - 60_000}));
				expect(error.kind).toBe('not-found');
				expect(error.resource).toContain('no-such-group');
			});
		});

		describe('alarms', () => {
			it('describes the seeded alarms with state and threshold, by prefix and by name', async () => {
				const seeded = context.alarm ?? acsoAlarm;
				const byPrefix = await cloud.alarms.describeAlarms({prefix: seeded.prefix});
				const found = byPrefix.find(a => a.name === seeded.name);
				expect(found?.kind).toBe('metric');
				const metric = found as MetricAlarm;
				expect(['OK', 'ALARM', 'INSUFFICIENT_DATA']).toContain(metric.state);
				expect(Number.isFinite(metric.threshold)).toBe(true);
				expect(metric.metricName).toBe(seeded.metricName);
				expect(metric.namespace).toBe(seeded.namespace);
				for (const alarm of byPrefix) expect(alarm.name.startsWith(seeded.prefix)).toBe(true);
				const byName = await cloud.alarms.describeAlarms({names: [seeded.name]});
				expect(byName.map(a => a.name)).toEqual([seeded.name]);
				expect((await cloud.alarms.describeAlarms()).map(a => a.name)).toContain(seeded.name);
			});
		});

		describe('databases', () => {
			it('describes the environment database, and not-found names a missing one', async () => {
				const [db] = await cloud.databases.describeDbInstances(names.db);
				expect(db?.id).toBe(names.db);
				expect(db?.instanceClass).toMatch(/^db\./);
				expect(db?.engine).not.toBe('');
				expect((await cloud.databases.describeDbInstances()).map(d => d.id)).toContain(names.db);
				const error = await cloudErrorOf(cloud.databases.describeDbInstances(missingDatabase));
				expect(error.kind).toBe('not-found');
				expect(error.resource).toContain(missingDatabase);
			});
		});

		describe('cancelled reads', () => {
			it('rejects every read with an AbortError, not a CloudError, when its signal is already aborted', async () => {
				const [service = 'any-service'] = await cloud.services.listServices(names.cluster);
				const end = now();
				const range = {start: end - 3600_000, end};
				const signal = AbortSignal.abort();
				const reads: Record<string, () => Promise<unknown>> = {
					describeClusters: () => cloud.clusters.describeClusters([names.cluster], {signal}),
					listClusters: () => cloud.clusters.listClusters({signal}),
					listServices: () => cloud.services.listServices(names.cluster, {signal}),
					describeServices: () => cloud.services.describeServices(names.cluster, [service], {signal}),
					listTasks: () => cloud.services.listTasks(names.cluster, {service}, {signal}),
					describeTasks: () => cloud.services.describeTasks(names.cluster, ['0123456789abcdef'], {signal}),
					describeTaskDefinition: () => cloud.services.describeTaskDefinition(service, {signal}),
					getMetricData: () => cloud.metrics.getMetricData([cpuQuery('cpu', names, service)], range, {signal}),
					filterLogEvents: () => cloud.logs.filterLogEvents({logGroup: names.logGroups[0]!, startTime: range.start}, {signal}),
					describeLogGroups: () => cloud.logs.describeLogGroups(undefined, {signal}),
					describeMetricFilters: () => cloud.logs.describeMetricFilters(names.logGroups[0]!, {signal}),
					describeAlarms: () => cloud.alarms.describeAlarms(undefined, {signal}),
					describeAlarmHistory: () => cloud.alarms.describeAlarmHistory((context.alarm ?? acsoAlarm).name, range, {signal}),
					describeDbInstances: () => cloud.databases.describeDbInstances(names.db, {signal}),
					getParametersByPath: () => cloud.parameters.getParametersByPath('/acso', true, {signal}),
					getParameterHistory: () => cloud.parameters.getParameterHistory('/acso/nope', {signal}),
				};
				const listServiceDeployments = cloud.services.listServiceDeployments;
				if (listServiceDeployments) reads.listServiceDeployments = () => listServiceDeployments(names.cluster, service, {signal});
				for (const [method, read] of Object.entries(reads)) {
					const outcome = await read().then(
						() => 'answered',
						(error: unknown) => (isAborted(error) && !isCloudError(error) ? 'aborted' : `failed: ${String(error)}`),
					);
					expect({method, outcome}).toEqual({method, outcome: 'aborted'});
				}
			});
		});

		describe('operator in read-only mode', () => {
			it('refuses every write and changes nothing', async () => {
				context.setWriteEnabled(false);
				const service = serviceNames[0]!;
				const [before] = await cloud.services.describeServices(names.cluster, [service]);
				const op: Operator = cloud.operator;
				const attempts: Array<Promise<unknown>> = [
					op.updateService(names.cluster, service, {desiredCount: before!.desiredCount + 5}),
					op.registerTaskDefinition({family: service, containers: [{name: 'x', image: 'x'}]}),
					op.stopTask(names.cluster, 'abc', 'contract'),
					op.deleteService(names.cluster, service),
					op.createService({cluster: names.cluster, name: `${service}-ro`, taskDefinition: before!.taskDefinition, desiredCount: 1, ...(before!.network ? {network: before!.network} : {})}),
					op.createLogGroup(`/aws/acso/${context.env}/read-only`),
					op.putRetentionPolicy(names.logGroups[0]!, 1),
					op.deleteRetentionPolicy(names.logGroups[0]!),
					op.putMetricFilter({name: 'ro', logGroup: names.logGroups[0]!, pattern: 'ERROR', transformations: [{metricName: 'E', metricNamespace: 'N', metricValue: '1'}]}),
					op.putMetricAlarm({name: 'ACSO-HighCPU', namespace: 'AWS/ECS', metricName: 'CPUUtilization', dimensions: {}, statistic: 'Average', periodSeconds: 60, evaluationPeriods: 1, threshold: 1, comparisonOperator: 'GreaterThanThreshold'}),
					op.putCompositeAlarm({name: 'ACSO-ReadOnly', alarmRule: 'ALARM("ACSO-HighCPU")'}),
					op.modifyDbInstance(names.db, {instanceClass: 'db.r6g.large', applyImmediately: true}),
					op.putParameter(`/acso-contract/${context.env}/read-only`, '1', 'String'),
				];
				for (const attempt of attempts) expect((await cloudErrorOf(attempt)).kind).toBe('read-only');
				const [after] = await cloud.services.describeServices(names.cluster, [service]);
				expect(after!.desiredCount).toBe(before!.desiredCount);
				expect(after!.status).toBe('ACTIVE');
				expect(await cloud.services.describeServices(names.cluster, [`${service}-ro`])).toEqual([]);
				expect((await cloud.logs.describeLogGroups(`/aws/acso/${context.env}/read-only`)).length).toBe(0);
				expect(await cloud.parameters.getParametersByPath(`/acso-contract/${context.env}`, true)).toEqual([]);
			});
		});

		describe('parameters', () => {
			beforeAll(() => context.setWriteEnabled(true));
			afterAll(() => context.setWriteEnabled(false));
			const root = () => `/acso-contract/${context.env}`;

			it('putParameter creates and overwrites; by path lists one level or the whole tree, with versions and values', async () => {
				expect((await cloud.operator.putParameter(`${root()}/limit`, '40', 'String')).value.version).toBe(1);
				expect((await cloud.operator.putParameter(`${root()}/limit`, '4', 'String')).value.version).toBe(2);
				await cloud.operator.putParameter(`${root()}/agents/models`, 'a,b', 'StringList');
				const top = await cloud.parameters.getParametersByPath(root(), false);
				expect(top.map(p => [p.name, p.type, p.value, p.version])).toEqual([[`${root()}/limit`, 'String', '4', 2]]);
				expect(top[0]!.lastModifiedAt).toBeGreaterThan(0);
				const all = await cloud.parameters.getParametersByPath(root(), true);
				expect(new Set(all.map(p => `${p.name}=${p.value}`))).toEqual(new Set([`${root()}/limit=4`, `${root()}/agents/models=a,b`]));
				expect(await cloud.parameters.getParametersByPath(`${root()}/nothing-here`, true)).toEqual([]);
			});

			it('reads a history oldest first, and not-found for a parameter that does not exist', async () => {
				const history = await cloud.parameters.getParameterHistory(`${root()}/limit`);
				expect(history.map(v => [v.version, v.value, v.type])).toEqual([
					[1, '40', 'String'],
					[2, '4', 'String'],
				]);
				const error = await cloudErrorOf(cloud.parameters.getParameterHistory(`${root()}/missing`));
				expect(error.kind).toBe('not-found');
			});

			it('never returns a SecureString\'s value, by path or in its history', async () => {
				const secure = context.secureParameter;
				if (!secure) return;
				const found = (await cloud.parameters.getParametersByPath(secure.path, true)).find(p => p.name === secure.name);
				expect(found).toMatchObject({type: 'SecureString'});
				expect(found).not.toHaveProperty('value');
				const history = await cloud.parameters.getParameterHistory(secure.name);
				expect(history.length).toBeGreaterThan(0);
				for (const version of history) expect(version).not.toHaveProperty('value');
			});
		});

		describe('operator with writes enabled', () => {
			beforeAll(() => context.setWriteEnabled(true));
			afterAll(() => context.setWriteEnabled(false));

			it('updateService changes the desired count', async () => {
				const service = serviceNames[0]!;
				const [before] = await cloud.services.describeServices(names.cluster, [service]);
				const target = before!.desiredCount + 1;
				const result = await cloud.operator.updateService(names.cluster, service, {desiredCount: target});
				expect(result.value.desiredCount).toBe(target);
				expect(typeof result.requestId).toBe('string');
				const [after] = await cloud.services.describeServices(names.cluster, [service]);
				expect(after!.desiredCount).toBe(target);
			});

			it('registerTaskDefinition adds a revision the service can then run', async () => {
				const service = serviceNames[0]!;
				const [before] = await cloud.services.describeServices(names.cluster, [service]);
				const current = await cloud.services.describeTaskDefinition(before!.taskDefinition);
				const {revision: _r, arn: _a, status: _s, registeredAt: _at, ...input} = current;
				const registered = await cloud.operator.registerTaskDefinition(input);
				expect(registered.value.family).toBe(current.family);
				const newest = await cloud.services.describeTaskDefinition(current.family);
				expect(registered.value.revision).toBe(newest.revision);
				expect(newest.revision).toBeGreaterThan(current.revision);
				expect(newest.containers.map(c => c.image)).toEqual(current.containers.map(c => c.image));
				const target = `${newest.family}:${newest.revision}`;
				const updated = await cloud.operator.updateService(names.cluster, service, {taskDefinition: target});
				expect(updated.value.taskDefinition).toBe(target);
				const [after] = await cloud.services.describeServices(names.cluster, [service]);
				expect(after!.taskDefinition).toBe(target);
			});

			it('stopTask stops a running task', async () => {
				const [id] = await cloud.services.listTasks(names.cluster, {service: serviceNames[1] ?? serviceNames[0]!, desiredStatus: 'RUNNING'});
				const stopped = await cloud.operator.stopTask(names.cluster, id!, 'contract test');
				expect(stopped.value.id).toBe(id);
				expect(stopped.value.desiredStatus).toBe('STOPPED');
			});

			it('deleteService leaves the service INACTIVE (still described); createService brings it back ACTIVE with what it ran; the family stays listed', async () => {
				const service = serviceNames.at(-1)!;
				const [before] = await cloud.services.describeServices(names.cluster, [service]);
				expect(await cloud.services.listTaskDefinitionFamilies!(names.servicePrefix)).toContain(before!.taskDefinition.replace(/:\d+$/, ''));
				const deleted = await cloud.operator.deleteService(names.cluster, service);
				expect(['DRAINING', 'INACTIVE']).toContain(deleted.value.status);
				expect(typeof deleted.requestId).toBe('string');
				const [gone] = await cloud.services.describeServices(names.cluster, [service]);
				expect(gone!.status).not.toBe('ACTIVE');
				expect(await cloudErrorOf(cloud.operator.deleteService(names.cluster, 'acso-nope-service'))).toMatchObject({kind: 'not-found'});
				// A draining service is INACTIVE once its tasks stopped (ECS refuses to create a DRAINING one again).
				if (gone!.status === 'DRAINING') context.advance?.(2 * 60_000);
				expect((await cloud.services.describeServices(names.cluster, [service]))[0]!.status).toBe('INACTIVE');
				const created = await cloud.operator.createService({cluster: names.cluster, name: service, taskDefinition: before!.taskDefinition, desiredCount: before!.desiredCount, ...(before!.launchType ? {launchType: before!.launchType} : {}), ...(before!.network ? {network: before!.network} : {})});
				expect(created.value).toMatchObject({name: service, status: 'ACTIVE', taskDefinition: before!.taskDefinition, desiredCount: before!.desiredCount});
				const [again] = await cloud.services.describeServices(names.cluster, [service]);
				expect(again).toMatchObject({status: 'ACTIVE', taskDefinition: before!.taskDefinition});
				if (before!.network) expect(again!.network).toEqual(before!.network);
			});

			it('puts and deletes a log retention policy', async () => {
				const group = names.logGroups[0]!;
				await cloud.operator.putRetentionPolicy(group, 90);
				expect((await cloud.logs.describeLogGroups(group)).find(g => g.name === group)?.retentionInDays).toBe(90);
				await cloud.operator.deleteRetentionPolicy(group);
				expect((await cloud.logs.describeLogGroups(group)).find(g => g.name === group)?.retentionInDays).toBeUndefined();
				const refused = await cloudErrorOf(cloud.operator.putRetentionPolicy(group, 42));
				expect(refused.kind).toBe('invalid');
			});

			it('creates a log group and a metric filter on it', async () => {
				const group = `/aws/acso/${context.env}/contract`;
				await cloud.operator.createLogGroup(group);
				expect((await cloud.logs.describeLogGroups(group)).map(g => g.name)).toContain(group);
				await cloud.operator.putMetricFilter({
					name: 'contract-errors',
					logGroup: group,
					pattern: 'ERROR',
					transformations: [{metricName: 'ContractErrors', metricNamespace: 'ACSO/contract', metricValue: '1', defaultValue: 0}],
				});
				const filters = await cloud.logs.describeMetricFilters(group);
				expect(filters.map(f => [f.name, f.pattern, f.transformations[0]?.metricName])).toEqual([['contract-errors', 'ERROR', 'ContractErrors']]);
			});

			it('putMetricAlarm changes the threshold of an existing alarm', async () => {
				const seeded = (context.alarm ?? acsoAlarm).name;
				const [alarm] = await cloud.alarms.describeAlarms({names: [seeded]});
				expect(alarm?.kind).toBe('metric');
				const {kind: _k, arn: _a, state: _s, stateReason: _r, stateUpdatedAt: _u, ...input} = alarm as MetricAlarm;
				await cloud.operator.putMetricAlarm({...input, threshold: input.threshold + 5});
				const [after] = (await cloud.alarms.describeAlarms({names: [seeded]})) as MetricAlarm[];
				expect(after?.threshold).toBe(input.threshold + 5);
				expect(after?.metricName).toBe(input.metricName);
				expect(after?.dimensions).toEqual(input.dimensions);
			});

			it('modifyDbInstance changes the instance class (now or pending)', async () => {
				const [before] = await cloud.databases.describeDbInstances(names.db);
				const target = before!.instanceClass === 'db.r6g.large' ? 'db.r6g.xlarge' : 'db.r6g.large';
				const result = await cloud.operator.modifyDbInstance(names.db, {instanceClass: target, applyImmediately: true});
				expect([result.value.instanceClass, result.value.pendingInstanceClass]).toContain(target);
				const [after] = await cloud.databases.describeDbInstances(names.db);
				expect([after!.instanceClass, after!.pendingInstanceClass]).toContain(target);
			});
		});

		describeNetworkContract(() => ({cloud, names, setWriteEnabled: on => context.setWriteEnabled(on)}));
	});
}
