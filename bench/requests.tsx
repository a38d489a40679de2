// AWS requests per overview refresh for 10, 50 and 200 services, against moto_server: the real
// <App> in-process on the SDK adapters, every HTTP request counted in the SDK's middleware
// (createAwsCloud's `observe`, retries included). One refresh is the `r` key: every panel of the
// overview refetches once. The counts do not depend on the renderer.
import {App} from '../source/app.js';
import {createAwsCloud} from '../source/aws/index.js';
import {parseFlags} from '../source/config/parse-flags.js';
import {motoCredentials, motoRegion} from '../test/helpers/moto.js';
import {seedEnvironment} from '../test/helpers/moto-seed.js';
import {renderTui} from '../test/helpers/render.js';
import {trackCloud} from './tracked-cloud.js';

export type RefreshCount = {
	services: number;
	series: number;
	perOperation: Record<string, number>;
	total: number;
	/** ⌈N/10⌉ DescribeServices + ⌈series/500⌉ GetMetricData + one of every other call (+ its pages). */
	expected: Record<string, number>;
	expectedTotal: number;
	/** The first load (mount), for comparison. */
	firstLoad: Record<string, number>;
	firstLoadTotal: number;
};

export async function seedForRequests(endpoint: string, env: string, services: number): Promise<void> {
	// One revision, no tasks, few log lines and five minutes of metrics: the request count does not
	// depend on them, and moto answers GetMetricData by scanning every stored point for every one
	// of the 403 queries, which with 30 minutes of points takes it half a minute.
	await seedEnvironment(endpoint, {env, services, revisions: 1, tasks: false, logLines: {INFO: 1, WARN: 0, ERROR: 1, FATAL: 0}, metricMinutes: 5});
}

export async function countRefresh(endpoint: string, env: string, services: number): Promise<RefreshCount> {
	const parsed = parseFlags({env, endpointUrl: endpoint, region: motoRegion, refresh: '3600'}, {}, {});
	if (!parsed.ok) throw new Error(parsed.error);
	const {config} = parsed;
	let counts: Record<string, number> = {};
	const aws = createAwsCloud({
		region: motoRegion,
		endpointUrl: endpoint,
		credentials: motoCredentials,
		isWriteEnabled: () => false,
		maxAttempts: 1,
		observe: call => {
			counts[call.operation] = (counts[call.operation] ?? 0) + 1;
		},
	});
	const tracked = trackCloud(aws);
	// The test harness's fake terminal: requests do not depend on what reaches a screen.
	const instance = renderTui(<App cloud={tracked.cloud} config={config} />, {columns: 100, rows: 40});
	try {
		// The first load: the services first, then the metrics of those services.
		await tracked.settled({since: 4, quietMs: 500, timeoutMs: 60_000});
		const firstLoad = counts;
		counts = {};
		const before = tracked.activity().calls;
		void instance.press('r');
		const after = await tracked.settled({since: before, quietMs: 500, timeoutMs: 60_000});
		if (after.failures > 0) throw new Error(`a cloud call failed while counting ${services} services: ${after.lastError}`);
		const series = services * 2 + 3; // CPU and memory per service, three database metrics
		const expected: Record<string, number> = {
			ListServices: Math.ceil(services / 100),
			DescribeServices: Math.ceil(services / 10),
			GetMetricData: Math.ceil(series / 500),
			DescribeAlarms: 1,
			DescribeDBInstances: 1,
			FilterLogEvents: config.names.logGroups.length,
		};
		const sum = (record: Record<string, number>) => Object.values(record).reduce((a, b) => a + b, 0);
		return {services, series, perOperation: counts, total: sum(counts), expected, expectedTotal: sum(expected), firstLoad, firstLoadTotal: sum(firstLoad)};
	} finally {
		instance.unmount();
	}
}

/** Prices assumed (us-east-1 list prices; the README's Benchmark section says what was checked). */
export const prices = {
	getMetricDataPerMetric: 0.01 / 1000,
	cloudWatchRequest: 0.01 / 1000,
	ecsRequest: 0,
	rdsRequest: 0,
	filterLogEventsRequest: 0,
};

/** Dollars per hour of watching the overview, refreshing every `refreshSeconds`. */
export function costPerHour(count: RefreshCount, refreshSeconds: number, errorRefreshSeconds: number): number {
	const refreshes = 3600 / refreshSeconds;
	const errorRefreshes = 3600 / errorRefreshSeconds;
	const metrics = count.series * refreshes * prices.getMetricDataPerMetric;
	const alarms = (count.perOperation.DescribeAlarms ?? 0) * refreshes * prices.cloudWatchRequest;
	const logs = (count.perOperation.FilterLogEvents ?? 0) * errorRefreshes * prices.filterLogEventsRequest;
	return metrics + alarms + logs;
}
