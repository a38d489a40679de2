// An output layer between Ink and the real terminal that sends only what changed.
//
// Ink 6.8 rewrites its whole frame on every update, and at full terminal height clears the screen
// and scrollback and repaints even when nothing changed. Here Ink draws into a screen model (a
// headless xterm of the same size); once the model has parsed everything Ink wrote (which also
// coalesces the several writes of one Ink render, and renders that came faster than the model
// parsed), the model's cells are compared with what was last sent, and the difference goes to the
// real terminal in one write, wrapped in synchronized-output markers.
//
// The first frame does not wait for the model: loading @xterm/headless and parsing a first frame
// take longer than drawing it. The model is loaded in the background (a dynamic import), and until
// it has parsed everything written so far, what Ink writes goes to the real terminal as Ink wrote
// it (the terminal is on the cleared alternate screen, as the model is, and both turn '\n' into a
// new line). Once the model has caught up, its cells are what was sent, and the next frame is a
// diff as usual. What the terminal could show differently from the model (a resize, a control
// character the layer would drop) ends that early; the model's screen is then painted whole.
//
// Usage:
//   const layer = createDiffOutput(process.stdout);
//   layer.enter();
//   render(<App/>, {stdout: layer.stream});
//   process.on('SIGTERM', () => { layer.restore(); process.exit(143); });
import {StringDecoder} from 'node:string_decoder';
import type {Screen} from './cells.js';
import {readCells, readRows} from './cells.js';
import {diffScreens} from './diff-screens.js';
import type {Terminal} from './emulator.js';
import {changedLines, changesNoCells, parseRepaint, shownAfter, type Shown} from './frame-lines.js';
import * as esc from './escapes.js';
import {CURSOR_MODE, PASSTHROUGH_MODES, privateModesIn, trackModes, type ModeTracker} from './modes.js';
import {TtyLikeStream} from './tty-stream.js';

export interface DiffOutputOptions {
	/** Wrap each frame in synchronized-output markers (mode 2026) so it appears at once. Default true. */
	synchronized?: boolean;
}

export interface DiffOutputStats {
	/** Bytes Ink wrote to the layer. */
	inputBytes: number;
	/** Bytes and write() calls that reached the real terminal: frames, enter/restore, OSC 52. */
	bytesWritten: number;
	writeCalls: number;
	/** Frames sent, and updates of the model that changed nothing visible (nothing was sent). */
	frames: number;
	framesSkipped: number;
}

export interface DiffOutput {
	/** Give this to Ink as `stdout`; it looks like a TTY of the real terminal's size. */
	readonly stream: NodeJS.WriteStream;
	/** Switch to the alternate screen, hide the cursor and paint the current frame. */
	enter(): void;
	/**
	 * Give the terminal back: end any synchronized update, reset colours, switch off the input modes
	 * the app turned on, show the cursor, leave the alternate screen. Synchronous and idempotent, so
	 * it can be called from signal, exit and uncaught-error handlers; enter() may follow it again.
	 */
	restore(): void;
	/** Copy `text` to the clipboard with OSC 52 (the only write that is not a frame). */
	osc52(text: string): void;
	stats(): DiffOutputStats;
	/** Resolves once everything written to `stream` so far has been drawn from the model. */
	settled(): Promise<void>;
	/**
	 * Resolves once what was written to `stream` so far is on the terminal: sent as Ink wrote it
	 * (before the model is ready, see the top of diff-output.ts), or drawn from the model.
	 */
	drawn(): Promise<void>;
	/** restore(), then stop listening to the terminal and free the model. Later writes are ignored. */
	dispose(): void;
}

function terminalSize(real: NodeJS.WriteStream): {columns: number; rows: number} {
	const {columns, rows} = real;
	if (!Number.isInteger(columns) || !Number.isInteger(rows) || columns < 1 || rows < 1) {
		throw new Error(
			`createDiffOutput needs a terminal, but the output stream has no size (columns=${String(columns)}, rows=${String(rows)}); is stdout a TTY?`,
		);
	}

	return {columns, rows};
}

