// The cockpit's logs: the lines of the new and the old revision's tasks only, their streams picked by
// task id (an awslogs stream is PREFIX/CONTAINER/TASK-ID; the discovery's stream mapping names the
// task of any stream), never by which stream wrote last. Kept in a small window store outside React
// state, re-read with an overlap each refresh so a late line is not lost, and counted per revision.
import type {LogDestination} from '../discovery/log-destinations.js';
import type {StreamMapper} from '../discovery/stream-source.js';
import {severityOf, type Severity} from '../format/severity.js';
import type {LogEvent, LogReader, ReadOptions, Task} from '../port/types.js';

/** The recent minutes the error rates cover, the same minutes for both revisions. */
export const rateMinutes = 5;
const minuteMs = 60_000;
/** Lines can arrive late (ingestion delay): each refresh reads this far back again. */
const overlapMs = 60_000;
/** At most this many lines are kept; an error storm must not grow the store without end. */
export const maxKeptLines = 3000;
/** Pages per group and refresh; a noisy service costs at most this many requests. */
const maxPages = 10;
/** FilterLogEvents takes at most 100 stream names a call. */
const streamBatch = 100;

export type CockpitLine = LogEvent & {taskId?: string; revision?: string; level?: Severity};

/** One group's read: the stream names of the tasks (or none: the whole group, classified line by line). */
export type StreamQuery = {logGroup: string; streams?: string[]};

/**
 * The reads that cover `tasks`: for awslogs destinations with a prefix, the exact stream of each
 * task; for others (FireLens tags, no prefix) the group, whose lines are then kept only when the
 * stream mapping names one of the tasks.
 */
export function streamQueries(destinations: readonly LogDestination[], tasks: readonly Task[], fallbackGroups: readonly string[]): StreamQuery[] {
	const byGroup = new Map<string, {streams: Set<string>; whole: boolean}>();
	const entry = (group: string) => {
		let found = byGroup.get(group);
		if (!found) byGroup.set(group, (found = {streams: new Set(), whole: false}));
		return found;
	};
	const family = (revision: string) => revision.slice(0, revision.lastIndexOf(':'));
	for (const task of tasks) {
		// Its own revision's destinations; before discovery read that revision, its family's.
		const own = destinations.filter(d => d.taskDefinition === task.taskDefinition);
		const used = own.length > 0 ? own : destinations.filter(d => family(d.taskDefinition) === family(task.taskDefinition));
		for (const destination of used) {
			const group = entry(destination.logGroup);
			if (destination.driver === 'awslogs' && destination.streamPrefix) group.streams.add(`${destination.streamPrefix}/${destination.container}/${task.id}`);
			else group.whole = true;
		}
	}
	if (byGroup.size === 0) for (const group of fallbackGroups) entry(group).whole = true;
	return [...byGroup].map(([logGroup, found]) => (found.whole ? {logGroup} : {logGroup, streams: [...found.streams].sort()}));
}

const taskIdInStream = /([0-9a-f]{32}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

/** Which task (and revision) wrote a line: the stream mapping first, the task id at the end of an awslogs stream otherwise. */
export function classify(event: LogEvent, sourceOf: StreamMapper, revisions: ReadonlyMap<string, string>): CockpitLine | undefined {
	const source = sourceOf(event.logGroup, event.logStream);
	const taskId = source?.taskId ?? taskIdInStream.exec(event.logStream)?.[1];
	if (taskId === undefined) return undefined;
	const revision = revisions.get(taskId) ?? source?.revision;
	if (revision === undefined) return undefined;
	const level = severityOf(event.message);
	return {...event, taskId, revision, ...(level ? {level} : {})};
}

export type CockpitLogStore = {
	lines: Map<string, CockpitLine>;
	/** End of the last read (epoch ms); the next one starts an overlap before it. */
	readUntil?: number;
};

export function createCockpitLogStore(): CockpitLogStore {
	return {lines: new Map()};
}

/**
 * Reads the new lines of `tasks` into the store and drops those older than the rate window.
 * Requests: one FilterLogEvents per group and hundred streams, and more pages only while needed.
 */
export async function readCockpitLogs(
	logs: LogReader,
	store: CockpitLogStore,
	queries: readonly StreamQuery[],
	tasks: readonly Task[],
	sourceOf: StreamMapper,
	now: number,
	{signal}: ReadOptions = {},
): Promise<CockpitLine[]> {
	const windowStart = now - rateMinutes * minuteMs;
	const startTime = Math.max(windowStart, (store.readUntil ?? windowStart) - overlapMs);
	const revisions = new Map(tasks.map(task => [task.id, task.taskDefinition]));
	const requests = queries.flatMap(query =>
		query.streams === undefined ? [{logGroup: query.logGroup}] : chunk(query.streams, streamBatch).map(streams => ({logGroup: query.logGroup, logStreamNames: streams})),
	);
	await Promise.all(
		requests.map(async request => {
			let nextToken: string | undefined;
			let pages = 0;
			do {
				// aws logs filter-log-events --log-group-name GROUP [--log-stream-names STREAM...] --start-time MS
				const page = await logs.filterLogEvents({...request, startTime, endTime: now, ...(nextToken ? {nextToken} : {})}, {signal});
				for (const event of page.events) {
					const line = classify(event, sourceOf, revisions);
					if (line) store.lines.set(event.eventId, line);
				}
				nextToken = page.nextToken;
				pages++;
			} while (nextToken && pages < maxPages);
		}),
	);
	store.readUntil = now;
	const kept = [...store.lines.values()].filter(line => line.timestamp >= windowStart).sort((a, b) => a.timestamp - b.timestamp || a.eventId.localeCompare(b.eventId));
	const recent = kept.slice(-maxKeptLines);
	store.lines = new Map(recent.map(line => [line.eventId, line]));
	return recent;
}

function chunk<T>(items: readonly T[], size: number): T[][] {
	const out: T[][] = [];
	for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
	return out;
}

export type RevisionRate = {
	revision: string;
	/** ERROR and FATAL lines in each of the last `rateMinutes` minutes, oldest first. */
	perMinute: number[];
	errors: number;
	/** The revision's tasks that ran in the window (the rate per task divides by these). */
	tasks: number;
};

/** ERROR/FATAL lines per minute of one revision, over the same recent minutes for every revision. */
export function revisionRate(lines: readonly CockpitLine[], revision: string, tasks: readonly Task[], now: number): RevisionRate {
	const end = Math.floor(now / minuteMs) * minuteMs + minuteMs;
	const start = end - rateMinutes * minuteMs;
	const perMinute = new Array<number>(rateMinutes).fill(0);
	let errors = 0;
	for (const line of lines) {
		if (line.revision !== revision || (line.level !== 'ERROR' && line.level !== 'FATAL')) continue;
		if (line.timestamp < start || line.timestamp >= end) continue;
		perMinute[Math.floor((line.timestamp - start) / minuteMs)]! += 1;
		errors++;
	}
	// Tasks that ran in the window; a task that never started (an image that cannot be pulled) logs nothing.
	const ran = tasks.filter(task => {
		if (task.taskDefinition !== revision) return false;
		const started = task.startedAt ?? (task.lastStatus === 'STOPPED' ? undefined : (task.createdAt ?? now));
		return started !== undefined && (task.stoppedAt ?? now) >= start;
	}).length;
	return {revision, perMinute, errors, tasks: ran};
}

/** Errors per minute per task over the window; undefined without a task that ran. */
export function perTaskRate(rate: RevisionRate): number | undefined {
	if (rate.tasks === 0) return undefined;
	return rate.errors / rateMinutes / rate.tasks;
}
