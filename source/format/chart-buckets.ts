// Turns CloudWatch datapoints into one value per chart column, by time.

import type {MetricPoint, TimeRange} from '../port/types.js';

/**
 * One value per column, oldest first. Column `c` covers an equal slice of `range`; a datapoint
 * stamped `t` stands for [t, t + period) (CloudWatch stamps a period by its start), so it fills
 * every column it overlaps: a 1 h window of 5-minute points is stretched across the chart instead
 * of crowding its right edge. Several points in one column: the maximum, so a one-minute spike
 * survives the squeeze. No point overlapping a column: undefined (a gap is drawn as a gap).
 */
export function bucketByTime(points: readonly MetricPoint[], range: TimeRange, columns: number, periodMs: number): Array<number | undefined> {
	if (!Number.isInteger(columns) || columns < 1) throw new RangeError(`bucketByTime: columns must be a positive integer, got ${String(columns)}`);
	if (!(range.end > range.start)) throw new RangeError(`bucketByTime: range end (${range.end}) must be after its start (${range.start})`);
	if (!Number.isFinite(periodMs) || periodMs <= 0) throw new RangeError(`bucketByTime: periodMs must be positive, got ${String(periodMs)}`);
	const span = range.end - range.start;
	const out: Array<number | undefined> = new Array(columns).fill(undefined);
	for (const p of points) {
		if (!Number.isFinite(p.v) || !Number.isFinite(p.t)) continue;
		const from = p.t;
		const to = p.t + periodMs;
		if (to <= range.start || from >= range.end) continue;
		const first = Math.max(0, Math.floor(((from - range.start) / span) * columns));
		// The last column whose slice starts before `to`.
		const last = Math.min(columns - 1, Math.ceil(((to - range.start) / span) * columns) - 1);
		for (let c = first; c <= last; c++) {
			const current = out[c];
			if (current === undefined || p.v > current) out[c] = p.v;
		}
	}
	return out;
}

/** The points inside `range`. */
export function pointsIn(points: readonly MetricPoint[], range: TimeRange): MetricPoint[] {
	return points.filter(p => p.t >= range.start && p.t < range.end && Number.isFinite(p.v));
}

export type SeriesStats = {current?: number; min?: number; max?: number};

/** The newest value and the extremes of the points inside `range`. */
export function seriesStats(points: readonly MetricPoint[], range: TimeRange): SeriesStats {
	const inside = pointsIn(points, range);
	if (inside.length === 0) return {};
	let min = Infinity;
	let max = -Infinity;
	let newest = inside[0]!;
	for (const p of inside) {
		if (p.v < min) min = p.v;
		if (p.v > max) max = p.v;
		if (p.t >= newest.t) newest = p;
	}
	return {current: newest.v, min, max};
}
