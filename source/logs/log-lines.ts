// The log store's lines, held compactly (issue 17): a ring of parallel columns, one slot a line,
// instead of an event object and a line object per line. The numbers sit in typed arrays
// allocated once, the messages as bytes in a TextArena (outside the heap); what a flood leaves in
// the heap per line is its id string. The view
// still reads LogLine objects, but only of the lines it draws: `at` builds them on demand and
// keeps the recently drawn ones, so the same line is the same object from one frame to the next
// (the row caches in format/log-rows.ts are keyed by it).
import type {LogEvent} from '../port/types.js';
import type {Severity} from '../format/severity.js';
import {TextArena, type TextPlace} from './text-arena.js';

export type LogLine = {
	event: LogEvent;
	severity?: Severity;
	/** It reached the store after a line stamped later: it was laid in above lines already shown. */
	late?: true;
};

/** An arriving line: the event as read, and what the store worked out about it. */
export type ArrivingLine = {event: LogEvent; severity: Severity | undefined; late: boolean};

const severities: ReadonlyArray<Severity | undefined> = [undefined, 'FATAL', 'ERROR', 'WARN', 'INFO', 'DEBUG'];
const severityCode = new Map(severities.map((severity, code) => [severity, code]));

/** How many drawn lines keep their object between frames: a few screens of them. */
const shownLinesKept = 1024;
/** Distinct log group and stream names kept shared; past it the table starts again. */
const namesKept = 4096;

export class LogLines {
	readonly capacity: number;
	private arena = new TextArena();
	/** Where each message's bytes are in the arena. */
	private readonly textChunks: Uint32Array;
	private readonly textOffsets: Uint32Array;
	private readonly textLengths: Uint32Array;
	private readonly place: TextPlace = {chunk: 0, offset: 0, length: 0};
	/** Set for a slot holding a line, undefined for a free one. */
	private readonly eventIds: Array<string | undefined>;
	private readonly groups: Array<string | undefined>;
	private readonly streams: Array<string | undefined>;
	private readonly timestamps: Float64Array;
	/** NaN where the event had none. */
	private readonly ingestionTimes: Float64Array;
	private readonly severityCodes: Uint8Array;
	private readonly lateFlags: Uint8Array;
	/** Each line's number in arrival order: its identity for the objects handed to the view. */
	private readonly serials: Float64Array;
	private nextSerial = 0;
	/** Slot of the oldest line. */
	private head = 0;
	private count = 0;
	private changes = 0;
	private evicted = 0;
	/** Lines handed out lately, by serial, in two generations: the older one goes when the newer fills. */
	private shown = new Map<number, LogLine>();
	private shownBefore = new Map<number, LogLine>();
	// Group and stream names repeat on every line; each event read brings its own copy of the string.
	private names = new Map<string, string>();

	constructor(capacity: number) {
		if (!Number.isInteger(capacity) || capacity < 1) {
			throw new RangeError(`LogLines: capacity must be a positive integer, got ${String(capacity)}`);
		}
		this.capacity = capacity;
		this.textChunks = new Uint32Array(capacity);
		this.textOffsets = new Uint32Array(capacity);
		this.textLengths = new Uint32Array(capacity);
		this.eventIds = new Array<string | undefined>(capacity);
		this.groups = new Array<string | undefined>(capacity);
		this.streams = new Array<string | undefined>(capacity);
		this.timestamps = new Float64Array(capacity);
		this.ingestionTimes = new Float64Array(capacity);
		this.severityCodes = new Uint8Array(capacity);
		this.lateFlags = new Uint8Array(capacity);
		this.serials = new Float64Array(capacity);
	}

	get size(): number {
		return this.count;
	}

	/** Increments on every change; compare with a remembered value to know whether to redraw. */
	get version(): number {
		return this.changes;
	}

	/** How many lines fell off the old end since creation; a clear keeps the count (what was lost stays lost). */
	get dropped(): number {
		return this.evicted;
	}

	private slot(index: number): number {
		return (this.head + index) % this.capacity;
	}

	timestampAt(index: number): number | undefined {
		return index >= 0 && index < this.count ? this.timestamps[this.slot(index)] : undefined;
	}

	eventIdAt(index: number): string | undefined {
		return index >= 0 && index < this.count ? this.eventIds[this.slot(index)] : undefined;
	}

	logGroupAt(index: number): string | undefined {
		return index >= 0 && index < this.count ? this.groups[this.slot(index)] : undefined;
	}

