import {useCallback, useSyncExternalStore} from 'react';
import type {DeploymentWatch} from '../watch.js';
import type {WatchState} from '../watch-state.js';
import type {WatchRegistry} from '../watches.js';

const noop = () => undefined;

/** The live state of a watch (undefined for none); the view re-renders on each poll. */
export function useWatchState(watch: DeploymentWatch | undefined): WatchState | undefined {
	const subscribe = useCallback((onChange: () => void) => (watch ? watch.subscribe(onChange) : noop), [watch]);
	return useSyncExternalStore(subscribe, () => watch?.state());
}

/** Re-renders on any change of any watch in the registry; returns the watches, oldest first. */
export function useWatchList(registry: WatchRegistry): DeploymentWatch[] {
	const subscribe = useCallback(
		(onChange: () => void) => {
			const offs = registry.list().map(watch => watch.subscribe(onChange));
			return () => {
				for (const off of offs) off();
			};
		},
		[registry],
	);
	// A string snapshot: equal while nothing changed, so React does not loop.
	useSyncExternalStore(subscribe, () =>
		registry
			.list()
			.map(watch => `${watch.cluster}/${watch.service}:${watch.state().polls}:${watch.state().done ?? ''}`)
			.join('|'),
	);
	return registry.list();
}
