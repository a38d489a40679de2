import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {load, loadInkFile} from '../helpers/ink-copies.js';
import {cachedSlice, cachedStyledChars, cachedText, cachedWidth, fasterStyledCharsToString, GenerationalCache} from '../../source/terminal/render-caches.js';

type Code = {code: string; endCode: string};
type Char = {type: 'char'; value: string; fullWidth: boolean; styles: Code[]};
type Token = {type: 'ansi' | 'char'};
const tokenizer = await load<{
	tokenize: (text: string) => Token[];
	styledCharsFromTokens: (tokens: Token[]) => Char[];
	styledCharsToString: (chars: Char[]) => string;
	ansiCodesToString: (codes: Code[]) => string;
	diffAnsiCodes: (from: Code[], to: Code[]) => Code[];
}>('@alcalzone/ansi-tokenize');
const stringWidth = (await load<{default: (text: string) => number}>('string-width')).default;
const sliceAnsi = (await load<{default: (text: string, start?: number, end?: number) => string}>('slice-ansi')).default;

// Styled text as Ink writes it: SGR colours and attributes around plain, wide and combining text.
const sgr = fc.constantFrom('\u001B[31m', '\u001B[39m', '\u001B[1m', '\u001B[22m', '\u001B[2m', '\u001B[7m', '\u001B[27m', '\u001B[38;5;208m', '\u001B[48;2;10;20;30m', '\u001B[49m', '\u001B[0m');
const piece = fc.oneof(sgr, fc.constantFrom('a', 'b', ' ', '─', '▲', '界', 'é', 'e\u0301', '✅', '⚠'), fc.string({maxLength: 6}).map(s => s.replace(/[\u0000-\u001F\u007F]/g, '')));
const styled = fc.array(piece, {maxLength: 24}).map(parts => parts.join(''));

describe('GenerationalCache', () => {
	it('computes once per key while the key is in use, and stays within twice its capacity', () => {
		const cache = new GenerationalCache<number, number>(4);
		let computed = 0;
		const square = (n: number) => {
			computed++;
			return n * n;
		};
		for (let round = 0; round < 3; round++) for (const n of [1, 2, 3]) expect(cache.get(n, square)).toBe(n * n);
		expect(computed).toBe(3);
		for (let n = 10; n < 100; n++) cache.get(n, square);
		expect(cache.size).toBeLessThanOrEqual(8);
		computed = 0;
		cache.get(1, square); // long forgotten: computed again
		expect(computed).toBe(1);
	});

	it('rejects a capacity that is not a whole number above 0', () => {
		expect(() => new GenerationalCache(0)).toThrow(/capacity/);
	});
});

describe('the cached functions answer as the originals do', () => {
	it('string-width', () => {
		const width = cachedWidth(stringWidth, 8);
		fc.assert(
			fc.property(styled, text => {
				expect([width(text), width(text)]).toEqual([stringWidth(text), stringWidth(text)]);
			}),
		);
	});

	it('tokenize and styledCharsFromTokens, and the same answer for the same line from its second use on', () => {
		const cached = cachedStyledChars(tokenizer.tokenize, tokenizer.styledCharsFromTokens, 8);
		fc.assert(
			fc.property(styled, line => {
				const first = cached.styledCharsFromTokens(cached.tokenize(line));
				expect(first).toEqual(tokenizer.styledCharsFromTokens(tokenizer.tokenize(line)));
				const chars = cached.styledCharsFromTokens(cached.tokenize(line));
				expect(chars).toEqual(first);
				expect(cached.styledCharsFromTokens(cached.tokenize(line))).toBe(chars);
			}),
		);
	});

	it('keeps nothing of a line drawn once (a log flood scrolls each line away in the next frame)', () => {
		let computed = 0;
		const cached = cachedStyledChars((text: string) => [{text}], tokens => {
			computed++;
			return [...tokens];
		}, 8);
		for (let i = 0; i < 100; i++) cached.styledCharsFromTokens(cached.tokenize(`line ${i}`));
		expect(computed).toBe(100);
		// Asked again, a line is worked out once more and kept from then on.
		for (let i = 0; i < 3; i++) cached.styledCharsFromTokens(cached.tokenize('line 99'));
		expect(computed).toBe(101);
	});

	it('styledCharsToString, on rows put together from several lines as Ink does', () => {
		const toString = fasterStyledCharsToString(tokenizer.ansiCodesToString, tokenizer.diffAnsiCodes);
		fc.assert(
			fc.property(fc.array(styled, {maxLength: 4}), lines => {
				const row = lines.flatMap(line => tokenizer.styledCharsFromTokens(tokenizer.tokenize(line)));
				expect(toString(row)).toBe(tokenizer.styledCharsToString(row));
			}),
		);
	});

	it("Ink's sanitize-ansi", async () => {
		const sanitize = (await loadInkFile<{default: (text: string) => string}>('sanitize-ansi.js')).default;
		const cached = cachedText(sanitize, 8);
		// Styled text with the controls Ink strips: cursor moves, erases, a bell.
		const controls = fc.constantFrom('\u001B[2A', '\u001B[K', '\u001B[?25l', '\u0007', '\u001B]8;;https://x\u0007');
		fc.assert(
			fc.property(fc.array(fc.oneof(styled, controls), {maxLength: 4}).map(parts => parts.join('')), text => {
				expect([cached(text), cached(text)]).toEqual([sanitize(text), sanitize(text)]);
			}),
		);
	});

	it('slice-ansi', () => {
		const slice = cachedSlice(sliceAnsi, 8);
		fc.assert(
			fc.property(styled, fc.nat(30), fc.nat(30), (text, a, b) => {
				expect(slice(text, a, a + b)).toBe(sliceAnsi(text, a, a + b));
				expect(slice(text, a)).toBe(sliceAnsi(text, a));
			}),
		);
	});
});
