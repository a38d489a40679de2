import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {blankCell, blankScreen, screenText, Style, type Cell, type Screen} from '../../source/terminal/cells.js';
import {diffScreens, findScroll} from '../../source/terminal/diff-screens.js';
import {line, lineLike, serializeLine} from './arbitraries.js';
import {applyDiff, screenFrom} from './screens.js';

const ESC = '\u001B[';

/** A screen of plain ASCII rows, padded with blanks. */
function plain(cols: number, rows: string[]): Screen {
	return rows.map(text => Array.from({length: cols}, (_, x): Cell => ({...blankCell(), char: text[x] ?? ' '})));
}

describe('diffScreens', () => {
	it('writes nothing when nothing changed', async () => {
		const screen = await screenFrom(20, 4, '\u001B[1;31mred\u001B[0m 漢字 ✅\nsecond line');
		expect(diffScreens(screen, structuredClone(screen))).toBe('');
	});

	it('sends one changed character as a cursor move and the character', () => {
		const prev = plain(10, ['count: 41', '']);
		const next = plain(10, ['count: 42', '']);
		expect(diffScreens(prev, next)).toBe(`${ESC}1;9H2`);
	});

	it('rewrites a short unchanged gap rather than moving over it', () => {
		const prev = plain(12, ['a-b-c-d']);
		const next = plain(12, ['x-y-c-d']);
		expect(diffScreens(prev, next)).toBe(`${ESC}1Hx-y`);
	});

	it('moves over a long unchanged gap', () => {
		const prev = plain(30, ['a                        b']);
		const next = plain(30, ['x                        y']);
		expect(diffScreens(prev, next)).toBe(`${ESC}1Hx${ESC}26Gy`);
		const shorter = plain(30, ['          a       b']);
		const changed = plain(30, ['          x       y']);
		expect(diffScreens(shorter, changed)).toBe(`${ESC}1;11Hx${ESC}7Cy`);
	});

	it('moves to the start of the next row with CR LF', () => {
		const prev = plain(10, ['a', 'b']);
		const next = plain(10, ['x', 'y']);
		expect(diffScreens(prev, next)).toBe(`${ESC}1Hx\r\ny`);
	});

	it('erases a cleared tail with one erase-in-line', () => {
		const prev = plain(40, ['status: degraded, 3 tasks failing']);
		const next = plain(40, ['status: ok']);
		expect(diffScreens(prev, next)).toBe(`${ESC}1;9Hok${ESC}K`);
	});

	it('sets colours only where they change and leaves the pen reset', () => {
		const prev = plain(10, ['ab']);
		const next = plain(10, ['ab']);
		next[0]![0] = {...next[0]![0]!, fg: 1, style: Style.bold};
		next[0]![1] = {...next[0]![1]!, fg: 1, style: Style.bold};
		expect(diffScreens(prev, next)).toBe(`${ESC}1H${ESC}1;31mab${ESC}m`);
	});

	it('rewrites a whole wide character when either half changed', async () => {
		const prev = await screenFrom(10, 1, 'a漢b');
		const next = await screenFrom(10, 1, 'a字b');
		const {result, diff} = await applyDiff(prev, next);
		expect(diff).toBe(`${ESC}1;2H字`);
		expect(result).toEqual(next);
	});

	it('replaces a wide character by narrow ones and back', async () => {
		for (const [a, b] of [['x漢y', 'xABy'], ['xABy', 'x漢y'], ['x漢字', 'xA漢y'], ['漢字', ' 字']]) {
			const prev = await screenFrom(8, 1, a!);
			const next = await screenFrom(8, 1, b!);
			const {result} = await applyDiff(prev, next);
			expect(screenText(result), `${a} -> ${b}`).toBe(screenText(next));
			expect(result).toEqual(next);
		}
	});

	it('clears the screen once and paints everything when the size changed', async () => {
		const prev = await screenFrom(10, 3, 'old');
		const next = await screenFrom(12, 2, 'new\nrow');
		const {result, diff} = await applyDiff(prev, next);
		expect(diff.startsWith(`${ESC}2J`)).toBe(true);
		expect(diff.split(`${ESC}2J`)).toHaveLength(2);
		expect(result).toEqual(next);
	});

	it('paints a whole screen from nothing', async () => {
		const next = await screenFrom(6, 2, 'ab\ncd');
		expect(diffScreens([], next)).toBe(`${ESC}2J${ESC}1Hab\r\ncd`);
		expect(diffScreens([], blankScreen(6, 2))).toBe(`${ESC}2J`);
	});

	it('rejects screens that no terminal could show', () => {
		const good = plain(3, ['abc']);
		expect(() => diffScreens(good, plain(3, ['abc', 'de']).map((row, y) => (y === 1 ? row.slice(0, 2) : row)))).toThrow(
			/next row 1 has 2 cells, expected 3/,
		);
		const orphan = plain(3, ['abc']);
		orphan[0]![1] = {...orphan[0]![1]!, char: '', width: 0};
		expect(() => diffScreens(good, orphan)).toThrow(/next cell 1,0 has width 0 but no wide character to its left/);
		const control = plain(3, ['abc']);
		control[0]![2] = {...control[0]![2]!, char: '\u001B'};
		expect(() => diffScreens(good, control)).toThrow(/next cell 2,0 holds "\\u001b", not a printable character/);
		const cut = plain(3, ['abc']);
		cut[0]![2] = {...cut[0]![2]!, char: '漢', width: 2};
		expect(() => diffScreens(good, cut)).toThrow(/next cell 2,0 is wide but the cell to its right is not its second half/);
	});

	it('turns any screen into any other (random screens, checked on an emulator)', async () => {
		const cols = 16;
		const rows = 5;
		const pair = fc
			.array(line, {minLength: 1, maxLength: rows})
			.chain(before =>
				fc.tuple(fc.constant(before), fc.tuple(...before.map(lineLike)), fc.boolean()),
			);
		await fc.assert(
			fc.asyncProperty(pair, async ([before, after, taller]) => {
				const draw = (lines: typeof before) => lines.map(l => serializeLine(l, cols)).join('\n');
				const prev = await screenFrom(cols, rows, draw(before));
				const next = await screenFrom(cols, rows, draw(taller ? [...after, ...after] : after));
				const {result} = await applyDiff(prev, next);
				expect(screenText(result)).toBe(screenText(next));
				expect(result).toEqual(next);
			}),
			{numRuns: 150},
		);
	});
});

