import {EventEmitter} from 'node:events';

// Ink hands a whole chunk of typed text to useInput as one string: `:logs⏎` typed ahead over a
// slow SSH link (or pasted) would arrive as one event that no binding matches, and the keys after
// `:` would reach the screen before the command line had even opened. This stdin sits between
// the terminal and Ink and delivers one keypress at a time, letting React commit between them.

const escape = '\u001B';

/** Splits a chunk into keypresses: escape sequences whole, everything else one character each. */
export function splitKeypresses(chunk: string): string[] {
	const keys: string[] = [];
	let i = 0;
	while (i < chunk.length) {
		if (chunk[i] === escape) {
			const end = escapeSequenceEnd(chunk, i);
			keys.push(chunk.slice(i, end));
			i = end;
			continue;
		}
		const code = chunk.codePointAt(i) ?? 0;
		const length = code > 0xff_ff ? 2 : 1;
		// Keys typed before raw mode was on went through the terminal's line discipline, which turns
		// the Enter key's CR into LF (ICRNL): read it as the Enter it was. (In raw mode LF is Ctrl-J,
		// which terminals and readline treat as Enter too.)
		keys.push(chunk[i] === '\n' ? '\r' : chunk.slice(i, i + length));
		i += length;
	}
	return keys;
}

/** Where the escape sequence starting at `start` ends; an incomplete one runs to the chunk's end (Ink buffers it). */
function escapeSequenceEnd(chunk: string, start: number): number {
	let i = start + 1;
	if (chunk[i] === escape) i += 1; // ESC ESC [A: meta + arrow
	const kind = chunk[i];
	if (kind === undefined) return chunk.length;
	if (kind === '[') {
		i += 1;
		if (chunk[i] === '[') i += 1; // legacy ESC[[A function keys
		while (i < chunk.length) {
			const c = chunk.charCodeAt(i);
			if (c >= 0x40 && c <= 0x7e) return i + 1; // final byte
			i += 1;
		}
		return chunk.length;
	}
	if (kind === 'O') return Math.min(chunk.length, i + 2);
	const code = chunk.codePointAt(i) ?? 0;
	return i + (code > 0xff_ff ? 2 : 1);
}

/**
 * Between two keys that arrived together: one macrotask, so Ink and React get a turn between them.
 * The order itself is the key router's to keep: it holds each key until the commit of the one
 * before (source/input/key-router.tsx). Only typed-ahead keys wait.
 */
export const keyGapMs = 1;
const yieldToReact = () => new Promise<void>(resolve => setTimeout(resolve, keyGapMs));

export class KeypressStdin extends EventEmitter {
	readonly isTTY = true;
	private readonly queue: string[] = [];
	private current: string | null = null;
	private pumping = false;
	private listening = false;

	constructor(private readonly real: NodeJS.ReadStream) {
		super();
	}

	private readonly onData = (chunk: Buffer | string) => {
		this.queue.push(...splitKeypresses(chunk.toString()));
		void this.pump();
	};

	private async pump(): Promise<void> {
		if (this.pumping) return;
		this.pumping = true;
		while (this.queue.length > 0) {
			// While screens swap, Ink may briefly have no reader (raw mode off between two input
			// hooks): hold the key until one is back instead of dropping it.
			if (this.listenerCount('readable') === 0) {
				await yieldToReact();
				continue;
			}
			this.current = this.queue.shift() ?? null;
			this.emit('readable');
			this.current = null;
			if (this.queue.length > 0) await yieldToReact();
		}
		this.pumping = false;
	}

	read = (): string | null => {
		const key = this.current;
		this.current = null;
		return key;
	};

	/**
	 * Raw mode on and every key queued from now on, before Ink is there to read them: the first
	 * frame takes a few hundred milliseconds (the first render, the simulated account), and keys
	 * typed meanwhile (an engineer who knows the way, a paste over a slow link) would otherwise be
	 * echoed by the terminal over the dashboard and reach Ink as one chunk, or not at all.
	 */
	listen(): this {
		this.real.setRawMode(true);
		if (!this.listening) {
			this.listening = true;
			this.real.setEncoding('utf8');
			this.real.on('data', this.onData);
		}
		return this;
	}

	setRawMode(enabled: boolean): this {
		// Keep reading once started: keys typed while Ink toggles raw mode are queued, not lost.
		// The CLI exits the process explicitly, so an open stdin never keeps it alive.
		if (enabled) return this.listen();
		this.real.setRawMode(false);
		return this;
	}

	setEncoding(): this {
		return this;
	}

	ref(): this {
		this.real.ref();
		return this;
	}

	unref(): this {
		this.real.unref();
		return this;
	}

	resume(): this {
		this.real.resume();
		return this;
	}

	pause(): this {
		this.real.pause();
		return this;
	}
}
