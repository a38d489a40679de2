// The ECS service scheduler: keeps each service's primary deployment at its desired count, rolls
// old deployments out within the service's minimum-healthy / maximum percent, slows launches after
// repeated start failures, and writes the service events ECS writes.

import type {ServiceEvent} from '../port/types.js';
import {deploymentConfigFor} from './catalog.js';
import {HOUR, MINUTE, SECOND} from './clock.js';
import {newDeploymentId} from './ids.js';
import type {SimDeployment, SimService, SimTask, World} from './model.js';
import {isAlive, launchTask, requestStop, type Happening} from './tasks.js';

const MAX_EVENTS = 100;
/** Stopped tasks stay describable for about an hour, as on ECS. */
export const STOPPED_TASK_TTL = HOUR;
const MAX_STOPPED_PER_SERVICE = 60;
const STEADY_REMINDER = 6 * HOUR;

export function addEvent(world: World, service: SimService, at: number, message: string): void {
	const event: ServiceEvent = {id: `${world.rng.hex(8)}-${world.rng.hex(4)}-${world.rng.hex(4)}-${world.rng.hex(4)}-${world.rng.hex(12)}`, createdAt: at, message};
	// Newest first; an event stamped earlier than the newest (a transition inside a coarse step) is
	// placed where it belongs.
	let index = 0;
	while (index < service.events.length && service.events[index]!.createdAt > at) index++;
	service.events.splice(index, 0, event);
	if (service.events.length > MAX_EVENTS) service.events.length = MAX_EVENTS;
}

const taskList = (tasks: SimTask[]) => tasks.map(task => `(task ${task.id})`).join(' ');

export function createDeployment(world: World, service: SimService, taskDefinition: string, at: number): SimDeployment {
	const id = newDeploymentId(world.rng);
	return {
		id,
		status: 'PRIMARY',
		rolloutState: 'IN_PROGRESS',
		rolloutStateReason: `ECS deployment ${id} in progress.`,
		taskDefinition,
		desiredCount: service.desiredCount,
		failedTasks: 0,
		createdAt: at,
		updatedAt: at,
		consecutiveFailures: 0,
		nextLaunchAt: at,
		lastUnableEventAt: Number.NEGATIVE_INFINITY,
		bakeUntil: at + (deploymentConfigFor(service.env, service.profile.short).bakeMs ?? 0),
	};
}

/**
 * Makes a new deployment primary; the previous ones become ACTIVE and are drained by the scheduler.
 * `returning`: going back to a revision an old deployment still runs (a rollback): its running
 * tasks are kept for the new deployment rather than replaced, and nothing waits for a bake.
 */
export function startDeployment(world: World, service: SimService, taskDefinition: string, at: number, returning = false): SimDeployment {
	for (const old of service.deployments) {
		old.status = 'ACTIVE';
		old.updatedAt = at;
	}
	const deployment = createDeployment(world, service, taskDefinition, at);
	if (returning) {
		deployment.bakeUntil = at;
		for (const task of service.tasks) {
			if (task.taskDefinition === taskDefinition && task.lastStatus === 'RUNNING' && task.desiredStatus === 'RUNNING') task.deploymentId = deployment.id;
		}
	}
	service.deployments.unshift(deployment);
	service.steady = false;
	service.dirty = true;
	return deployment;
}

/** What the scheduler learns from task transitions: failures slow launches, starts reset that. */
export function noteHappening(world: World, service: SimService, happening: Happening): void {
	service.dirty = true;
	const primary = service.deployments[0];
	if (!primary || happening.task.deploymentId !== primary.id) return;
	if (happening.kind === 'started') {
		primary.consecutiveFailures = 0;
		return;
	}
	if (happening.kind !== 'failed') return;
	primary.failedTasks++;
	primary.consecutiveFailures++;
	primary.updatedAt = happening.at;
	// ECS throttles a service whose tasks keep failing to start; the sim caps the wait at 90 s so
	// the dashboard keeps showing fresh attempts.
	const wait = Math.min(90, 10 * 2 ** Math.min(6, primary.consecutiveFailures - 1)) * SECOND;
	primary.nextLaunchAt = Math.max(primary.nextLaunchAt, happening.at + wait);
	if (primary.consecutiveFailures >= 3 && happening.at - primary.lastUnableEventAt >= 10 * MINUTE) {
		primary.lastUnableEventAt = happening.at;
		addEvent(
			world,
			service,
			happening.at,
			`(service ${service.name}) is unable to consistently start tasks successfully. For more information, see the Troubleshooting section of the Amazon ECS Developer Guide.`,
		);
	}
}

function pickToStop(tasks: SimTask[], count: number): SimTask[] {
	// Tasks that never started go first, then the newest (ECS also balances zones; one zone here).
	const order = [...tasks].sort((a, b) => Number(a.lastStatus === 'RUNNING') - Number(b.lastStatus === 'RUNNING') || b.createdAt - a.createdAt);
	return order.slice(0, Math.max(0, count));
}

/**
 * One pass of the service scheduler at time `at`. A steady service nothing happened to is skipped:
 * most seconds, most services have nothing to do.
 */
