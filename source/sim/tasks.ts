// One task's life: PROVISIONING -> PENDING (image pull) -> RUNNING -> DEACTIVATING -> STOPPING ->
// STOPPED, or straight to STOPPED when the image cannot be pulled or the kernel kills it for memory.
// Transitions carry their own timestamps (not the step's), so a coarse catch-up step and sixty
// one-second steps produce the same timeline.

import {SECOND} from './clock.js';
import {newTaskId, taskArn} from './ids.js';
import type {SimDeployment, SimService, SimTask, World} from './model.js';
import {hashRange} from './random.js';
import {imagePullable, mainContainer, findTaskDefinition, taskCpuUnits, taskMemoryMiB} from './task-definitions.js';
import {oomAfterMs, type TaskLoad} from './workload.js';
import {roleFailure} from './roles.js';

export type Happening = {kind: 'started' | 'failed' | 'oom' | 'draining' | 'stopped'; task: SimTask; at: number};

export const OOM_REASON = 'OutOfMemoryError: Container killed due to memory usage';

export function pullErrorFor(image: string): string {
	return `CannotPullContainerError: pull image manifest has been retried 5 time(s): failed to resolve ref ${image}: ${image}: not found`;
}

export function taskLoad(task: SimTask): TaskLoad {
	return {
		id: task.id,
		startedAt: task.startedAt ?? task.createdAt,
		baseMiB: task.baseMiB,
		leakMiBPerMin: task.leakMiBPerMin,
		memoryMiB: task.memoryMiB,
		cpuUnits: task.cpuUnits,
		...(task.leakFrom === undefined ? {} : {leakFrom: task.leakFrom}),
	};
}

/** Workload facts of a task, a pure function of its id and image (so backfill can predict them). */
export function workloadFor(seed: number, id: string, image: string, baseMiB: number, leaking: ReadonlyMap<string, number>): {baseMiB: number; leakMiBPerMin: number} {
	const leak = leaking.get(image) ?? 0;
	return {
		baseMiB: baseMiB * hashRange(0.96, 1.04, seed, 'base', id),
		leakMiBPerMin: leak * hashRange(0.92, 1.08, seed, 'leak', id),
	};
}

/** Creates a task for a deployment at time `at` (PROVISIONING). */
export function launchTask(world: World, service: SimService, deployment: SimDeployment, at: number, id = newTaskId(world.rng)): SimTask {
	const definition = findTaskDefinition(world, deployment.taskDefinition);
	const container = mainContainer(definition);
	const load = workloadFor(world.seed, id, container.image, service.profile.baseMiB, world.leakingImages);
	const task: SimTask = {
		id,
		arn: taskArn(service.cluster, id),
		env: service.env,
		cluster: service.cluster,
		service: service.name,
		deploymentId: deployment.id,
		taskDefinition: `${definition.family}:${definition.revision}`,
		cpu: String(taskCpuUnits(definition)),
		memory: String(taskMemoryMiB(definition)),
		container: container.name,
		image: container.image,
		lastStatus: 'PROVISIONING',
		desiredStatus: 'RUNNING',
		healthStatus: 'UNKNOWN',
		createdAt: at,
		nextAt: at + Math.round(world.rng.range(2, 5) * SECOND),
		pullFails: !imagePullable(world, container.image),
		roleFails: roleFailure(world, definition),
		baseMiB: load.baseMiB,
		leakMiBPerMin: load.leakMiBPerMin,
		memoryMiB: taskMemoryMiB(definition),
		cpuUnits: taskCpuUnits(definition),
		logStream: `${service.profile.short}/${container.name}/${id}`,
	};
	service.tasks.push(task);
	world.tasksById.set(id, task);
	return task;
}

function runningNextAt(task: SimTask): number {
	let next = Number.POSITIVE_INFINITY;
	if (task.healthStatus === 'UNKNOWN' && task.healthyAt !== undefined) next = Math.min(next, task.healthyAt);
	if (task.oomAt !== undefined) next = Math.min(next, task.oomAt);
	if (task.crashAt !== undefined) next = Math.min(next, task.crashAt);
	return next;
}

function stop(task: SimTask, at: number): void {
	task.lastStatus = 'STOPPED';
	task.stoppedAt = at;
	task.nextAt = Number.POSITIVE_INFINITY;
	task.desiredStatus = 'STOPPED';
}

