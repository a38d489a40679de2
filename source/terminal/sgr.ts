// Select Graphic Rendition: the shortest escape that takes the terminal's pen from one state to
// another. Pure; the diff calls it once per change of pen while painting a run of cells.
import {DEFAULT_COLOR, RGB_COLOR, Style, type Colour, type Pen} from './cells.js';

// [flag, code that sets it, code that clears it]. Bold and dim share their reset (22).
const TOGGLES: ReadonlyArray<readonly [number, string, string]> = [
	[Style.italic, '3', '23'],
	[Style.underline, '4', '24'],
	[Style.blink, '5', '25'],
	[Style.inverse, '7', '27'],
	[Style.invisible, '8', '28'],
	[Style.strikethrough, '9', '29'],
	[Style.overline, '53', '55'],
];

function colourParams(colour: Colour, layer: 'fg' | 'bg'): string {
	const base = layer === 'fg' ? 30 : 40;
	if (colour === DEFAULT_COLOR) {
		return String(base + 9);
	}

	if (colour >= RGB_COLOR) {
		const rgb = colour - RGB_COLOR;
		return `${base + 8};2;${(rgb >> 16) & 0xff};${(rgb >> 8) & 0xff};${rgb & 0xff}`;
	}

	if (colour < 8) {
		return String(base + colour);
	}

	// 90-97 / 100-107 are the bright halves of the 16-colour palette.
	return colour < 16 ? String(base + 60 + colour - 8) : `${base + 8};5;${colour}`;
}

function setStyle(params: string[], style: number): void {
	if (style & Style.bold) params.push('1');
	if (style & Style.dim) params.push('2');
	for (const [flag, on] of TOGGLES) {
		if (style & flag) params.push(on);
	}
}

function incremental(from: Pen, to: Pen): string[] {
	const params: string[] = [];
	const removed = from.style & ~to.style;
	const boldDim = Style.bold | Style.dim;
	if (removed & boldDim) {
		// 22 clears both, so whichever of the two should stay is set again.
		params.push('22');
		setStyle(params, to.style & boldDim);
	} else {
		setStyle(params, to.style & ~from.style & boldDim);
	}

	for (const [flag, on, off] of TOGGLES) {
		if (removed & flag) params.push(off);
		else if (to.style & ~from.style & flag) params.push(on);
	}

	if (from.fg !== to.fg) params.push(colourParams(to.fg, 'fg'));
	if (from.bg !== to.bg) params.push(colourParams(to.bg, 'bg'));
	return params;
}

function fromReset(to: Pen): string[] {
	const params = ['0'];
	setStyle(params, to.style);
	if (to.fg !== DEFAULT_COLOR) params.push(colourParams(to.fg, 'fg'));
	if (to.bg !== DEFAULT_COLOR) params.push(colourParams(to.bg, 'bg'));
	return params;
}

/** The shortest SGR sequence from pen `from` to pen `to`; '' when they are the same. */
export function sgrTransition(from: Pen, to: Pen): string {
	if (from.fg === to.fg && from.bg === to.bg && from.style === to.style) {
		return '';
	}

	const reset = fromReset(to);
	if (reset.length === 1) {
		return '\u001B[m';
	}

	const a = `\u001B[${incremental(from, to).join(';')}m`;
	const b = `\u001B[${reset.join(';')}m`;
	return a.length <= b.length ? a : b;
}
