// Time in the simulated account. The account advances lazily to `clock.now()` whenever it is asked
// something, in fixed steps aligned to whole seconds, so the same clock readings always produce the
// same steps (and so the same answers) whatever order the calls came in.

export type Clock = {now(): number};

export const systemClock: Clock = {now: () => Date.now()};

/** A clock that moves only when told to: for tests and for the benchmark. */
export type ManualClock = Clock & {
	set(epochMs: number): void;
	advance(ms: number): void;
};

export function createManualClock(startMs: number): ManualClock {
	if (!Number.isFinite(startMs)) throw new Error(`manual clock start must be a finite epoch time in ms, got ${startMs}`);
	let current = startMs;
	return {
		now: () => current,
		set(epochMs) {
			if (!Number.isFinite(epochMs)) throw new Error(`manual clock time must be finite, got ${epochMs}`);
			current = epochMs;
		},
		advance(ms) {
			if (!Number.isFinite(ms) || ms < 0) throw new Error(`manual clock can only move forward by a finite amount, got ${ms}`);
			current += ms;
		},
	};
}

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** One simulation step: state changes at whole seconds. */
/** The sim's step: one second. */
export const STEP_MS = 1000;

export function floorTo(t: number, unit: number): number {
	return Math.floor(t / unit) * unit;
}

let isoSecond = Number.NaN;
let isoPrefix = '';

/** 2026-11-28T12:00:01.123Z. Log lines need one each, so the date part is reused within a second. */
export function isoTime(t: number): string {
	const ms = Math.floor(t);
	const second = Math.floor(ms / SECOND);
	if (second !== isoSecond) {
		isoSecond = second;
		isoPrefix = new Date(second * SECOND).toISOString().slice(0, 20);
	}
	return `${isoPrefix}${String(ms - second * SECOND).padStart(3, '0')}Z`;
}

/** The date format CloudWatch uses in alarm reasons: 28/11/26 12:00:00 (UTC). */
export function alarmReasonTime(t: number): string {
	const d = new Date(t);
	const two = (n: number) => String(n).padStart(2, '0');
	return `${two(d.getUTCDate())}/${two(d.getUTCMonth() + 1)}/${two(d.getUTCFullYear() % 100)} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())}`;
}
