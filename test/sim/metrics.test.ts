// GetMetricData on the simulated account: CloudWatch's aggregation, ordering, alignment, limits and
// validation, and a newest point that moves while the dashboard watches.
import {describe, expect, it} from 'vitest';
import type {MetricQuery} from '../../source/port/types.js';
import {ecsSeries, failure, makeSim, MINUTE, PROD, SUPERVISOR, T0} from './sim-helpers.js';

const cpuQuery = (over: Partial<MetricQuery> = {}): MetricQuery => ({
	id: 'cpu',
	namespace: 'AWS/ECS',
	metricName: 'CPUUtilization',
	dimensions: {ClusterName: PROD, ServiceName: SUPERVISOR},
	stat: 'Average',
	periodSeconds: 60,
	...over,
});

describe('metrics', () => {
	it('moves the newest one-minute point every second of sim time', async () => {
		const h = makeSim(5);
		h.clock.advance(20_000); // into a fresh minute, so the partial period is the newest point
		const seen: Array<{t: number; cpu: number; mem: number}> = [];
		for (let i = 0; i < 6; i++) {
			h.clock.advance(1000);
			const range = {start: h.clock.now() - 2 * MINUTE, end: h.clock.now() + 1};
			const cpu = await ecsSeries(h.sim, 'CPUUtilization', PROD, SUPERVISOR, range);
			const mem = await ecsSeries(h.sim, 'MemoryUtilization', PROD, SUPERVISOR, range);
			seen.push({t: cpu[cpu.length - 1]!.t, cpu: cpu[cpu.length - 1]!.v, mem: mem[mem.length - 1]!.v});
		}
		for (let i = 1; i < seen.length; i++) {
			expect(seen[i]!.t).toBe(seen[0]!.t); // same (current) minute
			expect(seen[i]!.cpu).not.toBe(seen[i - 1]!.cpu);
			expect(seen[i]!.mem).not.toBe(seen[i - 1]!.mem);
		}
	});

	it('returns ascending points at period starts, aligned to the period, within the range', async () => {
		const h = makeSim(1);
		const range = {start: T0 - 3 * 60 * MINUTE + 7 * MINUTE, end: T0};
		for (const period of [60, 300, 3600]) {
			const [series] = await h.sim.metrics.getMetricData([cpuQuery({periodSeconds: period})], range);
			const points = series!.points;
			expect(points.length).toBeGreaterThan(0);
			for (let i = 0; i < points.length; i++) {
				expect(points[i]!.t % (period * 1000)).toBe(0);
				expect(points[i]!.t).toBeLessThan(range.end);
				expect(points[i]!.t).toBeGreaterThanOrEqual(Math.floor(range.start / (period * 1000)) * period * 1000);
				if (i > 0) expect(points[i]!.t).toBeGreaterThan(points[i - 1]!.t);
			}
		}
	});

	it('aggregates samples into the requested period and statistic', async () => {
		const h = makeSim(1);
		const range = {start: T0 - 60 * MINUTE, end: T0 - 30 * MINUTE};
		const get = async (stat: MetricQuery['stat'], periodSeconds: number) => (await h.sim.metrics.getMetricData([cpuQuery({stat, periodSeconds})], range))[0]!.points;
		const [avg1, sum1, count1, max1, min1, avg5, sum5, count5, max5, min5] = await Promise.all([
			get('Average', 60), get('Sum', 60), get('SampleCount', 60), get('Maximum', 60), get('Minimum', 60),
			get('Average', 300), get('Sum', 300), get('SampleCount', 300), get('Maximum', 300), get('Minimum', 300),
		]);
		expect(avg1).toHaveLength(30);
		expect(avg5).toHaveLength(6);
		for (let p = 0; p < 6; p++) {
			const slice = (points: typeof avg1) => points.slice(p * 5, p * 5 + 5).map(point => point.v);
			const sum = slice(sum1).reduce((a, b) => a + b, 0);
			const count = slice(count1).reduce((a, b) => a + b, 0);
			expect(sum5[p]!.v).toBeCloseTo(sum, 6);
			expect(count5[p]!.v).toBeCloseTo(count, 6);
			expect(avg5[p]!.v).toBeCloseTo(sum / count, 6);
			expect(max5[p]!.v).toBeCloseTo(Math.max(...slice(max1)), 6);
			expect(min5[p]!.v).toBeCloseTo(Math.min(...slice(min1)), 6);
		}
		for (let i = 0; i < avg1.length; i++) {
			expect(min1[i]!.v).toBeLessThanOrEqual(avg1[i]!.v);
			expect(max1[i]!.v).toBeGreaterThanOrEqual(avg1[i]!.v);
		}
	});

	it('answers each query with its own series: dimensions must match exactly, unknown metrics are empty', async () => {
		const h = makeSim(1);
		const range = {start: T0 - 30 * MINUTE, end: T0};
		const series = await h.sim.metrics.getMetricData(
			[
				cpuQuery({id: 'supervisor', label: 'sup'}),
				cpuQuery({id: 'cluster', dimensions: {ClusterName: PROD}}),
				cpuQuery({id: 'only_service', dimensions: {ServiceName: SUPERVISOR}}),
				cpuQuery({id: 'unknown', metricName: 'NoSuchMetric'}),
				{id: 'db', namespace: 'AWS/RDS', metricName: 'FreeableMemory', dimensions: {DBInstanceIdentifier: 'acso-production-db'}, stat: 'Average', periodSeconds: 300},
				{id: 'errors', namespace: 'ACSO/Errors', metricName: 'ErrorCount', dimensions: {}, stat: 'Sum', periodSeconds: 300},
			],
			range,
		);
		expect(series.map(s => s.id)).toEqual(['supervisor', 'cluster', 'only_service', 'unknown', 'db', 'errors']);
		expect(series[0]!.label).toBe('sup');
		expect(series[1]!.label).toBe('CPUUtilization');
		expect(series[0]!.points.length).toBe(30);
		expect(series[1]!.points.length).toBe(30);
		expect(series[2]!.points).toEqual([]);
		expect(series[3]!.points).toEqual([]);
		expect(series[4]!.points.length).toBe(6);
		for (const point of series[4]!.points) expect(point.v).toBeGreaterThan(256 * 1024 ** 2);
		// The production ErrorCount metric filter counts ERROR lines.
		expect(series[5]!.points.length).toBeGreaterThan(0);
		expect(series[5]!.points.every(point => Number.isInteger(point.v) && point.v > 0)).toBe(true);
		expect(series.every(s => s.complete)).toBe(true);
	});

	it('a service with no running task has no datapoints, as on AWS', async () => {
		// Staging threat-hunter's old revision still serves during its rollout: scale a service to zero instead.
		const h = makeSim(1);
		await h.sim.operator.updateService('acso-staging-cluster', 'acso-staging-supervisor', {desiredCount: 0});
		h.clock.advance(25 * MINUTE);
		const now = h.clock.now();
		const points = await ecsSeries(h.sim, 'CPUUtilization', 'acso-staging-cluster', 'acso-staging-supervisor', {start: now - 20 * MINUTE, end: now});
		expect(points).toEqual([]);
		const before = await ecsSeries(h.sim, 'CPUUtilization', 'acso-staging-cluster', 'acso-staging-supervisor', {start: T0 - 120 * MINUTE, end: T0 - 60 * MINUTE});
		expect(before.length).toBe(60);
	});

	it('refuses malformed requests with clear messages', async () => {
		const h = makeSim(1);
		const range = {start: T0 - MINUTE, end: T0};
		const cases: Array<[MetricQuery[], {start: number; end: number}, RegExp]> = [
			[[cpuQuery({id: 'Bad-Id'})], range, /Bad-Id.*lowercase letter/],
			[[cpuQuery(), cpuQuery()], range, /not unique: 'cpu'/],
			[[cpuQuery({periodSeconds: 90})], range, /Period must be 1, 5, 10, 30 or a multiple of 60 \(got 90\)/],
			[[cpuQuery({stat: 'p99' as never})], range, /'p99'.*not a supported statistic/],
			[[cpuQuery()], {start: T0, end: T0 - 1}, /StartTime must be less than the parameter EndTime/],
			[Array.from({length: 501}, (_, i) => cpuQuery({id: `q${i}`})), range, /greater than 500/],
		];
		for (const [queries, r, message] of cases) {
			const error = await failure(h.sim.metrics.getMetricData(queries, r));
			expect(error.kind).toBe('invalid');
			expect(error.message).toMatch(message);
		}
	});

	it('caps a call at 100,800 datapoints and says the answer is incomplete', async () => {
		const h = makeSim(1);
		const queries = Array.from({length: 80}, (_, i) => cpuQuery({id: `q${i}`}));
		const series = await h.sim.metrics.getMetricData(queries, {start: T0 - 24 * 60 * MINUTE, end: T0});
		const total = series.reduce((sum, s) => sum + s.points.length, 0);
		expect(total).toBe(100_800);
		expect(series[0]!.complete).toBe(true);
		expect(series[series.length - 1]!.complete).toBe(false);
		expect(series[series.length - 1]!.points).toEqual([]);
	});
});
