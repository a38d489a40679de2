import {useContext, useEffect, useRef, useState} from 'react';
import {isAborted, isPermanent, readController} from '../port/errors.js';
import {isThrottle, outageOf, recoveryFor, type Recovery} from '../port/recovery.js';
import {AppContext} from '../shell/app-context.js';
import {backoffDelay, defaultBackoffCapMs} from './backoff.js';
import type {RefreshSignal} from './refresh-signal.js';
import {cachedPollState, pollReducer, type PollAction, type PollCache, type PollState} from './poll-state.js';

export const firstFetchDelayMs = 25;

export type PollOptions<T> = {
	intervalMs: number;
	/** Polling stops while false (the screen is not visible): poll only what is seen. */
	enabled?: boolean;
	/** A change of key resets the data (another cluster, another service). */
	key?: string;
	isEmpty?: (data: T) => boolean;
	now?: () => number;
	/** Each request fetches at once (the `r` key): the shell's, from the app context. */
	refresh?: RefreshSignal;
	/** Where the last data is kept by `key` across mounts (the shell's); `key` must then be unique. */
	cache?: PollCache;
	/** The shared recovery after an outage. Default: the app's, one per Cloud (port/recovery.ts). */
	recovery?: Recovery;
};

/**
 * Polls `fetcher`: a quick first fetch, then every interval; never two fetches at once; on failure
 * keeps the last data (stale). While the endpoint cannot be reached it waits on the app's shared
 * recovery (port/recovery.ts), which probes it for every panel at once and wakes them all when it
 * answers; other failures back off exponentially with jitter; a permanent one (not found,
 * denied) is retried at the slowest rate only, or as soon as the endpoint answers after an outage.
 *
 * Each fetch gets an AbortSignal, aborted when the poll stops (unmount, another key, disabled), so
 * a read nobody will show is cancelled, and its end changes nothing. A refresh (a request on
 * `refresh`, the `r` key) fetches at once when idle; asked while a fetch is in flight, it neither
 * aborts it nor starts another: however many were asked meanwhile, one more fetch starts as soon
 * as the current one ends. An aborted read is not a failure: no error, no stale mark, no backoff.
 */
export function usePoll<T>(fetcher: (signal: AbortSignal) => Promise<T>, options: PollOptions<T>): PollState<T> {
	const [state, setState] = useState(() => cachedPollState<T>(options.cache, options.key));
	// The reducer runs here rather than in React (useReducer): an answer that changes nothing comes
	// back as the same state, and then nothing is scheduled at all. useReducer would render the
	// component to find that out, and Ink would then lay out and print the whole frame for nothing.
	const shown = useRef(state);
	const apply = useRef((action: PollAction<T>) => {
		const next = pollReducer(shown.current, action);
		if (next === shown.current) return;
		shown.current = next;
		setState(next);
	});
	const cloud = useContext(AppContext)?.cloud;
	const recovery = options.recovery ?? (cloud ? recoveryFor(cloud) : undefined);
	const latest = useRef({fetcher, options, recovery});
	latest.current = {fetcher, options, recovery};
	const enabled = options.enabled ?? true;
	const refresh = options.refresh;

	// Another key (cluster, service) is other data: start from what is known of it, if anything.
	const shownKey = useRef(options.key);
	useEffect(() => {
		if (shownKey.current === options.key) return;
		shownKey.current = options.key;
		apply.current({type: 'reset', to: cachedPollState<T>(latest.current.options.cache, options.key)});
	}, [options.key]);

	useEffect(() => {
		if (!enabled) return;
		let stopped = false;
		let timer: NodeJS.Timeout | undefined;
		let failures = 0;
		// The last attempt could not reach the endpoint: the next answer, whatever it is, is a recovery.
		let unreachable = false;
		let stopWaiting: (() => void) | undefined;
		// One controller a fetch (listeners never pile up on a long-lived signal); set while in flight.
		let inFlight: AbortController | undefined;
		// A fetch was asked for while one was in flight: one more goes as soon as it ends.
		let again = false;

		// Called by the timer, the recovery or a refresh: whichever it was, the others are cancelled.
		const run = () => {
			stopWaiting?.();
			stopWaiting = undefined;
			if (timer) clearTimeout(timer);
			timer = undefined;
			if (inFlight) {
				again = true;
				return;
			}
			void tick();
		};

		const tick = async () => {
			const {fetcher: fetch, options: current, recovery: shared} = latest.current;
			const now = current.now ?? Date.now;
			const controller = readController();
			inFlight = controller;
			let delay = current.intervalMs;
			try {
				const data = await fetch(controller.signal);
				if (stopped) return;
				if (unreachable) shared?.answered();
				unreachable = false;
				failures = 0;
				const at = now();
				const isEmpty = current.isEmpty?.(data) ?? false;
				apply.current({type: 'success', data, at, isEmpty});
				if (current.cache && current.key !== undefined) current.cache.set(current.key, {data, updatedAt: at, isEmpty});
			} catch (error) {
				if (stopped) return;
				// Cancelled below us without the poll stopping (nothing does so today): try again at the
				// normal interval, with nothing shown, counted or backed off.
				if (!isAborted(error)) {
					failures += 1;
					apply.current({type: 'failure', error: error instanceof Error ? error : new Error(String(error)), at: now()});
					const outage = outageOf(error);
					if (unreachable && !outage) shared?.answered(); // an error the endpoint sent back: it is there
					unreachable = outage;
					const capMs = Math.max(defaultBackoffCapMs, current.intervalMs);
					// While waiting on the recovery, the own timer is only a safety net: the probes are shared.
					delay = isPermanent(error) || (outage && shared) ? capMs : backoffDelay(failures, {baseMs: current.intervalMs, capMs});
					if (shared && !isThrottle(error)) stopWaiting = shared.wait({wake: run, intervalMs: current.intervalMs, unreachable: outage});
				}
			} finally {
				if (inFlight === controller) inFlight = undefined;
			}
			if (stopped) return;
			if (again) {
				again = false;
				run();
				return;
			}
			timer = setTimeout(run, delay);
		};

		// A refresh goes to the running loop, which fetches now or right after the fetch in flight.
		const unsubscribe = refresh?.subscribe(run);
		// The first fetch waits one frame: loading the AWS SDK or building the simulated account takes
		// a couple of hundred milliseconds of CPU, and the first frame should reach the screen first.
		timer = setTimeout(run, firstFetchDelayMs);
		return () => {
			stopped = true;
			unsubscribe?.();
			if (timer) clearTimeout(timer);
			stopWaiting?.();
			inFlight?.abort();
		};
	}, [enabled, options.key, options.intervalMs, refresh]);

	return state;
}
