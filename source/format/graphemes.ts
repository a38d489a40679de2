// Grapheme clusters with their display widths, fast. Intl.Segmenter costs about 5 µs a grapheme on
// Node 20 and string-width about 40 µs a call, so measuring a screenful of CJK one grapheme at a
// time took a quarter of a second. Most text is made of code points that never join with what
// follows (ASCII, Latin-1, the symbols the dashboard draws, CJK ideographs, kana, Hangul
// syllables) when the next code point does not extend
// them (combining marks, ZWJ, variation selectors all lie at U+0300 and above, outside those
// ranges): those are taken one code point at a time with a known width. Anything else is handed to
// the segmenter for one cluster, and its width to string-width, cached.

import stringWidth from 'string-width';

const segmenter = new Intl.Segmenter(undefined, {granularity: 'grapheme'});

/**
 * Latin-1's printable half (not the soft hyphen), general punctuation, arrows, box drawing, block
 * elements (the sparklines) and geometric shapes: one column each (not U+25FD/U+25FE, which are
 * emoji), and none joins the code point before it. The dashboard draws these on every row.
 */
function narrowSymbol(cp: number): boolean {
	if (cp < 0x2010) return cp >= 0xa0 && cp <= 0xff && cp !== 0xad;
	return (cp <= 0x2027) || (cp >= 0x2030 && cp <= 0x205e) || (cp >= 0x2190 && cp <= 0x21ff) || (cp >= 0x2500 && cp <= 0x25ff && cp !== 0x25fd && cp !== 0x25fe);
}

/** Width of a code point that stands alone as a grapheme, or 0 when it is not such a code point. */
function simpleWidth(cp: number): 0 | 1 | 2 {
	if (cp >= 0x20 && cp < 0x7f) return 1;
	if (cp < 0x3041) return narrowSymbol(cp) ? 1 : 0;
	// Kana (without the unassigned code points and the two combining sound marks), CJK ideographs,
	// Hangul syllables, fullwidth forms: all two columns, as string-width says (checked in a test).
	if (cp <= 0x30ff) return cp >= 0x3097 && cp <= 0x309a ? 0 : 2;
	if ((cp >= 0x3400 && cp <= 0x4dbf) || (cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0xac00 && cp <= 0xd7a3) || (cp >= 0xff01 && cp <= 0xff60)) return 2;
	return 0;
}

/** Combining diacritical marks (Unicode Extend, zero width) in the BMP blocks made of nothing else. */
function isCombiningMark(unit: number): boolean {
	return (unit >= 0x300 && unit <= 0x36f) || (unit >= 0x1ab0 && unit <= 0x1aff) || (unit >= 0x1dc0 && unit <= 0x1dff) || (unit >= 0x20d0 && unit <= 0x20ff) || (unit >= 0xfe20 && unit <= 0xfe2f);
}

/** True when `cp` cannot join the code point before it into one grapheme. */
function startsGrapheme(cp: number | undefined): boolean {
	return cp === undefined || cp < 0x300 || simpleWidth(cp) !== 0;
}

const widthCache = new Map<string, number>();
const maxCached = 4096;

/** Display width of one grapheme cluster. */
export function clusterWidth(segment: string): number {
	if (segment.length === 1) {
		const w = simpleWidth(segment.charCodeAt(0));
		if (w !== 0) return w;
	}
	let width = widthCache.get(segment);
	if (width === undefined) {
		width = stringWidth(segment);
		if (widthCache.size >= maxCached) widthCache.clear();
		widthCache.set(segment, width);
	}
	return width;
}

// A cluster longer than this is cut (its marks beyond the limit become zero-width pieces): a
// letter under 100,000 combining marks is one grapheme, which would otherwise be drawn in one cell.
const maxClusterUnits = 64;
// Complex text (combining marks, emoji sequences) is segmented a chunk at a time: one segmenter
// iterator per cluster would cost more than the clusters.
const chunkUnits = 1024;

/** `segment` cut into pieces of at most maxClusterUnits, never between the halves of a surrogate pair. */
function pieces(segment: string): string[] {
	const out: string[] = [];
	let at = 0;
	while (at < segment.length) {
		let end = Math.min(segment.length, at + maxClusterUnits);
		if (end < segment.length && (segment.charCodeAt(end - 1) & 0xfc00) === 0xd800) end--;
		out.push(segment.slice(at, end));
		at = end;
	}
	return out;
}

/**
 * Calls `visit` with each grapheme of `text` and its width, in order, until it returns false.
 * Reads `text` only as far as it is visited.
 */
export function eachGrapheme(text: string, visit: (segment: string, width: number, index: number) => boolean | void): void {
	let i = 0;
	while (i < text.length) {
		const cp = text.codePointAt(i) as number;
		const size = cp > 0xffff ? 2 : 1;
		const w = simpleWidth(cp);
		if (w !== 0) {
			// A simple code point and the combining diacritics after it (always part of its cluster,
			// never wider): one grapheme as wide as the code point, when nothing else joins it.
			let end = i + size;
			while (end - i < maxClusterUnits && isCombiningMark(text.charCodeAt(end))) end++;
			if (startsGrapheme(text.codePointAt(end)) || end - i >= maxClusterUnits) {
				if (visit(text.slice(i, end), w, i) === false) return;
				i = end;
				continue;
			}
		}
		// A run of complex text: segment a chunk, visit its clusters until simple text resumes.
		let end = Math.min(text.length, i + chunkUnits);
		if (end < text.length && (text.charCodeAt(end - 1) & 0xfc00) === 0xd800) end--;
		const chunk = text.slice(i, end);
		const start = i;
		for (const {segment, index} of segmenter.segment(chunk)) {
			// The chunk's last cluster may continue past it: segment again from there.
			if (index > 0 && start + index + segment.length === end && end < text.length) break;
			const parts = segment.length > maxClusterUnits ? pieces(segment) : [segment];
			let at = start + index;
			for (const [k, part] of parts.entries()) {
				if (visit(part, k === 0 ? clusterWidth(part) : 0, at) === false) return;
				at += part.length;
			}
			i = start + index + segment.length;
			// Back to the fast path only where it applies: a simple code point nothing extends.
			const next = text.codePointAt(i);
			if (next !== undefined && simpleWidth(next) !== 0 && startsGrapheme(text.codePointAt(i + (next > 0xffff ? 2 : 1)))) break;
		}
	}
}
/** Display width of `text`, grapheme by grapheme. */
export function graphemeWidth(text: string): number {
	let width = 0;
	eachGrapheme(text, (_segment, w) => {
		width += w;
	});
	return width;
}
