// The stdout Ink is given: a Writable that passes for a terminal (isTTY, size, 'resize', colour
// depth), so Ink draws exactly as it would on the real one, while the bytes go to the layer.
import {clearLine, clearScreenDown, cursorTo, moveCursor, type Direction} from 'node:readline';
import {Writable} from 'node:stream';

export class TtyLikeStream extends Writable {
	readonly isTTY = true;
	columns: number;
	rows: number;

	constructor(
		private readonly sink: (chunk: Uint8Array) => void,
		private readonly real: NodeJS.WriteStream,
		size: {columns: number; rows: number},
	) {
		super({decodeStrings: true});
		this.columns = size.columns;
		this.rows = size.rows;
	}

	override _write(chunk: Buffer, _encoding: BufferEncoding, done: (error?: Error | null) => void): void {
		this.sink(chunk);
		done();
	}

	/** New size, then 'resize', as a tty.WriteStream does when the terminal changes size. */
	resize(columns: number, rows: number): void {
		this.columns = columns;
		this.rows = rows;
		this.emit('resize');
	}

	// The rest of tty.WriteStream, for libraries that call it on stdout.
	getWindowSize(): [number, number] {
		return [this.columns, this.rows];
	}

	getColorDepth(env?: NodeJS.ProcessEnv): number {
		return typeof this.real.getColorDepth === 'function' ? this.real.getColorDepth(env) : 8;
	}

	hasColors(count?: number | NodeJS.ProcessEnv, env?: NodeJS.ProcessEnv): boolean {
		if (typeof this.real.hasColors !== 'function') return true;
		return typeof count === 'number' ? this.real.hasColors(count, env) : this.real.hasColors(count);
	}

	cursorTo(x: number, y?: number | (() => void), callback?: () => void): boolean {
		if (typeof y === 'function') return cursorTo(this, x, undefined, y);
		return cursorTo(this, x, y, callback);
	}

	moveCursor(dx: number, dy: number, callback?: () => void): boolean {
		return moveCursor(this, dx, dy, callback);
	}

	clearLine(dir: Direction, callback?: () => void): boolean {
		return clearLine(this, dir, callback);
	}

	clearScreenDown(callback?: () => void): boolean {
		return clearScreenDown(this, callback);
	}
}
