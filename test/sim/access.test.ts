// What the sim refuses: writes without --write (before anything changes), unknown names the way
// AWS answers them, and injected faults for the UI's error states. Plus the call counter.
import {describe, expect, it} from 'vitest';
import {isPermanent} from '../../source/port/errors.js';
import {writeHint} from '../../source/port/read-only.js';
import {createSimCloud, type SimOptions} from '../../source/sim/index.js';
import {failure, makeSim, MINUTE, PROD, PROD_LOGS, service, SUPERVISOR, T0} from './sim-helpers.js';

describe('read-only', () => {
	it('refuses every mutating call while writes are off, changes nothing, counts nothing', async () => {
		const h = makeSim(1);
		h.write.enabled = false;
		const op = h.sim.operator;
		const attempts: Array<[string, () => Promise<unknown>]> = [
			['updateService', () => op.updateService(PROD, SUPERVISOR, {forceNewDeployment: true})],
			['registerTaskDefinition', () => op.registerTaskDefinition({family: 'x', containers: [{name: 'a', image: 'b'}]})],
			['stopTask', () => op.stopTask(PROD, 'x', 'y')],
			['createLogGroup', () => op.createLogGroup('/x')],
			['putRetentionPolicy', () => op.putRetentionPolicy(PROD_LOGS, 1)],
			['deleteRetentionPolicy', () => op.deleteRetentionPolicy(PROD_LOGS)],
			['putMetricFilter', () => op.putMetricFilter({name: 'x', logGroup: PROD_LOGS, pattern: 'x', transformations: [{metricName: 'a', metricNamespace: 'b', metricValue: '1'}]})],
			['putMetricAlarm', () => op.putMetricAlarm({name: 'x', namespace: 'a', metricName: 'b', dimensions: {}, statistic: 'Average', periodSeconds: 60, evaluationPeriods: 1, threshold: 1, comparisonOperator: 'GreaterThanThreshold'})],
			['putCompositeAlarm', () => op.putCompositeAlarm({name: 'x', alarmRule: 'TRUE'})],
			['modifyDbInstance', () => op.modifyDbInstance('acso-production-db', {instanceClass: 'db.t3.large', applyImmediately: true})],
		];
		for (const [name, attempt] of attempts) {
			const error = await failure(attempt());
			expect(error.kind).toBe('read-only');
			expect(error.action).toBe(name);
			expect(error.message).toBe(`${name} refused: ${writeHint}`);
			expect(isPermanent(error)).toBe(true);
		}
		expect(h.sim.control.calls()).toEqual({});
		const s = await service(h.sim, PROD, SUPERVISOR);
		expect(s.deployments).toHaveLength(1);
		expect((await h.sim.logs.describeLogGroups(PROD_LOGS))[0]!.retentionInDays).toBe(30);
		expect((await h.sim.databases.describeDbInstances('acso-production-db'))[0]!.status).toBe('available');
		// The switch is read on every call: turning writes on lets the same call through.
		h.write.enabled = true;
		await op.putRetentionPolicy(PROD_LOGS, 60);
		expect((await h.sim.logs.describeLogGroups(PROD_LOGS))[0]!.retentionInDays).toBe(60);
	});
});

describe('unknown names', () => {
	it('describeClusters lists missing clusters instead of failing; other calls on them fail not-found', async () => {
		const h = makeSim(1);
		const answer = await h.sim.clusters.describeClusters(['acso-production-cluster', 'acso-qa-cluster', 'arn:aws:ecs:us-east-1:123456789012:cluster/acso-staging-cluster']);
		expect(answer.clusters.map(c => c.name)).toEqual(['acso-production-cluster', 'acso-staging-cluster']);
		expect(answer.missing).toEqual(['acso-qa-cluster']);
		expect(answer.clusters[0]).toMatchObject({status: 'ACTIVE', activeServicesCount: 5});
		expect(answer.clusters[0]!.runningTasksCount).toBe(10);
		expect(await h.sim.clusters.listClusters()).toEqual(['acso-production-cluster', 'acso-staging-cluster']);
		for (const call of [
			() => h.sim.services.listServices('acso-qa-cluster'),
			() => h.sim.services.describeServices('acso-qa-cluster', ['x']),
			() => h.sim.services.listTasks('acso-qa-cluster'),
			() => h.sim.services.describeTasks('acso-qa-cluster', ['x']),
			() => h.sim.operator.updateService('acso-qa-cluster', 'x', {desiredCount: 1}),
		]) {
			const error = await failure(call());
			expect(error.kind).toBe('not-found');
			expect(error.resource).toBe('acso-qa-cluster');
			expect(error.message).toContain('Cluster not found');
		}
	});

	it('unknown services and tasks are left out of Describe answers; calls that need them fail not-found', async () => {
		const h = makeSim(1);
		const services = await h.sim.services.describeServices(PROD, [SUPERVISOR, 'acso-production-nope']);
		expect(services.map(s => s.name)).toEqual([SUPERVISOR]);
		expect(await h.sim.services.describeTasks(PROD, ['0'.repeat(32)])).toEqual([]);
		const list = await failure(h.sim.services.listTasks(PROD, {service: 'acso-production-nope'}));
		expect(list).toMatchObject({kind: 'not-found', resource: 'acso-production-nope'});
		// A staging task is not found through the production cluster.
		const [stagingTask] = await h.sim.services.listTasks('acso-staging-cluster');
		expect(await h.sim.services.describeTasks(PROD, [stagingTask!])).toEqual([]);
	});

	it('unknown task definitions, log groups and databases fail not-found naming them', async () => {
		const h = makeSim(1);
		expect(await failure(h.sim.services.describeTaskDefinition('acso-production-nope'))).toMatchObject({kind: 'not-found', resource: 'acso-production-nope'});
		expect(await failure(h.sim.services.describeTaskDefinition('acso-production-supervisor:0'))).toMatchObject({kind: 'not-found'});
		expect(await failure(h.sim.services.describeTaskDefinition('not a ref!'))).toMatchObject({kind: 'invalid'});
		expect(await failure(h.sim.logs.describeMetricFilters('/nope'))).toMatchObject({kind: 'not-found', resource: '/nope'});
		expect(await failure(h.sim.databases.describeDbInstances('acso-qa-db'))).toMatchObject({kind: 'not-found', resource: 'acso-qa-db'});
		const byArn = await h.sim.services.describeTaskDefinition('arn:aws:ecs:us-east-1:123456789012:task-definition/acso-production-supervisor:6');
		expect(byArn.revision).toBe(6);
		expect(byArn.containers[0]!.image).toMatch(/acso-supervisor:v2\.4\.0$/);
	});
});

