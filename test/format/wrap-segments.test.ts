import fc from 'fast-check';
import stringWidth from 'string-width';
import {describe, expect, it} from 'vitest';
import {besideLines, fitLine, lineWidth} from '../../source/format/segments.js';
import {wrapText} from '../../source/format/wrap.js';

describe('wrapText', () => {
	it('breaks at spaces and keeps every line within the width', () => {
		expect(wrapText('Threshold Crossed: 1 datapoint was greater than the threshold', 20)).toEqual([
			'Threshold Crossed: 1',
			'datapoint was',
			'greater than the',
			'threshold',
		]);
	});

	it('breaks a word longer than the width', () => {
		expect(wrapText('ref docker.io/acso/supervisor:v9', 10)).toEqual(['ref', 'docker.io/', 'acso/super', 'visor:v9']);
	});

	it('ends with … when lines were left out', () => {
		expect(wrapText('one two three four five six', 9, 2)).toEqual(['one two', 'three…']);
		expect(wrapText('aaaa bbbb cccc', 4, 1)).toEqual(['aaa…']);
	});

	it('never exceeds the width, wide characters included', () => {
		fc.assert(
			fc.property(fc.string({unit: fc.constantFrom('a', ' ', '界', 'é', '-')}), fc.integer({min: 2, max: 30}), (text, width) => {
				for (const line of wrapText(text, width)) expect(stringWidth(line)).toBeLessThanOrEqual(width);
			}),
		);
	});

	it('refuses a bad width', () => {
		expect(() => wrapText('x', 0)).toThrow(/width must be a positive integer/);
	});
});

describe('segment lines', () => {
	it('fits a line to an exact width, cutting with … or padding', () => {
		const cut = fitLine([{text: 'abc', tone: 'bad'}, {text: 'defgh'}], 6);
		expect(cut).toEqual([{text: 'abc', tone: 'bad'}, {text: 'de…'}]);
		expect(lineWidth(fitLine([{text: 'ab'}], 5))).toBe(5);
		expect(lineWidth(fitLine([{text: '界界界'}], 5))).toBe(5);
	});

	it('puts two columns of lines side by side', () => {
		const lines = besideLines([[{text: 'left'}]], 6, [[{text: 'r1'}], [{text: 'r2'}]], 3);
		expect(lines.map(l => l.map(s => s.text).join(''))).toEqual(['left   r1 ', '       r2 ']);
	});
});
