// The runbook of this run of acso-tui and the walker's state, kept by the App (AppContext.runbook)
// so that results survive leaving the runbooks screen, and a step still running when the engineer
// looks elsewhere lands in its record all the same. A tiny external store: the screen reads it with
// useSyncExternalStore; the queued requests are performed by whoever attached a performer (the
// screen's hook, which has the port and the clipboard), and wait for one while none is attached.
import type {LoadedRunbook} from '../load-runbook.js';
import {createWalkerReducer, initialWalkerState, type WalkerAction, type WalkerRequest, type WalkerState} from './walker-state.js';

export type Dispatch = (action: WalkerAction) => void;

export type Performer = (request: WalkerRequest, dispatch: Dispatch) => void;

export type RunbookSession = {
	/** The runbook walked and its warnings; built on first use (the built-in one takes a few ms). */
	loaded(): LoadedRunbook;
	getState(): WalkerState;
	subscribe(listener: () => void): () => void;
	dispatch: Dispatch;
	/** Hands queued and future requests to `performer` until the returned function is called. */
	attach(performer: Performer): () => void;
};

export function createRunbookSession(load: () => LoadedRunbook): RunbookSession {
	let loaded: LoadedRunbook | undefined;
	let reduce: ((state: WalkerState, action: WalkerAction) => WalkerState) | undefined;
	let state = initialWalkerState();
	let performer: Performer | undefined;
	const listeners = new Set<() => void>();

	const get = () => (loaded ??= load());
	const reducer = () => (reduce ??= createWalkerReducer(get()));

	const notify = () => {
		for (const listener of [...listeners]) listener();
	};

	const drain = () => {
		if (!performer || state.requests.length === 0) return;
		const requests = state.requests;
		// Taken before they are performed: a performer that dispatches at once cannot see them twice.
		state = reducer()(state, {type: 'taken', ids: requests.map(r => r.id)});
		for (const request of requests) performer(request, dispatch);
	};

	const dispatch: Dispatch = action => {
		const next = reducer()(state, action);
		if (next === state) return;
		state = next;
		drain();
		notify();
	};

	return {
		loaded: get,
		getState: () => state,
		subscribe(listener) {
			listeners.add(listener);
			return () => listeners.delete(listener);
		},
		dispatch,
		attach(next) {
			performer = next;
			if (state.requests.length > 0) {
				drain();
				notify();
			}
			return () => {
				if (performer === next) performer = undefined;
			};
		},
	};
}
