import type {MetricDataQuery, MetricDataResult} from '@aws-sdk/client-cloudwatch';
import {CloudError} from '../port/errors.js';
import type {MetricQuery, MetricReader, MetricSeries, MetricStat, TimeRange} from '../port/types.js';
import type {AwsClients} from './clients.js';
import {chunk, collectPages, epochMs} from './paging.js';

/** GetMetricData takes at most 500 queries a call (and returns up to 100,800 points, then pages). */
export const queriesPerRequest = 500;

const idPattern = /^[a-z][a-zA-Z0-9_]*$/;
const stats = new Set<MetricStat>(['Average', 'Maximum', 'Minimum', 'Sum', 'SampleCount']);

/** Bad queries fail here with a message naming the query, not as an opaque ValidationError later. */
export function validateQueries(queries: readonly MetricQuery[], range: TimeRange): void {
	if (!Number.isFinite(range.start) || !Number.isFinite(range.end) || range.start >= range.end) {
		throw new CloudError('invalid', `Metric time range must have start before end (got ${range.start} .. ${range.end})`);
	}
	const ids = new Set<string>();
	for (const query of queries) {
		if (!idPattern.test(query.id)) {
			throw new CloudError('invalid', `Metric query id "${query.id}" must start with a lowercase letter and hold only letters, digits and underscores`);
		}
		if (ids.has(query.id)) throw new CloudError('invalid', `Metric query id "${query.id}" is used twice in one request`);
		ids.add(query.id);
		const period = query.periodSeconds;
		if (!Number.isInteger(period) || period <= 0 || (period >= 60 ? period % 60 !== 0 : ![1, 5, 10, 20, 30].includes(period))) {
			throw new CloudError('invalid', `Metric query "${query.id}": period ${period}s must be 1, 5, 10, 20, 30 or a multiple of 60`);
		}
		if (!stats.has(query.stat)) throw new CloudError('invalid', `Metric query "${query.id}": unknown statistic "${query.stat}"`);
		if (!query.namespace || !query.metricName) {
			throw new CloudError('invalid', `Metric query "${query.id}" needs a namespace and a metric name`);
		}
	}
}

export function toMetricDataQuery(query: MetricQuery): MetricDataQuery {
	// Sorted by name: CloudWatch ignores dimension order, but moto matches it literally, so one
	// fixed order keeps the emulator and AWS agreeing.
	const dimensions = Object.entries(query.dimensions)
		.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
		.map(([Name, Value]) => ({Name, Value}));
	return {
		Id: query.id,
		Label: query.label,
		ReturnData: true,
		MetricStat: {
			Metric: {Namespace: query.namespace, MetricName: query.metricName, Dimensions: dimensions},
			Period: query.periodSeconds,
			Stat: query.stat,
		},
	};
}

/**
 * Merges every page of every batch into one series per query, in the queries' order, points
 * ascending. A series is complete only when its last page said Complete: PartialData means
 * CloudWatch holds more than it returned; a query missing from the answer is incomplete too.
 */
export function mergeResults(queries: readonly MetricQuery[], results: readonly MetricDataResult[]): MetricSeries[] {
	const byId = new Map<string, {label?: string; points: Map<number, number>; status?: string}>();
	for (const result of results) {
		if (!result.Id) continue;
		const entry = byId.get(result.Id) ?? {points: new Map<number, number>()};
		entry.label ??= result.Label;
		const timestamps = result.Timestamps ?? [];
		const values = result.Values ?? [];
		timestamps.forEach((timestamp, index) => {
			const t = epochMs(timestamp);
			const v = values[index];
			if (t !== undefined && v !== undefined && Number.isFinite(v)) entry.points.set(t, v);
		});
		entry.status = result.StatusCode;
		byId.set(result.Id, entry);
	}
	return queries.map(query => {
		const entry = byId.get(query.id);
		const points = [...(entry?.points ?? new Map<number, number>())].map(([t, v]) => ({t, v})).sort((a, b) => a.t - b.t);
		return {
			id: query.id,
			label: query.label ?? entry?.label ?? query.id,
			points,
			complete: entry !== undefined && entry.status !== 'PartialData' && entry.status !== 'InternalError' && entry.status !== 'Forbidden',
		};
	});
}

export function createMetricReader(clients: AwsClients): MetricReader {
	return {
		getMetricData: (queries, range, {signal} = {}) =>
			clients.call({action: 'cloudwatch:GetMetricData', resource: `${queries.length} metric series`, signal}, async () => {
				validateQueries(queries, range);
				if (queries.length === 0) return [];
				const {client, sdk} = await clients.get('cloudwatch');
				const batches = await Promise.all(
					chunk(queries, queriesPerRequest).map(batch =>
						collectPages('metric data', signal, async token => {
							// aws cloudwatch get-metric-data --metric-data-queries file://q.json --start-time S --end-time E --scan-by TimestampAscending
							const page = await client.send(
								new sdk.GetMetricDataCommand({
									MetricDataQueries: batch.map(toMetricDataQuery),
									StartTime: new Date(range.start),
									EndTime: new Date(range.end),
									ScanBy: 'TimestampAscending',
									NextToken: token,
								}),
								{abortSignal: signal},
							);
							return {items: page.MetricDataResults ?? [], next: page.NextToken};
						}),
					),
				);
				return mergeResults(queries, batches.flat());
			}),
	};
}
