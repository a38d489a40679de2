import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {blankCell, type Cell, type Screen} from '../../source/terminal/cells.js';
import {changedCellCount, checkMinimalDiff, computeMinimalDiff, firstDifference, penChange} from '../minimal-diff.js';

const cols = 12;
const rows = 4;
const pen = {fg: -1, bg: -1, style: 0};

function screenFromText(lines: string[]): Screen {
	return lines.map(line => Array.from({length: cols}, (_, x) => ({...blankCell(), char: line[x] ?? ' '})));
}

const penArb = fc.record({
	fg: fc.constantFrom(-1, 1, 9, 200, 0x1_00_00_00 | 0x12_34_56),
	bg: fc.constantFrom(-1, 4, 12),
	style: fc.constantFrom(0, 1, 2, 3, 32, 1 | 8, 256),
});
// A row is narrow cells and wide characters (two cells) that fill it exactly.
const rowArb = fc
	.array(fc.record({wide: fc.boolean(), char: fc.constantFrom('a', 'b', ' ', '▄', '│'), pen: penArb}), {minLength: cols, maxLength: cols})
	.map(tokens => {
		const row: Cell[] = [];
		for (const token of tokens) {
			if (row.length === cols) break;
			if (token.wide && row.length <= cols - 2) {
				row.push({char: '界', width: 2, ...token.pen}, {char: '', width: 0, ...token.pen});
			} else row.push({char: token.char, width: 1, ...token.pen});
		}
		return row;
	});
const screenArb = fc.array(rowArb, {minLength: rows, maxLength: rows});

describe('computeMinimalDiff', () => {
	it('is empty for equal screens', () => {
		const screen = screenFromText(['hello', 'world']);
		expect(computeMinimalDiff(screen, screen)).toBe('');
	});

	it('writes one changed cell as one cursor move and the character', () => {
		const before = screenFromText(['', '', 'CPU 41.0%']);
		const after = screenFromText(['', '', 'CPU 44.0%']);
		expect(computeMinimalDiff(before, after)).toBe('\u001B[3;6H4');
		expect(changedCellCount(before, after)).toBe(1);
	});

	it('bridges a short unchanged gap instead of moving twice', () => {
		const before = screenFromText(['abcdef']);
		const after = screenFromText(['xbcdey']);
		expect(computeMinimalDiff(before, after)).toBe('\u001B[1Hxbcdey');
	});

	it('erases trailing cells with erase-to-end-of-line when that is shorter', () => {
		const before = screenFromText(['a long line here']);
		const after = screenFromText(['a']);
		// Column 2 was already blank: the change starts at column 3.
		expect(computeMinimalDiff(before, after)).toBe('\u001B[1;3H\u001B[K');
	});

	it('turns any screen into any other, checked in an emulator', async () => {
		await fc.assert(
			fc.asyncProperty(screenArb, screenArb, async (before, after) => {
				await checkMinimalDiff(before, after, computeMinimalDiff(before, after));
			}),
			{numRuns: 60},
		);
	});

	it('is caught when it does not reproduce the screen', async () => {
		const before = screenFromText(['abc']);
		const after = screenFromText(['abd']);
		await expect(checkMinimalDiff(before, after, '')).rejects.toThrow(/does not reproduce/);
	});

	it('refuses screens of different sizes', () => {
		expect(() => computeMinimalDiff(screenFromText(['a']), screenFromText(['a']).slice(1))).toThrow(/differ in size/);
	});
});

describe('penChange', () => {
	it('says nothing when the pen stays', () => {
		expect(penChange(pen, pen)).toBe('');
	});

	it('picks the shorter of a full reset and the differences', () => {
		expect(penChange(pen, {fg: 1, bg: -1, style: 1})).toBe('\u001B[1;31m');
		expect(penChange({fg: 1, bg: -1, style: 1}, pen)).toBe('\u001B[m');
		// Dim off while bold stays: 22 ends both, so bold comes back; a reset is shorter here...
		expect(penChange({fg: -1, bg: -1, style: 3}, {fg: -1, bg: -1, style: 1})).toBe('\u001B[0;1m');
		// ...but not when colours would have to be set again.
		expect(penChange({fg: 2, bg: 4, style: 3}, {fg: 2, bg: 4, style: 1})).toBe('\u001B[22;1m');
		expect(penChange({fg: 2, bg: 4, style: 0}, {fg: 9, bg: 4, style: 0})).toBe('\u001B[91m');
	});
});

describe('firstDifference', () => {
	it('names the first differing row and how many cells differ', () => {
		const a = screenFromText(['same', 'left']);
		const b = screenFromText(['same', 'lift']);
		expect(firstDifference(a, b)).toEqual({row: 1, a: 'left', b: 'lift', cells: 1});
		expect(firstDifference(a, a)).toBeUndefined();
	});
});
