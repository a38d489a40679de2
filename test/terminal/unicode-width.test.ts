import {afterEach, describe, expect, it} from 'vitest';
import {inkStringWidth} from '../../source/terminal/unicode-width.js';
import {createScreen, type TestScreen} from '../helpers/screen.js';

// Where the model puts the character after `text` must be where Ink, measuring with its
// string-width, expects it; otherwise every cell after an emoji would be one column off.
const samples: Array<[string, number]> = [
	['abc', 3],
	['漢字', 4],
	['✅', 2],
	['⚠', 1],
	['⚠\uFE0F', 2],
	['e\u0301', 1],
	['👍🏽', 2],
	['🇺🇸', 2],
	['👨\u200D👩\u200D👧', 2],
	['│…█▲●', 5],
];

describe('character widths in the screen model', () => {
	let screen: TestScreen | undefined;
	afterEach(() => screen?.dispose());

	it.each(samples)('%j takes %i columns, as Ink measures it', async (text, width) => {
		expect(inkStringWidth(text)).toBe(width);
		screen = createScreen(20, 2);
		screen.write(`[${text}]`);
		await screen.flush();
		const row = screen.cells()[0]!;
		expect(row[width + 1]?.char).toBe(']');
		expect(screen.lines()[0]).toBe(`[${text}]`);
	});

	it('keeps a grapheme cluster in one cell', async () => {
		screen = createScreen(10, 1);
		screen.write('👍🏽x');
		await screen.flush();
		const row = screen.cells()[0]!;
		expect(row[0]).toMatchObject({char: '👍🏽', width: 2});
		expect(row[1]).toMatchObject({char: '', width: 0});
		expect(row[2]).toMatchObject({char: 'x', width: 1});
	});
});
