import type {Deployment, Service} from '../port/types.js';

export function primaryDeployment(service: Service): Deployment | undefined {
	return service.deployments.find(d => d.status === 'PRIMARY') ?? service.deployments[0];
}

/** What the rollout column says: the primary deployment's state, or that two are running. */
export function rolloutOf(service: Service): string {
	const primary = primaryDeployment(service);
	if (!primary) return '—';
	if (service.deployments.length > 1 && primary.rolloutState === 'COMPLETED') return 'DRAINING';
	return primary.rolloutState;
}

export type ServiceHealth = 'ok' | 'warn' | 'bad';

/** A service needs a look when it runs fewer tasks than desired, has pending tasks, or a failed rollout. */
export function healthOf(service: Service): ServiceHealth {
	const primary = primaryDeployment(service);
	if (primary?.rolloutState === 'FAILED' || (service.desiredCount > 0 && service.runningCount === 0)) return 'bad';
	if (service.runningCount < service.desiredCount || service.pendingCount > 0 || primary?.rolloutState === 'IN_PROGRESS') return 'warn';
	return 'ok';
}

export function sortServices(services: readonly Service[]): Service[] {
	return [...services].sort((a, b) => a.name.localeCompare(b.name));
}
