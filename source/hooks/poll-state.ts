import {isDeepStrictEqual} from 'node:util';
import type {Freshness} from '../format/freshness.js';
import {isCloudError, type CloudError} from '../port/errors.js';

// The state every polled panel shows: data with its age, and what went wrong if anything did.
// Last good data is kept through failures and marked stale, never blanked.
export type PollStatus = 'loading' | 'ok' | 'empty' | 'error';

export type PollState<T> = {
	status: PollStatus;
	data?: T;
	error?: CloudError | Error;
	/**
	 * When the data shown was last fetched (epoch ms), equal data included. A refresh that returns
	 * equal data moves this in place on the same state object (see pollReducer), so it is read live
	 * through freshnessOf, never copied into render output.
	 */
	updatedAt?: number;
	/** True when the newest attempt failed and the data shown is older than it should be. */
	stale: boolean;
	/** Consecutive failures, for backoff and the notice. */
	failures: number;
	/** Set while the backend is throttling us. */
	throttled: boolean;
};

export type PollAction<T> =
	| {type: 'success'; data: T; at: number; isEmpty: boolean}
	| {type: 'failure'; error: Error; at: number}
	| {type: 'reset'; to?: PollState<T>};

/** The state shows fetched data with no trace of a failure: what a success with that status shows. */
function showsFreshData(state: PollState<unknown>, status: PollStatus): boolean {
	return state.status === status && state.error === undefined && !state.stale && state.failures === 0 && !state.throttled;
}

export function initialPollState<T>(): PollState<T> {
	return {status: 'loading', stale: false, failures: 0, throttled: false};
}

export function pollReducer<T>(state: PollState<T>, action: PollAction<T>): PollState<T> {
	switch (action.type) {
		case 'success': {
			// Unchanged data keeps its identity, so memoised rows and charts skip their work.
			const data = state.data !== undefined && isDeepStrictEqual(state.data, action.data) ? state.data : action.data;
			const status = action.isEmpty ? 'empty' : 'ok';
			if (data === state.data && showsFreshData(state, status)) {
				// Nothing on screen changes: the same object, so React bails out and Ink draws nothing.
				// Only the age moves; the header re-reads it every second (freshnessOf is a live view)
				// and redraws when its words change. The one deliberate mutation in this file.
				state.updatedAt = action.at;
				return state;
			}

			return {status, data, updatedAt: action.at, stale: false, failures: 0, throttled: false};
		}

		case 'failure': {
			const throttled = isCloudError(action.error) && action.error.kind === 'throttled';
			return {
				...state,
				status: 'error',
				error: action.error,
				stale: state.data !== undefined,
				failures: state.failures + 1,
				throttled,
			};
		}

		case 'reset': {
			return action.to ?? initialPollState<T>();
		}
	}
}

/**
 * The last data of each poll, by key, kept by the shell across screen visits: coming back to a
 * screen shows what it showed, with its true age, while the first fetch is on its way.
 */
export type PollCache = Map<string, {data: unknown; updatedAt: number; isEmpty: boolean}>;

export function cachedPollState<T>(cache: PollCache | undefined, key: string | undefined): PollState<T> {
	const hit = key === undefined ? undefined : cache?.get(key);
	if (!hit) return initialPollState<T>();
	return {status: hit.isEmpty ? 'empty' : 'ok', data: hit.data as T, updatedAt: hit.updatedAt, stale: false, failures: 0, throttled: false};
}

/**
 * A panel's poll as the header and status line read it: loading, its age, stale, what failed.
 * The age is read live from the state, which a refresh of equal data moves without a render.
 */
export function freshnessOf(state: PollState<unknown>): Freshness {
	return {
		loading: state.status === 'loading',
		get updatedAt() {
			return state.updatedAt;
		},
		stale: state.stale,
		error: state.error,
		throttled: state.throttled,
	};
}
