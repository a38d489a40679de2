// The account as the on-call engineer finds it: production's supervisor leaking memory with
// ACSO-HighMemory in ALARM, staging's threat-hunter unable to pull its image.
import {describe, expect, it} from 'vitest';
import {alarmState, ecsSeries, latest, makeSim, MINUTE, PROD, PROD_LOGS, service, STAGING, SUPERVISOR, T0} from './sim-helpers.js';

describe('incidents live at start', () => {
	it.each([1, 2, 3, 7, 42, 1234])('seed %i: the production supervisor memory is above 85 percent, climbing, and ACSO-HighMemory is in ALARM', async seed => {
		const h = makeSim(seed);
		const points = await ecsSeries(h.sim, 'MemoryUtilization', PROD, SUPERVISOR, {start: T0 - 10 * MINUTE, end: T0 + 1});
		const last = points[points.length - 1]!.v;
		expect(last).toBeGreaterThan(85);
		expect(last).toBeLessThan(99);
		// Climbing: ten minutes ago it was clearly lower.
		expect(points[0]!.v).toBeLessThan(last - 2);
		const alarm = await alarmState(h.sim, 'ACSO-HighMemory');
		expect(alarm.state).toBe('ALARM');
		expect(alarm.stateReason).toMatch(/^Threshold Crossed: 3 datapoints \[\d+(\.\d)? \(28\/11\/26 11:5\d:00\), .*\] were greater than the threshold \(85\.0\)\.$/);
	});

	it('is live whenever the demo starts: ACSO-HighMemory is in ALARM at 60 start times across a day', async () => {
		const states = await Promise.all(
			Array.from({length: 60}, async (_, i) => (await alarmState(makeSim(42, T0 + i * 23 * MINUTE + i * 7919).sim, 'ACSO-HighMemory')).state),
		);
		expect(states.filter(s => s !== 'ALARM')).toEqual([]);
	}, 90_000); // sixty simulated accounts, each with its day of history: CPU-bound, slow on a loaded machine

	it('keeps climbing about a percent a minute over the next minutes', async () => {
		const h = makeSim(1);
		const before = await latest(h, 'MemoryUtilization');
		h.clock.advance(5 * MINUTE);
		const after = await latest(h, 'MemoryUtilization');
		expect(after - before).toBeGreaterThan(1);
		expect(after - before).toBeLessThan(8);
	});

	it('has supervisor tasks stopped by the OOM killer within the last hour, and heap warnings in the logs', async () => {
		const h = makeSim(1);
		const ids = await h.sim.services.listTasks(PROD, {service: SUPERVISOR, desiredStatus: 'STOPPED'});
		const stopped = await h.sim.services.describeTasks(PROD, ids);
		const oom = stopped.filter(task => task.stoppedReason === 'OutOfMemoryError: Container killed due to memory usage');
		expect(oom.length).toBeGreaterThan(0);
		for (const task of oom) {
			expect(task.lastStatus).toBe('STOPPED');
			expect(task.stopCode).toBe('EssentialContainerExited');
			expect(task.containers[0]!.exitCode).toBe(137);
			expect(task.stoppedAt!).toBeGreaterThan(T0 - 60 * MINUTE);
		}
		const heap = await h.sim.logs.filterLogEvents({logGroup: PROD_LOGS, startTime: T0 - 10 * MINUTE, pattern: 'heap'});
		expect(heap.events.length).toBeGreaterThan(0);
		expect(heap.events.every(event => event.message.includes('[supervisor]'))).toBe(true);
		const fatal = await h.sim.logs.filterLogEvents({logGroup: PROD_LOGS, startTime: T0 - 62 * MINUTE, pattern: 'OutOfMemoryError'});
		expect(fatal.events.some(event => event.message.includes('FATAL [supervisor]'))).toBe(true);
	});

	it('staging threat-hunter cannot pull its image: the new revision runs no task, failed tasks, events saying so', async () => {
		const h = makeSim(1);
		const hunter = await service(h.sim, STAGING, 'acso-staging-threat-hunter');
		// The old revision still serves while the new one fails (issue 15's rollout to practise on).
		expect(hunter.runningCount).toBe(2);
		expect(hunter.desiredCount).toBe(2);
		const primary = hunter.deployments.find(d => d.status === 'PRIMARY')!;
		expect(primary.runningCount).toBe(0);
		expect(primary.rolloutState).toBe('IN_PROGRESS');
		expect(primary.failedTasks).toBeGreaterThan(5);
		expect(hunter.events.some(event => event.message.includes('is unable to consistently start tasks successfully'))).toBe(true);
		const stopped = await h.sim.services.describeTasks(STAGING, await h.sim.services.listTasks(STAGING, {service: hunter.name, desiredStatus: 'STOPPED'}));
		const pullFailures = stopped.filter(task => task.stoppedReason?.startsWith('CannotPullContainerError:'));
		expect(pullFailures.length).toBeGreaterThan(5);
		expect(pullFailures[0]!.stopCode).toBe('TaskFailedToStart');
		expect(pullFailures[0]!.stoppedReason).toContain('acso-threat-hunter:v2.5.0-rc1');
		// Within the next few minutes ECS keeps trying: pending tasks appear.
		let sawPending = false;
		for (let second = 0; second < 240 && !sawPending; second += 5) {
			h.clock.advance(5000);
			sawPending = (await service(h.sim, STAGING, hunter.name)).pendingCount > 0;
		}
		expect(sawPending).toBe(true);
	});

	it('every other service is steady at its desired count', async () => {
		const h = makeSim(3);
		for (const cluster of [PROD, STAGING]) {
			const services = await h.sim.services.describeServices(cluster, await h.sim.services.listServices(cluster));
			expect(services.length).toBe(5);
			for (const s of services) {
				// Staging's two rollouts to practise on (test/sim/rollouts.test.ts).
				if (s.name === 'acso-staging-threat-hunter' || s.name === 'acso-staging-incident-response') continue;
				expect(s.runningCount, s.name).toBe(s.desiredCount);
				expect(s.deployments, s.name).toHaveLength(1);
				expect(s.deployments[0]!.rolloutState).toBe('COMPLETED');
			}
		}
	});

	it('production database connections are high-ish and connection pool errors appear in the logs', async () => {
		const h = makeSim(1);
		const [connections] = await h.sim.metrics.getMetricData(
			[{id: 'c', namespace: 'AWS/RDS', metricName: 'DatabaseConnections', dimensions: {DBInstanceIdentifier: 'acso-production-db'}, stat: 'Average', periodSeconds: 300}],
			{start: T0 - 60 * MINUTE, end: T0},
		);
		expect(connections!.points.length).toBeGreaterThanOrEqual(11);
		for (const point of connections!.points) {
			expect(point.v).toBeGreaterThan(150);
			expect(point.v).toBeLessThan(300);
		}
		const pool = await h.sim.logs.filterLogEvents({logGroup: PROD_LOGS, startTime: T0 - 60 * MINUTE, pattern: '"connection pool exhausted"', limit: 500});
		expect(pool.events.length).toBeGreaterThan(3);
		expect(pool.events.every(event => event.message.includes('ERROR'))).toBe(true);
	});

	it('databases: production Multi-AZ, staging single-AZ, both PostgreSQL on db.t3.medium', async () => {
		const h = makeSim(1);
		const databases = await h.sim.databases.describeDbInstances();
		const prod = databases.find(db => db.id === 'acso-production-db')!;
		const staging = databases.find(db => db.id === 'acso-staging-db')!;
		expect(prod).toMatchObject({engine: 'postgres', instanceClass: 'db.t3.medium', multiAz: true, status: 'available'});
		expect(prod.endpoint?.port).toBe(5432);
		expect(prod.endpoint?.address).toMatch(/^acso-production-db\..+\.rds\.amazonaws\.com$/);
		expect(staging).toMatchObject({engine: 'postgres', multiAz: false});
	});

	it('has 24 hours of metric history at start, with the leak as a sawtooth of OOM kills', async () => {
		const h = makeSim(1);
		const day = await ecsSeries(h.sim, 'MemoryUtilization', PROD, SUPERVISOR, {start: T0 - 24 * 60 * MINUTE, end: T0}, 'Average', 3600);
		expect(day.length).toBe(24);
		const minutes = await ecsSeries(h.sim, 'MemoryUtilization', PROD, SUPERVISOR, {start: T0 - 24 * 60 * MINUTE, end: T0}, 'Maximum', 60);
		expect(minutes.length).toBeGreaterThanOrEqual(24 * 60 - 5);
		// OOM kills: the per-minute maximum reaches the high nineties many times, the minimum dips to
		// a fresh task's level.
		const peaks = minutes.filter(point => point.v > 95).length;
		expect(peaks).toBeGreaterThan(60);
		const lows = await ecsSeries(h.sim, 'MemoryUtilization', PROD, SUPERVISOR, {start: T0 - 24 * 60 * MINUTE, end: T0}, 'Minimum', 60);
		expect(lows.some(point => point.v < 50)).toBe(true);
		// Other services are flat around their working set.
		const hunter = await ecsSeries(h.sim, 'MemoryUtilization', PROD, 'acso-production-threat-hunter', {start: T0 - 24 * 60 * MINUTE, end: T0}, 'Average', 3600);
		expect(hunter.length).toBe(24);
		for (const point of hunter) {
			expect(point.v).toBeGreaterThan(40);
			expect(point.v).toBeLessThan(55);
		}
	});
});
