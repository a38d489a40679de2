// The simulation loop. State advances lazily to the clock in fixed one-second steps; a long gap is
// crossed in a bounded number of coarse steps first (never more than MAX_COARSE_STEPS + the
// FINE_WINDOW of one-second steps), so a clock jumping by days costs milliseconds, not hours.

import {ACCOUNT_ID, ALARMS_LOG_GROUP, ARN_REGION, serviceLogGroup, type EnvName} from './catalog.js';
import {deniedLine, TRAIL_LOG_GROUP, trailEvent} from './denied-calls.js';
import {floorTo, MINUTE, SECOND, STEP_MS} from './clock.js';
import {evaluateAlarms} from './alarm-evaluation.js';
import {advanceDatabases} from './database.js';
import {format, logLine, oomLine, shutdownLine, startupLine, type LineContext} from './log-lines.js';
import {servicePort, timeoutText, unreachablePeers} from './security-groups.js';
import {trimLogs, writeEvent} from './logs.js';
import {clientConnections, leakedConnections, recordDatabaseSamples, recordMaintenance, recordServiceSamples, type TaskSample} from './metrics.js';
import type {AlarmStateChange, SimService, SimTask, World} from './model.js';
import {forgetOldTasks, noteHappening, reconcileService} from './services.js';
import {forgetDeleted} from './service-lifecycle.js';
import {advanceTask, taskLoad, type Happening} from './tasks.js';
import {memoryPercent, poolOccupancy, surgeCpuPercent, taskCpuPercent, usedMiB} from './workload.js';
import {parameterEffectLine} from './parameters.js';
import {recordQueuedWorkflows} from './workflow-queue.js';

/** The last stretch before "now" is always simulated second by second. */
export const FINE_WINDOW = 10 * MINUTE;
export const MAX_COARSE_STEPS = 1500;
/** Staging's agents see less traffic and log less. */
const STAGING_LOG_SCALE = 0.6;

type Reading = {task: SimTask; service: SimService; mem: number; used: number; cpu: number};

function runningTasks(service: SimService): SimTask[] {
	return service.tasks.filter(task => task.lastStatus === 'RUNNING');
}

function versionOf(task: SimTask): string {
	const colon = task.image.lastIndexOf(':');
	return colon > task.image.lastIndexOf('/') ? task.image.slice(colon + 1) : 'latest';
}

function downServices(world: World, env: EnvName): string[] {
	const down: string[] = [];
	for (const service of world.services.values()) {
		if (service.env === env && service.desiredCount > 0 && !service.tasks.some(task => task.lastStatus === 'RUNNING')) down.push(service.profile.short);
	}
	return down;
}

function lineContext(world: World, reading: {task: SimTask; service: SimService; mem: number; used: number}, at: number, down: readonly string[]): LineContext {
	const {task, service} = reading;
	return {
		env: service.env,
		short: service.profile.short,
		taskId: task.id,
		version: versionOf(task),
		t: at,
		memPercent: reading.mem,
		usedMiB: reading.used,
		memoryMiB: task.memoryMiB,
		poolBusy: service.profile.databasePool > 0 ? poolOccupancy(service.env, at) : 0,
		down,
		jsonLogs: service.profile.jsonLogs,
		...(world.regressedImages.has(task.image) ? {regression: world.regressedImages.get(task.image)} : {}),
	};
}

function ingestionDelay(world: World): number {
	// Most lines arrive within a second or so; a few are several seconds late, so a tailer that
	// never re-reads an overlap misses them.
	return Math.round(world.rng.chance(0.06) ? world.rng.range(3, 9) * SECOND : world.rng.range(0.15, 1.5) * SECOND);
}

