import {describe, expect, it} from 'vitest';
import {createMetricReader, mergeResults, toMetricDataQuery, validateQueries} from '../../source/aws/metrics.js';
import type {MetricQuery} from '../../source/port/types.js';
import {fakeClients} from './fake-clients.js';

const query = (id: string, service = 'acso-production-supervisor'): MetricQuery => ({
	id,
	namespace: 'AWS/ECS',
	metricName: 'CPUUtilization',
	dimensions: {ServiceName: service, ClusterName: 'acso-production-cluster'},
	stat: 'Average',
	periodSeconds: 60,
});

const range = {start: 1_700_000_000_000, end: 1_700_003_600_000};

describe('toMetricDataQuery', () => {
	it('sends dimensions sorted by name, so the emulator matches them like AWS does', () => {
		const sdk = toMetricDataQuery({...query('cpu_0'), label: 'supervisor CPU'});
		expect(sdk.MetricStat?.Metric?.Dimensions).toEqual([
			{Name: 'ClusterName', Value: 'acso-production-cluster'},
			{Name: 'ServiceName', Value: 'acso-production-supervisor'},
		]);
		expect(sdk).toMatchObject({Id: 'cpu_0', Label: 'supervisor CPU', ReturnData: true, MetricStat: {Period: 60, Stat: 'Average'}});
	});
});

describe('validateQueries', () => {
	it.each([
		[[query('Cpu')], 'must start with a lowercase letter'],
		[[query('cpu-1')], 'cpu-1'],
		[[query('a'), query('a')], 'used twice'],
		[[{...query('a'), periodSeconds: 45}], 'period 45s'],
		[[{...query('a'), stat: 'p99' as 'Average'}], 'unknown statistic'],
		[[{...query('a'), namespace: ''}], 'needs a namespace'],
	])('refuses bad queries with a message naming the problem (%#)', (queries, message) => {
		expect(() => validateQueries(queries, range)).toThrow(message);
	});

	it('refuses a range that ends before it starts', () => {
		expect(() => validateQueries([query('a')], {start: 2, end: 1})).toThrow('start before end');
	});
});

describe('mergeResults', () => {
	const t = (minute: number) => new Date(range.start + minute * 60_000);

	it('merges pages per id, sorts points ascending and keeps the queries\' order', () => {
		const series = mergeResults(
			[query('b'), query('a')],
			[
				{Id: 'a', Label: 'A', Timestamps: [t(2), t(0)], Values: [2, 0], StatusCode: 'PartialData'},
				{Id: 'b', Timestamps: [t(1)], Values: [10], StatusCode: 'Complete'},
				{Id: 'a', Timestamps: [t(1)], Values: [1], StatusCode: 'Complete'},
			],
		);
		expect(series.map(s => s.id)).toEqual(['b', 'a']);
		expect(series[1]).toEqual({
			id: 'a',
			label: 'A',
			complete: true,
			points: [
				{t: t(0).getTime(), v: 0},
				{t: t(1).getTime(), v: 1},
				{t: t(2).getTime(), v: 2},
			],
		});
	});

	it('marks a series incomplete when its last page said PartialData, or when it is missing', () => {
		const series = mergeResults([query('a'), query('gone')], [{Id: 'a', Timestamps: [t(0)], Values: [1], StatusCode: 'PartialData'}]);
		expect(series.map(s => s.complete)).toEqual([false, false]);
		expect(series[1]?.points).toEqual([]);
		expect(series[1]?.label).toBe('gone');
	});
});

describe('getMetricData on the SDK', () => {
	it('sends 1001 queries as 3 requests of at most 500, follows NextToken, and merges', async () => {
		const clients = fakeClients(command => {
			const queries = command.input.MetricDataQueries as Array<{Id: string}>;
			const firstPage = command.input.NextToken === undefined;
			return {
				MetricDataResults: queries.map(q => ({
					Id: q.Id,
					Timestamps: [new Date(range.start + (firstPage ? 60_000 : 0))],
					Values: [firstPage ? 2 : 1],
					StatusCode: firstPage && q.Id === 'q0' ? 'PartialData' : 'Complete',
				})),
				// Only the first batch has a second page.
				NextToken: firstPage && queries[0]?.Id === 'q0' ? 'page-2' : undefined,
			};
		});
		const queries = Array.from({length: 1001}, (_, index) => query(`q${index}`, `svc-${index}`));
		const series = await createMetricReader(clients).getMetricData(queries, range);
		const sizes = clients.sent.map(c => (c.input.MetricDataQueries as unknown[]).length);
		expect(clients.sent.every(c => c.name === 'GetMetricData')).toBe(true);
		expect(sizes.sort((a, b) => b - a)).toEqual([500, 500, 500, 1]);
		expect(clients.sent.filter(c => c.input.NextToken === 'page-2')).toHaveLength(1);
		expect(series).toHaveLength(1001);
		expect(series[0]?.points.map(p => p.v)).toEqual([1, 2]);
		expect(series[0]?.complete).toBe(true);
		expect(series[1000]?.points.map(p => p.v)).toEqual([2]);
		const first = clients.sent[0]!.input;
		expect(first.ScanBy).toBe('TimestampAscending');
		expect(first.StartTime).toEqual(new Date(range.start));
	});

	it('makes no request for no queries, and none for an invalid one', async () => {
		const clients = fakeClients(() => ({MetricDataResults: []}));
		const reader = createMetricReader(clients);
		expect(await reader.getMetricData([], range)).toEqual([]);
		await expect(reader.getMetricData([query('Bad')], range)).rejects.toMatchObject({kind: 'invalid'});
		expect(clients.sent).toHaveLength(0);
	});
});