	/** Index of the first line stamped after `timestamp` (the lines are in timestamp order). */
	firstAfter(timestamp: number): number {
		let low = 0;
		let high = this.count;
		while (low < high) {
			const mid = (low + high) >>> 1;
			if (this.timestamps[this.slot(mid)]! <= timestamp) low = mid + 1;
			else high = mid;
		}
		return low;
	}

	/**
	 * Lays in `arriving` (in timestamp order) by timestamp, after the lines of the same millisecond,
	 * with one version bump. In place: the lines stamped after the first arriving one move up to
	 * make room, merged from the back, so the work is O(lines after it + arriving), never a copy of
	 * the buffer; appending is the case where none move. Once full, the oldest lines fall off, and an
	 * arriving line older than every line kept falls off at once, as the oldest would.
	 */
	insert(arriving: readonly ArrivingLine[]): void {
		const k = arriving.length;
		if (k === 0) return;
		let position = this.firstAfter(arriving[0]!.event.timestamp);
		const overflow = this.count + k - this.capacity;
		if (overflow > position) {
			this.insertPastTheOldest(arriving, position, overflow);
			return;
		}
		if (overflow > 0) {
			// The oldest lines, all before the insertion point, fall off: their slots are the room.
			this.dropOldest(overflow);
			position -= overflow;
		}
		let held = this.count - 1;
		let incoming = k - 1;
		let target = this.count + k - 1;
		while (incoming >= 0) {
			const line = arriving[incoming]!;
			if (held >= position && this.timestamps[this.slot(held)]! > line.event.timestamp) {
				this.move(this.slot(held), this.slot(target));
				held--;
			} else {
				this.write(this.slot(target), line);
				incoming--;
			}
			target--;
		}
		this.count += k;
		this.changes++;
		this.compactText();
	}

	/**
	 * Copies the messages into a fresh arena once its chunks hold more than four times the bytes the
	 * lines use (late lines and evictions out of order leave chunks pinned by a few lines): the
	 * copy is O(buffer), and at most once per that many bytes taken in.
	 */
	private compactText(): void {
		const slack = 4 * 256 * 1024;
		if (this.arena.held <= 4 * this.arena.live + slack) return;
		const fresh = new TextArena();
		const at: TextPlace = {chunk: 0, offset: 0, length: 0};
		for (let i = 0; i < this.count; i++) {
			const slot = this.slot(i);
			at.chunk = this.textChunks[slot]!;
			at.offset = this.textOffsets[slot]!;
			at.length = this.textLengths[slot]!;
			fresh.copy(this.arena, at, this.place);
			this.textChunks[slot] = this.place.chunk;
			this.textOffsets[slot] = this.place.offset;
			this.textLengths[slot] = this.place.length;
		}
		this.arena = fresh;
	}

	/**
	 * The rare insert where lines fall off from the arriving ones too (a batch larger than the
	 * buffer, or late lines older than the oldest kept in a full one): merged through a copy of the
	 * lines after the insertion point, bounded by the buffer.
	 */
	private insertPastTheOldest(arriving: readonly ArrivingLine[], position: number, overflow: number): void {
		const after: ArrivingLine[] = [];
		for (let i = position; i < this.count; i++) {
			const line = this.build(this.slot(i));
			after.push({event: line.event, severity: line.severity, late: line.late === true});
		}
		const serialsAfter = Array.from({length: this.count - position}, (_, i) => this.serials[this.slot(position + i)]!);
		this.dropOldest(position);
		for (let slot = 0; slot < this.capacity; slot++) this.forget(slot);
		this.count = 0;
		this.head = 0;
		let skip = overflow - position;
		let i = 0;
		let j = 0;
		while (i < after.length || j < arriving.length) {
			const held = after[i];
			const next = arriving[j];
			const fromHeld = held !== undefined && (next === undefined || held.event.timestamp <= next.event.timestamp);
			const line = fromHeld ? held : next!;
			const serial = fromHeld ? serialsAfter[i] : undefined;
			if (fromHeld) i++;
			else j++;
			if (skip > 0) {
				skip--;
				this.evicted++;
				continue;
			}
			this.write(this.slot(this.count), line, serial);
			this.count++;
		}
		this.changes++;
		this.compactText();
	}

	private dropOldest(n: number): void {
		for (let i = 0; i < n; i++) this.forget(this.slot(i));
		this.head = this.slot(n);
		this.count -= n;
		this.evicted += n;
	}