describe('findScroll and the scroll region', () => {
	const header = 'LOGS · following';
	const footer = 'q quit  ? help';
	const messages = ['bedrock-runtime ThrottlingException', 'database connection reset', 'task stopped: OOM', 'retrying in 5s', 'health check failed', 'queue depth 1200', 'request timed out'];
	const logRows = (from: number, count: number) => Array.from({length: count}, (_, i) => `${from + i}: ${messages[(from + i) % messages.length]}`);
	const logScreen = (from: number) => plain(40, [header, ...logRows(from, 6), footer]);

	it('finds a block of lines moved up by whole rows', () => {
		expect(findScroll(logScreen(0), logScreen(1))).toEqual({top: 1, bottom: 6, by: 1});
		expect(findScroll(logScreen(0), logScreen(3))).toEqual({top: 1, bottom: 6, by: 3});
	});

	it('finds nothing when nothing moved, when one row changed, or when rows changed in place', () => {
		expect(findScroll(logScreen(0), logScreen(0))).toBeUndefined();
		const one = logScreen(0);
		one[3] = plain(40, ['changed'])[0]!;
		expect(findScroll(logScreen(0), one)).toBeUndefined();
		expect(findScroll(plain(10, ['a', 'b', 'c', 'd']), plain(10, ['w', 'x', 'y', 'z']))).toBeUndefined();
		// A block moved down is not a scroll up.
		expect(findScroll(logScreen(1), logScreen(0))).toBeUndefined();
	});

	it('scrolls the region and draws only the new line, and the terminal shows the new screen', async () => {
		const prev = logScreen(0);
		const next = logScreen(1);
		const {result, diff} = await applyDiff(prev, next);
		expect(result).toEqual(next);
		expect(diff.startsWith(`${ESC}2;7r${ESC}7H\n${ESC}r`)).toBe(true);
		expect(diff).toContain(`6: ${messages[6]}`);
		expect(diff).not.toContain(`5: ${messages[5]}`);
		expect(diff.length).toBeLessThan(diffScreens(prev, next, {scroll: false}).length / 3);
	});

	it('keeps colours of the rows that moved and of the rows drawn after it', async () => {
		const prev = await screenFrom(30, 6, 'head\n\u001B[31mred 1\u001B[0m\n\u001B[44mblue 2\u001B[0m\n\u001B[1mbold 3\u001B[0m\nplain 4\nfoot');
		const next = await screenFrom(30, 6, 'head\n\u001B[44mblue 2\u001B[0m\n\u001B[1mbold 3\u001B[0m\nplain 4\n\u001B[32mgreen 5\u001B[0m\nfoot');
		const {result, diff} = await applyDiff(prev, next);
		expect(diff).toContain('r');
		expect(result).toEqual(next);
	});

	it('turns a screen into the same screen scrolled by random lines (checked on an emulator)', async () => {
		const cols = 16;
		const rows = 8;
		await fc.assert(
			fc.asyncProperty(fc.array(line, {minLength: rows + 4, maxLength: rows + 4}), fc.integer({min: 1, max: 4}), fc.integer({min: 0, max: 2}), async (lines, by, fixed) => {
				const draw = (shown: typeof lines) => shown.map(l => serializeLine(l, cols)).join('\n');
				// `fixed` rows stay at the top (a header), the rest scrolls by `by`.
				const top = lines.slice(0, fixed);
				const prev = await screenFrom(cols, rows, draw([...top, ...lines.slice(fixed, rows)]));
				const next = await screenFrom(cols, rows, draw([...top, ...lines.slice(fixed + by, rows + by)]));
				const {result} = await applyDiff(prev, next);
				expect(result).toEqual(next);
			}),
			{numRuns: 100},
		);
	});
});
