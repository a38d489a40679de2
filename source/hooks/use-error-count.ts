import {useCallback} from 'react';
import {compileFilterPattern} from '../logs/filter-pattern.js';
import {useApp} from '../shell/app-context.js';
import {usePoll} from './use-poll.js';

export const errorPattern = '?ERROR ?FATAL';
export const errorWindowMs = 5 * 60_000;
// A cap on pages per count: an error storm must not turn the overview into thousands of requests.
const maxPages = 10;

export type ErrorCount = {errors: number; fatal: number; capped: boolean; windowMs: number};

/**
 * ERROR and FATAL lines in the last five minutes across the environment's log groups. Matches are
 * checked again locally: some backends (moto) answer `?` patterns with every event.
 */
export function useErrorCount(enabled = true) {
	const {cloud, config, now, refreshToken, pollCache, logGroupsReady} = useApp();
	const {logGroups} = config.names;
	const fetch = useCallback(async (): Promise<ErrorCount> => {
		const matches = compileFilterPattern(errorPattern);
		const startTime = now() - errorWindowMs;
		let errors = 0;
		let fatal = 0;
		let capped = false;
		for (const logGroup of logGroups) {
			let nextToken: string | undefined;
			let pages = 0;
			do {
				const page = await cloud.logs.filterLogEvents({logGroup, pattern: errorPattern, startTime, nextToken});
				for (const event of page.events) {
					if (!matches(event.message)) continue;
					if (event.message.includes('FATAL')) fatal += 1;
					else errors += 1;
				}
				nextToken = page.nextToken;
				pages += 1;
			} while (nextToken && pages < maxPages);
			if (nextToken) capped = true;
		}
		return {errors, fatal, capped, windowMs: errorWindowMs};
	}, [cloud, logGroups, now]);
	// Counting is heavier than a describe call: refresh it at most every 15 seconds.
	return usePoll(fetch, {intervalMs: Math.max(config.refreshMs, 15_000), enabled: enabled && logGroupsReady, key: `errors|${logGroups.join(',')}`, cache: pollCache, now, refreshToken});
}
