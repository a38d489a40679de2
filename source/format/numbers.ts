// Numbers for table cells. A missing or non-finite value renders as '—' rather than "NaN%".

export const missing = '—';

/** A value already in percent (CloudWatch's CPUUtilization is 0-100): 42.25 -> "42.3%". */
export function formatPercent(percent: number | undefined): string {
	if (percent === undefined || !Number.isFinite(percent)) return missing;
	return `${percent.toFixed(1)}%`;
}

const decimalUnits = ['B', 'kB', 'MB', 'GB', 'TB', 'PB'];
const binaryUnits = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];

/**
 * 1_234_567_890 -> "1.2 GB" (decimal, as storage is sold); with `{binary: true}` -> "1.1 GiB"
 * (memory: an instance class's "4 GiB" compares with RDS FreeableMemory this way).
 * One decimal below 10 units, none above: "9.5 MB", "512 MB".
 */
export function formatBytes(bytes: number | undefined, options: {binary?: boolean} = {}): string {
	if (bytes === undefined || !Number.isFinite(bytes)) return missing;
	const base = options.binary ? 1024 : 1000;
	const names = options.binary ? binaryUnits : decimalUnits;
	const sign = bytes < 0 ? '-' : '';
	let value = Math.abs(bytes);
	let unit = 0;
	while (value >= base && unit < names.length - 1) {
		value /= base;
		unit++;
	}
	// Rounding can carry into the next unit: 999.96 kB prints as "1000 kB" otherwise.
	if (unit < names.length - 1 && Math.round(value) >= base) {
		value /= base;
		unit++;
	}
	const text = unit === 0 ? String(Math.round(value)) : value < 10 ? value.toFixed(1) : String(Math.round(value));
	return `${sign}${text} ${names[unit]}`;
}

const countSuffixes = ['', 'k', 'M', 'B', 'T'];

/** Compact counts: 950 -> "950", 1234 -> "1.2k", 56_789 -> "57k", 3_400_000 -> "3.4M". */
export function formatCount(count: number | undefined): string {
	if (count === undefined || !Number.isFinite(count)) return missing;
	const sign = count < 0 ? '-' : '';
	let value = Math.abs(count);
	if (value < 1000) return `${sign}${Number.isInteger(value) ? value : value.toFixed(1)}`;
	let unit = 0;
	while (value >= 1000 && unit < countSuffixes.length - 1) {
		value /= 1000;
		unit++;
	}
	if (unit < countSuffixes.length - 1 && Math.round(value) >= 1000) {
		value /= 1000;
		unit++;
	}
	const text = value < 10 ? value.toFixed(1).replace(/\.0$/, '') : String(Math.round(value));
	return `${sign}${text}${countSuffixes[unit]}`;
}
