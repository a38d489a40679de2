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

/** "updated 3s ago", "STALE 2m · network", "loading…", "no data · not found". */
export function freshnessLabel(f: Freshness | undefined, now: number): FreshnessLabel {
	if (!f) return {text: '', tone: 'muted'};
	const age = f.updatedAt === undefined ? undefined : formatAge(Math.max(0, now - f.updatedAt));
	const why = f.error ? (isCloudError(f.error) ? f.error.kind : 'error') : undefined;
	if (f.stale) return {text: `STALE ${age ?? ''}${why ? ` · ${why}` : ''}`.replace('  ', ' '), tone: 'bad'};
	if (f.error && f.updatedAt === undefined) return {text: `no data · ${why}`, tone: 'bad'};
	if (f.loading && f.updatedAt === undefined) return {text: 'loading…', tone: 'muted'};
	if (age === undefined) return {text: '', tone: 'muted'};
	return {text: `updated ${age} ago`, tone: f.throttled ? 'warn' : 'ok'};
}

/** Combines several panels' freshness: the screen is as stale as its stalest panel. */
export function combineFreshness(parts: ReadonlyArray<Freshness | undefined>): Freshness {
	const present = parts.filter((p): p is Freshness => p !== undefined);
	const updated = present.map(p => p.updatedAt).filter((t): t is number => t !== undefined);
	return {
		loading: present.some(p => p.loading),
		updatedAt: updated.length > 0 ? Math.min(...updated) : undefined,
		stale: present.some(p => p.stale),
		error: present.find(p => p.error)?.error,
		throttled: present.some(p => p.throttled),
	};
}
