// The cell diff: the bytes that turn a terminal showing `prev` into one showing `next`. Pure, so
// it is tested directly against an emulator. Contract with the caller:
// - on entry the terminal's pen is the default (SGR reset); the output leaves it that way again;
// - the cursor position on entry is unknown (the first move is absolute); on exit it is wherever
//   the last write left it;
// - autowrap is on and origin mode off, as they are on any terminal an Ink app draws on.
import {blankScreen, DEFAULT_PEN, isDefaultBlank, sameCell, type Cell, type Pen, type Screen} from './cells.js';
import {sgrTransition} from './sgr.js';

const ESC = '\u001B[';
/** Erase in line (to its end); cheaper than writing more than this many blanks. */
const ERASE_LINE = `${ESC}K`;

function byteLength(text: string): number {
	// Almost every cell is ASCII; skip the encoder for those.
	return text.length === 1 && text.charCodeAt(0) < 0x80 ? 1 : Buffer.byteLength(text);
}

/** Writes cells and moves the cursor, tracking where the cursor and pen are so moves stay short. */
class Painter {
	out = '';
	pen: Pen = DEFAULT_PEN;
	// null: unknown (on entry, or after writing the last column, where the cursor waits to wrap).
	x: number | null = null;
	y = 0;

	constructor(private readonly cols: number) {}

	moveCost(x: number, y: number): number {
		return this.moveSequence(x, y).length;
	}

	moveTo(x: number, y: number): void {
		this.out += this.moveSequence(x, y);
		this.x = x;
		this.y = y;
	}

	put(cell: Cell): void {
		if (cell.width === 0) {
			return; // drawn by the wide character to its left
		}

		this.out += sgrTransition(this.pen, cell) + cell.char;
		this.pen = cell;
		const x = (this.x ?? 0) + cell.width;
		this.x = x >= this.cols ? null : x;
	}

	/** Bytes needed to write `cells` from the current pen (the pen is not changed). */
	writeCost(cells: Cell[]): number {
		let pen = this.pen;
		let cost = 0;
		for (const cell of cells) {
			if (cell.width === 0) continue;
			cost += sgrTransition(pen, cell).length + byteLength(cell.char);
			pen = cell;
		}

		return cost;
	}

	eraseToEnd(): void {
		// The erased cells take the pen's background, so erase with the default pen.
		this.out += sgrTransition(this.pen, DEFAULT_PEN) + ERASE_LINE;
		this.pen = DEFAULT_PEN;
	}

	finish(): string {
		return this.out + sgrTransition(this.pen, DEFAULT_PEN);
	}

	private moveSequence(x: number, y: number): string {
		const absolute = x === 0 ? `${ESC}${y + 1}H` : `${ESC}${y + 1};${x + 1}H`;
		if (this.x === null) {
			return absolute;
		}

		let best = absolute;
		const consider = (candidate: string) => {
			if (candidate.length < best.length) best = candidate;
		};

		if (this.y === y) {
			if (this.x === x) return '';
			if (x === 0) consider('\r');
			consider(`${ESC}${x + 1}G`);
			const distance = Math.abs(x - this.x);
			const count = distance === 1 ? '' : String(distance);
			consider(`${ESC}${count}${x > this.x ? 'C' : 'D'}`);
		} else if (y === this.y + 1 && x === 0) {
			// The target row exists below the cursor, so this line feed never scrolls.
			consider('\r\n');
		}

		return best;
	}
}

const CONTROL = /[\u0000-\u001F\u007F-\u009F]/;

function isPrintableAscii(char: string): boolean {
	return char.length === 1 && char >= ' ' && char <= '~';
}

/** `skip(y)`: a row already checked (the same array as in the other screen, checked when it was new). */
function checkShape(screen: Screen, name: string, cols: number, skip: (y: number) => boolean = () => false): void {
	for (const [y, row] of screen.entries()) {
		if (skip(y)) continue;
		if (row.length !== cols) {
			throw new Error(`diffScreens: ${name} row ${y} has ${row.length} cells, expected ${cols}`);
		}

		for (const [x, cell] of row.entries()) {
			if (cell.width === 0 && row[x - 1]?.width !== 2) {
				throw new Error(`diffScreens: ${name} cell ${x},${y} has width 0 but no wide character to its left`);
			}

			if (cell.width === 2 && row[x + 1]?.width !== 0) {
				throw new Error(`diffScreens: ${name} cell ${x},${y} is wide but the cell to its right is not its second half`);
			}

			// A control character in a cell would be executed by the terminal, not drawn.
			if (cell.width !== 0 && !isPrintableAscii(cell.char) && (cell.char === '' || CONTROL.test(cell.char))) {
				throw new Error(`diffScreens: ${name} cell ${x},${y} holds ${JSON.stringify(cell.char)}, not a printable character`);
			}
		}
	}
}

/** Which cells of `row` must be written: those that differ, widened to whole wide characters. */
function changedCells(old: Cell[], row: Cell[]): boolean[] {
	const changed = row.map((cell, x) => !sameCell(old[x]!, cell));
	for (let x = 0; x < row.length; x++) {
		if (!changed[x]) continue;
		if (row[x]!.width === 0) changed[x - 1] = true;
		if (row[x]!.width === 2) changed[x + 1] = true;
	}

	return changed;
}

