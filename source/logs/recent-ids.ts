// The event ids a tailer has already delivered, kept only as long as a re-read can return them
// again: each poll re-reads an overlap window, so ids older than the next read's start time can
// be forgotten. A hard cap bounds memory if a window ever holds a flood of events.

export const defaultMaxRecentIds = 200_000;

export class RecentIds {
	// Insertion order is delivery order, so the first keys are the ones to drop at the cap.
	private readonly ids = new Map<string, {group: string; timestamp: number}>();

	constructor(private readonly max = defaultMaxRecentIds) {}

	private static key(group: string, eventId: string): string {
		// Event ids are unique within a log group; two groups (or two fakes) may reuse one.
		return `${group}\u0000${eventId}`;
	}

	has(group: string, eventId: string): boolean {
		return this.ids.has(RecentIds.key(group, eventId));
	}

	add(group: string, eventId: string, timestamp: number): void {
		this.ids.set(RecentIds.key(group, eventId), {group, timestamp});
		if (this.ids.size > this.max) {
			const oldest = this.ids.keys().next();
			if (!oldest.done) this.ids.delete(oldest.value);
		}
	}

	/** Forgets the ids of `group` older than `before`: the next read starts at `before`. */
	expire(group: string, before: number): void {
		for (const [key, entry] of this.ids) {
			if (entry.group === group && entry.timestamp < before) this.ids.delete(key);
		}
	}

	get size(): number {
		return this.ids.size;
	}

	clear(): void {
		this.ids.clear();
	}
}
