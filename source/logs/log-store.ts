import type {LogEvent} from '../port/types.js';
import {severityOf} from '../format/severity.js';
import {inOrder} from './in-order.js';
import {LogLines, type ArrivingLine} from './log-lines.js';
import {RecentIds} from './recent-ids.js';

export type {LogLine} from './log-lines.js';

const byTimestamp = (a: ArrivingLine, b: ArrivingLine) => a.event.timestamp - b.event.timestamp;

/**
 * The log lines the logs screen shows, held outside React state: a bounded ring buffer (k9s's
 * model/log.go), fed by the tailer, read by the view on a short timer. It outlives the screen, so
 * leaving the logs and coming back keeps what was buffered, and drops what a new tailer re-reads.
 */
/** What the logs and the overview's tail show until the engineer says otherwise. */
export const defaultLogPattern = '?ERROR ?FATAL';

export class LogStore {
	readonly buffer: LogLines;
	private readonly seen: RecentIds;
	private view: string | undefined;
	/** The batch being added (see add) and the newest timestamp held before it began. */
	private batch: object | undefined;
	private lateBefore: number | undefined;
	/**
	 * The filter pattern the engineer last applied on the logs screen: the overview's error tail reads
	 * with the same one, so `/` there changes both. Read when a view mounts, so no React state.
	 */
	pattern = defaultLogPattern;

	constructor(capacity: number) {
		this.buffer = new LogLines(capacity);
		// Duplicates come from a restarted tail re-reading its overlap, so they are recent: twice the
		// buffer (at least 20,000) remembers more than any re-read returns, at a bounded cost.
		this.seen = new RecentIds(Math.max(20_000, capacity * 2));
	}

	get version(): number {
		return this.buffer.version;
	}

	/** The newest timestamp held, so a restarted tail resumes from it instead of re-reading history. */
	get newestTimestamp(): number | undefined {
		return this.buffer.timestampAt(this.buffer.size - 1);
	}

	/**
	 * Adds events. Duplicates (by group and eventId) are dropped. The buffer stays in timestamp
	 * order: a line stamped before the newest one held when its batch began is late, marked so, and
	 * laid in by its timestamp (after the lines of the same millisecond), however far back, in place
	 * (LogLines.insert): the work is bounded by the buffer, never by the log. A late line older than
	 * every line of a full buffer falls off at once, as the oldest line would. One poll of the tailer
	 * arrives in several parts (a page at a time) under one `batch` token: the parts of one poll
	 * are not late to each other (another log group's page of the same minutes is not late).
	 */
	add(events: readonly LogEvent[], batch?: object): number {
		if (batch === undefined || batch !== this.batch) {
			this.batch = batch;
			this.lateBefore = this.newestTimestamp;
		}
		const fresh: ArrivingLine[] = [];
		for (const event of events) {
			if (this.seen.has(event.logGroup, event.eventId)) continue;
			this.seen.add(event.logGroup, event.eventId, event.timestamp);
			const late = this.lateBefore !== undefined && event.timestamp < this.lateBefore;
			fresh.push({event, severity: severityOf(event.message), late});
		}
		if (fresh.length === 0) return 0;
		if (!inOrder(fresh, byTimestamp)) fresh.sort(byTimestamp);
		this.buffer.insert(fresh);
		return fresh.length;
	}

	/** Where a line is, by its group and event id, searching from the newest; -1 when not held. */
	indexOf(logGroup: string, eventId: string): number {
		for (let i = this.buffer.size - 1; i >= 0; i--) {
			if (this.buffer.eventIdAt(i) === eventId && this.buffer.logGroupAt(i) === logGroup) return i;
		}
		return -1;
	}

	/**
	 * Makes the store hold the lines of `view` (log groups, pattern and window): another view starts
	 * empty, the same one keeps what it has, so coming back to the logs screen resumes it.
	 */
	showing(view: string): void {
		if (this.view === view) return;
		this.view = view;
		this.clear();
	}

	clear(): void {
		this.buffer.clear();
		this.seen.clear();
		this.batch = undefined;
	}
}
