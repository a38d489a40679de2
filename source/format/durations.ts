// Ages and durations, short enough for a table cell. Both accept any number: a NaN or infinite
// input (a missing timestamp subtracted from now) renders as '?' rather than throwing mid-render,
// and a negative age (clock skew between the bastion and AWS) renders as 0s.

const second = 1000;
const minute = 60 * second;
const hour = 60 * minute;
const day = 24 * hour;

/** One unit, floored: "3s", "4m", "2h", "3d". */
export function formatAge(ms: number): string {
	if (!Number.isFinite(ms)) return '?';
	const t = Math.max(0, ms);
	if (t < minute) return `${Math.floor(t / second)}s`;
	if (t < hour) return `${Math.floor(t / minute)}m`;
	if (t < day) return `${Math.floor(t / hour)}h`;
	return `${Math.floor(t / day)}d`;
}

const units: Array<[string, number]> = [
	['d', day],
	['h', hour],
	['m', minute],
	['s', second],
];

/**
 * The two most significant units, floored: "450ms", "12s", "3m 05s", "2h 07m", "4d 03h".
 * Negative durations get a leading minus sign.
 */
export function formatDuration(ms: number): string {
	if (!Number.isFinite(ms)) return '?';
	if (ms < 0) return `-${formatDuration(-ms)}`;
	if (ms < second) return `${Math.floor(ms)}ms`;
	for (let i = 0; i < units.length; i++) {
		const [name, size] = units[i]!;
		if (ms < size) continue;
		const whole = Math.floor(ms / size);
		const next = units[i + 1];
		if (!next) return `${whole}${name}`;
		const rest = Math.floor((ms - whole * size) / next[1]);
		return `${whole}${name} ${String(rest).padStart(2, '0')}${next[0]}`;
	}
	return `${Math.floor(ms)}ms`;
}
