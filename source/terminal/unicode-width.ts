// Character widths for the screen model. xterm's built-in tables (Unicode 6) disagree with Ink,
// which lays text out with string-width: '✅' is one column to xterm and two to Ink, so the model
// would place everything after it one column off from what Ink meant and from what a modern
// terminal shows. This provider gives xterm Ink's widths, per grapheme cluster where that matters
// (emoji with VS16 or skin tones, ZWJ sequences, flags, combining marks).
import {createRequire} from 'node:module';
import {pathToFileURL} from 'node:url';
import type {IUnicodeVersionProvider, Terminal} from '@xterm/headless';

type StringWidth = (text: string) => number;

/** Ink's own copy of string-width (8.x), which differs from the project's 7.x (e.g. on '⚠'). */
async function loadInkStringWidth(): Promise<StringWidth> {
	try {
		const require = createRequire(import.meta.url);
		const fromInk = createRequire(require.resolve('ink'));
		const module = (await import(pathToFileURL(fromInk.resolve('string-width')).href)) as {default: StringWidth};
		return module.default;
	} catch {
		// Ink's copy could not be located (a different install layout): the project's copy agrees on
		// everything but a few text-presentation symbols.
		const module = await import('string-width');
		return module.default;
	}
}

/** Column width of `text` as Ink measures it. */
export const inkStringWidth: StringWidth = await loadInkStringWidth();
const stringWidth = inkStringWidth;

export const UNICODE_VERSION = 'ink-string-width';

const ZWJ = 0x20_0d;
const VS16 = 0xfe_0f;
// The 24-bit join state xterm carries from one code point to the next: the cluster's base code
// point (21 bits) and two flags.
const AFTER_ZWJ = 1 << 21;
const OPEN_FLAG = 1 << 22; // a regional indicator waiting for its pair
const CODE_POINT = 0x1f_ff_ff;

const pictographic = /\p{Extended_Pictographic}/u;
const emojiModifier = /\p{Emoji_Modifier}/u;
const regionalIndicator = /\p{Regional_Indicator}/u;

// xterm's encoding of a character's properties (UnicodeService.createPropertyValue).
function properties(state: number, width: number, join: boolean): number {
	return ((state & 0xff_ff_ff) << 3) | ((width & 3) << 1) | (join ? 1 : 0);
}

const widths = new Map<number, 0 | 1 | 2>();
function codePointWidth(codePoint: number): 0 | 1 | 2 {
	if (codePoint >= 0x20 && codePoint < 0x7f) {
		return 1;
	}

	let width = widths.get(codePoint);
	if (width === undefined) {
		width = Math.min(2, Math.max(0, stringWidth(String.fromCodePoint(codePoint)))) as 0 | 1 | 2;
		widths.set(codePoint, width);
	}

	return width;
}

const presentationWidths = new Map<number, number>();
function emojiPresentationWidth(base: number): number {
	let width = presentationWidths.get(base);
	if (width === undefined) {
		width = stringWidth(String.fromCodePoint(base, VS16));
		presentationWidths.set(base, width);
	}

	return width;
}

function is(pattern: RegExp, codePoint: number): boolean {
	return pattern.test(String.fromCodePoint(codePoint));
}

export const inkWidthProvider: IUnicodeVersionProvider = {
	version: UNICODE_VERSION,
	wcwidth: codePointWidth,
	charProperties(codePoint: number, preceding: number): number {
		const width = codePointWidth(codePoint);
		const previousWidth = (preceding >> 1) & 3;
		const state = preceding >>> 3;
		const base = state & CODE_POINT;
		// Like xterm's own provider, never join onto nothing or onto a zero-width cell.
		if (preceding !== 0 && previousWidth !== 0 && codePoint >= 0x80) {
			if (codePoint === ZWJ) {
				return properties(base | AFTER_ZWJ, previousWidth, true);
			}

			if ((state & AFTER_ZWJ) !== 0 && is(pictographic, codePoint)) {
				return properties(base, Math.max(previousWidth, 2), true);
			}

			if (codePoint === VS16) {
				return properties(base, Math.max(previousWidth, emojiPresentationWidth(base)), true);
			}

			if (is(emojiModifier, codePoint) && is(pictographic, base)) {
				return properties(base, Math.max(previousWidth, 2), true);
			}

			if ((state & OPEN_FLAG) !== 0 && is(regionalIndicator, codePoint)) {
				return properties(base, 2, true);
			}

			if (width === 0) {
				return properties(state, previousWidth, true);
			}
		}

		const flag = codePoint >= 0x80 && is(regionalIndicator, codePoint) ? OPEN_FLAG : 0;
		return properties(codePoint | flag, width, false);
	},
};

/** Make `terminal` measure characters the way Ink does (needs allowProposedApi). */
export function measureLikeInk(terminal: Terminal): void {
	if (!terminal.unicode.versions.includes(UNICODE_VERSION)) {
		terminal.unicode.register(inkWidthProvider);
	}

	terminal.unicode.activeVersion = UNICODE_VERSION;
}
