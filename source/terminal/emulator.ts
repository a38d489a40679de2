// One place that creates @xterm/headless terminals, for the layer's screen model and for tests.
// @xterm/headless is CommonJS and only its default export is visible to ESM, hence the default import.
import xterm, {type Terminal} from '@xterm/headless';
import {measureLikeInk} from './unicode-width.js';

export type {Terminal} from '@xterm/headless';

export interface EmulatorOptions {
	cols: number;
	rows: number;
	/** Lines kept above the screen; 0 also turns off reflow on resize. */
	scrollback?: number;
	/**
	 * Treat '\n' as '\r\n'. A process writing to a tty relies on the kernel's ONLCR to do that, so
	 * an emulator fed a program's output directly (not through a pty) needs it.
	 */
	convertEol?: boolean;
}

function checkSize(cols: number, rows: number): void {
	if (!Number.isInteger(cols) || !Number.isInteger(rows) || cols < 1 || rows < 1) {
		throw new Error(`terminal size must be positive whole numbers of columns and rows, got ${cols}x${rows}`);
	}
}

export function createEmulator({cols, rows, scrollback = 0, convertEol = false}: EmulatorOptions): Terminal {
	checkSize(cols, rows);
	const terminal = new xterm.Terminal({cols, rows, scrollback, convertEol, allowProposedApi: true});
	measureLikeInk(terminal);
	return terminal;
}

/**
 * Resizes `terminal` once everything written to it so far is parsed. xterm parses on a timer but
 * resizes at once, so an immediate resize would lay out bytes written for the old size at the new
 * one; a terminal takes bytes and resizes in the order they come. The size is checked now.
 */
export function resizeEmulator(terminal: Terminal, cols: number, rows: number): void {
	checkSize(cols, rows);
	terminal.write('', () => {
		terminal.resize(cols, rows);
	});
}

/** Resolves once everything written to `terminal` so far has been parsed (xterm parses on a timer). */
export function whenParsed(terminal: Terminal): Promise<void> {
	return new Promise(resolve => {
		terminal.write('', resolve);
	});
}
