// A stand-in for process.stdout on a real terminal: a TTY-looking Writable whose bytes go into an
// emulator, recorded write by write so tests can count what the layer sent.
import {Writable} from 'node:stream';
import {createScreen, type TestScreen} from '../helpers/screen.js';

export class FakeTerminal extends Writable {
	readonly isTTY = true;
	readonly screen: TestScreen;
	readonly writes: string[] = [];
	/** Set to hold back write callbacks, like a terminal that is slow to take output. */
	stalled = false;
	private readonly held: Array<() => void> = [];

	constructor(
		public columns: number,
		public rows: number,
		{highWaterMark = 16_384}: {highWaterMark?: number} = {},
	) {
		super({highWaterMark});
		this.screen = createScreen(columns, rows);
	}

	override _write(chunk: Buffer, _encoding: BufferEncoding, done: () => void): void {
		this.writes.push(chunk.toString('utf8'));
		this.screen.write(chunk);
		if (this.stalled) this.held.push(done);
		else done();
	}

	/** Take everything held back. */
	drainNow(): void {
		this.stalled = false;
		for (const done of this.held.splice(0)) done();
	}

	get bytes(): number {
		return this.writes.reduce((sum, write) => sum + Buffer.byteLength(write), 0);
	}

	resize(columns: number, rows: number): void {
		this.columns = columns;
		this.rows = rows;
		this.screen.resize(columns, rows);
		this.emit('resize');
	}

	asStdout(): NodeJS.WriteStream {
		return this as unknown as NodeJS.WriteStream;
	}
}
