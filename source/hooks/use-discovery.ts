import {useCallback, useMemo, useState} from 'react';
import {createDiscoveryCache, discoverEnvironment} from '../discovery/discover.js';
import type {DiscoveryState} from '../discovery/discovery-state.js';
import {streamMapper, type StreamMapper} from '../discovery/stream-source.js';
import type {ResourceNames} from '../port/names.js';
import type {Cloud} from '../port/types.js';
import type {RefreshSignal} from './refresh-signal.js';
import {usePoll} from './use-poll.js';

/** What the environment is made of changes with deployments, not by the second. */
export const discoveryIntervalMs = 60_000;

const unknownSource: StreamMapper = () => undefined;

/**
 * Discovers the environment once a minute for the whole session (the shell runs it, since the
 * overview, the alarms and the logs all read it). `r` discovers again at once.
 */
export function useDiscovery(cloud: Cloud, names: ResourceNames, options: {now: () => number; refresh: RefreshSignal}): DiscoveryState {
	// Task definitions are immutable: one cache per cloud, kept across rediscoveries.
	const [caches] = useState(() => new WeakMap<Cloud, ReturnType<typeof createDiscoveryCache>>());
	const fetch = useCallback(async (signal: AbortSignal) => {
		let cache = caches.get(cloud);
		if (!cache) caches.set(cloud, (cache = createDiscoveryCache()));
		return discoverEnvironment(cloud, names, cache, {signal});
	}, [caches, cloud, names]);
	const key = `discovery|${names.cluster}|${names.db}|${names.logGroups.join(',')}`;
	const poll = usePoll(fetch, {intervalMs: discoveryIntervalMs, key, now: options.now, refresh: options.refresh});
	const sourceOf = useMemo(() => (poll.data ? streamMapper(poll.data.destinations, poll.data.tasks) : unknownSource), [poll.data]);
	return {poll, sourceOf};
}
