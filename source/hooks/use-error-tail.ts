import {useMemo} from 'react';
import {sourceColumn} from '../format/log-rows.js';
import type {LogLine} from '../logs/log-store.js';
import {shortServiceName} from '../port/names.js';
import {useApp} from '../shell/app-context.js';
import {defaultLogWindowMs, logViewKey, useLogTail} from './use-log-tail.js';

/**
 * The overview's error tail: the newest lines of the logs screen's view (same groups, same filter
 * pattern, same window, so both share the lines in the store), `rows` of them, newest last.
 */
export function useErrorTail(rows: number, width: number) {
	const {config, logStore, discovery} = useApp();
	const pattern = logStore.pattern;
	const groups = config.names.logGroups;
	const key = logViewKey({groups, pattern, windowMs: defaultLogWindowMs});
	const tail = useLogTail(logStore, {pattern, windowMs: defaultLogWindowMs, key, enabled: rows > 0});
	const {buffer} = logStore;
	const size = buffer.size;
	// Only the rows drawn are read from the buffer (the tail's version re-renders when it moves): the
	// work follows the screen, not the flood.
	const lines: LogLine[] = rows > 0 ? buffer.slice(Math.max(0, size - rows), size) : [];
	const services = discovery.poll.data?.services;
	const column = useMemo(
		() => sourceColumn({services: services ?? [], width, shorten: s => shortServiceName(s, config.names), sourceOf: discovery.sourceOf}),
		[services, width, config.names, discovery.sourceOf],
	);
	return {state: tail.state, version: tail.version, lines, column, pattern};
}
