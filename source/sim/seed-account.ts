// Builds the account as the on-call engineer finds it: both environments running, 24 hours of
// metric history, the last hour simulated in full (so the stopped tasks, events, logs and alarm
// history around the incidents are the sim's own), and the incidents live:
//  - production: the supervisor image v2.4.1 leaks memory; its tasks sit above 85% and climb,
//    ACSO-HighMemory is in ALARM, and tasks were OOM-killed within the hour;
//  - staging: threat-hunter was deployed with an image tag never pushed to ECR; its tasks fail
//    with CannotPullContainerError and the deployment is stuck, while the old revision still serves;
//  - staging: incident-response is rolling out v2.5.0, whose tasks run beside the old ones but log
//    errors several times as often.

import {seedSecurityGroups} from './security-groups.js';
import {
	clusterName,
	ENVIRONMENTS,
	LEAKING_IMAGES,
	REGRESSED_IMAGES,
	SERVICE_PROFILES,
	serviceName,
	type EnvName,
	type ServiceProfile,
} from './catalog.js';
import {DAY, floorTo, HOUR, MINUTE, SECOND} from './clock.js';
import {seedAlarms} from './alarm-seeds.js';
import {backfillHistory, chainEvents, currentAsPast, predecessors, type PastTask} from './backfill.js';
import {seedDatabases} from './database.js';
import {logAlarmChanges, step} from './engine.js';
import {clusterArn, newTaskId, serviceArn} from './ids.js';
import {LOG_WINDOW, seedLogGroups} from './logs.js';
import {createMetricStore} from './metric-store.js';
import {attachSeries} from './metrics.js';
import type {SimCluster, SimService, SimTask, World} from './model.js';
import {createRng, hashRange} from './random.js';
import {seedRoles} from './roles.js';
import {addEvent, createDeployment, startDeployment} from './services.js';
import {findTaskDefinition, mainContainer, seedTaskDefinitions} from './task-definitions.js';
import {launchTask, workloadFor} from './tasks.js';
import {oomAfterMs} from './workload.js';
import {seedParameters} from './parameters.js';

/** The stretch before "now" simulated step by step at start. */
const WARMUP = 62 * MINUTE;
const WARMUP_STEP = 10 * SECOND;
/** Metric history before the warm-up: a full day before "now", and a margin for alarm periods. */
const HISTORY = 24 * HOUR + 15 * MINUTE;

/** Staging's services rolled out during the warm-up, and how long before "now" each rollout started. */
const STAGING_ROLLOUTS: ReadonlyMap<string, number> = new Map([
	['threat-hunter', 35 * MINUTE],
	['incident-response', 8 * MINUTE],
]);

function currentRevision(env: EnvName, profile: ServiceProfile): number {
	const latest = profile.tags[env].length;
	// A staging service rolled out in the warm-up runs the previous revision until then.
	return env === 'staging' && STAGING_ROLLOUTS.has(profile.short) ? latest - 1 : latest;
}

/** A task that has been running since `startedAt`, created without replaying its start-up. */
function runningTask(world: World, service: SimService, startedAt: number, id: string): SimTask {
	const task = launchTask(world, service, service.deployments[0]!, startedAt - 20 * SECOND, id);
	task.lastStatus = 'RUNNING';
	task.healthStatus = 'HEALTHY';
	task.pullStartedAt = startedAt - 15 * SECOND;
	task.startedAt = startedAt;
	const lifetime = oomAfterMs({id, startedAt, baseMiB: task.baseMiB, leakMiBPerMin: task.leakMiBPerMin, memoryMiB: task.memoryMiB, cpuUnits: task.cpuUnits});
	task.oomAt = lifetime === undefined ? undefined : startedAt + lifetime;
	task.nextAt = task.oomAt ?? Number.POSITIVE_INFINITY;
	return task;
}

function seedService(world: World, cluster: SimCluster, profile: ServiceProfile, now: number, warmStart: number): SimService {
	const env = cluster.env;
	const name = serviceName(env, profile.short);
	const service: SimService = {
		env,
		name,
		arn: serviceArn(cluster.name, name),
		cluster: cluster.name,
		profile,
		desiredCount: profile.desired[env],
		createdAt: Math.round(now - hashRange(380, 420, world.seed, name) * DAY),
		deployments: [],
		events: [],
		steady: true,
		dirty: true,
		lastSteadyEventAt: Math.round(warmStart - hashRange(0.2, 5.8, world.seed, 'steady', name) * HOUR),
		tasks: [],
	};
	const definition = findTaskDefinition(world, `${name}:${currentRevision(env, profile)}`);
	const deployment = createDeployment(world, service, `${definition.family}:${definition.revision}`, (definition.registeredAt ?? now) + Math.round(hashRange(5, 40, world.seed, 'deploy', name) * MINUTE));
	deployment.rolloutState = 'COMPLETED';
	deployment.rolloutStateReason = `ECS deployment ${deployment.id} completed.`;
	deployment.updatedAt = deployment.createdAt + 3 * MINUTE;
	service.deployments.push(deployment);
	world.services.set(name, service);
	cluster.services.push(service);
	return service;
}

