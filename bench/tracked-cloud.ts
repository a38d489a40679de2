// Wraps the readers of a Cloud to know when the app is busy: calls made, calls in flight, failures
// and when the last one ended. "The refresh has finished" is then a fact the bench can wait for,
// not a guess made from elapsed time. It also adds up the CPU time spent inside the calls' own
// synchronous work, which for the simulated account is all of its work: the part of an update's
// CPU that stands in for AWS's servers, not for the app.
import {isAborted, isCloudError} from '../source/port/errors.js';
import type {Cloud} from '../source/port/types.js';

export type Activity = {calls: number; inflight: number; failures: number; lastError?: string; idleForMs: number; cloudCpuMicros: number};

export type TrackedCloud = {
	cloud: Cloud;
	activity(): Activity;
	/**
	 * Resolves once more than `since` calls were made (so the refresh the caller asked for has
	 * started), none is in flight, and none started or ended for `quietMs`. Event-driven (one
	 * timer, no polling), so waiting costs the measured process next to nothing.
	 */
	settled(options: {since?: number; quietMs: number; timeoutMs: number}): Promise<Activity>;
};

type Method = (...args: unknown[]) => Promise<unknown>;

// The synchronous part of a call runs on this thread without a pause, so its wall time is its
// CPU time. process.cpuUsage() (a getrusage system call) around each of the hundreds of calls a
// refresh makes cost more than a millisecond an update: the bench's own cost, counted as the app's.
function cpuMicros(): number {
	return performance.now() * 1000;
}

export function trackCloud(base: Cloud, overrides: Partial<Pick<Cloud, 'services' | 'metrics' | 'logs'>> = {}): TrackedCloud {
	let calls = 0;
	let inflight = 0;
	let failures = 0;
	let lastError: string | undefined;
	let lastActivity = performance.now();
	let cloudCpu = 0;
	const listeners = new Set<() => void>();

	const touch = () => {
		lastActivity = performance.now();
		for (const listener of [...listeners]) listener();
	};

	function track<T extends object>(reader: T): T {
		const wrapped: Record<string, unknown> = {};
		for (const [name, value] of Object.entries(reader)) {
			if (typeof value !== 'function') {
				wrapped[name] = value;
				continue;
			}
			const method = value as Method;
			wrapped[name] = async (...args: unknown[]) => {
				calls += 1;
				inflight += 1;
				touch();
				const startedCpu = cpuMicros();
				let pending: Promise<unknown>;
				try {
					pending = method.apply(reader, args);
				} finally {
					cloudCpu += cpuMicros() - startedCpu;
				}
				try {
					return await pending;
				} catch (error) {
					// Not failures of the refresh: an API the endpoint lacks (Live Tail on moto_server; the
					// app falls back to polling) and a read the app cancelled itself.
					if (!isAborted(error) && !(isCloudError(error) && error.kind === 'unsupported')) {
						failures += 1;
						lastError = `${name}: ${error instanceof Error ? error.message : String(error)}`;
					}
					throw error;
				} finally {
					inflight -= 1;
					touch();
				}
			};
		}
		return wrapped as T;
	}

	const activity = (): Activity => ({calls, inflight, failures, lastError, idleForMs: inflight > 0 ? 0 : performance.now() - lastActivity, cloudCpuMicros: cloudCpu});

	const cloud: Cloud = {
		kind: base.kind,
		// A getter: the AWS cloud's region becomes known only once the SDK read the profile.
		get region() {
			return base.region;
		},
		clusters: track(base.clusters),
		services: track(overrides.services ?? base.services),
		metrics: track(overrides.metrics ?? base.metrics),
		logs: track(overrides.logs ?? base.logs),
		alarms: track(base.alarms),
		databases: track(base.databases),
		parameters: track(base.parameters),
		roles: track(base.roles),
		operator: base.operator,
		warnings: () => base.warnings(),
		reset: () => base.reset(),
	};

	return {
		cloud,
		activity,
		settled({since, quietMs, timeoutMs}) {
			return new Promise((resolve, reject) => {
				let quietTimer: NodeJS.Timeout | undefined;
				const done = () => {
					clearTimeout(quietTimer);
					clearTimeout(deadline);
					listeners.delete(check);
				};
				const deadline = setTimeout(() => {
					done();
					const now = activity();
					reject(new Error(`the app did not settle within ${timeoutMs} ms (calls ${now.calls}, since ${since ?? '-'}, in flight ${now.inflight})`));
				}, timeoutMs);
				function check() {
					clearTimeout(quietTimer);
					const now = activity();
					if ((since !== undefined && now.calls <= since) || now.inflight > 0) return; // the next call wakes us
					const wait = quietMs - now.idleForMs;
					if (wait > 0) {
						quietTimer = setTimeout(check, wait);
						return;
					}
					done();
					resolve(now);
				}
				listeners.add(check);
				check();
			});
		},
	};
}