/** Applies every transition due up to `until`, in order, and reports what happened. */
export function advanceTask(world: World, task: SimTask, until: number, out: Happening[]): void {
	while (task.nextAt <= until) {
		const at = task.nextAt;
		switch (task.lastStatus) {
			case 'PROVISIONING':
				if (task.desiredStatus === 'STOPPED') {
					stop(task, at);
					out.push({kind: 'stopped', task, at});
					break;
				}
				if (task.roleFails) {
					// ECS assumes the execution role before it pulls anything: the task never gets further.
					stop(task, at);
					task.stopCode = 'TaskFailedToStart';
					task.stoppedReason = task.roleFails;
					out.push({kind: 'failed', task, at});
					break;
				}
				task.lastStatus = 'PENDING';
				task.pullStartedAt = at;
				// A missing image is retried five times before ECS gives up on the task.
				task.nextAt = at + Math.round((task.pullFails ? world.rng.range(45, 80) : world.rng.range(8, 18)) * SECOND);
				break;
			case 'PENDING':
				if (task.desiredStatus === 'STOPPED') {
					stop(task, at);
					out.push({kind: 'stopped', task, at});
					break;
				}
				if (task.pullFails) {
					const reason = pullErrorFor(task.image);
					stop(task, at);
					task.stopCode = 'TaskFailedToStart';
					task.stoppedReason = reason;
					task.containerReason = reason;
					out.push({kind: 'failed', task, at});
					break;
				}
				task.lastStatus = 'RUNNING';
				task.startedAt = at;
				task.healthyAt = at + Math.round(world.rng.range(10, 20) * SECOND);
				{
					const oom = oomAfterMs(taskLoad(task));
					task.oomAt = oom === undefined ? undefined : at + Math.max(SECOND, oom);
				}
				{
					const crash = world.crashingTaskDefinitions.get(task.taskDefinition);
					if (crash) task.crashAt = at + crash.afterMs;
				}
				task.nextAt = runningNextAt(task);
				out.push({kind: 'started', task, at});
				break;
			case 'RUNNING':
				if (task.crashAt !== undefined && task.crashAt <= at) {
					stop(task, at);
					task.stopCode = 'EssentialContainerExited';
					task.stoppedReason = 'Essential container in task exited';
					task.exitCode = 1;
					task.healthStatus = 'UNHEALTHY';
					out.push({kind: 'failed', task, at});
					break;
				}
				if (task.oomAt !== undefined && task.oomAt <= at) {
					stop(task, at);
					task.stopCode = 'EssentialContainerExited';
					task.stoppedReason = OOM_REASON;
					task.containerReason = OOM_REASON;
					task.exitCode = 137;
					task.healthStatus = 'UNHEALTHY';
					out.push({kind: 'oom', task, at});
					break;
				}
				if (task.healthyAt !== undefined && task.healthyAt <= at) task.healthStatus = 'HEALTHY';
				task.nextAt = runningNextAt(task);
				break;
			case 'DEACTIVATING':
				task.lastStatus = 'STOPPING';
				task.nextAt = at + Math.round(world.rng.range(1, 3) * SECOND);
				out.push({kind: 'draining', task, at});
				break;
			case 'STOPPING':
				stop(task, at);
				task.exitCode = 0;
				out.push({kind: 'stopped', task, at});
				break;
			case 'STOPPED':
				task.nextAt = Number.POSITIVE_INFINITY;
				break;
		}
	}
}

/**
 * Asks a task to stop. The scheduler drains it from the load balancer first (about half a minute);
 * a user's StopTask is quicker. A task that never started simply stops.
 */
export function requestStop(world: World, task: SimTask, at: number, kind: 'scheduler' | 'user', stopCode: string, reason: string): void {
	if (task.lastStatus === 'STOPPED' || task.desiredStatus === 'STOPPED') return;
	task.desiredStatus = 'STOPPED';
	task.stopKind = kind;
	task.stopCode = stopCode;
	task.stoppedReason = reason;
	task.stoppingAt = at;
	if (task.lastStatus === 'RUNNING') {
		task.lastStatus = 'DEACTIVATING';
		task.oomAt = undefined;
		task.crashAt = undefined;
		task.nextAt = at + Math.round((kind === 'scheduler' ? world.rng.range(20, 32) : world.rng.range(2, 5)) * SECOND);
	} else {
		task.nextAt = Math.min(task.nextAt, at + Math.round(world.rng.range(1, 2) * SECOND));
	}
}

export function isAlive(task: SimTask): boolean {
	return task.lastStatus !== 'STOPPED';
}