/** Tasks at the start of the warm-up. A leaking service's are timed so today's replacements have the wanted ages at "now". */
function seedTasks(world: World, service: SimService, now: number): void {
	const deployment = service.deployments[0]!;
	const image = mainContainer(findTaskDefinition(world, deployment.taskDefinition)).image;
	for (let slot = 0; slot < service.desiredCount; slot++) {
		const id = newTaskId(world.rng);
		const lifetime = leakLifetime(world, service, id, image);
		if (lifetime === undefined) {
			runningTask(world, service, deployment.createdAt + Math.round(hashRange(20, 90, world.seed, 'start', id) * SECOND), id);
			continue;
		}
		// The task running now in this slot started `age` ago, replacing this one, OOM-killed just before.
		// Old enough that the last three minutes before start were above the alarm threshold (the
		// incident is live whenever the demo starts), young enough that its OOM-killed predecessor stopped within the hour (still describable).
		const age = (slot % 2 === 0 ? hashRange(53, 56, world.seed, 'age', service.name, slot) : hashRange(56, 59, world.seed, 'age', service.name, slot)) * MINUTE;
		const killedAt = Math.round(now - age - 20 * SECOND);
		runningTask(world, service, killedAt - lifetime, id);
	}
	const starts = service.tasks.map(task => task.startedAt ?? 0);
	addEvent(world, service, Math.min(...starts) - 5 * SECOND, `(service ${service.name}) has started ${service.tasks.length} tasks: ${service.tasks.map(task => `(task ${task.id})`).join(' ')}.`);
	addEvent(world, service, deployment.updatedAt, `(service ${service.name}) (deployment ${deployment.id}) deployment completed.`);
	for (let at = service.lastSteadyEventAt; at > deployment.updatedAt && at > now - 3 * DAY; at -= 6 * HOUR) {
		addEvent(world, service, at, `(service ${service.name}) has reached a steady state.`);
	}
}

/** How long a task with this id would live before being OOM-killed; undefined if it does not leak. */
function leakLifetime(world: World, service: SimService, id: string, image: string): number | undefined {
	const definition = findTaskDefinition(world, service.deployments[0]!.taskDefinition);
	const {baseMiB, leakMiBPerMin} = workloadFor(world.seed, id, image, service.profile.baseMiB, world.leakingImages);
	return oomAfterMs({id, startedAt: 0, baseMiB, leakMiBPerMin, memoryMiB: Number(definition.memory), cpuUnits: Number(definition.cpu)});
}

/**
 * `calm`: the same account without the standing incidents (no leaking supervisor image, no staging
 * rollouts, no regressed image): what a drill starts from, so the fault it injects is the thing to find.
 */
export function createWorld(seed: number, t0: number, options: {calm?: boolean} = {}): World {
	const calm = options.calm === true;
	const now = floorTo(t0, SECOND);
	const warmStart = floorTo(now - WARMUP, MINUTE);
	const historyStart = floorTo(now - HISTORY, MINUTE);
	const world: World = {
		seed,
		rng: createRng(seed),
		time: warmStart,
		clusters: new Map(),
		services: new Map(),
		tasksById: new Map(),
		taskDefinitions: new Map(),
		images: new Set(),
		metrics: createMetricStore(),
		logGroups: new Map(),
		alarms: new Map(),
		databases: new Map(),
		nextEventSeq: 1,
		nextRequest: 1,
		leakingImages: new Map(calm ? [] : LEAKING_IMAGES),
		regressedImages: new Map(calm ? [] : REGRESSED_IMAGES),
		cpuSurges: new Map(),
		deniedCalls: new Map(),
		crashingTaskDefinitions: new Map(),
		deploymentOverrides: new Map(),
		parameters: seedParameters(seed, now),
		roles: new Map(),
		securityGroups: new Map(),
	};
	seedTaskDefinitions(world, now);
	seedRoles(world, historyStart);
	seedDatabases(world, now);
	seedLogGroups(world, now);
	seedSecurityGroups(world);
	const past: PastTask[] = [];
	for (const env of ENVIRONMENTS) {
		const cluster: SimCluster = {env, name: clusterName(env), arn: clusterArn(clusterName(env)), services: []};
		world.clusters.set(cluster.name, cluster);
		for (const profile of SERVICE_PROFILES) {
			const service = seedService(world, cluster, profile, now, warmStart);
			seedTasks(world, service, now);
			past.push(...currentAsPast(service));
			service.tasks.forEach((task, slot) => {
				if (task.leakMiBPerMin <= 0) return;
				const chain = predecessors(world, service, task, slot, historyStart);
				chainEvents(world, chain, now - 3 * DAY);
				past.push(...chain);
			});
		}
	}
	attachSeries(world);
	seedAlarms(world, historyStart);
	const logFrom = now - LOG_WINDOW;
	backfillHistory(world, past, historyStart, warmStart, change => {
		if (change.at >= logFrom) logAlarmChanges(world, [change]);
	});

	// The warm-up hour, with the scripted staging deployments on the way: threat-hunter's image was
	// never pushed; incident-response's new revision runs but logs errors far more often.
	const rollouts = [...(calm ? [] : STAGING_ROLLOUTS)].map(([short, ago]) => ({
		service: world.services.get(serviceName('staging', short))!,
		at: floorTo(now - ago - hashRange(0, short === 'threat-hunter' ? 3 : 1, seed, short === 'threat-hunter' ? 'bad-deploy' : `rollout-${short}`) * MINUTE, WARMUP_STEP),
		done: false,
	}));
	while (world.time < now) {
		for (const rollout of rollouts) {
			if (rollout.done || world.time < rollout.at) continue;
			startDeployment(world, rollout.service, `${rollout.service.name}:${rollout.service.profile.tags.staging.length}`, world.time);
			rollout.done = true;
		}
		step(world, Math.min(WARMUP_STEP, now - world.time), true);
	}
	return world;
}
