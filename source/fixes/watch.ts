// Follows an ECS deployment after a change until its PRIMARY deployment completes, fails or the
// timeout passes. The watch is a small object holding its latest state: the engineer can leave the
// screen (unsubscribe) and come back (subscribe again) while it keeps polling, or cancel it.
import {errorMessage, isPermanent, readController} from '../port/errors.js';
import type {ServiceReader} from '../port/types.js';
import type {Outcome, Plan} from './types.js';
import {initialWatchState, reduceWatch, type WatchAction, type WatchState} from './watch-state.js';

export type Sleep = (ms: number, signal: AbortSignal) => Promise<void>;

export type WatchOptions = {
	cluster: string;
	service: string;
	/** When the change was made (epoch ms); events from then on are shown. */
	since: number;
	timeoutMs: number;
	/** The deployment to follow, e.g. from the outcome's `after.deploymentId`; default the PRIMARY one. */
	deploymentId?: string;
	intervalMs?: number; // between polls, default 5 s
	now?: () => number;
	sleep?: Sleep;
};

export type DeploymentWatch = {
	readonly cluster: string;
	readonly service: string;
	state(): WatchState;
	/** Calls the listener now with the current state and on every change; returns the unsubscribe. */
	subscribe(listener: (state: WatchState) => void): () => void;
	/** Stops polling; the state ends as 'cancelled'. The deployment itself is not touched. */
	cancel(): void;
	/** Resolves with the final state. */
	readonly finished: Promise<WatchState>;
	/** Yields the current state, then every change, ending after the final one. */
	[Symbol.asyncIterator](): AsyncIterator<WatchState>;
};

export const defaultSleep: Sleep = (ms, signal) =>
	new Promise(resolve => {
		if (signal.aborted) return resolve();
		const timer = setTimeout(done, ms);
		function done() {
			clearTimeout(timer);
			signal.removeEventListener('abort', done);
			resolve();
		}
		signal.addEventListener('abort', done, {once: true});
	});

export function watchDeployment(reader: ServiceReader, options: WatchOptions): DeploymentWatch {
	const now = options.now ?? Date.now;
	const sleep = options.sleep ?? defaultSleep;
	const intervalMs = options.intervalMs ?? 5000;
	if (!(options.timeoutMs > 0)) throw new Error(`watchDeployment: timeoutMs must be positive, got ${options.timeoutMs}`);
	if (!(intervalMs > 0)) throw new Error(`watchDeployment: intervalMs must be positive, got ${intervalMs}`);

	let state = initialWatchState({
		cluster: options.cluster,
		service: options.service,
		since: options.since,
		startedAt: now(),
		timeoutMs: options.timeoutMs,
		...(options.deploymentId === undefined ? {} : {deploymentId: options.deploymentId}),
	});
	const listeners = new Set<(state: WatchState) => void>();
	const abort = readController();
	let resolveFinished!: (state: WatchState) => void;
	const finished = new Promise<WatchState>(resolve => {
		resolveFinished = resolve;
	});

	const dispatch = (action: WatchAction) => {
		const next = reduceWatch(state, action);
		if (next === state) return;
		state = next;
		for (const listener of [...listeners]) {
			// A failing listener (a view) must neither stop the watch nor starve the others; rethrown
			// on its own so it is not silent.
			try {
				listener(state);
			} catch (error) {
				queueMicrotask(() => {
					throw error;
				});
			}
		}
		if (state.done) {
			abort.abort();
			resolveFinished(state);
		}
	};

	const poll = async () => {
		try {
			// aws ecs describe-services --cluster CLUSTER --services SERVICE
			const [found] = await reader.describeServices(options.cluster, [options.service]);
			if (found) dispatch({type: 'polled', service: found, at: now()});
			else dispatch({type: 'poll-failed', message: `service ${options.service} not found in cluster ${options.cluster}`, permanent: true, at: now()});
		} catch (error) {
			dispatch({type: 'poll-failed', message: errorMessage(error), permanent: isPermanent(error), at: now()});
		}
	};

	void (async () => {
		while (!state.done) {
			await poll();
			if (state.done) break;
			// Wake at the deadline rather than a whole interval after it.
			const wait = Math.max(0, Math.min(intervalMs, state.deadline - now()));
			await sleep(wait, abort.signal).catch(() => undefined);
			dispatch({type: 'tick', at: now()});
		}
	})();

	const watch: DeploymentWatch = {
		cluster: options.cluster,
		service: options.service,
		state: () => state,
		subscribe(listener) {
			listeners.add(listener);
			listener(state);
			return () => listeners.delete(listener);
		},
		cancel() {
			dispatch({type: 'cancel', at: now()});
		},
		finished,
		[Symbol.asyncIterator]() {
			// Each iterator queues the states it has not yet handed out, so a slow reader misses none.
			const queue: WatchState[] = [state];
			let wake: (() => void) | undefined;
			const unsubscribe = watch.subscribe(next => {
				if (next !== queue.at(-1)) queue.push(next);
				wake?.();
			});
			let ended = false;
			return {
				async next(): Promise<IteratorResult<WatchState>> {
					while (queue.length === 0 && !ended) await new Promise<void>(resolve => (wake = resolve));
					const value = queue.shift();
					if (value === undefined || ended) {
						unsubscribe();
						return {done: true, value: undefined};
					}
					if (value.done) ended = true; // hand out the final state, then end
					return {done: false, value};
				},
				async return(): Promise<IteratorResult<WatchState>> {
					ended = true;
					unsubscribe();
					return {done: true, value: undefined};
				},
			};
		},
	};
	return watch;
}

/**
 * What to watch after a plan ran: the service of a successful ECS service change, following the
 * deployment the change answered with. Undefined for plans that start no rollout.
 */
export function watchTargetOf(plan: Plan, outcome: Outcome): {cluster: string; service: string; deploymentId?: string} | undefined {
	if (!outcome.ok || plan.target.kind !== 'service') return undefined;
	const deploymentId = outcome.after['deploymentId'];
	return {
		cluster: plan.target.cluster,
		service: plan.target.service,
		...(typeof deploymentId === 'string' ? {deploymentId} : {}),
	};
}