	private forget(slot: number): void {
		if (this.eventIds[slot] === undefined) return;
		this.arena.release(this.textChunks[slot]!, this.textLengths[slot]!);
		this.eventIds[slot] = undefined;
		this.groups[slot] = undefined;
		this.streams[slot] = undefined;
	}

	private move(from: number, to: number): void {
		this.textChunks[to] = this.textChunks[from]!;
		this.textOffsets[to] = this.textOffsets[from]!;
		this.textLengths[to] = this.textLengths[from]!;
		this.eventIds[to] = this.eventIds[from];
		this.groups[to] = this.groups[from];
		this.streams[to] = this.streams[from];
		this.timestamps[to] = this.timestamps[from]!;
		this.ingestionTimes[to] = this.ingestionTimes[from]!;
		this.severityCodes[to] = this.severityCodes[from]!;
		this.lateFlags[to] = this.lateFlags[from]!;
		this.serials[to] = this.serials[from]!;
	}

	private write(slot: number, line: ArrivingLine, serial = this.nextSerial++): void {
		const {event} = line;
		this.arena.write(event.message, this.place);
		this.textChunks[slot] = this.place.chunk;
		this.textOffsets[slot] = this.place.offset;
		this.textLengths[slot] = this.place.length;
		this.eventIds[slot] = event.eventId;
		this.groups[slot] = this.shared(event.logGroup);
		this.streams[slot] = this.shared(event.logStream);
		this.timestamps[slot] = event.timestamp;
		this.ingestionTimes[slot] = event.ingestionTime ?? Number.NaN;
		this.severityCodes[slot] = severityCode.get(line.severity) ?? 0;
		this.lateFlags[slot] = line.late ? 1 : 0;
		this.serials[slot] = serial;
	}

	private shared(name: string): string {
		const known = this.names.get(name);
		if (known !== undefined) return known;
		if (this.names.size >= namesKept) this.names = new Map();
		this.names.set(name, name);
		return name;
	}

	private build(slot: number): LogLine {
		const event: LogEvent = {
			eventId: this.eventIds[slot]!,
			timestamp: this.timestamps[slot]!,
			logGroup: this.groups[slot]!,
			logStream: this.streams[slot]!,
			message: this.arena.read(this.textChunks[slot]!, this.textOffsets[slot]!, this.textLengths[slot]!),
		};
		const ingestionTime = this.ingestionTimes[slot]!;
		if (!Number.isNaN(ingestionTime)) event.ingestionTime = ingestionTime;
		const line: LogLine = {event};
		const severity = severities[this.severityCodes[slot]!];
		if (severity) line.severity = severity;
		if (this.lateFlags[slot] === 1) line.late = true;
		return line;
	}

	/** The line at `index` counted from the oldest (negative counts from the newest), or undefined. */
	at(index: number): LogLine | undefined {
		const i = index < 0 ? this.count + index : index;
		if (!Number.isInteger(i) || i < 0 || i >= this.count) return undefined;
		const slot = this.slot(i);
		const serial = this.serials[slot]!;
		let line = this.shown.get(serial);
		if (line) return line;
		line = this.shownBefore.get(serial) ?? this.build(slot);
		if (this.shown.size >= shownLinesKept) {
			this.shownBefore = this.shown;
			this.shown = new Map();
		}
		this.shown.set(serial, line);
		return line;
	}

	/**
	 * Lines from `from` (inclusive) to `to` (exclusive), oldest first, with Array.prototype.slice's
	 * rules for negative and out-of-range indices: the visible window of a log view.
	 */
	slice(from = 0, to: number = this.count): LogLine[] {
		const clamp = (n: number) => (n < 0 ? Math.max(0, this.count + n) : Math.min(n, this.count));
		const start = clamp(Math.trunc(from));
		const end = clamp(Math.trunc(to));
		const out: LogLine[] = [];
		for (let i = start; i < end; i++) out.push(this.at(i)!);
		return out;
	}

	/** Every line, oldest first, built afresh (for saving: not kept, so the drawn lines' cache stays small). */
	toArray(): LogLine[] {
		const out: LogLine[] = [];
		for (let i = 0; i < this.count; i++) out.push(this.build(this.slot(i)));
		return out;
	}

	clear(): void {
		this.arena = new TextArena();
		this.eventIds.fill(undefined);
		this.groups.fill(undefined);
		this.streams.fill(undefined);
		this.shown = new Map();
		this.shownBefore = new Map();
		this.names = new Map();
		this.head = 0;
		this.count = 0;
		this.changes++;
	}
}
