import {isCloudError, type CloudError} from '../port/errors.js';

// The state every polled panel shows: data with its age, and what went wrong if anything did.
// Last good data is kept through failures and marked stale, never blanked.
export type PollStatus = 'loading' | 'ok' | 'empty' | 'error';

export type PollState<T> = {
	status: PollStatus;
	data?: T;
	error?: CloudError | Error;
	/** When the data shown was fetched (epoch ms). */
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
	| {type: 'reset'};

export function initialPollState<T>(): PollState<T> {
	return {status: 'loading', stale: false, failures: 0, throttled: false};
}

export function pollReducer<T>(state: PollState<T>, action: PollAction<T>): PollState<T> {
	switch (action.type) {
		case 'success': {
			return {status: action.isEmpty ? 'empty' : 'ok', data: action.data, updatedAt: action.at, stale: false, failures: 0, throttled: false};
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
			return initialPollState<T>();
		}
	}
}
