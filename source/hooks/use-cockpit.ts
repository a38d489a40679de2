// The rollback cockpit's data, polled only while the cockpit is shown: the deployments and tasks
// (one batch a refresh), the new and old revisions' log lines, their error rates, CPU and memory,
// and the verdict. It remembers a rollback it saw, so it can say when the old revision is steady.
import {useCallback, useEffect, useMemo, useRef, useState} from 'react';
import {createCockpitLogStore, readCockpitLogs, revisionRate, streamQueries, type CockpitLine, type RevisionRate} from '../model/cockpit-logs.js';
import {createDeploymentsApiMemo, loadCockpit} from '../model/cockpit.js';
import {isRollback, judgeRollout, type Verdict} from '../model/cockpit-verdict.js';
import {serviceQueries, splitSeries} from '../model/metric-queries.js';
import {useApp} from '../shell/app-context.js';
import {useMetricBatch} from './use-cloud-data.js';
import {usePoll} from './use-poll.js';

/** The CPU and memory sparklines cover this much, one cell a minute. */
export const cockpitChartMs = 30 * 60_000;

// One memo a session: an endpoint without the service-deployments API is not asked again.
const deploymentsApi = createDeploymentsApiMemo();

export function useCockpit(name: string, enabled: boolean) {
	const {cloud, config, now, refresh, discovery, drill} = useApp();
	const {cluster} = config.names;
	const fetch = useCallback((signal: AbortSignal) => loadCockpit(cloud.services, cluster, name, deploymentsApi, {signal}), [cloud, cluster, name]);
	const state = usePoll(fetch, {intervalMs: config.refreshMs, enabled: enabled && name !== '', key: `cockpit|${cluster}/${name}`, now, refresh});
	const data = state.data;

	// The tasks whose lines are read: the new and the old revision's, running or recently stopped.
	const tasks = useMemo(() => {
		const revisions = [data?.fresh?.taskDefinition, data?.old?.taskDefinition].filter((r): r is string => r !== undefined);
		return data ? data.tasks.filter(task => revisions.includes(task.taskDefinition)) : [];
	}, [data]);
	const destinations = discovery.poll.data?.destinations;
	const queries = useMemo(
		() => streamQueries((destinations ?? []).filter(d => d.service === name), tasks, config.names.logGroups),
		[destinations, name, tasks, config.names.logGroups],
	);
	const [store] = useState(createCockpitLogStore);
	const sourceOf = discovery.sourceOf;
	const fetchLogs = useCallback(
		async (signal: AbortSignal): Promise<CockpitLine[]> => readCockpitLogs(cloud.logs, store, queries, tasks, sourceOf, now(), {signal}),
		[cloud, store, queries, tasks, sourceOf, now],
	);
	const logs = usePoll(fetchLogs, {intervalMs: config.refreshMs, enabled: enabled && tasks.length > 0, key: `cockpit-logs|${cluster}/${name}`, now, refresh});

	const metricQueries = useMemo(() => (name ? serviceQueries(config.names, [name], 60) : []), [config.names, name]);
	const metrics = useMetricBatch(metricQueries, cockpitChartMs, enabled);
	const series = useMemo(() => splitSeries([name], metrics.data ?? []).perService.get(name), [name, metrics.data]);

	const lines = logs.data;
	const rates = useMemo((): {fresh?: RevisionRate; old?: RevisionRate} => {
		if (!data || !lines) return {};
		const at = now();
		return {
			...(data.fresh ? {fresh: revisionRate(lines, data.fresh.taskDefinition, data.tasks, at)} : {}),
			...(data.old ? {old: revisionRate(lines, data.old.taskDefinition, data.tasks, at)} : {}),
		};
	}, [data, lines, now]);

	// A rollback seen once is remembered, so "steady" can say it was the rollback that finished.
	const rolledBack = useRef<string | undefined>(undefined);
	if (data && isRollback(data) && data.old) rolledBack.current = data.old.taskDefinition;
	const verdict: Verdict | undefined = useMemo(() => (data ? judgeRollout(data, rates, rolledBack.current) : undefined), [data, rates]);
	// A drill counts the cockpit's FAILING as the problem found.
	const verdictKind = verdict?.kind;
	useEffect(() => {
		if (verdictKind === 'failing') drill?.found('deploy', 'problem');
	}, [verdictKind, drill]);
	return {state, data, logs, metrics, series, rates, verdict, tasks};
}

