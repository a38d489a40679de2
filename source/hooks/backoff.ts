/**
 * Delay before the next try after `failures` consecutive failures: exponential with full jitter,
 * capped, never below the normal interval. `random` is injectable so tests are deterministic.
 */
export function backoffDelay(
	failures: number,
	options: {baseMs: number; capMs: number; random?: () => number},
): number {
	if (failures <= 0) return options.baseMs;
	const ceiling = Math.min(options.capMs, options.baseMs * 2 ** Math.min(failures, 16));
	const random = options.random ?? Math.random;
	// Full jitter between the base interval and the ceiling spreads retries from many panels.
	return Math.round(options.baseMs + (ceiling - options.baseMs) * random());
}

export const defaultBackoffCapMs = 60_000;
