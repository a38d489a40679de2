// Shared set-up for the simulated-account tests: a manual clock at a fixed instant, and small
// readers for the series and states the tests look at.
import type {MetricStat} from '../../source/port/types.js';
import {createManualClock, createSimCloud, type ManualClock, type SimCloud} from '../../source/sim/index.js';
import {cloudErrorOf} from '../helpers/cloud-error.js';

export const T0 = Date.UTC(2026, 10, 28, 12, 0, 0);
export const MINUTE = 60_000;
export const PROD = 'acso-production-cluster';
export const STAGING = 'acso-staging-cluster';
export const SUPERVISOR = 'acso-production-supervisor';
export const PROD_LOGS = '/aws/acso/production/agents';

export type Harness = {sim: SimCloud; clock: ManualClock; write: {enabled: boolean}};

export function makeSim(seed = 1, start = T0): Harness {
	const clock = createManualClock(start);
	const write = {enabled: true};
	const sim = createSimCloud({seed, clock, isWriteEnabled: () => write.enabled});
	return {sim, clock, write};
}

export async function ecsSeries(sim: SimCloud, metricName: string, cluster: string, service: string, range: {start: number; end: number}, stat: MetricStat = 'Average', periodSeconds = 60) {
	const [series] = await sim.metrics.getMetricData(
		[{id: 'q', namespace: 'AWS/ECS', metricName, dimensions: {ClusterName: cluster, ServiceName: service}, stat, periodSeconds}],
		range,
	);
	return series!.points;
}

/** The newest one-minute average of a service's metric. */
export async function latest(h: Harness, metricName: string, service = SUPERVISOR, cluster = PROD): Promise<number> {
	const points = await ecsSeries(h.sim, metricName, cluster, service, {start: h.clock.now() - 3 * MINUTE, end: h.clock.now() + 1});
	const last = points[points.length - 1];
	if (!last) throw new Error(`no ${metricName} data for ${service}`);
	return last.v;
}

export async function alarmState(sim: SimCloud, name: string) {
	const [alarm] = await sim.alarms.describeAlarms({names: [name]});
	if (!alarm) throw new Error(`no alarm ${name}`);
	return alarm;
}

export async function service(sim: SimCloud, cluster: string, name: string) {
	const [found] = await sim.services.describeServices(cluster, [name]);
	if (!found) throw new Error(`no service ${name}`);
	return found;
}

/** Moves the clock in steps, reading something each time, as a polling dashboard would. */
export async function tick(h: Harness, totalMs: number, stepMs = 1000): Promise<void> {
	for (let moved = 0; moved < totalMs; moved += stepMs) {
		h.clock.advance(Math.min(stepMs, totalMs - moved));
		await h.sim.clusters.listClusters();
	}
}


/** The CloudError a call fails with (test/helpers/cloud-error.ts). */
export const failure = cloudErrorOf;
