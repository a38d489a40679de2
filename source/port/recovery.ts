import type {Cloud} from './types.js';
import {isCloudError} from './errors.js';

// Recovery after an outage, shared by every panel of the app (issue 11: after a 12 s outage the
// database panel was still STALE 40 s later, because each panel backed off on its own, doubling
// its wait up to a minute, and had to find the endpoint again by itself).
//
// While the endpoint cannot be reached (a network error, or an answer that is no answer: a 5xx),
// a failing panel does not retry on its own clock (only at the slow cap, a safety net). It waits
// here instead, and this probes for everyone: every `2 x interval` (the shortest interval of the
// panels waiting), it wakes ONE waiting panel, the one that has waited longest, so the probes go
// round the panels. The first panel that gets any answer again (data, or an error the endpoint
// sent back: not found, denied) calls answered(), and every panel waiting here fetches at once.
//
// So after the endpoint comes back, the next probe goes within 2 x interval, and every panel has
// fetched once more a moment later: fresh within two intervals plus the fetches' own time (the
// bound is two intervals plus five seconds). During the outage the app sends one request every
// two intervals in all, plus one per panel per minute, instead of one per panel per interval.
//
// Throttling is not an outage: a throttled panel backs off on its own and is never woken early,
// or a recovery would answer a throttle with a burst. A panel failing otherwise (not found,
// denied) waits here too, but never probes: it is woken when the endpoint answers again, since
// what the account holds may have changed with it. Only a panel whose own last attempt could not
// reach the endpoint can announce a recovery, and only once per outage: a panel that is healthy
// while another service's endpoint is down (a partial outage) wakes nobody.

export type RecoveryWaiter = {
	/** Fetch now (the waiter is no longer waiting). */
	wake(): void;
	/** The panel's normal interval: probes go every twice the shortest of those that may probe. */
	intervalMs: number;
	/** Its last attempt could not reach the endpoint: it may be picked to probe. */
	unreachable: boolean;
};

export type Recovery = {
	/** Waits after a failure until woken; returns what stops the wait (the poll's own timer fired, or it unmounted). */
	wait(waiter: RecoveryWaiter): () => void;
	/** A panel whose last attempt could not reach the endpoint got an answer: wakes every waiting panel. */
	answered(): void;
	/** Panels waiting now (for tests and the bench). */
	readonly waiting: number;
};

export type RecoveryTimers = {
	setTimeout(callback: () => void, ms: number): unknown;
	clearTimeout(handle: unknown): void;
};

/** True for failures that say the endpoint could not be reached, or did not really answer. */
export function outageOf(error: unknown): boolean {
	return isCloudError(error) && (error.kind === 'network' || error.kind === 'unknown');
}

export function isThrottle(error: unknown): boolean {
	return isCloudError(error) && error.kind === 'throttled';
}

/** How far apart probes go: twice the shortest interval of the panels that may probe. */
export const probeIntervals = 2;

const globalTimers: RecoveryTimers = {
	setTimeout: (callback, ms) => setTimeout(callback, ms),
	clearTimeout: handle => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export function createRecovery(options: {now?: () => number; timers?: RecoveryTimers} = {}): Recovery {
	const now = options.now ?? Date.now;
	const timers = options.timers ?? globalTimers;
	// Insertion order is waiting order: a woken panel that fails again waits at the end.
	const waiters = new Set<RecoveryWaiter>();
	let down = false;
	let lastProbeAt = 0;
	let probeTimer: unknown;

	const disarm = () => {
		if (probeTimer !== undefined) timers.clearTimeout(probeTimer);
		probeTimer = undefined;
	};

	const firstProber = (): RecoveryWaiter | undefined => {
		for (const waiter of waiters) if (waiter.unreachable) return waiter;
		return undefined;
	};

	const arm = () => {
		disarm();
		if (!down) return;
		let shortest = Infinity;
		for (const waiter of waiters) if (waiter.unreachable) shortest = Math.min(shortest, waiter.intervalMs);
		if (shortest === Infinity) return;
		const due = lastProbeAt + probeIntervals * shortest;
		probeTimer = timers.setTimeout(probe, Math.max(0, due - now()));
	};

	const probe = () => {
		probeTimer = undefined;
		const prober = firstProber();
		if (!prober) return;
		waiters.delete(prober);
		lastProbeAt = now();
		prober.wake();
		arm();
	};

	return {
		wait(waiter) {
			if (waiter.unreachable && !down) {
				down = true;
				lastProbeAt = now(); // the failure just seen was the first probe
			}
			waiters.add(waiter);
			arm();
			return () => {
				if (waiters.delete(waiter)) arm();
			};
		},
		answered() {
			if (!down) return;
			down = false;
			disarm();
			const all = [...waiters];
			waiters.clear();
			for (const waiter of all) waiter.wake();
		},
		get waiting() {
			return waiters.size;
		},
	};
}

const byCloud = new WeakMap<Cloud, Recovery>();

/**
 * The recovery of the endpoint `cloud` talks to: one per Cloud, so every panel of the app shares
 * it, and switching to another account or region (a new Cloud) starts afresh.
 */
export function recoveryFor(cloud: Cloud): Recovery {
	let recovery = byCloud.get(cloud);
	if (!recovery) byCloud.set(cloud, (recovery = createRecovery()));
	return recovery;
}
