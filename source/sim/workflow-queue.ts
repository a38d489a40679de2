// The supervisor's queue as a metric (ACSO/Agents QueuedWorkflows, per supervisor service), a
// minute at a time: zero while its concurrency limit (its Parameter Store setting) covers its load,
// the workflows waiting for a slot when it does not. A drifted limit moves it, as it would on AWS.
import {ENVIRONMENTS, serviceName} from './catalog.js';
import {addSample, metricKey, seriesFor} from './metric-store.js';
import type {World} from './model.js';
import {SUPERVISOR_DEMAND, supervisorLimit} from './parameters.js';

export const QUEUED_WORKFLOWS = {namespace: 'ACSO/Agents', metricName: 'QueuedWorkflows'} as const;

export function queuedWorkflowsKey(env: string): string {
	return metricKey(QUEUED_WORKFLOWS.namespace, QUEUED_WORKFLOWS.metricName, {ServiceName: serviceName(env, 'supervisor')});
}

export function recordQueuedWorkflows(world: World, minute: number): void {
	for (const env of ENVIRONMENTS) {
		if (!world.services.has(serviceName(env, 'supervisor'))) continue;
		const series = seriesFor(world.metrics, queuedWorkflowsKey(env));
		if (!series) continue;
		const limit = supervisorLimit(world.parameters, env) ?? SUPERVISOR_DEMAND;
		// About two workflows wait for each slot missing, at the usual load.
		addSample(series, minute, Math.max(0, SUPERVISOR_DEMAND - limit) * 2, 1);
	}
}
