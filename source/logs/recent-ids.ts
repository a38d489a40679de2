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
//
// Nothing here is a JavaScript object or string per id (issue 17): an id is remembered as a
// 64-bit hash of its group and event id, its group's number and its timestamp, in typed arrays
// allocated once, found through an open-addressing table. Held as strings in Maps, 100,000 ids
// were about 20 MB, and in a flood every one of them was promoted to the old generation and died
// there, which let the heap grow by some 50 MB before each full collection. Two different ids
// share a hash with odds of about n^2 / 2^65 (3e-10 at 100,000 ids): the cost of that, one line
// taken for a repeat and not shown, is accepted for the memory.

/** 5 min 30 s of ids at 300 events a second: the whole late window of a busy service's group. */
export const defaultMaxRecentIds = 100_000;

export class RecentIds {
	private readonly max: number;
	// The ring, in delivery order: each id's hash (two halves), group number and timestamp.
	private readonly hashHigh: Uint32Array;
	private readonly hashLow: Uint32Array;
	private readonly groupOf: Uint16Array;
	private readonly timeOf: Float64Array;
	private head = 0; // the oldest slot
	private count = 0;
	/** Open addressing over the ring: ring slot + 1, 0 for empty, -1 for a deleted entry. */
	private table: Int32Array;
	private mask: number;
	private deleted = 0;
	private readonly groupNumbers = new Map<string, number>();
	/**
	 * Per group number, the newest timestamp of an id the cap forgot (NaN while none was). An array
	 * of numbers, not a Map by name: in a flood every add evicts, and a Map's double value is a new
	 * heap number each time (and finding the name walked the Map's entries).
	 */
	private evicted: number[] = [];
	// The last hash worked out: has() and add() of the same id hash it once.
	private lastGroup = '';
	private lastId = '';
	private lastHigh = 0;
	private lastLow = 0;

	constructor(max = defaultMaxRecentIds) {
		if (!Number.isInteger(max) || max < 1) throw new RangeError(`RecentIds: the cap must be a positive integer, got ${String(max)}`);
		this.max = max;
		this.hashHigh = new Uint32Array(max);
		this.hashLow = new Uint32Array(max);
		this.groupOf = new Uint16Array(max);
		this.timeOf = new Float64Array(max);
		let size = 16;
		while (size < max * 2) size *= 2;
		this.table = new Int32Array(size);
		this.mask = size - 1;
	}

	private hash(group: string, eventId: string): void {
		if (group === this.lastGroup && eventId === this.lastId) return;
		// FNV-1a and a second, differently seeded multiply-xorshift hash, over group, a separator, id
		// (0x10000 is no UTF-16 code unit: "ab" + "c" and "a" + "bc" differ). Inline: no closure an id.
		let a = 0x811c9dc5;
		let b = 0x9e3779b9;
		const length = group.length + 1 + eventId.length;
		for (let i = 0; i < length; i++) {
			const code = i < group.length ? group.charCodeAt(i) : i === group.length ? 0x10000 : eventId.charCodeAt(i - group.length - 1);
			a = Math.imul(a ^ code, 0x01000193);
			b = Math.imul(b ^ code, 0x5bd1e995);
			b ^= b >>> 15;
		}
		this.lastGroup = group;
		this.lastId = eventId;
		this.lastHigh = a >>> 0;
		this.lastLow = (b ^ (b >>> 13)) >>> 0;
	}

	private groupNumber(group: string): number {
		let n = this.groupNumbers.get(group);
		if (n === undefined) {
			this.groupNumbers.set(group, (n = this.groupNumbers.size));
			this.evicted.push(Number.NaN);
		}
		return n;
	}

