// Fitting text into columns by display width, not by UTF-16 length: a CJK character or most emoji
// take two columns, a combining accent none. Cuts happen between grapheme clusters, so an emoji
// sequence or an accented letter is never split in half. Feed these sanitized text: the width of
// a control character is meaningless.
//
// Work is bounded by the columns asked for, not by the text: a log message can be 256 KB of CJK
// or combining marks, and measuring all of it for an 80-column row froze the app. Only a prefix
// that can hold the visible columns is ever looked at (see prefixBound).

import {eachGrapheme, graphemeWidth} from './graphemes.js';

export const ellipsis = '…';

const printableAscii = /^[\x20-\x7e]*$/;

/** Columns `text` takes; plain ASCII (most of what is drawn) is counted without string-width. */
export function displayWidth(text: string): number {
	return printableAscii.test(text) ? text.length : graphemeWidth(text);
}

// Code units a prefix may need per visible column: an emoji ZWJ sequence takes 11 for 2 columns, a
// flag 4, a stack of combining marks a few. A text longer than this bound for `columns` is taken
// to be wider than `columns`; what lies past it would never be visible, so it is never measured.
const unitsPerColumn = 8;
const slackUnits = 64;

/** The most code units of a text that `columns` visible columns can hold. */
export function prefixBound(columns: number): number {
	return Math.max(0, Math.floor(columns)) * unitsPerColumn + slackUnits;
}

/** The part of `text` that can be visible in `columns` columns: the text itself when it is short. */
export function visiblePrefix(text: string, columns: number): string {
	const bound = prefixBound(columns);
	return text.length <= bound ? text : text.slice(0, bound);
}

/** `text`'s width when it is at most `max` columns, else Infinity; costs at most prefixBound(max). */
export function widthUpTo(text: string, max: number): number {
	if (text.length > prefixBound(max)) return Number.POSITIVE_INFINITY;
	const width = displayWidth(text);
	return width <= max ? width : Number.POSITIVE_INFINITY;
}

function checkWidth(width: number, fn: string): number {
	if (!Number.isFinite(width)) throw new RangeError(`${fn}: width must be a finite number, got ${String(width)}`);
	return Math.max(0, Math.floor(width));
}

/** The longest prefix of `text` (whole graphemes) at most `width` columns wide. */
function takeColumns(text: string, width: number): string {
	let used = 0;
	let end = 0;
	eachGrapheme(text, (segment, w, index) => {
		if (used + w > width) return false;
		used += w;
		end = index + segment.length;
		return true;
	});
	return text.slice(0, end);
}

/**
 * `text` unchanged when it fits in `width` columns, else cut and ended with `…` so the result is
 * at most `width` columns (one less when a wide character would straddle the edge).
 */
export function truncate(text: string, width: number): string {
	const w = checkWidth(width, 'truncate');
	if (w === 0) return '';
	const head = visiblePrefix(text, w);
	if (printableAscii.test(head)) return text.length <= w ? text : head.slice(0, w - 1) + ellipsis;
	if (head === text && graphemeWidth(text) <= w) return text;
	return takeColumns(head, w - 1) + ellipsis;
}

/** Exactly `width` columns: truncated with `…` when too long, padded with spaces when short. */
export function padEnd(text: string, width: number): string {
	const w = checkWidth(width, 'padEnd');
	const cut = truncate(text, w);
	return cut + ' '.repeat(Math.max(0, w - displayWidth(cut)));
}

/** Exactly `width` columns, right-aligned (numbers in tables). */
export function padStart(text: string, width: number): string {
	const w = checkWidth(width, 'padStart');
	const cut = truncate(text, w);
	return ' '.repeat(Math.max(0, w - displayWidth(cut))) + cut;
}