function lifecycleLine(world: World, happening: Happening): void {
	const {task, at} = happening;
	const service = world.services.get(task.service);
	if (!service) return;
	const load = taskLoad(task);
	const reading = {task, service, mem: memoryPercent(load, at), used: usedMiB(load, at)};
	const ctx = lineContext(world, reading, at, []);
	const group = serviceLogGroup(service.env, service.profile.short);
	if (happening.kind === 'started') writeEvent(world, group, at, at + ingestionDelay(world), task.logStream, startupLine(ctx, at));
	else if (happening.kind === 'oom') writeEvent(world, group, at - 40, at + ingestionDelay(world), task.logStream, oomLine(ctx, at - 40));
	else if (happening.kind === 'draining') writeEvent(world, group, at, at + ingestionDelay(world), task.logStream, shutdownLine(ctx, at));
	else if (happening.kind === 'failed') {
		const crash = world.crashingTaskDefinitions.get(task.taskDefinition);
		if (crash) writeEvent(world, group, at - 500, at + ingestionDelay(world), task.logStream, crash.line);
	}
}

function alarmLine(world: World, change: AlarmStateChange): void {
	const message = JSON.stringify({
		alarmName: change.name,
		state: {value: change.to, reason: change.reason},
		previousState: {value: change.from},
		timestamp: new Date(change.at).toISOString(),
	});
	writeEvent(world, ALARMS_LOG_GROUP, change.at, change.at + Math.round(world.rng.range(0.5, 2) * SECOND), 'alarm-state-changes', message);
}

/** A call of the supervisor that a peer's security group dropped (a drill's fault), or undefined. */
function droppedCallLine(world: World, reading: Reading, ts: number, blocked: Map<SimService, SimService[]>): string | undefined {
	let peers = blocked.get(reading.service);
	if (!peers) blocked.set(reading.service, (peers = unreachablePeers(world, reading.service)));
	if (peers.length === 0 || !world.rng.chance(0.35)) return undefined;
	const peer = world.rng.pick(peers);
	const targets = peer.tasks.filter(task => task.lastStatus === 'RUNNING');
	if (targets.length === 0) return undefined;
	const target = world.rng.pick(targets);
	const port = servicePort(world, peer) ?? 8000;
	return format(lineContext(world, reading, ts, []), ts, {level: 'ERROR', text: timeoutText(peer, port, target.id, `wf-${world.rng.int(1000, 9999)}`)});
}

function writeLogs(world: World, readings: Reading[], from: number, at: number): void {
	const dt = at - from;
	const lines: Array<{ts: number; reading: Reading}> = [];
	for (const reading of readings) {
		const scale = reading.service.env === 'staging' ? STAGING_LOG_SCALE : 1;
		const expected = (reading.service.profile.logRate * scale * dt) / SECOND;
		const count = Math.floor(expected) + (world.rng.next() < expected - Math.floor(expected) ? 1 : 0);
		for (let i = 0; i < count; i++) lines.push({ts: Math.floor(from + world.rng.next() * dt) + 1, reading});
	}
	lines.sort((a, b) => a.ts - b.ts);
	const downByEnv = new Map<EnvName, string[]>();
	// The security groups change only between steps: what each caller cannot reach is read once a step.
	const blocked = new Map<SimService, SimService[]>();
	for (const {ts, reading} of lines) {
		const env = reading.service.env;
		let down = downByEnv.get(env);
		if (!down) downByEnv.set(env, (down = downServices(world, env)));
		// A task whose role lacks a policy fails some of its calls: its line says so, and so does the trail.
		const denied = world.deniedCalls.get(reading.task.taskDefinition);
		const refused = denied !== undefined && world.rng.chance(denied.share);
		// A setting the agent reads from Parameter Store says what it does (parameters.ts); none when it is as the automation left it.
		const effect = refused ? undefined : parameterEffectLine(world.parameters, env, reading.service.profile.short, world.rng, ts);
		const message = refused ? deniedLine(denied, reading.task.id) : (effect ?? droppedCallLine(world, reading, ts, blocked) ?? logLine(world.rng, lineContext(world, reading, ts, down), ts));
		writeEvent(world, serviceLogGroup(env, reading.service.profile.short), ts, ts + ingestionDelay(world), reading.task.logStream, message);
		if (refused && world.logGroups.has(TRAIL_LOG_GROUP)) writeEvent(world, TRAIL_LOG_GROUP, ts, ts + ingestionDelay(world) + 15 * SECOND, `${ACCOUNT_ID}_CloudTrail_${ARN_REGION}`, trailEvent(denied, reading.task.id, ts));
	}
}

