// Small numeric helpers for the bench's figures.

export function median(values: readonly number[]): number {
	if (values.length === 0) return Number.NaN;
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

export function round(value: number, digits = 1): number {
	const scale = 10 ** digits;
	return Math.round(value * scale) / scale;
}

export const sleep = (ms: number) => new Promise<void>(resolve => setTimeout(resolve, ms));

/** 1, 5 and 15 minute load averages, so a reader can judge how noisy the timings were. */
export async function loadAverage(): Promise<number[]> {
	const {readFile} = await import('node:fs/promises');
	return (await readFile('/proc/loadavg', 'utf8')).split(' ').slice(0, 3).map(Number);
}
