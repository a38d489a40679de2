// Where running deployment watches live while no screen shows them, so the engineer can leave a
// service and come back to its watch (one per service: a new change replaces the old watch).
import type {ServiceReader} from '../port/types.js';
import {watchDeployment, type DeploymentWatch, type WatchOptions} from './watch.js';

export type WatchRegistry = {
	/** Starts a watch for the service, cancelling a running one for the same service. */
	start(reader: ServiceReader, options: WatchOptions): DeploymentWatch;
	get(cluster: string, service: string): DeploymentWatch | undefined;
	/** Every watch, running or finished, most recently started last. */
	list(): DeploymentWatch[];
	/** Forgets finished watches. */
	prune(): void;
	cancelAll(): void;
};

const keyOf = (cluster: string, service: string) => `${cluster}/${service}`;

export function createWatchRegistry(): WatchRegistry {
	const watches = new Map<string, DeploymentWatch>();
	return {
		start(reader, options) {
			const key = keyOf(options.cluster, options.service);
			watches.get(key)?.cancel();
			watches.delete(key); // re-insert so list() keeps start order
			const watch = watchDeployment(reader, options);
			watches.set(key, watch);
			return watch;
		},
		get: (cluster, service) => watches.get(keyOf(cluster, service)),
		list: () => [...watches.values()],
		prune() {
			for (const [key, watch] of watches) if (watch.state().done) watches.delete(key);
		},
		cancelAll() {
			for (const watch of watches.values()) watch.cancel();
		},
	};
}