/** One step of `dt` ms. `withLogs` is false for catch-up steps older than the log window. */
export function step(world: World, dt: number, withLogs: boolean): void {
	const from = world.time;
	const at = from + dt;
	const happenings: Happening[] = [];
	for (const service of world.services.values()) {
		for (const task of service.tasks) if (task.nextAt <= at) advanceTask(world, task, at, happenings);
	}
	happenings.sort((a, b) => a.at - b.at);
	for (const happening of happenings) {
		const service = world.services.get(happening.task.service);
		if (service) noteHappening(world, service, happening);
		if (withLogs) lifecycleLine(world, happening);
	}
	for (const service of world.services.values()) reconcileService(world, service, at);

	// Samples stand for the middle of the step, so a minute's bucket gets the seconds inside it.
	const sampleAt = at - dt / 2;
	const weight = dt / SECOND;
	const readings: Reading[] = [];
	const running = new Map<SimService, number>();
	for (const cluster of world.clusters.values()) {
		const samples: TaskSample[] = [];
		for (const service of cluster.services) {
			const tasks = runningTasks(service);
			running.set(service, tasks.length);
			for (const task of tasks) {
				const load = taskLoad(task);
				const mem = memoryPercent(load, sampleAt);
				const surge = world.cpuSurges.get(service.name);
				const cpu = surge === undefined ? taskCpuPercent(service.profile, service.env, load, sampleAt, tasks.length, mem) : surgeCpuPercent(surge, service.profile.desired[service.env], load, sampleAt, tasks.length);
				const reading = {task, service, mem, used: usedMiB(load, sampleAt), cpu};
				readings.push(reading);
				samples.push({
					service,
					cpu: Math.min(100, Math.max(0.1, cpu + world.rng.gauss() * 2.5)),
					mem: Math.min(100, Math.max(0.1, mem + world.rng.gauss() * 0.8)),
				});
			}
		}
		recordServiceSamples(cluster, samples, sampleAt, weight);
	}
	for (const db of world.databases.values()) {
		const connections = clientConnections(world, db.env, sampleAt, service => running.get(service) ?? 0) + leakedConnections(world, db.env, sampleAt);
		recordDatabaseSamples(db, connections, sampleAt, weight, () => world.rng.gauss());
	}
	advanceDatabases(world, at);
	if (withLogs) writeLogs(world, readings, from, at);

	if (Math.floor(at / MINUTE) > Math.floor(from / MINUTE)) {
		const minute = floorTo(at, MINUTE);
		recordMaintenance(world, minute - 1);
		recordQueuedWorkflows(world, minute - 1);
		// Steps longer than a minute leave gaps in the series; judging alarms on those gaps would
		// write INSUFFICIENT_DATA flaps into their history, so alarms wait for the fine steps.
		if (dt <= MINUTE) for (const change of evaluateAlarms(world, minute)) alarmLine(world, change);
		trimLogs(world, at);
		for (const service of world.services.values()) forgetOldTasks(world, service, at);
		forgetDeleted(world, at);
	}
	world.time = at;
}

/** Brings the world to `now` (floored to the step), bounded in work however far the clock jumped. */
export function advanceTo(world: World, now: number): void {
	const target = floorTo(now, STEP_MS);
	if (!(target > world.time)) return;
	const fineFrom = Math.max(world.time, target - FINE_WINDOW);
	if (fineFrom > world.time) {
		const span = fineFrom - world.time;
		const dt = Math.max(MINUTE, Math.ceil(span / MAX_COARSE_STEPS / MINUTE) * MINUTE);
		// Coarse steps write no log lines: the log view then shows a gap where the machine slept,
		// instead of the sim spending seconds inventing hours of lines nobody watched.
		while (world.time + dt <= fineFrom) step(world, dt, false);
		if (fineFrom > world.time) step(world, fineFrom - world.time, false);
	}
	while (world.time < target) step(world, STEP_MS, true);
}

/** Alarm changes made by an operator call also reach the alarms log group. */
export function logAlarmChanges(world: World, changes: AlarmStateChange[]): void {
	for (const change of changes) alarmLine(world, change);
}
