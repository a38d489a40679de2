// The day before the sim starts, written straight into the metric store from the same workload
// curves the live simulation uses: each service's tasks (for a leaking service, the chain of tasks
// that were OOM-killed and replaced, worked out backwards from today's), their CPU and memory, the
// database they load, and the alarms evaluated over it all. No step loop runs for these 24 hours.

import {SECOND, MINUTE} from './clock.js';
import {evaluateAlarms, initializeAlarms} from './alarm-evaluation.js';
import {addSample} from './metric-store.js';
import {clientConnections, recordMaintenance} from './metrics.js';
import type {AlarmStateChange, SimService, SimTask, World} from './model.js';
import {hashHex, hashRange} from './random.js';
import {addEvent} from './services.js';
import {taskLoad, workloadFor} from './tasks.js';
import {databaseReading, memoryPercent, oomAfterMs, taskCpuPercent, type TaskLoad} from './workload.js';
import {DB_PROFILES} from './catalog.js';

/** A task that ran during the backfilled history: [from, until). */
export type PastTask = {service: SimService; load: TaskLoad; from: number; until: number};

/**
 * The tasks of a leaking service before `first` started: each was killed for memory after its
 * lifetime, and replaced after a short gap, back to `since`.
 */
export function predecessors(world: World, service: SimService, first: SimTask, slot: number, since: number): PastTask[] {
	const chain: PastTask[] = [];
	let nextStart = first.startedAt ?? first.createdAt;
	for (let j = 1; nextStart > since && j < 500; j++) {
		const id = hashHex(32, world.seed, 'past-task', service.name, slot, j);
		const workload = workloadFor(world.seed, id, first.image, service.profile.baseMiB, world.leakingImages);
		const load: TaskLoad = {id, startedAt: 0, baseMiB: workload.baseMiB, leakMiBPerMin: workload.leakMiBPerMin, memoryMiB: first.memoryMiB, cpuUnits: first.cpuUnits};
		const lifetime = oomAfterMs(load);
		if (lifetime === undefined) break;
		const until = nextStart - Math.round(hashRange(18, 40, world.seed, 'gap', id) * SECOND);
		const from = until - lifetime;
		load.startedAt = from;
		chain.push({service, load, from, until});
		nextStart = from;
	}
	return chain;
}

/** Service events for the replacements in the chain: ECS starts a task, then reports steady state. */
export function chainEvents(world: World, chain: PastTask[], since: number): void {
	for (const past of [...chain].reverse()) {
		const replacedAt = past.until + Math.round(hashRange(3, 8, world.seed, 'notice', past.load.id) * SECOND);
		if (replacedAt < since) continue;
		const successor = hashHex(32, world.seed, 'successor', past.load.id);
		addEvent(world, past.service, replacedAt, `(service ${past.service.name}) has started 1 tasks: (task ${successor}).`);
		addEvent(world, past.service, replacedAt + 40 * SECOND, `(service ${past.service.name}) has reached a steady state.`);
	}
}

/** Writes one-minute buckets for [from, to) and evaluates the alarms each minute. */
export function backfillHistory(world: World, past: PastTask[], from: number, to: number, onAlarm: (change: AlarmStateChange) => void): void {
	const services = [...world.clusters.values()].flatMap(cluster => cluster.services.map(service => ({cluster, service, tasks: past.filter(task => task.service === service)})));
	const running = new Map<SimService, number>();
	const active: PastTask[] = [];
	let alarmsReady = false;
	for (let minute = from; minute < to; minute += MINUTE) {
		const t = minute + 30 * SECOND;
		for (const {cluster, service, tasks} of services) {
			active.length = 0;
			for (const task of tasks) if (task.from <= t && t < task.until) active.push(task);
			running.set(service, active.length);
			for (const task of active) {
				const mem = memoryPercent(task.load, t);
				const cpu = taskCpuPercent(service.profile, service.env, task.load, t, active.length, mem);
				const noisyCpu = Math.min(100, Math.max(0.1, cpu + world.rng.gauss() * 0.4));
				const noisyMem = Math.min(100, Math.max(0.1, mem + world.rng.gauss() * 0.05));
				// Weight 60: the bucket stands for a minute of one-second samples, spread for their range.
				if (service.cpuSeries) addSample(service.cpuSeries, t, noisyCpu, 60, 5);
				if (cluster.cpuSeries) addSample(cluster.cpuSeries, t, noisyCpu, 60, 5);
				if (service.memSeries) addSample(service.memSeries, t, noisyMem, 60, 0.6);
				if (cluster.memSeries) addSample(cluster.memSeries, t, noisyMem, 60, 0.6);
			}
		}
		for (const db of world.databases.values()) {
			const reading = databaseReading(DB_PROFILES[db.env], db.env, db.instanceClass, clientConnections(world, db.env, t, service => running.get(service) ?? 0), t);
			if (db.connSeries) addSample(db.connSeries, t, reading.connections + world.rng.gauss() * 0.5, 60, 4);
			if (db.cpuSeries) addSample(db.cpuSeries, t, reading.cpu + world.rng.gauss() * 0.3, 60, 3);
			if (db.memSeries) addSample(db.memSeries, t, reading.freeableBytes, 60, 12 * 1024 ** 2);
		}
		recordMaintenance(world, t);
		// Alarms need a few periods of data before their first verdict means anything.
		if (minute >= from + 15 * MINUTE) {
			if (!alarmsReady) {
				initializeAlarms(world, minute);
				alarmsReady = true;
			} else {
				for (const change of evaluateAlarms(world, minute)) onAlarm(change);
			}
		}
	}
}

/**
 * The tasks running when the history ends, as past tasks. A task that does not leak stands in for
 * the ones its slot held before it (earlier deployments ran the same workload), so the chart has no
 * hole before the last deployment; a leaking one starts where its chain of predecessors ends.
 */
export function currentAsPast(service: SimService): PastTask[] {
	return service.tasks
		.filter(task => task.lastStatus === 'RUNNING')
		.map(task => ({
			service,
			load: taskLoad(task),
			from: task.leakMiBPerMin > 0 ? (task.startedAt ?? task.createdAt) : Number.NEGATIVE_INFINITY,
			until: Number.POSITIVE_INFINITY,
		}));
}
