// The yardstick for "bytes per update": a near-minimal rewrite of the cells that changed between
// two screens, written here independently of the diff layer (source/terminal/diff-screens.ts) so
// the layer is never measured against itself. The model, per row:
//  - runs of changed cells (a wide character always whole);
//  - one absolute cursor move (CUP) per run; two runs merge when rewriting the unchanged cells
//    between them costs no more than the second move;
//  - each pen change in the cheaper of "reset + full pen" and "only what differs";
//  - trailing blanks as one erase-to-end-of-line when that is cheaper;
//  - the pen reset at the end; no synchronized-output markers, no cursor show/hide.
// computeMinimalDiff returns real bytes, and checkMinimalDiff replays them in an emulator, so the
// yardstick is a change that works, not a count that merely looks small.
import {blankScreen, readCells, type Cell, type Pen, type Screen} from '../source/terminal/cells.js';
import {createEmulator, whenParsed} from '../source/terminal/emulator.js';

const CSI = '\u001B[';
const RGB = 0x1_00_00_00;

const styles: ReadonlyArray<{bit: number; on: string; off: string}> = [
	{bit: 1, on: '1', off: '22'}, // bold
	{bit: 2, on: '2', off: '22'}, // dim (22 ends both bold and dim)
	{bit: 4, on: '3', off: '23'},
	{bit: 8, on: '4', off: '24'},
	{bit: 16, on: '5', off: '25'},
	{bit: 32, on: '7', off: '27'},
	{bit: 64, on: '8', off: '28'},
	{bit: 128, on: '9', off: '29'},
	{bit: 256, on: '53', off: '55'},
];

function colourParam(colour: number, base: 30 | 40): string | undefined {
	if (colour < 0) return undefined;
	if (colour >= RGB) {
		const rgb = colour & 0xff_ff_ff;
		return `${base + 8};2;${(rgb >> 16) & 0xff};${(rgb >> 8) & 0xff};${rgb & 0xff}`;
	}
	if (colour < 8) return String(base + colour);
	if (colour < 16) return String(base + 60 + colour - 8);
	return `${base + 8};5;${colour}`;
}

function penParams(pen: Pen): string[] {
	const params = styles.filter(style => (pen.style & style.bit) !== 0).map(style => style.on);
	const fg = colourParam(pen.fg, 30);
	const bg = colourParam(pen.bg, 40);
	if (fg) params.push(fg);
	if (bg) params.push(bg);
	return params;
}

function samePen(a: Pen, b: Pen): boolean {
	return a.fg === b.fg && a.bg === b.bg && a.style === b.style;
}

const defaultPen: Pen = {fg: -1, bg: -1, style: 0};

/** The shortest SGR sequence that turns pen `from` into pen `to` ('' when equal). */
export function penChange(from: Pen, to: Pen): string {
	if (samePen(from, to)) return '';
	const full = penParams(to);
	const reset = full.length === 0 ? `${CSI}m` : `${CSI}0;${full.join(';')}m`;
	const changes: string[] = [];
	const flipped = from.style ^ to.style;
	const boldOrDimOff = (from.style & 3 & ~to.style) !== 0;
	if (boldOrDimOff) changes.push('22');
	for (const style of styles) {
		const wanted = (to.style & style.bit) !== 0;
		if (style.bit <= 2) {
			// After 22 both are off: turn back on what `to` has; otherwise only what is new.
			if (wanted && (boldOrDimOff || (flipped & style.bit) !== 0)) changes.push(style.on);
			continue;
		}
		if ((flipped & style.bit) !== 0) changes.push(wanted ? style.on : style.off);
	}
	if (from.fg !== to.fg) changes.push(colourParam(to.fg, 30) ?? '39');
	if (from.bg !== to.bg) changes.push(colourParam(to.bg, 40) ?? '49');
	const incremental = `${CSI}${changes.join(';')}m`;
	return incremental.length < reset.length ? incremental : reset;
}

function sameCell(a: Cell, b: Cell): boolean {
	return a.char === b.char && a.width === b.width && samePen(a, b);
}

function isBlank(cell: Cell): boolean {
	return cell.char === ' ' && cell.width === 1 && samePen(cell, defaultPen);
}

function cup(x: number, y: number): string {
	return x === 0 ? `${CSI}${y + 1}H` : `${CSI}${y + 1};${x + 1}H`;
}

