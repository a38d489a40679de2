// What a task and a database "do", as closed-form functions of time. Both the live simulation and
// the backfilled 24 hours of history call these, so yesterday's chart and this second's sample
// come from the same curves. Per-sample jitter is added by the caller.

import {DB_CLASSES, type DatabaseProfile, type ServiceProfile} from './catalog.js';
import {HOUR, MINUTE} from './clock.js';
import {labelKey, smoothNoise} from './random.js';

export type TaskLoad = {
	id: string;
	startedAt: number;
	baseMiB: number;
	leakMiBPerMin: number;
	memoryMiB: number;
	cpuUnits: number;
	/** The leak's start when it is not the task's own (a drill's fault): memory grows from here. */
	leakFrom?: number;
};

/** Above this share of the limit, garbage collection fights the leak and growth slows. */
const SOFT_LIMIT = 0.85;
/** The kernel kills the container when usage reaches this share of the task's memory. */
const OOM_LIMIT = 0.99;

function leakShape(load: TaskLoad): {linearMinutes: number; start: number; tau: number} {
	const limit = load.memoryMiB;
	const soft = SOFT_LIMIT * limit;
	const rate = load.leakMiBPerMin;
	const linearMinutes = load.baseMiB >= soft ? 0 : (soft - load.baseMiB) / rate;
	const start = Math.max(load.baseMiB, soft);
	// Past the soft limit the approach to the limit is exponential, with the slope continuous at
	// the knee (rate MiB/min), so the chart bends instead of kinking.
	const tau = Math.max(0.001, (limit - start) / rate);
	return {linearMinutes, start, tau};
}

/** Memory in use (MiB) at time t, before the caller's jitter. */
export function usedMiB(load: TaskLoad, t: number): number {
	const ageMinutes = Math.max(0, t - (load.leakFrom ?? load.startedAt)) / MINUTE;
	const wobble = load.baseMiB * 0.015 * smoothNoise(t, 4 * MINUTE, (labelKey(load.id) ^ 0x6d656d) >>> 0);
	if (load.leakMiBPerMin <= 0) return load.baseMiB + wobble;
	const {linearMinutes, start, tau} = leakShape(load);
	if (ageMinutes <= linearMinutes) return load.baseMiB + load.leakMiBPerMin * ageMinutes + wobble;
	const limit = load.memoryMiB;
	return limit - (limit - start) * Math.exp(-(ageMinutes - linearMinutes) / tau) + wobble * 0.3;
}

export function memoryPercent(load: TaskLoad, t: number): number {
	return Math.min(100, Math.max(0, (usedMiB(load, t) / load.memoryMiB) * 100));
}

/** How long after it started the task is OOM-killed, or undefined when it does not leak. */
export function oomAfterMs(load: TaskLoad): number | undefined {
	if (load.leakMiBPerMin <= 0) return load.baseMiB >= OOM_LIMIT * load.memoryMiB ? 0 : undefined;
	const limit = load.memoryMiB;
	if (load.baseMiB >= OOM_LIMIT * limit) return 0;
	const {linearMinutes, start, tau} = leakShape(load);
	const minutes = linearMinutes + tau * Math.log((limit - start) / ((1 - OOM_LIMIT) * limit));
	return Math.round(minutes * MINUTE);
}

/** Daily rhythm of the agents' work: busiest mid-afternoon UTC, quietest before dawn. */
export function diurnal(t: number): number {
	const hours = (t % (24 * HOUR)) / HOUR;
	return 1 + 0.22 * Math.sin((2 * Math.PI * (hours - 9)) / 24);
}

/**
 * CPU % of one task: the service's work shared among its running tasks (scaling out lowers it),
 * scaled by the task's size, plus garbage-collection overhead under memory pressure.
 */
export function taskCpuPercent(profile: ServiceProfile, env: string, load: TaskLoad, t: number, runningTasks: number, memPercent: number): number {
	const usual = profile.desired[env === 'staging' ? 'staging' : 'production'];
	const share = usual / Math.max(1, runningTasks);
	const size = 1024 / Math.max(256, load.cpuUnits);
	const drift = 1 + 0.12 * smoothNoise(t, 20 * MINUTE, (labelKey(env) ^ Math.imul(labelKey(profile.short), 0x9e3779b1) ^ 0x637075) >>> 0);
	const own = 4 * smoothNoise(t, 3 * MINUTE, (labelKey(load.id) ^ 0x637075) >>> 0);
	const gc = memPercent > 80 ? (memPercent - 80) * 1.6 : 0;
	const envScale = env === 'staging' ? 0.45 : 1;
	return clampPercent(profile.cpuPercent * envScale * diurnal(t) * drift * share * size + own + gc);
}

/**
 * CPU % of one task of a service under a surge: `surge` at the usual task count and 1024 units,
 * shared among the running tasks and scaled by the task's size (scaling out or up lowers it).
 */
export function surgeCpuPercent(surge: number, usualTasks: number, load: TaskLoad, t: number, runningTasks: number): number {
	const own = 3 * smoothNoise(t, 3 * MINUTE, (labelKey(load.id) ^ 0x737267) >>> 0);
	return clampPercent((surge * usualTasks) / Math.max(1, runningTasks) * (1024 / Math.max(256, load.cpuUnits)) + own);
}

export function clampPercent(value: number): number {
	return Math.min(100, Math.max(0.1, value));
}

/** Share of each task's pool in use: high in production (the pool-exhaustion errors), low in staging. */
export function poolOccupancy(env: string, t: number): number {
	const base = env === 'production' ? 0.84 : 0.4;
	return Math.min(1, Math.max(0.2, base * (0.92 + 0.08 * diurnal(t)) + 0.05 * smoothNoise(t, 7 * MINUTE, (labelKey(env) ^ 0x706f6f6c) >>> 0)));
}

export type DatabaseReading = {connections: number; cpu: number; freeableBytes: number};

/** The database's metrics given the connections its clients hold. */
export function databaseReading(profile: DatabaseProfile, env: string, instanceClass: string, clientConnections: number, t: number): DatabaseReading {
	const size = DB_CLASSES.get(instanceClass) ?? {vcpu: 2, memoryGiB: 4};
	const connections = Math.max(0, Math.round(profile.baseConnections + clientConnections));
	const cpu = clampPercent(profile.baseCpu + ((0.1 * connections * diurnal(t)) * 2) / size.vcpu + 3 * smoothNoise(t, 5 * MINUTE, (labelKey(env) ^ 0x64626370) >>> 0));
	const memoryBytes = size.memoryGiB * 1024 ** 3;
	const freeableBytes = Math.max(64 * 1024 ** 2, memoryBytes * 0.62 - connections * 8.4 * 1024 ** 2 + 40 * 1024 ** 2 * smoothNoise(t, 6 * MINUTE, (labelKey(env) ^ 0x64626d65) >>> 0));
	return {connections, cpu, freeableBytes};
}
