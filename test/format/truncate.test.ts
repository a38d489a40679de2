import fc from 'fast-check';
import stringWidth from 'string-width';
import {describe, expect, it} from 'vitest';
import {padEnd, padStart, truncate} from '../../source/format/truncate.js';

describe('truncate', () => {
	it('leaves text that fits alone', () => {
		expect(truncate('hello', 5)).toBe('hello');
		expect(truncate('漢字', 4)).toBe('漢字');
	});

	it('cuts with an ellipsis by display width', () => {
		expect(truncate('hello world', 6)).toBe('hello…');
		expect(truncate('漢字テスト', 5)).toBe('漢字…'); // 2+2+1
		expect(truncate('漢字テスト', 4)).toBe('漢…'); // 漢字 would need 5 with the ellipsis
		expect(truncate('ab', 1)).toBe('…');
		expect(truncate('ab', 0)).toBe('');
	});

	it('never splits a grapheme cluster', () => {
		const family = '👨‍👩‍👧';
		expect(truncate(`${family}${family}x`, 3)).toBe(`${family}…`);
		expect(truncate('éééé', 3)).toBe('éé…'); // e + combining acute
	});

	it('rejects a non-finite width clearly', () => {
		expect(() => truncate('a', Number.NaN)).toThrow(/width must be a finite number/);
	});

	it('never exceeds the width (property)', () => {
		fc.assert(
			fc.property(fc.string({unit: 'grapheme', maxLength: 40}), fc.integer({min: 0, max: 30}), (text, width) => {
				expect(stringWidth(truncate(text, width))).toBeLessThanOrEqual(width);
			}),
		);
	});
});

describe('padEnd / padStart', () => {
	it('produce exactly the width', () => {
		expect(padEnd('ab', 4)).toBe('ab  ');
		expect(padStart('ab', 4)).toBe('  ab');
		expect(padEnd('漢字', 5)).toBe('漢字 ');
		expect(padEnd('漢字テスト', 4)).toBe('漢… '); // the ellipsis leaves one column, filled
		expect(padEnd('abcdef', 3)).toBe('ab…');
	});

	it('are exactly `width` columns for any text (property)', () => {
		fc.assert(
			fc.property(fc.string({unit: 'grapheme', maxLength: 40}), fc.integer({min: 0, max: 30}), (text, width) => {
				expect(stringWidth(padEnd(text, width))).toBe(width);
				expect(stringWidth(padStart(text, width))).toBe(width);
			}),
		);
	});
});
