import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {changedLines, changesNoCells, parseRepaint, shownAfter, type Repaint, type Shown} from '../../source/terminal/frame-lines.js';
import {createScreen} from '../helpers/screen.js';
import {frames, serializeLine} from './arbitraries.js';

const CLEAR = '\u001B[2J\u001B[3J\u001B[H';
/** ansi-escapes' eraseLines, as Ink's log-update writes it before a frame shorter than the terminal. */
const eraseLines = (count: number) => (count === 0 ? '' : `${'\u001B[2K\u001B[1A'.repeat(count - 1)}\u001B[2K\u001B[G`);

describe('parseRepaint', () => {
	it("reads Ink's full-height repaint (clear, then the lines)", () => {
		expect(parseRepaint(`${CLEAR}one\n\u001B[31mtwo\u001B[39m\n\u001B]8;;https://x\u0007link\u001B]8;;\u0007`)).toEqual({
			start: 'clear',
			lines: ['one', '\u001B[31mtwo\u001B[39m', '\u001B]8;;https://x\u0007link\u001B]8;;\u0007'],
		});
	});

	it('reads the shorter repaint (erase the last frame upwards, then the lines)', () => {
		expect(parseRepaint(`${eraseLines(3)}one\ntwo\n`)).toEqual({start: 'erase', erase: 3, lines: ['one', 'two', '']});
		expect(parseRepaint(`${eraseLines(1)}one`)).toEqual({start: 'erase', erase: 1, lines: ['one']});
	});

	it('declines anything else: no clear or erase first, or a control that moves the cursor inside', () => {
		expect(parseRepaint('one\ntwo')).toBeUndefined();
		expect(parseRepaint(`${CLEAR}one\u001B[2Atwo`)).toBeUndefined();
		expect(parseRepaint(`${eraseLines(2)}one\rtwo`)).toBeUndefined();
		expect(parseRepaint(`${CLEAR}tab\there`)).toBeUndefined();
	});

	it('searches only the lines that differ from a clean frame, and still finds a control in them', () => {
		const clean = ['\u001B[1mhead\u001B[22m', 'cpu 41'];
		expect(parseRepaint(`${CLEAR}\u001B[1mhead\u001B[22m\ncpu 44`, clean)).toEqual({start: 'clear', lines: ['\u001B[1mhead\u001B[22m', 'cpu 44']});
		expect(parseRepaint(`${CLEAR}\u001B[1mhead\u001B[22m\ncpu\u001B[2A44`, clean)).toBeUndefined();
		expect(parseRepaint(`${CLEAR}\u001B[1mhead\u001B[22m\r\ncpu 41`, clean)).toBeUndefined();
		// Styled lines in a row: the check keeps no state from one line to the next.
		for (let i = 0; i < 3; i++) expect(parseRepaint(`${CLEAR}\u001B[31ma\u001B[39m\n\u001B[32mb\u001B[39m`, ['x'])).toBeDefined();
	});
});

describe('changesNoCells', () => {
	it('accepts cursor visibility, synchronized output and input modes only', () => {
		expect(changesNoCells('\u001B[?25l')).toBe(true);
		expect(changesNoCells('\u001B[?2026h\u001B[?2004h')).toBe(true);
		expect(changesNoCells('\u001B[?1049h')).toBe(false);
		expect(changesNoCells('\u001B[?25lx')).toBe(false);
		expect(changesNoCells('\u001B[2K')).toBe(false);
	});
});

describe('changedLines', () => {
	const alone = (lines: string[]): Shown => ({lines, top: 0, alone: true});
	const clear = (lines: string[]): Repaint => ({lines, start: 'clear'});

	it('writes only the lines that differ, erased first, and the last line last', () => {
		const change = changedLines(alone(['a', 'b', 'c', 'd']), clear(['a', 'B', 'c', 'd']), 4);
		expect(change).toMatchObject({data: '\u001B[m\u001B[2H\u001B[2KB\u001B[m\u001B[4H\u001B[2Kd', rows: [1, 3]});
	});

	it('erases the rows a shorter frame no longer covers', () => {
		expect(changedLines(alone(['a', 'b', 'c']), clear(['a']), 3)?.rows).toEqual([1, 2, 0]);
	});

	it('declines a frame that would scroll, start elsewhere, or a clear of more than the last frame', () => {
		expect(changedLines(alone(['a']), clear(['a', 'b', 'c']), 2)).toBeUndefined();
		expect(changedLines({lines: ['a', ''], top: 2, alone: false}, {lines: ['a', ''], start: 'erase', erase: 1}, 10)).toBeUndefined();
		expect(changedLines({lines: ['a', ''], top: 2, alone: false}, {lines: ['b', ''], start: 'erase', erase: 2}, 10)?.rows).toEqual([2, 3]);
		expect(changedLines({lines: ['a'], top: 0, alone: false}, clear(['a']), 10)).toBeUndefined();
	});

	it('leaves the screen model as the whole repaint does, cells and cursor, in both of Ink\'s forms', async () => {
		const cols = 12;
		const rows = 6;
		let reduced = 0; // frames that took the short way: the property must be about them
		await fc.assert(
			fc.asyncProperty(frames(rows, 6), fc.array(fc.boolean(), {minLength: 6, maxLength: 6}), async (sequence, asTall) => {
				const whole = createScreen(cols, rows, {convertEol: true});
				const model = createScreen(cols, rows, {convertEol: true});
				try {
					let shown: Shown | undefined;
					let previousCount = 0;
					let full = false;
					for (const [index, frame] of sequence.entries()) {
						// As Ink does it: at full height (and after one) clear and draw; else erase the last frame and draw it with a newline.
						const lines = frame.map(line => serializeLine(line, cols));
						const tall = asTall[index] === true && lines.length === rows;
						const chunk = full || tall ? `${CLEAR}${lines.join('\n')}` : `${eraseLines(previousCount)}${lines.join('\n')}\n`;
						full = tall;
						previousCount = tall ? lines.length : lines.length + 1;
						const repaint = parseRepaint(chunk);
						const change = repaint && shown ? changedLines(shown, repaint, rows) : undefined;
						const before = model.cursor.y;
						whole.write(chunk);
						model.write(change ? change.data : chunk);
						if (change) reduced++;
						await Promise.all([whole.flush(), model.flush()]);
						shown = change ? change.shown : repaint ? shownAfter(repaint, {before, after: model.cursor.y}, rows) : undefined;
						expect(model.cells()).toEqual(whole.cells());
						expect(model.cursor).toEqual(whole.cursor);
					}
				} finally {
					whole.dispose();
					model.dispose();
				}
			}),
			{numRuns: 80},
		);
		// About 95 of the frames on average (76 to 110 seen): a margin that never fails by chance.
		expect(reduced).toBeGreaterThan(40);
	});
});
