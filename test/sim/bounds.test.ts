// The sim stays small however long it runs and however far the clock jumps.
import {setFlagsFromString} from 'node:v8';
import {runInNewContext} from 'node:vm';
import {describe, expect, it} from 'vitest';
import {inspectSim} from '../../source/sim/index.js';
import {MAX_EVENTS_PER_GROUP} from '../../source/sim/logs.js';
import {ecsSeries, latest, makeSim, MINUTE, PROD, PROD_LOGS, service, SUPERVISOR, T0, tick} from './sim-helpers.js';

const HOUR = 60 * MINUTE;

describe('bounds', () => {
	it('over four hours of sim time, stored events keep to the last three hours and every store stays capped', async () => {
		const h = makeSim(3);
		await tick(h, 4 * HOUR, MINUTE);
		const stats = inspectSim(h.sim);
		expect(stats.time).toBe(T0 + 4 * HOUR);
		expect(stats.storedLogEvents).toBeLessThanOrEqual(3 * MAX_EVENTS_PER_GROUP);
		expect(stats.storedLogEvents).toBeGreaterThan(10_000);
		expect(stats.tasks).toBeLessThan(150);
		expect(stats.metricSeries).toBeLessThan(60);
		expect(stats.serviceEvents).toBeLessThanOrEqual(10 * 100);
		const old = await h.sim.logs.filterLogEvents({logGroup: PROD_LOGS, startTime: 0, endTime: h.clock.now() - 3 * HOUR - MINUTE});
		expect(old.events).toEqual([]);
		// Stopped tasks are kept about an hour, as ECS does.
		const stopped = await h.sim.services.describeTasks(PROD, await h.sim.services.listTasks(PROD, {desiredStatus: 'STOPPED'}));
		for (const task of stopped) expect(task.stoppedAt!).toBeGreaterThan(h.clock.now() - HOUR - MINUTE);
		// The leak went on: supervisors were OOM-killed and replaced during those hours.
		expect((await service(h.sim, PROD, SUPERVISOR)).runningCount).toBe(2);
	});

	it('a clock jump of thirty days is crossed in bounded work and the account is still alive', async () => {
		const h = makeSim(3);
		h.clock.advance(30 * 24 * HOUR + 12_345);
		const s = await service(h.sim, PROD, 'acso-production-threat-hunter');
		expect(s.runningCount).toBe(3);
		const stats = inspectSim(h.sim);
		expect(stats.time).toBe(Math.floor(h.clock.now() / 1000) * 1000);
		// Only the last minutes are simulated second by second, with their log lines.
		const logs = await h.sim.logs.filterLogEvents({logGroup: PROD_LOGS, startTime: 0, limit: 1});
		expect(logs.events[0]!.timestamp).toBeGreaterThan(h.clock.now() - 11 * MINUTE);
		expect(await latest(h, 'CPUUtilization', 'acso-production-threat-hunter')).toBeGreaterThan(0);
		// The metric ring still holds a day of data.
		const [day] = await h.sim.metrics.getMetricData(
			[{id: 'm', namespace: 'AWS/ECS', metricName: 'CPUUtilization', dimensions: {ClusterName: PROD, ServiceName: 'acso-production-threat-hunter'}, stat: 'Average', periodSeconds: 3600}],
			{start: h.clock.now() - 24 * HOUR, end: h.clock.now()},
		);
		expect(day!.points.length).toBeGreaterThanOrEqual(23);
	});

	it('a clock that steps back leaves the account where it was, and it moves on once time catches up', async () => {
		const h = makeSim(3);
		await tick(h, 2 * MINUTE, 10_000);
		const before = inspectSim(h.sim);
		const window = {start: T0 - 3 * MINUTE, end: T0 + 3 * MINUTE};
		const cpu = await ecsSeries(h.sim, 'CPUUtilization', PROD, SUPERVISOR, window);
		h.clock.set(T0 - 10 * MINUTE);
		expect(await ecsSeries(h.sim, 'CPUUtilization', PROD, SUPERVISOR, window)).toEqual(cpu);
		expect(inspectSim(h.sim).time).toBe(before.time);
		h.clock.set(T0 + 3 * MINUTE);
		expect(inspectSim(h.sim).time).toBe(before.time); // inspecting does not advance
		await h.sim.clusters.listClusters();
		expect(inspectSim(h.sim).time).toBe(T0 + 3 * MINUTE);
	});

	it('the whole account stays well under 30 MB of heap, even after hours of running', async () => {
		setFlagsFromString('--expose-gc');
		const gc = runInNewContext('gc') as () => void;
		gc();
		const before = process.memoryUsage().heapUsed;
		const h = makeSim(5);
		await tick(h, 3 * HOUR, MINUTE);
		gc();
		const used = process.memoryUsage().heapUsed - before;
		expect(inspectSim(h.sim).storedLogEvents).toBeGreaterThan(10_000); // still alive, still referenced
		expect(used).toBeLessThan(20 * 1024 * 1024);
	});
});