export function reconcileService(world: World, service: SimService, at: number): void {
	const primary = service.deployments[0];
	if (!primary || service.status === 'INACTIVE') return;
	if (!service.dirty && service.steady) {
		if (at - service.lastSteadyEventAt >= STEADY_REMINDER) {
			addEvent(world, service, at, `(service ${service.name}) has reached a steady state.`);
			service.lastSteadyEventAt = at;
		}
		return;
	}
	service.dirty = false;
	const desired = service.desiredCount;
	primary.desiredCount = desired;
	const config = world.deploymentOverrides.get(service.name) ?? deploymentConfigFor(service.env, service.profile.short);
	const minHealthy = Math.ceil((desired * config.minimumHealthyPercent) / 100);
	const maxTotal = Math.max(desired, Math.floor((desired * config.maximumPercent) / 100));

	let wanted = service.tasks.filter(task => isAlive(task) && task.desiredStatus === 'RUNNING');
	const fresh = wanted.filter(task => task.deploymentId === primary.id);
	const old = wanted.filter(task => task.deploymentId !== primary.id);
	const stopped: SimTask[] = [];

	// Scale in: the primary has more tasks than wanted.
	if (fresh.length > desired) {
		for (const task of pickToStop(fresh, fresh.length - desired)) {
			requestStop(world, task, at, 'scheduler', 'ServiceSchedulerInitiated', `Scaling activity initiated by (deployment ${primary.id})`);
			stopped.push(task);
		}
	}
	// Roll out: old deployments' tasks that never started go at once; running ones only while
	// enough tasks stay running to honour the minimum healthy percent.
	const runningWanted = () => service.tasks.filter(task => task.lastStatus === 'RUNNING' && task.desiredStatus === 'RUNNING').length;
	for (const task of old.filter(candidate => candidate.lastStatus !== 'RUNNING')) {
		requestStop(world, task, at, 'scheduler', 'ServiceSchedulerInitiated', `Scaling activity initiated by (deployment ${primary.id})`);
		stopped.push(task);
	}
	const oldRunning = old.filter(task => task.lastStatus === 'RUNNING').sort((a, b) => a.createdAt - b.createdAt);
	// While the new deployment bakes, the old tasks keep serving beside it.
	let canStop = at < primary.bakeUntil ? 0 : runningWanted() - minHealthy;
	for (const task of oldRunning) {
		if (canStop <= 0) break;
		requestStop(world, task, at, 'scheduler', 'ServiceSchedulerInitiated', `Scaling activity initiated by (deployment ${primary.id})`);
		stopped.push(task);
		canStop--;
	}
	const stoppedRunning = stopped.filter(task => task.lastStatus === 'DEACTIVATING');
	if (stoppedRunning.length > 0) addEvent(world, service, at, `(service ${service.name}) has stopped ${stoppedRunning.length} running tasks: ${taskList(stoppedRunning)}.`);

	// Launch for the primary, within the maximum percent and the failure back-off.
	wanted = service.tasks.filter(task => isAlive(task) && task.desiredStatus === 'RUNNING' && task.deploymentId === primary.id);
	const alive = service.tasks.filter(isAlive).length;
	const launch = Math.min(desired - wanted.length, maxTotal - alive);
	if (launch > 0 && at >= primary.nextLaunchAt) {
		const started: SimTask[] = [];
		for (let i = 0; i < launch; i++) started.push(launchTask(world, service, primary, at));
		addEvent(world, service, at, `(service ${service.name}) has started ${started.length} tasks: ${taskList(started)}.`);
	}

	updateRollout(world, service, at);
	if (service.status === 'DRAINING') settleDeleted(service, at);
}

function updateRollout(world: World, service: SimService, at: number): void {
	const primary = service.deployments[0]!;
	// Drained deployments disappear from the service, as ECS drops INACTIVE ones.
	service.deployments = service.deployments.filter(
		deployment => deployment === primary || service.tasks.some(task => task.deploymentId === deployment.id && isAlive(task)),
	);
	for (const deployment of service.deployments.slice(1)) {
		deployment.desiredCount = service.tasks.filter(task => task.deploymentId === deployment.id && isAlive(task) && task.desiredStatus === 'RUNNING').length;
	}
	const primaryTasks = service.tasks.filter(task => task.deploymentId === primary.id && isAlive(task));
	const running = primaryTasks.filter(task => task.lastStatus === 'RUNNING' && task.desiredStatus === 'RUNNING').length;
	const steady = service.deployments.length === 1 && running === service.desiredCount && primaryTasks.length === running;
	if (steady && primary.rolloutState === 'IN_PROGRESS') {
		primary.rolloutState = 'COMPLETED';
		primary.rolloutStateReason = `ECS deployment ${primary.id} completed.`;
		primary.updatedAt = at;
		addEvent(world, service, at, `(service ${service.name}) (deployment ${primary.id}) deployment completed.`);
	}
	if (steady && (!service.steady || at - service.lastSteadyEventAt >= STEADY_REMINDER)) {
		addEvent(world, service, at, `(service ${service.name}) has reached a steady state.`);
		service.lastSteadyEventAt = at;
	}
	service.steady = steady;
}

/** Forgets stopped tasks older than ECS keeps them (and the oldest beyond a cap). */
export function forgetOldTasks(world: World, service: SimService, now: number): void {
	const stopped = service.tasks.filter(task => task.lastStatus === 'STOPPED');
	const excess = stopped.length - MAX_STOPPED_PER_SERVICE;
	const drop = new Set<SimTask>();
	stopped.forEach((task, index) => {
		if (index < excess || (task.stoppedAt ?? now) < now - STOPPED_TASK_TTL) drop.add(task);
	});
	if (drop.size === 0) return;
	service.tasks = service.tasks.filter(task => !drop.has(task));
	for (const task of drop) world.tasksById.delete(task.id);
}

/** A draining service whose tasks are all gone becomes INACTIVE (called as the scheduler passes). */
export function settleDeleted(service: SimService, at: number): void {
	if (service.status === 'DRAINING' && !service.tasks.some(isAlive)) {
		service.status = 'INACTIVE';
		service.steady = true;
		// ECS stamps the deployment as it scales it to 0: the time an INACTIVE service last changed.
		for (const deployment of service.deployments) deployment.updatedAt = at;
	}
}
