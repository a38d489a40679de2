// Same seed and same clock readings give the same account, whatever order the reads came in;
// another seed gives another account.
import {describe, expect, it} from 'vitest';
import type {SimCloud} from '../../source/sim/index.js';
import {type Harness, makeSim, MINUTE, PROD, PROD_LOGS, STAGING, SUPERVISOR, T0, tick} from './sim-helpers.js';

async function snapshot(sim: SimCloud, now: number) {
	const clusters = [PROD, STAGING];
	const services = await Promise.all(clusters.map(async cluster => sim.services.describeServices(cluster, await sim.services.listServices(cluster))));
	const tasks = await Promise.all(
		clusters.map(async cluster => {
			const ids = [...(await sim.services.listTasks(cluster)), ...(await sim.services.listTasks(cluster, {desiredStatus: 'STOPPED'}))];
			return sim.services.describeTasks(cluster, ids);
		}),
	);
	const metrics = await sim.metrics.getMetricData(
		[
			{id: 'cpu', namespace: 'AWS/ECS', metricName: 'CPUUtilization', dimensions: {ClusterName: PROD, ServiceName: SUPERVISOR}, stat: 'Average', periodSeconds: 60},
			{id: 'mem', namespace: 'AWS/ECS', metricName: 'MemoryUtilization', dimensions: {ClusterName: PROD}, stat: 'Maximum', periodSeconds: 300},
			{id: 'db', namespace: 'AWS/RDS', metricName: 'DatabaseConnections', dimensions: {DBInstanceIdentifier: 'acso-production-db'}, stat: 'Sum', periodSeconds: 60},
		],
		{start: now - 26 * 60 * MINUTE, end: now + 1},
	);
	const logs = await sim.logs.filterLogEvents({logGroup: PROD_LOGS, startTime: now - 5 * MINUTE});
	const alarms = await sim.alarms.describeAlarms();
	const history = await sim.alarms.describeAlarmHistory('ACSO-HighMemory');
	const databases = await sim.databases.describeDbInstances();
	return {services, tasks, metrics, logs, alarms, history, databases};
}

async function script(h: Harness): Promise<void> {
	await tick(h, 30_000, 1000);
	await h.sim.operator.updateService(PROD, SUPERVISOR, {forceNewDeployment: true});
	await tick(h, 2 * MINUTE, 7000);
	await h.sim.operator.updateService(PROD, 'acso-production-threat-hunter', {desiredCount: 5});
	await h.sim.operator.modifyDbInstance('acso-production-db', {instanceClass: 'db.t3.large', applyImmediately: true});
	await tick(h, 90_000, 3000);
}

describe('determinism', () => {
	it('the same seed and clock sequence give identical answers, including after operator calls', async () => {
		const a = makeSim(11);
		const b = makeSim(11);
		expect(await snapshot(b.sim, T0)).toEqual(await snapshot(a.sim, T0));
		await script(a);
		await script(b);
		expect(await snapshot(b.sim, b.clock.now())).toEqual(await snapshot(a.sim, a.clock.now()));
	});

	it('answers do not depend on how often the account was read on the way', async () => {
		const polled = makeSim(12);
		const jumped = makeSim(12);
		await tick(polled, 4 * MINUTE, 1000);
		jumped.clock.advance(4 * MINUTE);
		expect(await snapshot(jumped.sim, jumped.clock.now())).toEqual(await snapshot(polled.sim, polled.clock.now()));
	});

	it('another seed gives another account with the same shape', async () => {
		const a = await snapshot(makeSim(1).sim, T0);
		const b = await snapshot(makeSim(2).sim, T0);
		expect(b.services[0]!.map(s => s.name)).toEqual(a.services[0]!.map(s => s.name));
		expect(b.tasks[0]!.map(t => t.id)).not.toEqual(a.tasks[0]!.map(t => t.id));
		expect(b.logs.events.map(e => e.message)).not.toEqual(a.logs.events.map(e => e.message));
		expect(b.metrics[0]!.points).not.toEqual(a.metrics[0]!.points);
	});

	it('a start at another instant is a different but equally alive account', async () => {
		const night = makeSim(1, Date.UTC(2026, 10, 29, 3, 17, 42));
		const [hunter] = await night.sim.services.describeServices(STAGING, ['acso-staging-threat-hunter']);
		// The new revision runs nothing; the old one still serves (issue 15's rollouts to practise on).
		expect(hunter!.deployments[0]!.runningCount).toBe(0);
		expect((await night.sim.alarms.describeAlarms({names: ['ACSO-HighMemory']}))[0]!.state).toBe('ALARM');
	});
});
