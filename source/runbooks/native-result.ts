// What running a native diagnosis gives back, and the small formatting helpers its readers share.
// Lines are plain text built from AWS data; the view sanitises them before they reach the terminal.
import type {Cloud} from '../port/types.js';
import type {ResourceNames} from '../port/names.js';
import type {VerdictLevel} from './model.js';

/** The readers a diagnosis may use: never the Operator. */
export type ReadCloud = Pick<Cloud, 'clusters' | 'services' | 'metrics' | 'logs' | 'alarms' | 'databases' | 'parameters' | 'roles' | 'network'>;

export type ReadContext = {
	cloud: ReadCloud;
	names: ResourceNames;
	/** The time the step runs (epoch ms): relative windows are resolved against it. */
	now: number;
	/** Caps for log searches; defaults in native-logs.ts. */
	maxPages?: number;
	maxEvents?: number;
	signal?: AbortSignal;
};

/**
 * A finding before it is tied to an issue: `finding` names what was seen, `topics` the other
 * trees it points at ("memory", "cpu", "database", "image", "logs").
 */
export type Finding = {
	level: VerdictLevel;
	reason: string;
	finding?: string;
	topics?: string[];
};

export type ReadOutcome = {
	finding: Finding;
	lines: string[];
	notes: string[];
	/** Port calls made, for the footer ("3 calls"). */
	calls: number;
};

export function ok(reason: string, finding?: string): Finding {
	return {level: 'ok', reason, ...(finding === undefined ? {} : {finding})};
}

export function problem(reason: string, finding: string, topics?: string[]): Finding {
	return {level: 'problem', reason, finding, ...(topics && topics.length > 0 ? {topics} : {})};
}

export function unknown(reason: string, finding?: string): Finding {
	return {level: 'unknown', reason, ...(finding === undefined ? {} : {finding})};
}

/** 2026-11-28T12:00:01.123Z -> "11-28 12:00:01Z" */
export function shortTime(epochMs: number | undefined): string {
	if (epochMs === undefined || !Number.isFinite(epochMs)) return '-';
	return `${new Date(epochMs).toISOString().slice(5, 19).replace('T', ' ')}Z`;
}

/** Columns padded to their widest cell, two spaces apart (the last column is not padded). */
export function table(rows: ReadonlyArray<readonly string[]>): string[] {
	const widths: number[] = [];
	for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
	return rows.map(row => row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join('  ').trimEnd());
}

export function bytes(n: number | undefined): string {
	if (n === undefined) return '-';
	const units = ['B', 'KB', 'MB', 'GB', 'TB'];
	let value = n;
	let unit = 0;
	while (value >= 1024 && unit < units.length - 1) {
		value /= 1024;
		unit++;
	}
	return `${value >= 10 || unit === 0 ? Math.round(value) : value.toFixed(1)} ${units[unit]}`;
}

export function plural(n: number, word: string, many = `${word}s`): string {
	return `${n} ${n === 1 ? word : many}`;
}

/** "a, b, c and 4 more" */
export function listOf(items: readonly string[], max = 3): string {
	if (items.length <= max) return items.join(', ');
	return `${items.slice(0, max).join(', ')} and ${items.length - max} more`;
}

export function round1(n: number): string {
	return (Math.round(n * 10) / 10).toString();
}
