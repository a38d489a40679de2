import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {isClean, sanitize, sanitizeLines} from '../../source/format/sanitize.js';

// Anything a terminal would act on or hide: C0, DEL, C1, format characters (bidi, zero-width),
// line/paragraph separators, lone surrogates.
const forbidden = /[\u0000-\u001f\u007f-\u009f\p{Cf}\u2028\u2029]|[\uD800-\uDFFF]/u;

describe('sanitize: attack payloads', () => {
	it.each([
		['window title (OSC 0, BEL)', 'GET /\x1b]0;pwned\x07 200', 'GET /\\x1b]0;pwned\\x07 200'],
		['window title (OSC 2, ST)', 'x\x1b]2;owned\x1b\\y', 'x\\x1b]2;owned\\x1b\\y'],
		['screen clear', 'user=\x1b[2J\x1b[H', 'user=\\x1b[2J\\x1b[H'],
		['OSC 52 clipboard write', '\x1b]52;c;ZWNobyBwd25lZA==\x07', '\\x1b]52;c;ZWNobyBwd25lZA==\\x07'],
		['cursor up + erase line hides the previous line', 'ok\x1b[1A\x1b[2K', 'ok\\x1b[1A\\x1b[2K'],
		['carriage return overwrites the line', 'rm -rf / \rINFO all good', 'rm -rf / \\x0dINFO all good'],
		['8-bit CSI', 'a\x9b2Jb', 'a\\x9b2Jb'],
		['right-to-left override', 'invoice\u202Efdp.exe', 'invoice<U+202E>fdp.exe'],
		['bidi isolates', 'a\u2066b\u2069c', 'a<U+2066>b<U+2069>c'],
		['zero-width space and joiners', 'ad\u200Bmin\u200C\u200D', 'ad<U+200B>min<U+200C><U+200D>'],
		['word joiner, BOM, soft hyphen, LRM/RLM, ALM', '\u2060\uFEFF\u00AD\u200E\u200F\u061C', '<U+2060><U+FEFF><U+00AD><U+200E><U+200F><U+061C>'],
		['DEL and NUL', 'a\x7fb\x00c', 'a\\x7fb\\x00c'],
		['line separator', 'a\u2028b', 'a<U+2028>b'],
		['lone surrogates', 'a\uD800b\uDC00', 'a\uFFFDb\uFFFD'],
		['newline', 'line1\nline2', 'line1␊line2'],
	])('%s', (_name, input, expected) => {
		const out = sanitize(input);
		expect(out).toBe(expected);
		expect(out).not.toMatch(forbidden);
	});

	it('keeps valid surrogate pairs (emoji) intact', () => {
		expect(sanitize('deploy 🚀 done')).toBe('deploy 🚀 done');
	});

	it('returns clean input untouched (the same string)', () => {
		const line = 'INFO 2024-05-01 scan finished in 34ms, 12 findings — naïve café 漢字';
		expect(sanitize(line)).toBe(line);
		expect(isClean(line)).toBe(true);
	});
});

describe('sanitize: tabs', () => {
	it('expands tabs to the next stop, counting display columns', () => {
		expect(sanitize('a\tb')).toBe('a   b');
		expect(sanitize('abcd\te')).toBe('abcd    e');
		expect(sanitize('\t')).toBe('    ');
		expect(sanitize('a\tb', {tabWidth: 8})).toBe('a       b');
		expect(sanitize('漢\tx')).toBe('漢  x'); // 漢 is two columns
	});

	it('measures escapes as they are drawn', () => {
		expect(sanitize('\x1b\tx')).toBe('\\x1b    x'); // `\x1b` is four columns, so the next stop is 8
	});

	it('rejects a nonsense tab width clearly', () => {
		expect(() => sanitize('a\tb', {tabWidth: 0})).toThrow(/tabWidth must be an integer from 1 to 16/);
	});
});

describe('sanitizeLines', () => {
	it('splits on \\n and \\r\\n, keeps a lone \\r visible', () => {
		expect(sanitizeLines('a\r\nb\nc\rd\te')).toEqual(['a', 'b', 'c\\x0dd  e']);
	});
});

describe('sanitize: properties', () => {
	it('no input crashes it, and the output never holds a control, bidi or format character', () => {
		fc.assert(
			fc.property(fc.string({unit: 'binary', maxLength: 200}), (text) => {
				expect(sanitize(text)).not.toMatch(forbidden);
				for (const line of sanitizeLines(text)) expect(line).not.toMatch(forbidden);
			}),
			{numRuns: 2000},
		);
	});

	it('the output of arbitrary UTF-16 (lone surrogates included) is clean', () => {
		fc.assert(
			fc.property(fc.string({unit: fc.integer({min: 0, max: 0xffff}).map((c) => String.fromCharCode(c)), maxLength: 100}), (text) => {
				expect(sanitize(text)).not.toMatch(forbidden);
			}),
		);
	});

	it('clean printable input is unchanged', () => {
		fc.assert(
			fc.property(fc.string({unit: 'grapheme', maxLength: 100}), (text) => {
				fc.pre(!forbidden.test(text));
				expect(sanitize(text)).toBe(text);
			}),
		);
	});

	it('is idempotent', () => {
		fc.assert(
			fc.property(fc.string({unit: 'binary', maxLength: 100}), (text) => {
				const once = sanitize(text);
				expect(sanitize(once)).toBe(once);
			}),
		);
	});
});
