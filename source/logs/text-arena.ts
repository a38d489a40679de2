// The log lines' messages as UTF-8 bytes outside the JavaScript heap (issue 17). A message kept as
// a string lives as long as its line, so in a flood every one of them is promoted to the old
// generation and dies there: the heap then grows to several times what it holds before a full
// collection (the bench measured 350 MB peak for 70 MB held). Copied into these chunks, the string
// dies young, and the bytes cost what they are. Each chunk counts the lines still in it and is
// reused once none is; lines leave in any order (a late line is laid in among older ones), so
// LogLines compacts when the chunks hold far more than the lines need.

/** Bytes a chunk holds: about a thousand typical lines. */
const chunkBytes = 256 * 1024;
/**
 * Empty chunks kept for reuse rather than given back: at least this many, and enough for the most
 * bytes the lines ever used (and one partly filled). A flood replaces the whole buffer every page:
 * its chunks empty, and the new lines need as many again. Given back, each chunk was a Buffer for
 * the garbage collector to find and 256 KB for malloc to free and take again: in the bench, the
 * app's ArrayBuffers swung between 8 and 20 MB during a flood; reused, between 8 and 11 (issue 17).
 */
const spareChunksAtLeast = 2;

export type TextPlace = {chunk: number; offset: number; length: number};

export class TextArena {
	private readonly chunks: Array<Buffer | undefined> = [];
	/** Lines still in each chunk. */
	private readonly lines: number[] = [];
	private readonly spare: number[] = [];
	private current = -1;
	private used = 0;
	private liveBytes = 0;
	private peakLiveBytes = 0;
	private heldBytes = 0;

	/** Bytes of the messages still in use. */
	get live(): number {
		return this.liveBytes;
	}

	/** Bytes of the chunks held. */
	get held(): number {
		return this.heldBytes;
	}

	/** Copies `text` in; `place` receives where (an out parameter: no object a line). */
	write(text: string, place: TextPlace): void {
		const length = Buffer.byteLength(text, 'utf8');
		const chunk = this.room(length);
		this.chunks[chunk]!.write(text, this.used, 'utf8');
		this.placed(chunk, length, place);
	}

	/** Copies bytes held by another arena in (compaction). */
	copy(from: TextArena, at: TextPlace, place: TextPlace): void {
		const chunk = this.room(at.length);
		from.chunks[at.chunk]!.copy(this.chunks[chunk]!, this.used, at.offset, at.offset + at.length);
		this.placed(chunk, at.length, place);
	}

	read(chunk: number, offset: number, length: number): string {
		return this.chunks[chunk]!.toString('utf8', offset, offset + length);
	}

	/** A line left the chunk: once none is left, the chunk is reused or given back. */
	release(chunk: number, length: number): void {
		this.liveBytes -= length;
		const left = --this.lines[chunk]!;
		if (left > 0 || chunk === this.current) return;
		const buffer = this.chunks[chunk]!;
		if (buffer.length === chunkBytes && this.spare.length < Math.max(spareChunksAtLeast, Math.ceil(this.peakLiveBytes / chunkBytes) + 1)) {
			this.spare.push(chunk);
			return;
		}
		this.heldBytes -= buffer.length;
		this.chunks[chunk] = undefined;
	}

	private placed(chunk: number, length: number, place: TextPlace): void {
		place.chunk = chunk;
		place.offset = this.used;
		place.length = length;
		this.used += length;
		this.lines[chunk]!++;
		this.liveBytes += length;
		if (this.liveBytes > this.peakLiveBytes) this.peakLiveBytes = this.liveBytes;
	}

	/** The chunk the next `length` bytes go to, with `used` set to where they start in it. */
	private room(length: number): number {
		if (this.current >= 0 && this.used + length <= this.chunks[this.current]!.length) return this.current;
		const previous = this.current;
		if (length > chunkBytes) {
			// A message larger than a chunk (CloudWatch allows 256 KB) gets one of its own.
			this.current = this.allocate(length);
		} else {
			this.current = this.spare.pop() ?? this.allocate(chunkBytes);
		}
		this.used = 0;
		// The chunk written until now may already be empty (its lines fell off meanwhile).
		if (previous >= 0 && this.lines[previous] === 0) {
			this.lines[previous] = 1;
			this.release(previous, 0);
		}
		return this.current;
	}

	private allocate(size: number): number {
		let id = this.chunks.indexOf(undefined);
		if (id < 0) id = this.chunks.length;
		// Not from Buffer's shared pool: a chunk is given back whole when its lines are gone.
		this.chunks[id] = Buffer.allocUnsafeSlow(size);
		this.lines[id] = 0;
		this.heldBytes += size;
		return id;
	}
}