function paintRow(painter: Painter, y: number, old: Cell[], row: Cell[]): void {
	const changed = changedCells(old, row);
	const lastChanged = changed.lastIndexOf(true);
	if (lastChanged === -1) {
		return;
	}

	// From blankFrom on, the row is empty: one erase-in-line can replace writing the blanks.
	let blankFrom = row.length;
	while (blankFrom > 0 && isDefaultBlank(row[blankFrom - 1]!)) blankFrom--;

	let x = changed.indexOf(true);
	while (x <= lastChanged) {
		if (x >= blankFrom && lastChanged - x + 1 > ERASE_LINE.length) {
			painter.moveTo(x, y);
			painter.eraseToEnd();
			return;
		}

		if (changed[x]) {
			painter.moveTo(x, y);
			painter.put(row[x]!);
			x += Math.max(1, row[x]!.width);
			continue;
		}

		// An unchanged gap: rewriting it can be cheaper than jumping over it.
		const resume = changed.indexOf(true, x);
		const gap = row.slice(x, resume);
		if (painter.x === x && painter.writeCost(gap) <= painter.moveCost(resume, y)) {
			for (const cell of gap) painter.put(cell);
		}

		x = resume;
	}
}

/** A block of rows that moved up: rows top+by..bottom of `prev` are rows top..bottom-by of `next`. */
export type Scroll = {top: number; bottom: number; by: number};

/** Two rows show the same cells (the layer reuses unchanged rows, so most are the same array). */
function sameRow(a: Cell[], b: Cell[]): boolean {
	if (a === b) return true;
	if (a.length !== b.length) return false;
	for (let x = 0; x < a.length; x++) if (!sameCell(a[x]!, b[x]!)) return false;
	return true;
}

/**
 * The largest block of rows that `next` shows moved up by whole rows from where `prev` had them
 * (a log tail gaining lines), counted in rows that changed; undefined when no block of at least
 * two changed rows moved. Pure; the screens must be the same size.
 */
export function findScroll(prev: Screen, next: Screen): Scroll | undefined {
	const rows = next.length;
	const changed = next.map((row, y) => !sameRow(prev[y]!, row));
	if (changed.filter(Boolean).length < 2) return undefined;
	let best: (Scroll & {gain: number}) | undefined;
	for (let by = 1; by < rows - 1; by++) {
		let start = 0;
		let gain = 0;
		for (let y = 0; y <= rows - by; y++) {
			const matches = y < rows - by && sameRow(next[y]!, prev[y + by]!);
			if (matches) {
				if (changed[y]) gain++;
				continue;
			}

			// The run start..y-1 moved up by `by`: the region reaches down to where its last row came from.
			if (y > start && gain >= 2 && (!best || gain > best.gain)) best = {top: start, bottom: y - 1 + by, by, gain};
			start = y + 1;
			gain = 0;
		}
	}

	return best && {top: best.top, bottom: best.bottom, by: best.by};
}

/** `prev` as the terminal shows it after `scroll`: the block moved up, blank rows below it. */
function scrolled(prev: Screen, {top, bottom, by}: Scroll, cols: number): Screen {
	const screen = [...prev];
	for (let y = top; y <= bottom; y++) screen[y] = y + by <= bottom ? prev[y + by]! : blankScreen(cols, 1)[0]!;
	return screen;
}

/**
 * Set the scroll region, scroll it up, and reset the region (which homes the cursor). It scrolls
 * by line feeds at the region's bottom row rather than SU (CSI S): every VT100 descendant scrolls
 * its region on a line feed there, the Linux console included, which has no SU.
 */
function scrollSequence({top, bottom, by}: Scroll): string {
	return `${ESC}${top + 1};${bottom + 1}r${ESC}${bottom + 1}H${'\n'.repeat(by)}${ESC}r`;
}

function paintScreen(base: Screen, next: Screen, cols: number): string {
	const painter = new Painter(cols);
	for (let y = 0; y < next.length; y++) {
		// A row the caller kept (readRows) is unchanged: no cell of it to compare.
		if (base[y] !== next[y]) paintRow(painter, y, base[y]!, next[y]!);
	}

	return painter.finish();
}

export interface DiffOptions {
	/**
	 * Move a block of rows that scrolled with the terminal's scroll region (DECSTBM and line feeds
	 * at its bottom, which every VT100-like terminal has) when that is shorter than repainting it.
	 * Default true.
	 */
	scroll?: boolean;
}

/**
 * The bytes that change a terminal showing `prev` into one showing `next` (see the contract at the
 * top of this file). When the sizes differ, or `prev` is empty, the output clears the screen and
 * paints `next` whole.
 */
export function diffScreens(prev: Screen, next: Screen, options: DiffOptions = {}): string {
	const rows = next.length;
	const cols = next[0]?.length ?? 0;
	checkShape(next, 'next', cols, y => prev[y] === next[y]);
	if (prev.length !== rows || (prev[0]?.length ?? 0) !== cols) {
		return `${ESC}2J${paintScreen(blankScreen(cols, rows), next, cols)}`;
	}

	checkShape(prev, 'prev', cols, y => prev[y] === next[y]);
	const painted = paintScreen(prev, next, cols);
	const scroll = options.scroll === false ? undefined : findScroll(prev, next);
	if (!scroll) return painted;
	const viaScroll = scrollSequence(scroll) + paintScreen(scrolled(prev, scroll, cols), next, cols);
	return Buffer.byteLength(viaScroll) < Buffer.byteLength(painted) ? viaScroll : painted;
}
