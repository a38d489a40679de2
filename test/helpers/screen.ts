// A terminal emulator for tests (@xterm/headless): feed it what a program wrote, then read the
// screen as a user would see it, plus the state a user cannot see but a test cares about
// (alternate screen, hidden cursor, input modes, title, clipboard writes).
import {readCells, screenText, type Screen} from '../../source/terminal/cells.js';
import {createEmulator, resizeEmulator, whenParsed, type Terminal} from '../../source/terminal/emulator.js';
import {trackModes} from '../../source/terminal/modes.js';

export interface ScreenOptions {
	/** Lines kept above the screen (default 0, like the alternate screen). */
	scrollback?: number;
	/** Treat '\n' as '\r\n', for output that did not pass through a pty's ONLCR (default false). */
	convertEol?: boolean;
}

export interface TestScreen {
	readonly terminal: Terminal;
	readonly cols: number;
	readonly rows: number;
	write(data: string | Uint8Array): void;
	/** Resolves once everything written so far has been parsed; read the screen after this. */
	flush(): Promise<void>;
	/** The visible rows joined by '\n', trailing spaces of each row trimmed. */
	text(): string;
	lines(): string[];
	cells(): Screen;
	readonly cursor: {x: number; y: number};
	readonly cursorHidden: boolean;
	readonly isAlternateScreen: boolean;
	readonly title: string;
	/** Texts put on the clipboard with OSC 52, decoded ('?' for a clipboard query). */
	readonly osc52Writes: string[];
	readonly bracketedPaste: boolean;
	readonly applicationCursorKeys: boolean;
	readonly mouseTracking: Terminal['modes']['mouseTrackingMode'];
	readonly synchronizedOutput: boolean;
	resize(cols: number, rows: number): void;
	dispose(): void;
}

function decodeOsc52(payload: string): string {
	// "<selection>;<base64>", e.g. "c;aGVsbG8=".
	const data = payload.slice(payload.indexOf(';') + 1);
	return data === '?' ? '?' : Buffer.from(data, 'base64').toString('utf8');
}

export function createScreen(cols: number, rows: number, options: ScreenOptions = {}): TestScreen {
	const terminal = createEmulator({cols, rows, scrollback: options.scrollback ?? 0, convertEol: options.convertEol ?? false});
	const modes = trackModes(terminal);
	let title = '';
	const osc52Writes: string[] = [];
	terminal.onTitleChange(next => {
		title = next;
	});
	terminal.parser.registerOscHandler(52, payload => {
		osc52Writes.push(decodeOsc52(payload));
		return true;
	});

	const lines = () => screenText(readCells(terminal)).split('\n');
	return {
		terminal,
		get cols() {
			return terminal.cols;
		},
		get rows() {
			return terminal.rows;
		},
		write(data) {
			terminal.write(data);
		},
		flush: () => whenParsed(terminal),
		text: () => lines().join('\n'),
		lines,
		cells: () => readCells(terminal),
		get cursor() {
			return {x: terminal.buffer.active.cursorX, y: terminal.buffer.active.cursorY};
		},
		get cursorHidden() {
			return modes.cursorHidden;
		},
		get isAlternateScreen() {
			return terminal.buffer.active.type === 'alternate';
		},
		get title() {
			return title;
		},
		osc52Writes,
		get bracketedPaste() {
			return terminal.modes.bracketedPasteMode;
		},
		get applicationCursorKeys() {
			return terminal.modes.applicationCursorKeysMode;
		},
		get mouseTracking() {
			return terminal.modes.mouseTrackingMode;
		},
		get synchronizedOutput() {
			return terminal.modes.synchronizedOutputMode;
		},
		resize(nextCols, nextRows) {
			resizeEmulator(terminal, nextCols, nextRows);
		},
		dispose() {
			modes.dispose();
			terminal.dispose();
		},
	};
}
