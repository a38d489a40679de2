import {CloudError, throwIfAborted} from '../port/errors.js';

// Small helpers every adapter shares: paging to the end, batching, and SDK Dates to epoch ms.

export type Page<T> = {items: T[]; next?: string};

/** A backend that keeps answering with tokens would otherwise page forever. */
const maxPages = 1000;

/**
 * Follows `nextToken`-style paging to the end. Pages may be empty while a token is still set
 * (FilterLogEvents, DescribeLogGroups), so only a missing token ends the loop. An aborted `signal`
 * stops it between pages: no further request is sent.
 */
export async function collectPages<T>(what: string, signal: AbortSignal | undefined, fetchPage: (token: string | undefined) => Promise<Page<T>>): Promise<T[]> {
	const items: T[] = [];
	const seen = new Set<string>();
	let token: string | undefined;
	for (let page = 0; page < maxPages; page++) {
		throwIfAborted(signal);
		const result = await fetchPage(token);
		items.push(...result.items);
		if (!result.next) return items;
		if (seen.has(result.next)) {
			throw new CloudError('unknown', `Paging ${what} stopped: the endpoint repeated a page token`);
		}
		seen.add(result.next);
		token = result.next;
	}
	throw new CloudError('unknown', `Paging ${what} stopped after ${maxPages} pages`);
}

export function chunk<T>(items: readonly T[], size: number): T[][] {
	if (!Number.isInteger(size) || size < 1) throw new RangeError(`chunk size must be a positive integer, got ${size}`);
	const chunks: T[][] = [];
	for (let index = 0; index < items.length; index += size) chunks.push(items.slice(index, index + size));
	return chunks;
}

export function epochMs(date: Date | number | undefined): number | undefined {
	if (date === undefined) return undefined;
	const ms = typeof date === 'number' ? date : date.getTime();
	return Number.isFinite(ms) ? ms : undefined;
}

/** The last path segment of an ARN: `arn:...:task/cluster/abc` -> `abc`. Plain names pass through. */
export function lastSegment(arnOrName: string): string {
	return arnOrName.split('/').pop() ?? arnOrName;
}

/** `arn:...:task-definition/family:3` -> `family:3`; a `family:3` stays as it is. */
export function familyRevision(taskDefinition: string | undefined): string {
	if (!taskDefinition) return '';
	return lastSegment(taskDefinition);
}

export function requireText(value: string | undefined, what: string): string {
	if (typeof value !== 'string' || value.trim() === '') {
		throw new CloudError('invalid', `${what} is required and must not be empty`);
	}
	return value;
}
