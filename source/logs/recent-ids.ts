// The event ids a tailer has already delivered, kept only as long as a re-read can return them
// again: each poll re-reads an overlap window, so ids older than the next read's start time can
// be forgotten. A hard cap bounds memory if a window ever holds a flood of events.
//
// At the cap the oldest id goes, in O(1): the ids sit in a ring in delivery order. (Evicting
// with Map.keys().next() walks every deleted slot a Map keeps until it rehashes: the benchmark saw
// a log flood slow from 50,000 to 4,000 events a second once the cap was reached.)

export const defaultMaxRecentIds = 50_000;

type Entry = {group: string; timestamp: number};

export class RecentIds {
	private readonly ids = new Map<string, Entry>();
	private readonly ring: Array<string | undefined>;
	private head = 0; // the oldest slot
	private count = 0;

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
			if (oldest !== undefined) this.ids.delete(oldest);
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

	get size(): number {
		return this.ids.size;
	}

	clear(): void {
		this.ids.clear();
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
