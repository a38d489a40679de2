import type {StreamMapper} from '../discovery/stream-source.js';
import {compileFilterPattern} from '../logs/filter-pattern.js';
import type {Cloud, ReadOptions} from '../port/types.js';

// ERROR and FATAL lines of a window across log groups: what the overview's error line counts, read
// without React so `acso-tui status` and the dashboard count the same way.

const errorPattern = '?ERROR ?FATAL';
export const errorWindowMs = 5 * 60_000;
// A cap on pages per count: an error storm must not turn a count into thousands of requests.
const maxPages = 10;

export type ErrorCount = {errors: number; fatal: number; capped: boolean; windowMs: number; byService?: Record<string, {errors: number; fatal: number}>};

/**
 * Matches are checked again locally: some backends (moto) answer `?` patterns with every event.
 * With `sourceOf`, the counts are also split by the service that wrote each stream.
 */
export async function countErrors(cloud: Cloud, logGroups: readonly string[], startTime: number, sourceOf?: StreamMapper, options: ReadOptions = {}): Promise<ErrorCount> {
	const matches = compileFilterPattern(errorPattern);
	let errors = 0;
	let fatal = 0;
	let capped = false;
	const byService: Record<string, {errors: number; fatal: number}> = {};
	for (const logGroup of logGroups) {
		let nextToken: string | undefined;
		let pages = 0;
		do {
			// aws logs filter-log-events --log-group-name GROUP --filter-pattern '?ERROR ?FATAL' --start-time MS
			const page = await cloud.logs.filterLogEvents({logGroup, pattern: errorPattern, startTime, nextToken}, options);
			for (const event of page.events) {
				if (!matches(event.message)) continue;
				const isFatal = event.message.includes('FATAL');
				if (isFatal) fatal += 1;
				else errors += 1;
				if (sourceOf) {
					const service = sourceOf(event.logGroup, event.logStream)?.service ?? '(unknown)';
					const counts = (byService[service] ??= {errors: 0, fatal: 0});
					if (isFatal) counts.fatal += 1;
					else counts.errors += 1;
				}
			}
			nextToken = page.nextToken;
			pages += 1;
		} while (nextToken && pages < maxPages);
		if (nextToken) capped = true;
	}
	return {errors, fatal, capped, windowMs: errorWindowMs, ...(sourceOf ? {byService} : {})};
}
