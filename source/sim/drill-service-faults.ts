// The drill fault of a service deleted from its cluster (a teardown script run against the wrong
// environment): DeleteService as ECS does it, so the deploy pipeline's UpdateService answers
// ServiceNotFoundException. Fixed when the service is ACTIVE again with its tasks running.
import type {World} from './model.js';
import {MINUTE, SECOND} from './clock.js';
import {deleteService} from './service-lifecycle.js';
import {settleDeleted} from './services.js';
import {isAlive} from './tasks.js';

export type DeletedServiceFault = {kind: 'service-deleted'; service: string};

/** How long before the page the service was deleted: its tasks have drained, it is INACTIVE. */
const DELETED_AGO_MS = 4 * MINUTE;

export function injectDeletedService(world: World, fault: DeletedServiceFault): void {
	const service = world.services.get(fault.service);
	if (!service) throw new Error(`drill fault: no service ${fault.service} in the simulated account`);
	deleteService(world, service.cluster, service.name);
	// The drain is over by the time anyone looks: every task stopped by the scheduler half a minute after the delete.
	const at = world.time - DELETED_AGO_MS;
	service.deletedAt = at;
	for (const task of service.tasks.filter(isAlive)) {
		task.lastStatus = 'STOPPED';
		task.desiredStatus = 'STOPPED';
		task.stopCode = 'ServiceSchedulerInitiated';
		task.stoppedReason = `Scaling activity initiated by (deployment ${service.deployments[0]?.id ?? 'ecs-svc'})`;
		task.stoppingAt = at;
		task.stoppedAt = at + 30 * SECOND;
		task.nextAt = Number.POSITIVE_INFINITY;
		task.oomAt = undefined;
		task.crashAt = undefined;
	}
	settleDeleted(service, at + 30 * SECOND);
}

export function deletedServiceFixed(world: World, fault: DeletedServiceFault): boolean {
	// A service of that name, in the cluster it was deleted from, ACTIVE (not a copy under another name), serving.
	const service = world.services.get(fault.service);
	if (!service || service.status !== undefined || service.desiredCount <= 0) return false;
	const running = service.tasks.filter(task => task.lastStatus === 'RUNNING' && task.desiredStatus === 'RUNNING').length;
	return running >= service.desiredCount;
}
