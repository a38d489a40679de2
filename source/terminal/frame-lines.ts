// Ink repaints the whole frame on every render, in one of two forms: shorter than the terminal,
// it erases the lines of its last frame (upwards from the cursor) and writes every line again; at
// full height it clears the terminal and writes every line. Most lines are what the last frame
// had. Before the screen model parses anything, the layer compares the frame with the last one
// line by line (string equality) and lets the model parse only the lines that differ, each on its
// erased row; only those rows are read back into cells. The model ends up as the repaint would
// leave it, cells and cursor (see changedLines; the tests check it against the whole repaint).
import {CURSOR_MODE, PASSTHROUGH_MODES} from './modes.js';

/** ansi-escapes' clearTerminal, which Ink writes before a full-height frame. */
const CLEAR_TERMINAL = '\u001B[2J\u001B[3J\u001B[H';
/** ansi-escapes' eraseLines(n), n ≥ 1: erase the line, up one, ... erase the line, to column 1. */
const ERASE_LINES = /^((?:\u001B\[2K\u001B\[1A)*)\u001B\[2K\u001B\[G/;
const ERASE_UP = '\u001B[2K\u001B[1A';
/** What Ink's lines carry besides text: SGR styling and OSC 8 links. */
const STYLING = /\u001B\[[\d;:]*m|\u001B\]8;[^\u0007\u001B]*(?:\u0007|\u001B\\)/g;
/** Anything else that could move the cursor or change cells (the line feed separates lines). */
const CONTROL = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F]/;
const MODE = /\u001B\[\?(\d+)[hl]/g;

/**
 * One repaint by Ink: its lines ('\n'-separated, so a frame ending in a newline ends in an empty
 * line) and how it starts: 'clear' (the whole terminal, the frame from the top), or erasing
 * `erase` lines upwards from the cursor, the frame starting where the erasing ended.
 */
export type Repaint = {lines: string[]; start: 'clear'} | {lines: string[]; start: 'erase'; erase: number};

/** True when `line` holds a control (a cursor move, an erase, ...) besides styling. */
function hasControl(line: string): boolean {
	return CONTROL.test(line.includes('\u001B') ? line.replace(STYLING, '') : line);
}

/**
 * The repaint `chunk` is, or undefined if it is anything else (or holds a control besides styling).
 * Lines equal to the line at the same index of `clean` (a frame that passed this check) are not
 * searched again: in a frame where one value changed, that is all of them but one.
 */
export function parseRepaint(chunk: string, clean: readonly string[] = []): Repaint | undefined {
	let body: string;
	let repaint: (lines: string[]) => Repaint;
	if (chunk.startsWith(CLEAR_TERMINAL)) {
		body = chunk.slice(CLEAR_TERMINAL.length);
		repaint = lines => ({lines, start: 'clear'});
	} else {
		const erased = ERASE_LINES.exec(chunk);
		if (!erased) return undefined;
		body = chunk.slice(erased[0].length);
		const erase = erased[1]!.length / ERASE_UP.length + 1;
		repaint = lines => ({lines, start: 'erase', erase});
	}

	const lines = body.split('\n');
	for (let i = 0; i < lines.length; i++) if (lines[i] !== clean[i] && hasControl(lines[i]!)) return undefined;
	return repaint(lines);
}

/**
 * A chunk that only switches modes which change no cell (the cursor's visibility, synchronized
 * output, the input modes): the lines on screen are still the last frame's.
 */
export function changesNoCells(chunk: string): boolean {
	if (chunk === '') return true;
	let rest = chunk;
	for (const [sequence, mode] of chunk.matchAll(MODE)) {
		const number = Number(mode);
		if (number !== CURSOR_MODE && number !== 2026 && !PASSTHROUGH_MODES.has(number)) return false;
		rest = rest.replace(sequence, '');
	}

	return rest === '';
}

/**
 * A frame the model shows: its lines from row `top`, the cursor at the end of the last line (as a
 * repaint leaves it); `alone`: nothing else is on the screen (it came after a clear).
 */
export type Shown = {lines: readonly string[]; top: number; alone: boolean};

/**
 * What turns the model showing `shown` into what `repaint` would make of it, writing only the
 * lines that differ: each on its row after erasing it with the default pen (Ink closes every
 * style by the end of its line, so each line of a repaint starts with that pen too), rows the
 * shorter frame no longer covers erased, and the last line written last, so the cursor ends where
 * the repaint leaves it. Undefined when that cannot be done so: the frame would scroll the screen,
 * start on another row than the last, or a clear would erase more than the last frame.
 * `rows` lists the rows written; `shown` is what the model shows afterwards.
 */
export function changedLines(shown: Shown, repaint: Repaint, screenRows: number): {data: string; rows: number[]; shown: Shown} | undefined {
	const {lines} = repaint;
	const previous = shown.lines;
	if (repaint.start === 'clear') {
		if (!shown.alone || shown.top !== 0) return undefined;
	} else {
		// The repaint erases upwards from the cursor (at the last frame's last line), stopping at row 0.
		const cursorRow = shown.top + previous.length - 1;
		if (Math.max(0, cursorRow - (repaint.erase - 1)) !== shown.top) return undefined;
	}

	const top = shown.top;
	if (top + lines.length > screenRows || top + previous.length > screenRows) return undefined;
	const last = lines.length - 1;
	const rows: number[] = [];
	let data = '';
	const write = (y: number, line: string) => {
		rows.push(top + y);
		data += `\u001B[m\u001B[${top + y + 1}H\u001B[2K${line}`;
	};

	for (let y = 0; y < last; y++) if (previous[y] !== lines[y]) write(y, lines[y]!);
	for (let y = lines.length; y < previous.length; y++) write(y, '');
	write(last, lines[last]!);
	return {data, rows, shown: {lines, top, alone: shown.alone}};
}

/**
 * What the model shows after it parsed `repaint` whole, the cursor at row `before` then and at row
 * `after` now; undefined if the frame scrolled the screen or the cursor is not where it must be.
 */
export function shownAfter(repaint: Repaint, cursor: {before: number; after: number}, screenRows: number): Shown | undefined {
	const top = repaint.start === 'clear' ? 0 : Math.max(0, cursor.before - (repaint.erase - 1));
	if (top + repaint.lines.length > screenRows || cursor.after !== top + repaint.lines.length - 1) return undefined;
	return {lines: repaint.lines, top, alone: repaint.start === 'clear'};
}
