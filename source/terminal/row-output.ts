// Ink's Output, building only the rows that changed. After every commit Ink walks the tree into a
// list of write operations, then Output.get() lays them on a grid of one object per cell (4,000 at
// 100x40), and stringifies every row: a quarter of the app's CPU for a one-value update (issue 17),
// for a frame whose rows are all but one the same as the last frame's. A row's string depends only
// on the frame's width and the pieces of text written on that row, in order, at their columns; so
// this get() gathers those pieces per row, exactly as Ink cuts them (clips, transformers), and
// builds a row Ink's way only when that list was not seen in a recent frame. The bundles substitute
// it for Ink's own Output (scripts/ink-render-caches.mjs); test/terminal/row-output.test.ts checks
// it against Ink's get() on random operations.
import {GenerationalCache} from './render-caches.js';

type Code = {code: string; endCode: string};
export type StyledChar = {type: 'char'; value: string; fullWidth: boolean; styles: Code[]};
type Clip = {x1?: number; x2?: number; y1?: number; y2?: number};
type Transformer = (line: string, index: number) => string;
type Operation = {type: 'write'; x: number; y: number; text: string; transformers: Transformer[]} | {type: 'clip'; clip: Clip} | {type: 'unclip'};

/** What Ink's Output holds once the tree has been written into it (ink/build/output.js). */
export interface InkOutput {
	width: number;
	height: number;
	operations: Operation[];
	caches: {
		getStyledChars(line: string): StyledChar[];
		getStringWidth(text: string): number;
		getWidestLine(text: string): number;
	};
}

/** The functions Ink's output.js imports, as the importer would have them. */
export interface OutputDeps {
	sliceAnsi(text: string, start?: number, end?: number): string;
	styledCharsToString(chars: StyledChar[]): string;
}

export type OutputClass = new (options: {width: number; height: number}) => InkOutput & {get(): {output: string; height: number}};

/** One piece of a row: the column it starts at and the line (clipped and transformed) written there. */
type Piece = readonly [x: number, line: string];

/**
 * Each row's pieces, in the order Ink writes them. This is Ink 6.8's Output.get() loop with the
 * grid left out; its quirks stay (a line whose row does not exist does not advance to the next row).
 */
function piecesByRow(output: InkOutput, deps: OutputDeps): Piece[][] {
	const rows: Piece[][] = Array.from({length: output.height}, () => []);
	const clips: Clip[] = [];
	for (const operation of output.operations) {
		if (operation.type === 'clip') clips.push(operation.clip);
		if (operation.type === 'unclip') clips.pop();
		if (operation.type !== 'write') continue;
		const {text, transformers} = operation;
		let {x, y} = operation;
		let lines = text.split('\n');
		const clip = clips.at(-1);
		if (clip) {
			const clipHorizontally = typeof clip.x1 === 'number' && typeof clip.x2 === 'number';
			const clipVertically = typeof clip.y1 === 'number' && typeof clip.y2 === 'number';
			if (clipHorizontally) {
				const width = output.caches.getWidestLine(text);
				if (x + width < clip.x1! || x > clip.x2!) continue;
			}

			if (clipVertically && (y + lines.length < clip.y1! || y > clip.y2!)) continue;
			if (clipHorizontally) {
				lines = lines.map(line => {
					const from = x < clip.x1! ? clip.x1! - x : 0;
					const width = output.caches.getStringWidth(line);
					const to = x + width > clip.x2! ? clip.x2! - x : width;
					return deps.sliceAnsi(line, from, to);
				});
				if (x < clip.x1!) x = clip.x1!;
			}

			if (clipVertically) {
				const from = y < clip.y1! ? clip.y1! - y : 0;
				const to = y + lines.length > clip.y2! ? clip.y2! - y : lines.length;
				lines = lines.slice(from, to);
				if (y < clip.y1!) y = clip.y1!;
			}
		}

		let offsetY = 0;
		for (const [index, text] of lines.entries()) {
			const row = rows[y + offsetY];
			if (!row) continue;
			let line = text;
			for (const transformer of transformers) line = transformer(line, index);
			row.push([x, line]);
			offsetY++;
		}
	}

	return rows;
}

/** A row as Ink's get() makes it: blanks, each piece's characters laid on them, stringified. */
function buildRow(width: number, pieces: readonly Piece[], output: InkOutput, deps: OutputDeps): string {
	const cells: Array<StyledChar | undefined> = [];
	for (let x = 0; x < width; x++) cells.push({type: 'char', value: ' ', fullWidth: false, styles: []});
	for (const [x, line] of pieces) {
		let offsetX = x;
		for (const character of output.caches.getStyledChars(line)) {
			cells[offsetX] = character;
			const characterWidth = Math.max(1, output.caches.getStringWidth(character.value));
			for (let index = 1; index < characterWidth; index++) cells[offsetX + index] = {type: 'char', value: '', fullWidth: false, styles: character.styles};
			offsetX += characterWidth;
		}
	}

	return deps.styledCharsToString(cells.filter((cell): cell is StyledChar => cell !== undefined)).trimEnd();
}

/**
 * The row's identity: the width, then each piece's column and line. Lines hold no '\n' (they were
 * split on it) and columns are numbers, so two different rows never share a key.
 */
function rowKey(width: number, pieces: readonly Piece[]): string {
	let key = String(width);
	for (const [x, line] of pieces) key += `\n${x}\n${line}`;
	return key;
}

/**
 * Ink's Output class with get() building only rows not seen lately. The cache holds the rows of
 * about two frames and forgets the rest (a log flood's rows are each drawn once).
 */
export function withRowReuse(Output: OutputClass, deps: OutputDeps, capacity = 256): OutputClass {
	const rows = new GenerationalCache<string, string>(capacity);
	return class RowReusingOutput extends Output {
		override get(): {output: string; height: number} {
			const lines = piecesByRow(this, deps).map(pieces => rows.get(rowKey(this.width, pieces), () => buildRow(this.width, pieces, this, deps)));
			return {output: lines.join('\n'), height: lines.length};
		}
	};
}
