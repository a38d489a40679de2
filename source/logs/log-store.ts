import type {LogEvent} from '../port/types.js';
import {severityOf, type Severity} from '../format/severity.js';
import {RecentIds} from './recent-ids.js';
import {RingBuffer} from './ring-buffer.js';

export type LogLine = {event: LogEvent; severity?: Severity};

/**
 * The log lines the logs screen shows, held outside React state: a bounded ring buffer (k9s's
 * model/log.go), fed by the tailer, read by the view on a short timer. It outlives the screen, so
 * leaving the logs and coming back keeps what was buffered, and drops what a new tailer re-reads.
 */
export class LogStore {
	readonly buffer: RingBuffer<LogLine>;
	private readonly seen: RecentIds;
	private view: string | undefined;

	constructor(capacity: number) {
		this.buffer = new RingBuffer<LogLine>(capacity);
		// Duplicates come from a restarted tail re-reading its overlap, so they are recent: twice the
		// buffer (at least 20,000) remembers more than any re-read returns, at a bounded cost.
		this.seen = new RecentIds(Math.max(20_000, capacity * 2));
	}

	get version(): number {
		return this.buffer.version;
	}

	/** The newest timestamp held, so a restarted tail resumes from it instead of re-reading history. */
	get newestTimestamp(): number | undefined {
		return this.buffer.at(-1)?.event.timestamp;
	}

	/**
	 * Adds a batch. Duplicates (by group and eventId) are dropped. A late event older than the newest
	 * line is placed by timestamp among the recent lines so the view stays in time order.
	 */
	add(events: readonly LogEvent[]): number {
		const fresh: LogLine[] = [];
		for (const event of events) {
			if (this.seen.has(event.logGroup, event.eventId)) continue;
			this.seen.add(event.logGroup, event.eventId, event.timestamp);
			fresh.push({event, severity: severityOf(event.message)});
		}
		if (fresh.length === 0) return 0;
		fresh.sort((a, b) => a.event.timestamp - b.event.timestamp);
		const newest = this.newestTimestamp;
		const first = fresh[0];
		if (newest === undefined || (first && first.event.timestamp >= newest)) {
			this.buffer.pushMany(fresh);
			return fresh.length;
		}
		// Rare: a late arrival. Re-lay the tail of the buffer that it belongs in (bounded work).
		const tailSize = Math.min(this.buffer.size, 2000);
		const tail = this.buffer.slice(this.buffer.size - tailSize);
		const merged = [...tail, ...fresh].sort((a, b) => a.event.timestamp - b.event.timestamp);
		const head = this.buffer.slice(0, this.buffer.size - tailSize);
		this.buffer.clear();
		this.buffer.pushMany([...head, ...merged]);
		return fresh.length;
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
	}
}
