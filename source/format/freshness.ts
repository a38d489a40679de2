import {isCloudError} from '../port/errors.js';
import {formatAge} from './durations.js';

/** How fresh a screen's data is, as the header shows it. */
export type Freshness = {
	loading: boolean;
	updatedAt?: number;
	stale: boolean;
	error?: Error;
	throttled?: boolean;
};

export type FreshnessLabel = {text: string; tone: 'ok' | 'warn' | 'bad' | 'muted'};

/** "updated just now", "updated 15s ago", "STALE 2m · network", "loading…", "no data · not found". */
export function freshnessLabel(f: Freshness | undefined, now: number): FreshnessLabel {
	if (!f) return {text: '', tone: 'muted'};
	const age = f.updatedAt === undefined ? undefined : formatAge(Math.max(0, now - f.updatedAt));
	const why = f.error ? (isCloudError(f.error) ? f.error.kind : 'error') : undefined;
	if (f.stale) return {text: `STALE ${age ?? ''}${why ? ` · ${why}` : ''}`.replace('  ', ' '), tone: 'bad'};
	if (f.error && f.updatedAt === undefined) return {text: `no data · ${why}`, tone: 'bad'};
	if (f.loading && f.updatedAt === undefined) return {text: 'loading…', tone: 'muted'};
	if (f.updatedAt === undefined) return {text: '', tone: 'muted'};
	return {text: `updated ${freshAge(now - f.updatedAt)}`, tone: f.throttled ? 'warn' : 'ok'};
}

/**
 * The age of fresh data, in steps an engineer reads at a glance ("just now", 5 s steps, then
 * minutes): the header redraws when the words change, not every second. Stale data keeps its
 * exact age.
 */
export function freshAge(ms: number): string {
	const seconds = Math.max(0, ms) / 1000;
	if (seconds < 5) return 'just now';
	if (seconds < 60) return `${Math.floor(seconds / 5) * 5}s ago`;
	return `${formatAge(ms)} ago`;
}

/** Combines several panels' freshness: the screen is as stale as its stalest panel. */
export function combineFreshness(parts: ReadonlyArray<Freshness | undefined>): Freshness {
	const present = parts.filter((p): p is Freshness => p !== undefined);
	return {
		loading: present.some(p => p.loading),
		// Read when asked, not now: a panel's age moves without a render (see freshnessOf).
		get updatedAt() {
			const updated = present.map(p => p.updatedAt).filter((t): t is number => t !== undefined);
			return updated.length > 0 ? Math.min(...updated) : undefined;
		},
		stale: present.some(p => p.stale),
		error: present.find(p => p.error)?.error,
		throttled: present.some(p => p.throttled),
	};
}
