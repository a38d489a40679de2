import {useEffect, useState} from 'react';
import type {Freshness} from '../format/freshness.js';
import {createLogTailer, defaultLateWindowMs, type LogTailerState} from '../logs/tailer.js';
import type {LogStore} from '../logs/log-store.js';
import type {LogEvent} from '../port/types.js';
import {recoveryFor} from '../port/recovery.js';
import {useApp} from '../shell/app-context.js';

/** The view reads the buffer at most this often: bursts of lines cost one render per tick. */
export const flushIntervalMs = 100;

const overlapMs = 10_000;

/** The history a log view reads when it opens: the logs screen's default window, and the overview's. */
export const defaultLogWindowMs = 15 * 60_000;

/** Which lines a view holds: the same key on two screens shares the store's lines between them. */
export function logViewKey(view: {groups: readonly string[]; pattern: string; windowMs: number; narrow?: string}): string {
	return `${view.groups.join(',')}|${view.pattern}|${view.windowMs}|${view.narrow ?? ''}`;
}

/**
 * Tails the environment's log groups into `store` while mounted. Lines never pass through React
 * state: the tailer writes the store, and a 100 ms timer re-renders only when its version moved.
 * Coming back to the screen resumes from the newest buffered line minus the late window (which the
 * store de-duplicates), so nothing is lost or doubled across a visit elsewhere, not even a line
 * that reached CloudWatch late while the screen was away.
 */
export function useLogTail(
	store: LogStore,
	options: {pattern: string; windowMs: number; key: string; logGroups?: readonly string[]; accept?: (event: LogEvent) => boolean; enabled?: boolean},
) {
	const {cloud, config, now, refresh, logGroupsReady} = useApp();
	const [state, setState] = useState<LogTailerState>({mode: 'polling', stale: false});
	const [version, setVersion] = useState(store.version);
	const logGroups = options.logGroups ?? config.names.logGroups;
	const accept = options.accept;

	useEffect(() => {
		// The convention's guess may not exist: wait for the groups the task definitions name.
		if (!logGroupsReady || options.enabled === false) return;
		store.showing(options.key);
		const newest = store.newestTimestamp;
		const startTime = newest === undefined ? now() - options.windowMs : Math.max(now() - options.windowMs, newest - defaultLateWindowMs);
		const tailer = createLogTailer(cloud.logs, {
			logGroups: [...logGroups],
			pattern: options.pattern === '' ? undefined : options.pattern,
			now,
			pollIntervalMs: Math.min(config.refreshMs, 5000),
			overlapMs,
			startTime,
			recovery: recoveryFor(cloud),
			onEvents: (events, batch) => store.add(accept ? events.filter(accept) : events, batch),
			onState: next => setState(previous => keepShown(previous, next)),
		});
		tailer.start();
		// `r` polls at once; the tail is not restarted (its cursor and Live Tail session stay).
		const unsubscribe = refresh.subscribe(() => tailer.pollNow());
		return () => {
			unsubscribe();
			tailer.stop();
		};
		// eslint-disable-next-line react-hooks/exhaustive-deps -- the key stands for groups, pattern and window: the tailer restarts only when the view changes
	}, [cloud, store, options.key, refresh, logGroupsReady, options.enabled]);

	useEffect(() => {
		const timer = setInterval(() => setVersion(v => (v === store.version ? v : store.version)), flushIntervalMs);
		return () => clearInterval(timer);
	}, [store]);

	return {state, version};
}

/**
 * The tailer's new state, or the one shown when only the time of the last answer moved: a poll
 * that brought nothing new renders nothing. The time still moves, in place on the shown object,
 * which tailFreshness reads live (as poll-state.ts does for a panel's age).
 */
export function keepShown(shown: LogTailerState, next: LogTailerState): LogTailerState {
	const same = shown.mode === next.mode && shown.stale === next.stale && shown.error === next.error && shown.sampled === next.sampled;
	if (!same || (shown.lastOkAt === undefined) !== (next.lastOkAt === undefined)) return next;
	shown.lastOkAt = next.lastOkAt;
	return shown;
}

/** A tail's freshness as the header reads it; its age is read live (see keepShown). */
export function tailFreshness(state: LogTailerState): Freshness {
	return {
		loading: state.lastOkAt === undefined && !state.error,
		get updatedAt() {
			return state.lastOkAt;
		},
		stale: state.stale,
		error: state.error,
	};
}
