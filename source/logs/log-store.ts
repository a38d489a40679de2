import type {LogEvent} from '../port/types.js';
import {severityOf, type Severity} from '../format/severity.js';
import {RecentIds} from './recent-ids.js';
import {RingBuffer} from './ring-buffer.js';

export type LogLine = {
	event: LogEvent;
	severity?: Severity;
	/** It reached the store after a line stamped later: it was laid in above lines already shown. */
	late?: true;
};

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
	 * Adds a batch. Duplicates (by group and eventId) are dropped. The buffer stays in timestamp
	 * order: a line stamped before the newest one held is late, marked so, and laid in by its
	 * timestamp (after the lines of the same millisecond), however far back: the position is found
	 * by binary search and only the lines after it are rewritten, so the work is bounded by the
	 * buffer, never by the log. A late line older than every line of a full buffer falls off at
	 * once, as the oldest line would.
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
		const first = fresh[0]!;
		if (newest === undefined || first.event.timestamp >= newest) {
			this.buffer.pushMany(fresh);
			return fresh.length;
		}
		for (const line of fresh) if (line.event.timestamp < newest) line.late = true;
		const from = this.firstAfter(first.event.timestamp);
		this.buffer.rewriteFrom(from, mergeByTime(this.buffer.slice(from), fresh));
		return fresh.length;
	}

	/** Index of the first line stamped after `timestamp` (the buffer is in timestamp order). */
	private firstAfter(timestamp: number): number {
		let low = 0;
		let high = this.buffer.size;
		while (low < high) {
			const mid = (low + high) >>> 1;
			if (this.buffer.at(mid)!.event.timestamp <= timestamp) low = mid + 1;
			else high = mid;
		}
		return low;
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

/** Two timestamp-ordered runs as one; on equal timestamps the lines already held come first. */
function mergeByTime(held: readonly LogLine[], arriving: readonly LogLine[]): LogLine[] {
	const out: LogLine[] = [];
	let i = 0;
	let j = 0;
	while (i < held.length || j < arriving.length) {
		const a = held[i];
		const b = arriving[j];
		if (a && (!b || a.event.timestamp <= b.event.timestamp)) {
			out.push(a);
			i++;
		} else {
			out.push(b!);
			j++;
		}
	}
	return out;
}
