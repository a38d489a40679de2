import {useEffect, useReducer, useRef} from 'react';
import {isPermanent} from '../port/errors.js';
import {backoffDelay, defaultBackoffCapMs} from './backoff.js';
import {cachedPollState, pollReducer, type PollCache, type PollState} from './poll-state.js';

export const firstFetchDelayMs = 25;

export type PollOptions<T> = {
	intervalMs: number;
	/** Polling stops while false (the screen is not visible): poll only what is seen. */
	enabled?: boolean;
	/** A change of key resets the data (another cluster, another service). */
	key?: string;
	isEmpty?: (data: T) => boolean;
	now?: () => number;
	/** Bumping this fetches at once (the `r` key). */
	refreshToken?: number;
	/** Where the last data is kept by `key` across mounts (the shell's); `key` must then be unique. */
	cache?: PollCache;
};

/**
 * Polls `fetcher`: a quick first fetch, then every interval; never two fetches at once; on failure
 * keeps the last data (stale) and backs off exponentially with jitter, recovering by itself. A
 * permanent failure (not found, denied) is retried at the slowest rate only.
 */
export function usePoll<T>(fetcher: () => Promise<T>, options: PollOptions<T>): PollState<T> {
	const [state, dispatch] = useReducer(pollReducer<T>, undefined, () => cachedPollState<T>(options.cache, options.key));
	const latest = useRef({fetcher, options});
	latest.current = {fetcher, options};
	const enabled = options.enabled ?? true;

	// Another key (cluster, service) is other data: start from what is known of it, if anything.
	const shownKey = useRef(options.key);
	useEffect(() => {
		if (shownKey.current === options.key) return;
		shownKey.current = options.key;
		dispatch({type: 'reset', to: cachedPollState<T>(latest.current.options.cache, options.key)});
	}, [options.key]);

	useEffect(() => {
		if (!enabled) return;
		let cancelled = false;
		let timer: NodeJS.Timeout | undefined;
		let failures = 0;

		const tick = async () => {
			const {fetcher: fetch, options: current} = latest.current;
			const now = current.now ?? Date.now;
			let delay = current.intervalMs;
			try {
				const data = await fetch();
				if (cancelled) return;
				failures = 0;
				const at = now();
				const isEmpty = current.isEmpty?.(data) ?? false;
				dispatch({type: 'success', data, at, isEmpty});
				if (current.cache && current.key !== undefined) current.cache.set(current.key, {data, updatedAt: at, isEmpty});
			} catch (error) {
				if (cancelled) return;
				failures += 1;
				dispatch({type: 'failure', error: error instanceof Error ? error : new Error(String(error)), at: now()});
				const capMs = Math.max(defaultBackoffCapMs, current.intervalMs);
				delay = isPermanent(error) ? capMs : backoffDelay(failures, {baseMs: current.intervalMs, capMs});
			}
			if (!cancelled) timer = setTimeout(tick, delay);
		};

		// The first fetch waits one frame: loading the AWS SDK or building the simulated account takes
		// a couple of hundred milliseconds of CPU, and the first frame should reach the screen first.
		timer = setTimeout(tick, firstFetchDelayMs);
		return () => {
			cancelled = true;
			if (timer) clearTimeout(timer);
		};
	}, [enabled, options.key, options.intervalMs, options.refreshToken]);

	return state;
}
