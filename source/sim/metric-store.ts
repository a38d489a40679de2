// Metric samples kept as one-minute buckets (sum, count, min, max) in a fixed ring per series, the
// way CloudWatch stores standard-resolution data. Any period that is a whole number of minutes is
// aggregated from the buckets; the bucket of the current minute fills as samples arrive, so the
// newest point of a series moves between refreshes. Memory is fixed: RING_MINUTES per series.

import type {MetricPoint, MetricStat} from '../port/types.js';
import {MINUTE} from './clock.js';

/** 25 hours: a full day of history at start, plus the hour the app has been looking at. */
export const RING_MINUTES = 25 * 60;
/** A cap on distinct series, so user-made metric filters cannot grow the sim without bound. */
export const MAX_SERIES = 400;

export type Series = {
	key: string;
	minute: Float64Array; // the absolute minute number held in each slot, -1 when empty
	sum: Float64Array;
	count: Float64Array;
	min: Float64Array;
	max: Float64Array;
	/** The newest minute written, -1 before the first sample. */
	newest: number;
};

export type Aggregate = {sum: number; count: number; min: number; max: number};

export function metricKey(namespace: string, metricName: string, dimensions: Record<string, string>): string {
	const dims = Object.keys(dimensions)
		.sort()
		.map(name => `${name}=${dimensions[name]}`)
		.join(',');
	return `${namespace}|${metricName}|${dims}`;
}

export type MetricStore = {
	series: Map<string, Series>;
};

export function createMetricStore(): MetricStore {
	return {series: new Map()};
}

/** The series for a key, created on first use; undefined once the cap is reached. */
export function seriesFor(store: MetricStore, key: string): Series | undefined {
	let series = store.series.get(key);
	if (series) return series;
	if (store.series.size >= MAX_SERIES) return undefined;
	series = {
		key,
		minute: new Float64Array(RING_MINUTES).fill(-1),
		sum: new Float64Array(RING_MINUTES),
		count: new Float64Array(RING_MINUTES),
		min: new Float64Array(RING_MINUTES),
		max: new Float64Array(RING_MINUTES),
		newest: -1,
	};
	store.series.set(key, series);
	return series;
}

/**
 * Adds a sample at time t. `weight` is how many one-second samples it stands for (coarse steps and
 * backfilled history add one weighted sample instead of sixty), so SampleCount stays comparable.
 * `spread` widens min/max around the value for weighted samples that stand for many readings.
 */
export function addSample(series: Series, t: number, value: number, weight = 1, spread = 0): void {
	if (!Number.isFinite(value) || weight <= 0) return;
	const minute = Math.floor(t / MINUTE);
	if (minute <= series.newest - RING_MINUTES) return; // older than the ring holds: dropped, as expired data is
	const slot = ((minute % RING_MINUTES) + RING_MINUTES) % RING_MINUTES;
	const low = value - spread;
	const high = value + spread;
	if (minute > series.newest) series.newest = minute;
	if (series.minute[slot] !== minute) {
		series.minute[slot] = minute;
		series.sum[slot] = value * weight;
		series.count[slot] = weight;
		series.min[slot] = low;
		series.max[slot] = high;
		return;
	}
	series.sum[slot]! += value * weight;
	series.count[slot]! += weight;
	if (low < series.min[slot]!) series.min[slot] = low;
	if (high > series.max[slot]!) series.max[slot] = high;
}

export function statValue(aggregate: Aggregate, stat: MetricStat): number {
	switch (stat) {
		case 'Average':
			return aggregate.sum / aggregate.count;
		case 'Sum':
			return aggregate.sum;
		case 'Minimum':
			return aggregate.min;
		case 'Maximum':
			return aggregate.max;
		case 'SampleCount':
			return aggregate.count;
	}
}

/**
 * Aggregates the buckets into periods aligned to multiples of `periodMs` from the epoch, covering
 * [start, end): the period holding `start` is included, as CloudWatch rounds the start down.
 * Periods without samples are left out. Points are ascending, stamped with the period's start.
 */