const SYNC_MODE = 2026;
const cursorPosition = /\u001B\[\d+;\d+H/g;
/** Controls the layer never passes on (see writeReal); ESC, CR and LF are Ink's own. */
const strayControl = /[\u0000-\u0009\u000B\u000C\u000E-\u001A\u001C-\u001F\u007F-\u009F]/;
/**
 * The escape sequences Ink's own frames are made of: SGR styling, erasing lines and the screen,
 * moving the cursor, DEC private modes. Bytes sent as Ink wrote them may hold nothing else: any
 * other sequence (an OSC that sets the title or the clipboard, a DCS) that got into the app's text
 * goes only through the model, which passes on cells, never sequences.
 */
const inkSequence = /\u001B\[\??[\d;:]*[mKJAGHhl]/g;
const foreignSequence = (text: string) => text.includes('\u001B') && text.replace(inkSequence, '').includes('\u001B');

function moreThanOneRun(cells: string): boolean {
	cursorPosition.lastIndex = 0;
	return cursorPosition.test(cells) && cursorPosition.test(cells);
}

export function createDiffOutput(real: NodeJS.WriteStream, options: DiffOutputOptions = {}): DiffOutput {
	const synchronized = options.synchronized ?? true;
	const size = terminalSize(real);
	// The screen model and its mode tracker, once @xterm/headless is loaded; until then the model's
	// writes and resizes wait, in order, in `untilLoaded`.
	let model: Terminal | undefined;
	let modes: ModeTracker | undefined;
	let resizeModel: ((terminal: Terminal, cols: number, rows: number) => void) | undefined;
	const untilLoaded: Array<(terminal: Terminal) => void> = [];
	// Until the model first catches up with what was written, Ink's bytes go straight to the real
	// terminal (see the top of this file): 'direct' while entered and nothing has been missed,
	// 'broken' once the terminal may differ from the model, 'over' after the first catch-up.
	let direct: 'direct' | 'broken' | 'over' = 'direct';
	// Ink opens a synchronized update (mode 2026) before its frame and closes it after, in another
	// write: one opened by bytes sent directly must not be left open when that ends early.
	let syncOpen = false;
	// After the bytes Ink sent directly, the pen is Ink's: the first diff resets it.
	let penKnown = true;
	const stream = new TtyLikeStream(chunk => accept(chunk), real, size);

	const counters: DiffOutputStats = {inputBytes: 0, bytesWritten: 0, writeCalls: 0, frames: 0, framesSkipped: 0};
	let entered = false;
	let disposed = false;
	let sent: Screen = []; // what the real terminal shows; [] means unknown: repaint everything
	let cursorSent = {visible: false, x: 0, y: 0};
	const modesSent = new Map<number, boolean>();
	let pending = 0; // writes the model has not parsed yet
	// Ink's last frame as the model shows it (undefined: not known), the model's cursor row after
	// the last write it parsed, and the model as last read into cells, with the rows written since
	// ('all': read it whole). See frame-lines.ts.
	let shown: Shown | undefined;
	let cursorRow = 0;
	let accepted = 0;
	const decoder = new StringDecoder('utf8');
	let modelSize = size; // the model's size once what was written before is parsed (see resizeEmulator)
	let read: Screen = [];
	let dirty: Set<number> | 'all' = 'all';
	let waitingForDrain = false;
	const settleWaiters: Array<() => void> = [];
	const drawnWaiters: Array<() => void> = [];

	// A BEL Ink passed on (from text that escaped the sanitizer) is dropped: the layer sends cells,
	// its own mode changes and cursor moves, never a control character of the app's text.
	function writeReal(data: string): void {
		real.write(data);
		counters.bytesWritten += Buffer.byteLength(data);
		counters.writeCalls++;
	}

	function withModel(operation: (terminal: Terminal) => void): void {
		if (model) operation(model);
		else untilLoaded.push(operation);
	}

	function feed(data: string | Uint8Array, onParsed?: (before: number, terminal: Terminal) => void): void {
		pending++;
		withModel(terminal => {
			terminal.write(data, () => {
				if (!disposed) {
					const before = cursorRow;
					cursorRow = terminal.buffer.active.cursorY;
					onParsed?.(before, terminal);
				}

				parsed();
			});
		});
	}

	/** The terminal may show something else than the model from here: it is painted whole once caught up. */
	function endDirectEarly(): void {
		if (direct !== 'direct') return;
		direct = 'broken';
		if (syncOpen && entered) writeReal(esc.END_SYNC);
		syncOpen = false;
	}

	/** Ink's `text`, sent as it is while the model is not there yet (see the top of this file). */
	function sendDirectly(text: string): void {
		if (direct !== 'direct') return;
		if (!entered || strayControl.test(text) || foreignSequence(text)) {
			endDirectEarly();
			return;
		}

		// The model turns '\n' into a new line (convertEol); so does a tty (ONLCR), but not every
		// stream that passes for one.
		writeReal(text.replaceAll('\n', '\r\n'));
		counters.frames++;
		// Ink writes a render in one go: the waiters run once the writes of this one are done.
		for (const resolve of drawnWaiters.splice(0)) resolve();
		penKnown = false;
		for (const [mode, on] of privateModesIn(text)) {
			if (mode === CURSOR_MODE) cursorSent = {...cursorSent, visible: on};
			else if (mode === SYNC_MODE) syncOpen = on;
			else if (PASSTHROUGH_MODES.has(mode)) modesSent.set(mode, on);
		}
	}

	function accept(chunk: Uint8Array): void {
		if (disposed || chunk.length === 0) return; // Ink writes '' to wait for the stream to flush
		counters.inputBytes += chunk.length;
		// Ink writes each render in one call, but a write cut inside a character must not become two
		// broken ones: the decoder keeps an unfinished character for the next chunk.
		const text = decoder.write(chunk);
		if (text === '') return;
		sendDirectly(text);
		const repaint = parseRepaint(text, shown?.lines);
		const change = repaint && shown && model ? changedLines(shown, repaint, model.rows) : undefined;
		if (change) {
			// Only the lines that differ from the last frame reach the model.
			shown = change.shown;
			if (dirty !== 'all') for (const y of change.rows) dirty.add(y);
			feed(change.data);
			return;
		}

		if (changesNoCells(text)) {
			feed(text);
			return;
		}

		dirty = 'all';
		shown = undefined;
		const sequence = ++accepted;
		// Parsed whole: once the model has it, it shows that frame (unless more came meanwhile).
		feed(text, repaint ? (before, terminal) => {
			if (sequence === accepted) shown = shownAfter(repaint, {before, after: cursorRow}, terminal.rows);
		} : undefined);
	}

	function parsed(): void {
		pending--;
		if (pending > 0) return; // the model is between frames only when all writes are parsed
		if (direct === 'direct') caughtUp();
		else paint();
		direct = 'over';
		for (const resolve of [...settleWaiters.splice(0), ...drawnWaiters.splice(0)]) resolve();
	}

	/** The real terminal got every byte the model has parsed: what it shows is the model's screen. */
	function caughtUp(): void {
		if (!model || !modes || !entered || disposed) return;
		read = readCells(model);
		dirty = new Set();
		sent = read;
		const buffer = model.buffer.active;
		cursorSent = {visible: !modes.cursorHidden, x: Math.min(buffer.cursorX, model.cols - 1), y: buffer.cursorY};
	}

	function modeChanges(tracker: ModeTracker): string {
		let out = '';
		for (const [mode, on] of tracker.passthrough) {
			if ((modesSent.get(mode) ?? false) !== on) {
				out += esc.privateMode(mode, on);
				modesSent.set(mode, on);
			}
		}

		return out;
	}

	function cursorChanges(terminal: Terminal, tracker: ModeTracker, cellsWritten: boolean): string {
		const visible = !tracker.cursorHidden;
		const buffer = terminal.buffer.active;
		const x = Math.min(buffer.cursorX, terminal.cols - 1); // cursorX is cols while a wrap is pending
		const y = buffer.cursorY;
		let out = '';
		if (visible) {
			if (cellsWritten || !cursorSent.visible || cursorSent.x !== x || cursorSent.y !== y) out += esc.cursorTo(x, y);
			if (!cursorSent.visible) out += esc.SHOW_CURSOR;
		} else if (cursorSent.visible) {
			out += esc.HIDE_CURSOR;
		}

		cursorSent = {visible, x, y};
		return out;
	}

	/** Everything that changed since the last frame, or '' if nothing did. Only once the model is loaded. */
	function frame(terminal: Terminal, tracker: ModeTracker): string {
		const next = dirty === 'all' ? readCells(terminal) : readRows(terminal, read, dirty);
		read = next;
		dirty = new Set();
		const cells = diffScreens(sent, next);
		sent = next;
		let out = modeChanges(tracker) + cells + cursorChanges(terminal, tracker, cells !== '');
		if (out === '') {
			counters.framesSkipped++;
			return '';
		}

		if (!penKnown) {
			out = esc.RESET_SGR + out;
			penKnown = true;
		}

		counters.frames++;
		// One run of cells appears at once anyway; markers only pay off when a frame touches
		// several places (and cost 16 bytes, more than a one-number update itself).
		return synchronized && moreThanOneRun(cells) ? esc.BEGIN_SYNC + out + esc.END_SYNC : out;
	}

	function paint(): void {
		if (!entered || disposed || !model || !modes) return;
		// A slow terminal (a congested ssh link) has not taken the last frame yet: wait, then send one
		// frame with everything that changed meanwhile instead of queueing every intermediate one.
		if (real.writableNeedDrain) {
			if (!waitingForDrain) {
				waitingForDrain = true;
				real.once('drain', () => {
					waitingForDrain = false;
					if (pending === 0) paint();
				});
			}

			return;
		}

		const out = frame(model, modes);
		if (out !== '') writeReal(out);
	}

	function onResize(): void {
		if (disposed) return;
		let next: {columns: number; rows: number};
		try {
			next = terminalSize(real);
		} catch {
			return; // a transient nonsense size; the next resize event will be right
		}

		if (next.columns === modelSize.columns && next.rows === modelSize.rows) return;
		// The terminal rewrapped or cut its screen; as the size differs from what was sent, the next
		// frame clears once and repaints whole. What Ink wrote before is laid out at the old size.
		withModel(terminal => resizeModel?.(terminal, next.columns, next.rows));
		modelSize = next;
		// The terminal lays out what it was sent at its new size in its own way.
		endDirectEarly();
		shown = undefined;
		accepted++;
		dirty = 'all';
		stream.resize(next.columns, next.rows); // Ink redraws into the resized model
		feed(''); // paint once that is parsed, even if Ink had nothing new to draw
	}

	real.on('resize', onResize);
	// The real terminal shows the frame on its alternate screen, which has no scrollback and does
	// not rewrap lines on resize; draw the model on its alternate screen too, so that Ink's
	// cursor-relative erasing after a resize lands on the same lines in both.
	feed(esc.ENTER_ALT_SCREEN);
	void import('./emulator.js').then(emulator => {
		if (disposed) return;
		const terminal = emulator.createEmulator({cols: size.columns, rows: size.rows, scrollback: 0, convertEol: true});
		// Ink hides the cursor with its first frame; count it hidden until the app shows it, so it
		// never flashes at 1,1 before that frame.
		modes = trackModes(terminal, {cursorHidden: true});
		resizeModel = emulator.resizeEmulator;
		model = terminal;
		for (const operation of untilLoaded.splice(0)) operation(terminal);
	});

	function enter(): void {
		if (disposed) throw new Error('createDiffOutput: enter() called after dispose()');
		if (entered) return;
		entered = true;
		sent = [];
		cursorSent = {visible: false, x: 0, y: 0};
		// Before the model has caught up, Ink's first frame goes straight to the terminal, drawn
		// from the top left as on the model; bytes Ink wrote before this were missed, though.
		if (counters.inputBytes > 0) endDirectEarly();
		const first = model && modes && pending === 0 ? frame(model, modes) : direct === 'direct' ? esc.CURSOR_HOME : '';
		writeReal(esc.ENTER_ALT_SCREEN + esc.HIDE_CURSOR + first);
	}

	function restore(): void {
		if (!entered) return;
		endDirectEarly();
		entered = false;
		let out = (synchronized ? esc.END_SYNC : '') + esc.RESET_SGR;
		for (const [mode, on] of modesSent) {
			if (on) out += esc.privateMode(mode, false);
		}

		modesSent.clear();
		out += esc.SHOW_CURSOR + esc.LEAVE_ALT_SCREEN;
		try {
			writeReal(out);
		} catch {
			// The terminal is gone (hang-up); there is nothing left to give back.
		}
	}

	function dispose(): void {
		if (disposed) return;
		restore();
		disposed = true;
		real.off('resize', onResize);
		modes?.dispose();
		model?.dispose();
		for (const resolve of [...settleWaiters.splice(0), ...drawnWaiters.splice(0)]) resolve();
	}

	return {
		stream: stream as unknown as NodeJS.WriteStream,
		enter,
		restore,
		osc52(text) {
			if (typeof text !== 'string') throw new TypeError('osc52(text): text must be a string');
			writeReal(esc.osc52(text));
		},
		stats: () => ({...counters}),
		settled: () => (pending === 0 ? Promise.resolve() : new Promise(resolve => settleWaiters.push(resolve))),
		drawn: () => (pending === 0 || (direct === 'direct' && counters.frames > 0) ? Promise.resolve() : new Promise(resolve => drawnWaiters.push(resolve))),
		dispose,
	};
}
