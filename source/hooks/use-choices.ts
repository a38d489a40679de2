import {useCallback} from 'react';
import type {Cluster, DbInstance} from '../port/types.js';
import {useApp} from '../shell/app-context.js';
import {usePoll} from './use-poll.js';

// What the pickers offer when a named cluster or database does not exist: what the account has.
// Polled only while a picker is open.

/** DescribeClusters takes at most 100 clusters a call. */
const describeBatch = 100;

/** Every cluster of the account with its counts: ListClusters (all pages), then DescribeClusters by 100. */
export function useClusterChoices(enabled = true) {
	const {cloud, config, now, refresh, pollCache} = useApp();
	const fetch = useCallback(async (signal: AbortSignal): Promise<Cluster[]> => {
		const names = await cloud.clusters.listClusters({signal});
		const batches: string[][] = [];
		for (let i = 0; i < names.length; i += describeBatch) batches.push(names.slice(i, i + describeBatch));
		const answers = await Promise.all(batches.map(batch => cloud.clusters.describeClusters(batch, {signal})));
		return answers.flatMap(answer => answer.clusters);
	}, [cloud]);
	return usePoll(fetch, {intervalMs: config.refreshMs, enabled, key: 'choices|clusters', cache: pollCache, now, refresh, isEmpty: c => c.length === 0});
}

/** Every DB instance of the account: DescribeDBInstances without an identifier (all pages). */
export function useDatabaseChoices(enabled = true) {
	const {cloud, config, now, refresh, pollCache} = useApp();
	const fetch = useCallback(async (signal: AbortSignal): Promise<DbInstance[]> => cloud.databases.describeDbInstances(undefined, {signal}), [cloud]);
	return usePoll(fetch, {intervalMs: config.refreshMs, enabled, key: 'choices|databases', cache: pollCache, now, refresh, isEmpty: d => d.length === 0});
}
