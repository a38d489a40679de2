// The event ids a tailer has already delivered, kept only as long as a re-read can return them
// again: the tailer's late sweep re-reads the last 5 minutes and more (source/logs/tailer.ts), so
// ids older than the earliest start of a future read are forgotten, and the rest are kept. A
// hard cap bounds memory if that window ever holds a flood of events; the newest timestamp the
// cap forgot is remembered per group, so the tailer never re-reads below it (a re-read there
// could not be told from a repeat): in a flood, the late window narrows instead of lines doubling.
//
// At the cap the oldest id goes, in O(1): the ids sit in a ring in delivery order. (Evicting
// with Map.keys().next() walks every deleted slot a Map keeps until it rehashes: the benchmark saw
// a log flood slow from 50,000 to 4,000 events a second once the cap was reached.)

/** 5 min 30 s of ids at 300 events a second: the whole late window of a busy service's group. */
export const defaultMaxRecentIds = 100_000;

type Entry = {group: string; timestamp: number};

export class RecentIds {
	private readonly ids = new Map<string, Entry>();
	private readonly ring: Array<string | undefined>;
	private head = 0; // the oldest slot
	private count = 0;
	/** Per group, the newest timestamp of an id the cap forgot. */
	private readonly evicted = new Map<string, number>();

	constructor(private readonly max = defaultMaxRecentIds) {
		this.ring = new Array<string | undefined>(max);
	}

	private static key(group: string, eventId: string): string {
		// Event ids are unique within a log group; two groups (or two fakes) may reuse one.
		return `${group}\u0000${eventId}`;
	}

	has(group: string, eventId: string): boolean {
		return this.ids.has(RecentIds.key(group, eventId));
	}

	add(group: string, eventId: string, timestamp: number): void {
		const key = RecentIds.key(group, eventId);
		if (this.ids.has(key)) return;
		if (this.count === this.max) {
			const oldest = this.ring[this.head];
			const entry = oldest === undefined ? undefined : this.ids.get(oldest);
			if (oldest !== undefined) this.ids.delete(oldest);
			if (entry) this.evicted.set(entry.group, Math.max(this.evicted.get(entry.group) ?? -Infinity, entry.timestamp));
			this.ring[this.head] = key;
			this.head = (this.head + 1) % this.max;
		} else {
			this.ring[(this.head + this.count) % this.max] = key;
			this.count++;
		}
		this.ids.set(key, {group, timestamp});
	}

	/** Forgets the ids of `group` older than `before`: the next read starts at `before`. */
	expire(group: string, before: number): void {
		let removed = false;
		for (const [key, entry] of this.ids) {
			if (entry.group === group && entry.timestamp < before) {
				this.ids.delete(key);
				removed = true;
			}
		}
		if (removed) this.compact();
	}

	/**
	 * The newest timestamp of an id of `group` that the cap (not expiry) forgot: a read starting at
	 * or before it may return an event already delivered, unrecognised. Undefined while none was.
	 */
	forgottenUntil(group: string): number | undefined {
		return this.evicted.get(group);
	}

	get size(): number {
		return this.ids.size;
	}

	clear(): void {
		this.ids.clear();
		this.evicted.clear();
		this.ring.fill(undefined);
		this.head = 0;
		this.count = 0;
	}

	/** Rebuilds the ring from the ids still held, oldest first (after expiry removed some). */
	private compact(): void {
		const kept: string[] = [];
		for (let i = 0; i < this.count; i++) {
			const key = this.ring[(this.head + i) % this.max];
			if (key !== undefined && this.ids.has(key)) kept.push(key);
		}
		this.ring.fill(undefined);
		kept.forEach((key, i) => {
			this.ring[i] = key;
		});
		this.head = 0;
		this.count = kept.length;
	}
}
