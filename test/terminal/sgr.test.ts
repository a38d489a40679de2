import {describe, expect, it} from 'vitest';
import {DEFAULT_PEN, RGB_COLOR, Style, type Pen} from '../../source/terminal/cells.js';
import {sgrTransition} from '../../source/terminal/sgr.js';

const pen = (over: Partial<Pen>): Pen => ({...DEFAULT_PEN, ...over});

describe('sgrTransition', () => {
	it('writes nothing when the pen does not change', () => {
		expect(sgrTransition(pen({fg: 3, style: Style.bold}), pen({fg: 3, style: Style.bold}))).toBe('');
	});

	it('resets with the shortest sequence', () => {
		expect(sgrTransition(pen({fg: 1, bg: 4, style: Style.bold | Style.underline}), DEFAULT_PEN)).toBe('\u001B[m');
	});

	it('uses the 8, bright, 256 and true colour forms', () => {
		expect(sgrTransition(DEFAULT_PEN, pen({fg: 1}))).toBe('\u001B[31m');
		expect(sgrTransition(DEFAULT_PEN, pen({fg: 9, bg: 12}))).toBe('\u001B[91;104m');
		expect(sgrTransition(DEFAULT_PEN, pen({fg: 208}))).toBe('\u001B[38;5;208m');
		expect(sgrTransition(DEFAULT_PEN, pen({bg: RGB_COLOR | 0x10_20_30}))).toBe('\u001B[48;2;16;32;48m');
	});

	it('changes only what differs', () => {
		expect(sgrTransition(pen({fg: 2, style: Style.bold}), pen({fg: 2, style: Style.bold | Style.italic}))).toBe('\u001B[3m');
		expect(sgrTransition(pen({fg: 2, style: Style.bold}), pen({style: Style.bold}))).toBe('\u001B[39m');
		expect(sgrTransition(pen({bg: 2, style: Style.inverse}), pen({bg: 2}))).toBe('\u001B[27m');
	});

	it('sets dim again after clearing bold, since one code (22) clears both', () => {
		expect(sgrTransition(pen({fg: 3, style: Style.bold | Style.dim}), pen({fg: 3, style: Style.dim}))).toBe('\u001B[22;2m');
	});

	it('prefers a reset when that is shorter than undoing each attribute', () => {
		const busy = pen({fg: 1, bg: 2, style: Style.bold | Style.italic | Style.underline | Style.strikethrough});
		expect(sgrTransition(busy, pen({fg: 5}))).toBe('\u001B[0;35m');
	});
});
