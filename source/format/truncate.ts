// Fitting text into columns by display width, not by UTF-16 length: a CJK character or most emoji
// take two columns, a combining accent none. Cuts happen between grapheme clusters, so an emoji
// sequence or an accented letter is never split in half. Feed these sanitized text: the width of
// a control character is meaningless.

import stringWidth from 'string-width';

export const ellipsis = '…';

const printableAscii = /^[\x20-\x7e]*$/;
const segmenter = new Intl.Segmenter(undefined, {granularity: 'grapheme'});

/** Columns `text` takes; plain ASCII (most of what is drawn) is counted without string-width. */
export function displayWidth(text: string): number {
	return printableAscii.test(text) ? text.length : stringWidth(text);
}

function checkWidth(width: number, fn: string): number {
	if (!Number.isFinite(width)) throw new RangeError(`${fn}: width must be a finite number, got ${String(width)}`);
	return Math.max(0, Math.floor(width));
}

/** The longest prefix of `text` (whole graphemes) at most `width` columns wide. */
function takeColumns(text: string, width: number): string {
	let used = 0;
	let end = 0;
	for (const {segment, index} of segmenter.segment(text)) {
		const w = stringWidth(segment);
		if (used + w > width) break;
		used += w;
		end = index + segment.length;
	}
	return text.slice(0, end);
}

/**
 * `text` unchanged when it fits in `width` columns, else cut and ended with `…` so the result is
 * at most `width` columns (one less when a wide character would straddle the edge).
 */
export function truncate(text: string, width: number): string {
	const w = checkWidth(width, 'truncate');
	if (w === 0) return '';
	if (printableAscii.test(text)) return text.length <= w ? text : text.slice(0, w - 1) + ellipsis;
	if (stringWidth(text) <= w) return text;
	return takeColumns(text, w - 1) + ellipsis;
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