	/** The table position holding ring slot `slot`'s entry, or of the hash being looked up (-1: none). */
	private find(high: number, low: number, group: number): number {
		for (let p = (high ^ low) & this.mask; ; p = (p + 1) & this.mask) {
			const entry = this.table[p]!;
			if (entry === 0) return -1;
			if (entry > 0) {
				const slot = entry - 1;
				if (this.hashHigh[slot] === high && this.hashLow[slot] === low && this.groupOf[slot] === group) return p;
			}
		}
	}

	private place(slot: number): void {
		for (let p = (this.hashHigh[slot]! ^ this.hashLow[slot]!) & this.mask; ; p = (p + 1) & this.mask) {
			const entry = this.table[p]!;
			if (entry <= 0) {
				if (entry < 0) this.deleted--;
				this.table[p] = slot + 1;
				return;
			}
		}
	}

	has(group: string, eventId: string): boolean {
		const number = this.groupNumbers.get(group);
		if (number === undefined) return false;
		this.hash(group, eventId);
		return this.find(this.lastHigh, this.lastLow, number) >= 0;
	}

	add(group: string, eventId: string, timestamp: number): void {
		const number = this.groupNumber(group);
		this.hash(group, eventId);
		if (this.find(this.lastHigh, this.lastLow, number) >= 0) return;
		let slot: number;
		if (this.count === this.max) {
			slot = this.head;
			const p = this.find(this.hashHigh[slot]!, this.hashLow[slot]!, this.groupOf[slot]!);
			if (p >= 0) {
				this.table[p] = -1;
				this.deleted++;
			}
			const oldest = this.groupOf[slot]!;
			const time = this.timeOf[slot]!;
			// NaN compares false: the first eviction of a group sets it.
			if (!(this.evicted[oldest]! >= time)) this.evicted[oldest] = time;
			this.head = (this.head + 1) % this.max;
		} else {
			slot = (this.head + this.count) % this.max;
			this.count++;
		}
		this.hashHigh[slot] = this.lastHigh;
		this.hashLow[slot] = this.lastLow;
		this.groupOf[slot] = number;
		this.timeOf[slot] = timestamp;
		this.place(slot);
		// Deleted entries lengthen every search: past a quarter of the table, it is laid out again.
		if (this.deleted > this.table.length / 4) this.rebuildTable();
	}

	/** Forgets the ids of `group` older than `before`: the next read starts at `before`. */
	expire(group: string, before: number): void {
		const number = this.groupNumbers.get(group);
		if (number === undefined) return;
		// The ring is closed up in place, oldest first, keeping the order of the ids left.
		let kept = 0;
		for (let i = 0; i < this.count; i++) {
			const from = (this.head + i) % this.max;
			if (this.groupOf[from] === number && this.timeOf[from]! < before) continue;
			const to = (this.head + kept) % this.max;
			if (to !== from) {
				this.hashHigh[to] = this.hashHigh[from]!;
				this.hashLow[to] = this.hashLow[from]!;
				this.groupOf[to] = this.groupOf[from]!;
				this.timeOf[to] = this.timeOf[from]!;
			}
			kept++;
		}
		if (kept === this.count) return;
		this.count = kept;
		this.rebuildTable();
	}

	private rebuildTable(): void {
		this.table.fill(0);
		this.deleted = 0;
		for (let i = 0; i < this.count; i++) this.place((this.head + i) % this.max);
	}

	/**
	 * The newest timestamp of an id of `group` that the cap (not expiry) forgot: a read starting at
	 * or before it may return an event already delivered, unrecognised. Undefined while none was.
	 */
	forgottenUntil(group: string): number | undefined {
		const number = this.groupNumbers.get(group);
		const time = number === undefined ? Number.NaN : this.evicted[number]!;
		return Number.isNaN(time) ? undefined : time;
	}

	get size(): number {
		return this.count;
	}

	clear(): void {
		this.table.fill(0);
		this.deleted = 0;
		this.evicted = [];
		this.groupNumbers.clear();
		this.lastGroup = '';
		this.lastId = '';
		this.head = 0;
		this.count = 0;
	}
}
