// A one-row chart from block characters, one cell per time bucket, newest on the right.

export const sparkBlocks = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'] as const;

export type SparklineValue = number | null | undefined;

export type SparklineOptions = {
	/** The value drawn as the lowest block; default: the series minimum. */
	min?: number;
	/** The value drawn as the full block; default: the series maximum. */
	max?: number;
};

function isPresent(v: SparklineValue): v is number {
	return typeof v === 'number' && Number.isFinite(v);
}

/**
 * Fits the series into `width` buckets. More values than cells: each cell shows the maximum of
 * its bucket, so a one-minute CPU spike survives the squeeze (an average would hide it). Fewer
 * values than cells: one cell per value, padded with blanks on the left, so each cell keeps
 * meaning one period and the newest value sits at the right edge.
 */
export function resample(values: readonly SparklineValue[], width: number): Array<number | undefined> {
	if (values.length <= width) {
		const out: Array<number | undefined> = new Array(width - values.length).fill(undefined);
		for (const v of values) out.push(isPresent(v) ? v : undefined);
		return out;
	}
	const out: Array<number | undefined> = [];
	for (let cell = 0; cell < width; cell++) {
		const from = Math.floor((cell * values.length) / width);
		const to = Math.floor(((cell + 1) * values.length) / width);
		let best: number | undefined;
		for (let i = from; i < to; i++) {
			const v = values[i];
			if (isPresent(v) && (best === undefined || v > best)) best = v;
		}
		out.push(best);
	}
	return out;
}

/**
 * Exactly `width` characters: ▁..█ for values, a space for missing ones (no datapoint: a
 * service with no running task has none). A flat series with no explicit range draws ▁ when it
 * is zero and ▄ otherwise, so "steady at 40%" does not look like "idle".
 */
export function sparkline(values: readonly SparklineValue[], width: number, options: SparklineOptions = {}): string {
	if (!Number.isInteger(width) || width < 0) {
		throw new RangeError(`sparkline: width must be a non-negative integer, got ${String(width)}`);
	}
	if (width === 0) return '';
	const cells = resample(values, width);
	const present = cells.filter((v): v is number => v !== undefined);
	if (present.length === 0) return ' '.repeat(width);
	const min = options.min ?? Math.min(...present);
	const max = options.max ?? Math.max(...present);
	const top = sparkBlocks.length - 1;
	return cells
		.map((v) => {
			if (v === undefined) return ' ';
			if (max <= min) {
				if (options.min !== undefined || options.max !== undefined) return sparkBlocks[v > min ? top : 0];
				return sparkBlocks[v === 0 ? 0 : 3];
			}
			const ratio = Math.min(1, Math.max(0, (v - min) / (max - min)));
			return sparkBlocks[Math.round(ratio * top)];
		})
		.join('');
}