export function aggregatePeriods(series: Series, start: number, end: number, periodMs: number, stat: MetricStat): MetricPoint[] {
	// Sub-minute periods on one-minute data give one point per minute, as CloudWatch does for
	// standard-resolution metrics.
	const period = Math.max(MINUTE, Math.ceil(periodMs / MINUTE) * MINUTE);
	const first = Math.floor(start / period) * period;
	if (end <= first) return [];
	const firstMinute = Math.floor(first / MINUTE);
	const endMinute = Math.ceil(end / MINUTE); // exclusive
	const points: MetricPoint[] = [];
	let current: Aggregate | undefined;
	let currentStart = Number.NaN;
	// Only minutes the ring can still hold are visited, so a 15-day range costs no more than 25 h.
	const newest = series.newest;
	const from = Math.max(firstMinute, newest - RING_MINUTES + 1);
	const to = Math.min(endMinute, newest + 1);
	for (let minute = from; minute < to; minute++) {
		const slot = minute % RING_MINUTES;
		if (series.minute[slot] !== minute) continue;
		const t = minute * MINUTE;
		if (t >= end) break;
		const periodStart = Math.floor(t / period) * period;
		if (periodStart !== currentStart) {
			if (current) points.push({t: currentStart, v: statValue(current, stat)});
			current = {sum: 0, count: 0, min: Number.POSITIVE_INFINITY, max: Number.NEGATIVE_INFINITY};
			currentStart = periodStart;
		}
		current!.sum += series.sum[slot]!;
		current!.count += series.count[slot]!;
		if (series.min[slot]! < current!.min) current!.min = series.min[slot]!;
		if (series.max[slot]! > current!.max) current!.max = series.max[slot]!;
	}
	if (current) points.push({t: currentStart, v: statValue(current, stat)});
	return points;
}

/** The statistic of one period [periodStart, periodStart + periodMs), or undefined without samples. */
export function aggregateOne(series: Series | undefined, periodStart: number, periodMs: number, stat: MetricStat): number | undefined {
	if (!series) return undefined;
	const period = Math.max(MINUTE, Math.ceil(periodMs / MINUTE) * MINUTE);
	const first = Math.floor(periodStart / MINUTE);
	const last = Math.floor((periodStart + period) / MINUTE); // exclusive
	const aggregate: Aggregate = {sum: 0, count: 0, min: Number.POSITIVE_INFINITY, max: Number.NEGATIVE_INFINITY};
	for (let minute = Math.max(first, series.newest - RING_MINUTES + 1); minute < last && minute <= series.newest; minute++) {
		const slot = minute % RING_MINUTES;
		if (series.minute[slot] !== minute) continue;
		aggregate.sum += series.sum[slot]!;
		aggregate.count += series.count[slot]!;
		if (series.min[slot]! < aggregate.min) aggregate.min = series.min[slot]!;
		if (series.max[slot]! > aggregate.max) aggregate.max = series.max[slot]!;
	}
	return aggregate.count > 0 ? statValue(aggregate, stat) : undefined;
}

/** Replaces the bucket of t's minute with one value (a drill's fault rewriting the minutes it has been building for). */
export function rewriteMinute(series: Series, t: number, value: number, weight: number): void {
	const minute = Math.floor(t / MINUTE);
	if (!Number.isFinite(value) || minute <= series.newest - RING_MINUTES) return;
	const slot = ((minute % RING_MINUTES) + RING_MINUTES) % RING_MINUTES;
	series.minute[slot] = -1;
	addSample(series, t, value, weight);
}

/** Adds `delta` to every sample of t's minute (a drill's fault that was building before it was injected). */
export function shiftMinute(series: Series, t: number, delta: number): void {
	const minute = Math.floor(t / MINUTE);
	const slot = ((minute % RING_MINUTES) + RING_MINUTES) % RING_MINUTES;
	if (series.minute[slot] !== minute || !Number.isFinite(delta)) return;
	series.sum[slot]! += delta * series.count[slot]!;
	series.min[slot]! += delta;
	series.max[slot]! += delta;
}
