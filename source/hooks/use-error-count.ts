import {useCallback} from 'react';
import {countErrors, errorWindowMs, type ErrorCount} from '../report/error-count.js';
import {useApp} from '../shell/app-context.js';
import {usePoll} from './use-poll.js';

export type {ErrorCount} from '../report/error-count.js';

/**
 * ERROR and FATAL lines in the last five minutes across the environment's log groups. Matches are
 * checked again locally: some backends (moto) answer `?` patterns with every event.
 */
export function useErrorCount(enabled = true) {
	const {cloud, config, now, refresh, pollCache, logGroupsReady} = useApp();
	const {logGroups} = config.names;
	const fetch = useCallback(async (signal: AbortSignal): Promise<ErrorCount> => countErrors(cloud, logGroups, now() - errorWindowMs, undefined, {signal}), [cloud, logGroups, now]);
	// Counting is heavier than a describe call: refresh it at most every 15 seconds.
	return usePoll(fetch, {intervalMs: Math.max(config.refreshMs, 15_000), enabled: enabled && logGroupsReady, key: `errors|${logGroups.join(',')}`, cache: pollCache, now, refresh});
}
