// The time windows a chart can show and the CloudWatch period that fits each into a chart's width.

export type MetricWindow = {key: string; label: string; ms: number};

const minute = 60_000;
const hour = 60 * minute;
const day = 24 * hour;

/** Keys 1-4 on the chart screens. */
export const metricWindows: readonly MetricWindow[] = [
	{key: '1', label: '15m', ms: 15 * minute},
	{key: '2', label: '1h', ms: hour},
	{key: '3', label: '3h', ms: 3 * hour},
	{key: '4', label: '24h', ms: day},
];

export const defaultWindowIndex = 1;

// Standard-resolution periods must be multiples of 60 s. These divide an hour or a day evenly,
// so buckets line up with the clock the engineer reads.
const periodLadder = [60, 120, 180, 240, 300, 600, 900, 1200, 1800, 3600, 7200, 10_800, 21_600, 43_200, 86_400];

// How long CloudWatch keeps each resolution: data older than this is only available coarser.
const retention: ReadonlyArray<{olderThanMs: number; multipleOf: number}> = [
	{olderThanMs: 63 * day, multipleOf: 3600},
	{olderThanMs: 15 * day, multipleOf: 300},
];

/**
 * The smallest CloudWatch-valid period (seconds) that puts at most `width` datapoints in a window
 * ending now: one point per chart column or fewer, so nothing is fetched that the chart would drop.
 * Windows reaching back past 15 (63) days get a multiple of 300 (3600) s, the only periods still stored.
 */
export function periodFor(windowMs: number, width: number): number {
	if (!Number.isFinite(windowMs) || windowMs <= 0) {
		throw new RangeError(`periodFor: windowMs must be a positive number of milliseconds, got ${String(windowMs)}`);
	}
	if (!Number.isInteger(width) || width < 1) throw new RangeError(`periodFor: width must be a positive integer, got ${String(width)}`);
	const multipleOf = retention.find(r => windowMs > r.olderThanMs)?.multipleOf ?? 60;
	const fits = (period: number) => period % multipleOf === 0 && Math.ceil(windowMs / 1000 / period) <= width;
	const found = periodLadder.find(fits);
	if (found !== undefined) return found;
	// Longer than a day a column: whole days.
	return Math.ceil(windowMs / 1000 / width / 86_400) * 86_400;
}

/** 60 -> "1m", 3600 -> "1h", 86400 -> "1d". */
export function formatPeriod(seconds: number): string {
	if (seconds % 86_400 === 0) return `${seconds / 86_400}d`;
	if (seconds % 3600 === 0) return `${seconds / 3600}h`;
	if (seconds % 60 === 0) return `${seconds / 60}m`;
	return `${seconds}s`;
}
