import {useEffect, useReducer, useRef} from 'react';
import {isPermanent} from '../port/errors.js';
import {backoffDelay, defaultBackoffCapMs} from './backoff.js';
import {initialPollState, pollReducer, type PollAction, type PollState} from './poll-state.js';

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
};

/**
 * Polls `fetcher`: a quick first fetch, then every interval; never two fetches at once; on failure
 * keeps the last data (stale) and backs off exponentially with jitter, recovering by itself. A
 * permanent failure (not found, denied) is retried at the slowest rate only.
 */
export function usePoll<T>(fetcher: () => Promise<T>, options: PollOptions<T>): PollState<T> {
	const [state, dispatch] = useReducer(pollReducer<T>, undefined, initialPollState<T>);
	const latest = useRef({fetcher, options});
	latest.current = {fetcher, options};
	const enabled = options.enabled ?? true;

	useEffect(() => {
		dispatch({type: 'reset'} as PollAction<T>);
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
				dispatch({type: 'success', data, at: now(), isEmpty: current.isEmpty?.(data) ?? false});
			} catch (error) {
				if (cancelled) return;
				failures += 1;
				dispatch({type: 'failure', error: error instanceof Error ? error : new Error(String(error)), at: now()});
				const capMs = Math.max(defaultBackoffCapMs, current.intervalMs);
				delay = isPermanent(error) ? capMs : backoffDelay(failures, {baseMs: current.intervalMs, capMs});
			}
			if (!cancelled) timer = setTimeout(tick, delay);
		};

		void tick();
		return () => {
			cancelled = true;
			if (timer) clearTimeout(timer);
		};
	}, [enabled, options.key, options.intervalMs, options.refreshToken]);

	return state;
}
