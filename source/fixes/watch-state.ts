// The state of a deployment watch and the pure reducer that advances it from each DescribeServices
// answer. Kept apart from the polling loop so every rule (when is a rollout done, which events are new)
// is tested on plain values.
import type {RolloutState, Service, ServiceEvent} from '../port/types.js';

export type WatchDone = 'completed' | 'failed' | 'timeout' | 'cancelled';

export type WatchState = {
	cluster: string;
	service: string;
	/** When the change was made: events older than this are not "new". */
	since: number;
	startedAt: number;
	deadline: number;
	/** The deployment being followed: the one named when the watch started, else the first PRIMARY seen. */
	deploymentId?: string;
	taskDefinition?: string;
	rolloutState?: RolloutState;
	rolloutStateReason?: string;
	running: number;
	desired: number;
	pending: number;
	/** Deployments not yet INACTIVE: more than one while old tasks drain. */
	deployments: number;
	/** Service events since the change, oldest first (bounded). */
	events: ServiceEvent[];
	done?: WatchDone;
	/** Why the watch ended, in words (failed, timed out, cancelled, completed). */
	reason?: string;
	/** The last polling error, cleared by the next good answer. */
	lastError?: string;
	polls: number;
	updatedAt?: number;
};

export type WatchAction =
	| {type: 'polled'; service: Service; at: number}
	| {type: 'poll-failed'; message: string; permanent: boolean; at: number}
	| {type: 'tick'; at: number}
	| {type: 'cancel'; at: number};

export const maxWatchEvents = 100;

export function initialWatchState(options: {cluster: string; service: string; since: number; startedAt: number; timeoutMs: number; deploymentId?: string}): WatchState {
	return {
		cluster: options.cluster,
		service: options.service,
		since: options.since,
		startedAt: options.startedAt,
		deadline: options.startedAt + options.timeoutMs,
		...(options.deploymentId === undefined ? {} : {deploymentId: options.deploymentId}),
		running: 0,
		desired: 0,
		pending: 0,
		deployments: 0,
		events: [],
		polls: 0,
	};
}

function mergeEvents(known: ServiceEvent[], incoming: ServiceEvent[], since: number): ServiceEvent[] {
	const seen = new Set(known.map(event => event.id));
	const fresh = incoming.filter(event => event.createdAt >= since && !seen.has(event.id));
	if (fresh.length === 0) return known;
	// ECS lists events newest first; the watch shows them in the order they happened.
	const merged = [...known, ...fresh].sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id));
	return merged.slice(-maxWatchEvents);
}

function timedOut(state: WatchState, at: number): WatchState {
	if (state.done || at < state.deadline) return state;
	const seconds = Math.round((state.deadline - state.startedAt) / 1000);
	return {...state, done: 'timeout', reason: `not finished after ${seconds} s (rollout ${state.rolloutState ?? 'unknown'}, ${state.running}/${state.desired} running)`};
}

function polled(state: WatchState, service: Service, at: number): WatchState {
	const live = service.deployments.filter(deployment => deployment.status !== 'INACTIVE');
	const primary = live.find(deployment => deployment.status === 'PRIMARY');
	const deploymentId = state.deploymentId ?? primary?.id;
	const followed = service.deployments.find(deployment => deployment.id === deploymentId);
	let next: WatchState = {
		...state,
		...(deploymentId === undefined ? {} : {deploymentId}),
		taskDefinition: followed?.taskDefinition ?? service.taskDefinition,
		...(followed ? {rolloutState: followed.rolloutState} : {}),
		...(followed?.rolloutStateReason === undefined ? {} : {rolloutStateReason: followed.rolloutStateReason}),
		running: service.runningCount,
		desired: service.desiredCount,
		pending: service.pendingCount,
		deployments: live.length,
		events: mergeEvents(state.events, service.events, state.since),
		polls: state.polls + 1,
		updatedAt: at,
	};
	delete next.lastError;

	if (followed?.rolloutState === 'FAILED') {
		return {...next, done: 'failed', reason: followed.rolloutStateReason ?? `deployment ${followed.id} failed`};
	}
	if (deploymentId !== undefined && primary && primary.id !== deploymentId) {
		return {...next, done: 'failed', reason: `deployment ${deploymentId} was replaced by ${primary.id} (${primary.taskDefinition}): rolled back or superseded`};
	}
	if (deploymentId !== undefined && !followed) {
		return {...next, done: 'failed', reason: `deployment ${deploymentId} is no longer listed by the service`};
	}
	// Steady: the followed deployment alone, every task running. ECS marks a rollout COMPLETED at that
	// point; a backend that reports no rollout state (UNKNOWN) is judged on the counts alone.
	const steady =
		followed !== undefined &&
		live.length === 1 &&
		followed.runningCount === followed.desiredCount &&
		followed.pendingCount === 0 &&
		service.runningCount === service.desiredCount &&
		service.pendingCount === 0;
	if (steady && (followed.rolloutState === 'COMPLETED' || followed.rolloutState === 'UNKNOWN')) {
		next = {...next, done: 'completed', reason: `${service.name} is steady: ${service.runningCount}/${service.desiredCount} running ${followed.taskDefinition}`};
		return next;
	}
	return timedOut(next, at);
}

export function reduceWatch(state: WatchState, action: WatchAction): WatchState {
	if (state.done) return state; // a finished watch keeps its final state
	switch (action.type) {
		case 'polled':
			return polled(state, action.service, action.at);
		case 'poll-failed': {
			const next = {...state, lastError: action.message, polls: state.polls + 1, updatedAt: action.at};
			if (action.permanent) return {...next, done: 'failed', reason: action.message};
			return timedOut(next, action.at);
		}
		case 'tick':
			return timedOut(state, action.at);
		case 'cancel':
			return {...state, done: 'cancelled', reason: 'stopped watching (the deployment itself goes on)', updatedAt: action.at};
	}
}
