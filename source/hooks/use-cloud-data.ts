import {useCallback} from 'react';
import type {EnvironmentAlarm} from '../discovery/alarm-attribution.js';
import {sortAlarms} from '../model/alarms.js';
import {sortServices} from '../model/services.js';
import type {DbInstance, MetricQuery, MetricSeries, Service} from '../port/types.js';
import {useApp} from '../shell/app-context.js';
import {usePoll} from './use-poll.js';

// The environment's data, one poll per panel so one failing panel (a missing database, say) never
// blanks the others. Each poll runs only while the screen that uses it is mounted.

export function useServices(enabled = true) {
	const {cloud, config, now, refresh, pollCache} = useApp();
	const {cluster} = config.names;
	const fetch = useCallback(async (signal: AbortSignal): Promise<Service[]> => {
		const names = await cloud.services.listServices(cluster, {signal});
		return sortServices(await cloud.services.describeServices(cluster, names, {signal}));
	}, [cloud, cluster]);
	return usePoll(fetch, {intervalMs: config.refreshMs, enabled, key: `services|${cluster}`, cache: pollCache, now, refresh, isEmpty: s => s.length === 0});
}

export function useMetricBatch(queries: readonly MetricQuery[], windowMs: number, enabled = true) {
	const {cloud, config, now, refresh, pollCache} = useApp();
	// A stable key for the batch, so a re-render with equal queries keeps polling undisturbed.
	const key = `metrics|${windowMs}|${queries.map(q => `${q.id}:${q.metricName}:${Object.values(q.dimensions).join(',')}:${q.periodSeconds}`).join(';')}`;
	const fetch = useCallback(async (signal: AbortSignal): Promise<MetricSeries[]> => {
		if (queries.length === 0) return [];
		const end = now();
		return cloud.metrics.getMetricData([...queries], {start: end - windowMs, end}, {signal});
		// eslint-disable-next-line react-hooks/exhaustive-deps -- the key stands for the queries: equal queries in a new array must not restart the poll
	}, [cloud, key]);
	return usePoll(fetch, {intervalMs: config.refreshMs, enabled: enabled && queries.length > 0, key, cache: pollCache, now, refresh});
}

/**
 * The alarms that watch the environment, each with why (its dimensions name the cluster, one of its
 * services or the database; a metric filter on its log groups makes its metric; the config lists
 * it). The services and metric filters come from discovery, so the scope grows once it answers.
 */
export function useAlarms(enabled = true) {
	const {config, now, refresh, pollCache, discovery, alarmReader} = useApp();
	const {names} = config;
	const found = discovery.poll.data;
	const fetch = useCallback(
		async (signal: AbortSignal): Promise<EnvironmentAlarm[]> =>
			sortAlarms(
				await alarmReader.read(
					{cluster: names.cluster, db: names.db, services: found?.services ?? [], metricFilters: found?.metricFilters ?? [], alarmNames: names.alarmNames},
					now(),
					{signal},
				),
			),
		[alarmReader, names, found, now],
	);
	return usePoll(fetch, {intervalMs: config.refreshMs, enabled, key: `alarms|${names.cluster}|${names.db}`, cache: pollCache, now, refresh, isEmpty: a => a.length === 0});
}

export function useDatabase(enabled = true) {
	const {cloud, config, now, refresh, pollCache} = useApp();
	const {db} = config.names;
	const fetch = useCallback(async (signal: AbortSignal): Promise<DbInstance | undefined> => (await cloud.databases.describeDbInstances(db, {signal}))[0], [cloud, db]);
	return usePoll(fetch, {intervalMs: config.refreshMs, enabled, key: `db|${db}`, cache: pollCache, now, refresh, isEmpty: d => d === undefined});
}
