// The screen as a grid of cells: what the diff compares and what tests assert on. Read from an
// @xterm/headless buffer, so the same code describes Ink's intended screen (the layer's model) and
// what a real terminal shows (the test emulators).
import type {IBufferCell, Terminal} from '@xterm/headless';

/** Colour of a cell: DEFAULT_COLOR, a palette index 0..255, or RGB_COLOR | 0xRRGGBB. */
export type Colour = number;
export const DEFAULT_COLOR = -1;
export const RGB_COLOR = 0x1_00_00_00;

/** Bit flags for the SGR attributes the diff reproduces. */
export const Style = {
	bold: 1,
	dim: 2,
	italic: 4,
	underline: 8,
	blink: 16,
	inverse: 32,
	invisible: 64,
	strikethrough: 128,
	overline: 256,
} as const;

/** The colours and attributes text is drawn with (the terminal's "pen"). */
export interface Pen {
	fg: Colour;
	bg: Colour;
	style: number;
}

export interface Cell extends Pen {
	/** The grapheme in this cell: ' ' when blank, '' for the right half of a wide character. */
	char: string;
	/** 1 normally; 2 for the left half of a wide character, 0 for its right half. */
	width: 0 | 1 | 2;
}

/** Rows of cells, top to bottom; every row has the same length. */
export type Screen = Cell[][];

export const DEFAULT_PEN: Readonly<Pen> = {fg: DEFAULT_COLOR, bg: DEFAULT_COLOR, style: 0};

export function blankCell(): Cell {
	return {char: ' ', width: 1, fg: DEFAULT_COLOR, bg: DEFAULT_COLOR, style: 0};
}

export function blankScreen(cols: number, rows: number): Screen {
	return Array.from({length: rows}, () => Array.from({length: cols}, blankCell));
}

export function samePen(a: Pen, b: Pen): boolean {
	return a.fg === b.fg && a.bg === b.bg && a.style === b.style;
}

export function sameCell(a: Cell, b: Cell): boolean {
	return a.char === b.char && a.width === b.width && samePen(a, b);
}

/** A cell that erase-in-line (with the default pen) produces. */
export function isDefaultBlank(cell: Cell): boolean {
	return cell.char === ' ' && cell.width === 1 && samePen(cell, DEFAULT_PEN);
}

function colour(isDefault: boolean, isRgb: boolean, value: number): Colour {
	if (isDefault) {
		return DEFAULT_COLOR;
	}

	return isRgb ? RGB_COLOR | value : value;
}

function styleOf(cell: IBufferCell): number {
	let style = 0;
	if (cell.isBold()) style |= Style.bold;
	if (cell.isDim()) style |= Style.dim;
	if (cell.isItalic()) style |= Style.italic;
	if (cell.isUnderline()) style |= Style.underline;
	if (cell.isBlink()) style |= Style.blink;
	if (cell.isInverse()) style |= Style.inverse;
	if (cell.isInvisible()) style |= Style.invisible;
	if (cell.isStrikethrough()) style |= Style.strikethrough;
	if (cell.isOverline()) style |= Style.overline;
	return style;
}

/**
 * The visible screen of an emulator (its active buffer, normal or alternate). Cells are normalised
 * so that equal-looking cells compare equal: an erased cell reads as ' ', and a zero-width cell
 * that is not the right half of a wide character (a lone combining mark xterm could not attach)
 * reads as a blank, because no real terminal can be made to show it in a cell of its own.
 */
export function readCells(terminal: Terminal): Screen {
	const buffer = terminal.buffer.active;
	const scratch = buffer.getNullCell();
	const screen: Screen = [];
	for (let y = 0; y < terminal.rows; y++) screen.push(readRow(terminal, y, scratch));
	return screen;
}

/**
 * `base` (an earlier readCells of the same terminal) with `rows` read again: what readCells would
 * give when nothing but those rows changed since. The other rows are the same arrays as in `base`.
 */
export function readRows(terminal: Terminal, base: Screen, rows: Iterable<number>): Screen {
	if (base.length !== terminal.rows || (base[0]?.length ?? 0) !== terminal.cols) return readCells(terminal);
	const scratch = terminal.buffer.active.getNullCell();
	const screen = [...base];
	for (const y of rows) if (y >= 0 && y < terminal.rows) screen[y] = readRow(terminal, y, scratch);
	return screen;
}

function readRow(terminal: Terminal, y: number, scratch: IBufferCell): Cell[] {
	const buffer = terminal.buffer.active;
	const line = buffer.getLine(buffer.baseY + y);
	const row: Cell[] = [];
	for (let x = 0; x < terminal.cols; x++) {
		const cell = line?.getCell(x, scratch);
		if (!cell) {
			row.push(blankCell());
			continue;
		}

		let width = cell.getWidth() as 0 | 1 | 2;
		let char = cell.getChars();
		if (width === 0 && row[x - 1]?.width !== 2) {
			width = 1;
			char = ' ';
		}

		if (width !== 0 && char === '') {
			char = ' ';
		}

		row.push({
			char,
			width,
			fg: colour(cell.isFgDefault(), cell.isFgRGB(), cell.getFgColor()),
			bg: colour(cell.isBgDefault(), cell.isBgRGB(), cell.getBgColor()),
			style: styleOf(cell),
		});
	}

	// A wide character cut off by the right edge cannot exist on a real terminal either.
	const last = row[row.length - 1];
	if (last?.width === 2) {
		row[row.length - 1] = {...last, char: ' ', width: 1};
	}

	return row;
}

/** The screen as text, one line per row, trailing spaces trimmed (for messages and dumps). */
export function screenText(screen: Screen): string {
	return screen.map(row => row.map(cell => cell.char).join('').trimEnd()).join('\n');
}
