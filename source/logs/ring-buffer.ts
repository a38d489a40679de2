// A bounded buffer of log lines held outside React state (k9s model/log.go): the tailer pushes
// into it as events arrive, and the view reads the visible window on a short timer when
// `version` has moved. Pushing is O(1); the oldest lines fall off once it is full.

export const defaultLogCapacity = 10_000;

export class RingBuffer<T> {
	readonly capacity: number;
	private readonly items: Array<T | undefined>;
	/** Index of the oldest item. */
	private head = 0;
	private count = 0;
	private changes = 0;
	private evicted = 0;

	constructor(capacity: number = defaultLogCapacity) {
		if (!Number.isInteger(capacity) || capacity < 1) {
			throw new RangeError(`RingBuffer: capacity must be a positive integer, got ${String(capacity)}`);
		}
		this.capacity = capacity;
		this.items = new Array<T | undefined>(capacity);
	}

	get size(): number {
		return this.count;
	}

	/** Increments on every change; compare with a remembered value to know whether to redraw. */
	get version(): number {
		return this.changes;
	}

	/** How many items fell off the old end since creation; a clear keeps the count (what was lost stays lost). */
	get dropped(): number {
		return this.evicted;
	}

	push(item: T): void {
		this.write(item);
		this.changes++;
	}

	/** Adds many at once with a single version bump. */
	pushMany(items: Iterable<T>): void {
		let any = false;
		for (const item of items) {
			this.write(item);
			any = true;
		}
		if (any) this.changes++;
	}

	private write(item: T): void {
		if (this.count < this.capacity) {
			this.items[(this.head + this.count) % this.capacity] = item;
			this.count++;
		} else {
			this.items[this.head] = item;
			this.head = (this.head + 1) % this.capacity;
			this.evicted++;
		}
	}

	/**
	 * Replaces the items from `index` (counted from the oldest) to the newest with `items`, with one
	 * version bump: a late line is laid in by rewriting only the lines after it, O(size - index +
	 * items). As with push, the oldest fall off once it is full.
	 */
	rewriteFrom(index: number, items: readonly T[]): void {
		const start = Math.max(0, Math.min(Math.trunc(index), this.count));
		for (let i = start; i < this.count; i++) this.items[(this.head + i) % this.capacity] = undefined;
		this.count = start;
		for (const item of items) this.write(item);
		this.changes++;
	}

	/** The item at `index` counted from the oldest (negative counts from the newest), or undefined. */
	at(index: number): T | undefined {
		const i = index < 0 ? this.count + index : index;
		if (!Number.isInteger(i) || i < 0 || i >= this.count) return undefined;
		return this.items[(this.head + i) % this.capacity];
	}

	/**
	 * Items from `from` (inclusive) to `to` (exclusive), oldest first, with Array.prototype.slice's
	 * rules for negative and out-of-range indices: the visible window of a log view.
	 */
	slice(from = 0, to: number = this.count): T[] {
		const clamp = (n: number) => (n < 0 ? Math.max(0, this.count + n) : Math.min(n, this.count));
		const start = clamp(Math.trunc(from));
		const end = clamp(Math.trunc(to));
		const out: T[] = [];
		for (let i = start; i < end; i++) out.push(this.items[(this.head + i) % this.capacity] as T);
		return out;
	}

	toArray(): T[] {
		return this.slice(0, this.count);
	}

	clear(): void {
		this.items.fill(undefined);
		this.head = 0;
		this.count = 0;
		this.changes++;
	}
}
