// One log group's events, kept sorted by (timestamp, sequence) in an array with a moving head, so
// appending is cheap, trimming old events is cheap, and a page can resume by binary search.

export type StoredEvent = {
	seq: number; // unique and increasing in the order events were written
	ts: number; // the event's own timestamp
	ing: number; // when CloudWatch ingested it: invisible to readers before this
	stream: string;
	msg: string;
};

export type EventLog = {items: StoredEvent[]; head: number};

export function createEventLog(): EventLog {
	return {items: [], head: 0};
}

export function eventCount(log: EventLog): number {
	return log.items.length - log.head;
}

function before(a: {ts: number; seq: number}, b: {ts: number; seq: number}): boolean {
	return a.ts < b.ts || (a.ts === b.ts && a.seq < b.seq);
}

/** Index of the first event at or after (ts, seq) in the sort order. */
export function lowerBound(log: EventLog, ts: number, seq: number): number {
	let low = log.head;
	let high = log.items.length;
	while (low < high) {
		const mid = (low + high) >>> 1;
		if (before(log.items[mid]!, {ts, seq})) low = mid + 1;
		else high = mid;
	}
	return low;
}

export function appendEvent(log: EventLog, event: StoredEvent): void {
	const last = log.items[log.items.length - 1];
	if (log.items.length === log.head || !last || !before(event, last)) {
		log.items.push(event);
		return;
	}
	// Rare: an event stamped earlier than one already stored (emitLog between steps).
	log.items.splice(lowerBound(log, event.ts, event.seq), 0, event);
}

/** Drops events older than `cutoff` and the oldest beyond `cap`; returns how many were dropped. */
export function trimEvents(log: EventLog, cutoff: number, cap: number): number {
	const start = log.head;
	while (log.head < log.items.length && (log.items[log.head]!.ts < cutoff || log.items.length - log.head > cap)) log.head++;
	const dropped = log.head - start;
	// Compact once the dead prefix is a few minutes of lines: until then the array still holds the
	// dropped events alive.
	if (log.head >= 1024) {
		log.items = log.items.slice(log.head);
		log.head = 0;
	}
	return dropped;
}
