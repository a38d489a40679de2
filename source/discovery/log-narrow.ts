import type {LogEvent} from '../port/types.js';
import type {LogDestination} from './log-destinations.js';
import type {StreamMapper, StreamSource} from './stream-source.js';

// Narrowing the logs to one service, one task or one revision. A narrowed view reads only the log
// groups that service writes to, and keeps the lines whose stream maps to it; a line whose stream
// cannot be mapped cannot be shown as anyone's, so it is left out of a narrowed view only.

export type LogNarrow = {by: 'service' | 'task' | 'revision'; value: string; service: string};

export function narrowLabel(narrow: LogNarrow | undefined, shorten: (service: string) => string = s => s): string {
	if (!narrow) return 'every service';
	const service = shorten(narrow.service);
	return narrow.by === 'service' ? `service ${service}` : narrow.by === 'task' ? `task ${narrow.value.slice(0, 8)} of ${service}` : `revision ${narrow.value}`;
}

export function narrowAccepts(narrow: LogNarrow, source: StreamSource | undefined): boolean {
	if (!source || source.service !== narrow.service) return false;
	if (narrow.by === 'task') return source.taskId === narrow.value;
	if (narrow.by === 'revision') return source.revision === narrow.value;
	return true;
}

/** What `n` narrows to next from the selected line: its service, then its task, then its revision, then everything. */
export function nextNarrow(current: LogNarrow | undefined, source: StreamSource | undefined): LogNarrow | undefined {
	if (!source) return undefined;
	const service = {by: 'service' as const, value: source.service, service: source.service};
	if (!current || current.service !== source.service) return service;
	if (current.by === 'service' && source.taskId) return {by: 'task', value: source.taskId, service: source.service};
	if (current.by !== 'revision' && source.revision) return {by: 'revision', value: source.revision, service: source.service};
	return undefined;
}

/** The groups a narrowed view reads: the ones the service's task definitions name, else all. */
export function narrowGroups(narrow: LogNarrow | undefined, groups: readonly string[], destinations: readonly LogDestination[]): string[] {
	if (!narrow) return [...groups];
	const own = new Set(destinations.filter(d => d.service === narrow.service).map(d => d.logGroup));
	const read = groups.filter(g => own.has(g));
	return read.length > 0 ? read : [...groups];
}

export function narrowFilter(narrow: LogNarrow | undefined, sourceOf: StreamMapper): ((event: LogEvent) => boolean) | undefined {
	if (!narrow) return undefined;
	return event => narrowAccepts(narrow, sourceOf(event.logGroup, event.logStream));
}
