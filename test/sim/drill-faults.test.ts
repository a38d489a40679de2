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