/** Cells x..end-1 of `row` written from pen `pen`; returns the text and the pen after. */
function writeCells(row: Cell[], x: number, end: number, pen: Pen): {text: string; pen: Pen} {
	let text = '';
	let current = pen;
	for (let i = x; i < end; i++) {
		const cell = row[i]!;
		if (cell.width === 0) continue; // drawn with the wide character to its left
		text += penChange(current, cell) + cell.char;
		current = cell;
	}
	return {text, pen: current};
}

const bytes = (text: string) => Buffer.byteLength(text);

/** The bytes that turn a terminal showing `before` into one showing `after` (same size). */
export function computeMinimalDiff(before: Screen, after: Screen): string {
	if (before.length !== after.length || before[0]?.length !== after[0]?.length) {
		throw new Error(`computeMinimalDiff: the screens differ in size (${before[0]?.length}x${before.length} and ${after[0]?.length}x${after.length})`);
	}
	let out = '';
	let pen = defaultPen;
	for (let y = 0; y < after.length; y++) {
		const old = before[y]!;
		const row = after[y]!;
		const changed = row.map((cell, x) => !sameCell(old[x]!, cell));
		for (let x = 0; x < row.length; x++) {
			if (!changed[x]) continue;
			if (row[x]!.width === 0 || old[x]!.width === 0) changed[x - 1] = true;
			if (row[x]!.width === 2 || old[x]!.width === 2) changed[x + 1] = true;
		}
		let blankFrom = row.length;
		while (blankFrom > 0 && isBlank(row[blankFrom - 1]!)) blankFrom--;

		let x = changed.indexOf(true);
		while (x >= 0) {
			// Extend the run over gaps that are cheaper to rewrite than to jump over.
			let end = x;
			for (;;) {
				while (end < row.length && changed[end]) end++;
				const next = changed.indexOf(true, end);
				if (next < 0) break;
				const gap = writeCells(row, end, next, row[end - 1]!).text;
				if (bytes(gap) > bytes(cup(next, y))) break;
				end = next;
			}
			out += cup(x, y);
			const eraseAt = Math.max(x, blankFrom);
			const direct = writeCells(row, x, end, pen);
			if (eraseAt < end) {
				const head = writeCells(row, x, eraseAt, pen);
				const erase = head.text + penChange(head.pen, defaultPen) + `${CSI}K`;
				if (bytes(erase) < bytes(direct.text)) {
					out += erase;
					pen = defaultPen;
					x = changed.indexOf(true, end);
					continue;
				}
			}
			out += direct.text;
			pen = direct.pen;
			x = changed.indexOf(true, end);
		}
	}
	return out + penChange(pen, defaultPen);
}

/** The number of cells that differ between two screens of the same size. */
export function changedCellCount(before: Screen, after: Screen): number {
	let count = 0;
	for (const [y, row] of after.entries()) {
		for (const [x, cell] of row.entries()) if (!sameCell(before[y]![x]!, cell)) count++;
	}
	return count;
}

/** Where two screens differ: the first differing row of each, or undefined when equal. */
export function firstDifference(a: Screen, b: Screen): {row: number; a: string; b: string; cells: number} | undefined {
	if (a.length !== b.length || a[0]?.length !== b[0]?.length) return {row: -1, a: `${a[0]?.length}x${a.length}`, b: `${b[0]?.length}x${b.length}`, cells: Number.NaN};
	const cells = changedCellCount(a, b);
	if (cells === 0) return undefined;
	const row = a.findIndex((line, y) => line.some((cell, x) => !sameCell(cell, b[y]![x]!)));
	const text = (line: Cell[]) => line.map(cell => cell.char).join('').trimEnd();
	return {row, a: text(a[row]!), b: text(b[row]!), cells};
}

/** Replays `diff` over `before` in an emulator; throws unless the result is exactly `after`. */
export async function checkMinimalDiff(before: Screen, after: Screen, diff: string): Promise<void> {
	const rows = after.length;
	const cols = after[0]?.length ?? 0;
	const terminal = createEmulator({cols, rows});
	try {
		terminal.write(computeMinimalDiff(blankScreen(cols, rows), before));
		terminal.write(diff);
		await whenParsed(terminal);
		const difference = firstDifference(readCells(terminal), after);
		if (difference) {
			throw new Error(`the minimal diff does not reproduce the screen: row ${difference.row} shows\n  ${difference.a}\ninstead of\n  ${difference.b}`);
		}
	} finally {
		terminal.dispose();
	}
}