describe('faults', () => {
	it('setFault makes every read and write fail with that kind until cleared, still counting the calls', async () => {
		const h = makeSim(1);
		h.sim.control.setFault('throttled');
		expect(await failure(h.sim.services.listServices(PROD))).toMatchObject({kind: 'throttled', code: 'ThrottlingException'});
		expect(await failure(h.sim.metrics.getMetricData([], {start: T0 - MINUTE, end: T0}))).toMatchObject({kind: 'throttled'});
		expect(await failure(h.sim.operator.createLogGroup('/x'))).toMatchObject({kind: 'throttled'});
		h.sim.control.setFault('denied');
		const denied = await failure(h.sim.services.describeServices(PROD, [SUPERVISOR]));
		expect(denied.action).toBe('ecs:DescribeServices');
		expect(denied.message).toContain('is not authorized to perform: ecs:DescribeServices');
		h.sim.control.setFault('credentials');
		expect((await failure(h.sim.logs.filterLogEvents({logGroup: PROD_LOGS, startTime: T0}))).hint).toContain('aws sso login');
		h.sim.control.setFault('network');
		expect((await failure(h.sim.databases.describeDbInstances())).kind).toBe('network');
		h.sim.control.setFault(undefined);
		expect(await h.sim.services.listServices(PROD)).toHaveLength(5);
		expect(h.sim.control.calls()).toMatchObject({listServices: 2, getMetricData: 1, createLogGroup: 1, describeServices: 1, filterLogEvents: 1, describeDbInstances: 1});
		expect(() => h.sim.control.setFault('bogus' as never)).toThrow("setFault: unknown CloudError kind 'bogus'");
	});

	it('counts calls by method name, and returns a copy', async () => {
		const h = makeSim(1);
		await h.sim.clusters.describeClusters([PROD]);
		await h.sim.services.describeServices(PROD, [SUPERVISOR]);
		await h.sim.services.describeServices(PROD, [SUPERVISOR]);
		const calls = h.sim.control.calls();
		expect(calls).toEqual({describeClusters: 1, describeServices: 2});
		calls.describeClusters = 99;
		expect(h.sim.control.calls().describeClusters).toBe(1);
	});
});

describe('the Cloud shape', () => {
	it('is a sim in region "simulated" with no warnings, a harmless reset and no live tail', async () => {
		const h = makeSim(1);
		expect(h.sim.kind).toBe('sim');
		expect(h.sim.region).toBe('simulated');
		expect(h.sim.warnings()).toEqual([]);
		h.sim.reset();
		expect(h.sim.logs.startLiveTail).toBeUndefined();
		expect(await h.sim.services.listServices(PROD)).toHaveLength(5);
	});

	it('hands out copies: changing an answer does not change the account', async () => {
		const h = makeSim(1);
		const [s] = await h.sim.services.describeServices(PROD, [SUPERVISOR]);
		s!.desiredCount = 99;
		s!.events.length = 0;
		s!.deployments[0]!.taskDefinition = 'hacked:1';
		const definition = await h.sim.services.describeTaskDefinition('acso-production-supervisor');
		definition.containers[0]!.image = 'evil';
		const again = await service(h.sim, PROD, SUPERVISOR);
		expect(again.desiredCount).toBe(2);
		expect(again.events.length).toBeGreaterThan(0);
		expect(again.taskDefinition).toBe('acso-production-supervisor:7');
		expect((await h.sim.services.describeTaskDefinition('acso-production-supervisor')).containers[0]!.image).not.toBe('evil');
	});

	it('rejects bad options with clear messages', () => {
		expect(() => makeSimWith({seed: 1.5})).toThrow('createSimCloud: seed must be an integer, got 1.5');
		expect(() => makeSimWith({isWriteEnabled: true as never})).toThrow('createSimCloud: isWriteEnabled must be a function');
	});
});

function makeSimWith(change: Partial<SimOptions>) {
	return createSimCloud({seed: 1, clock: {now: () => T0}, isWriteEnabled: () => false, ...change});
}
