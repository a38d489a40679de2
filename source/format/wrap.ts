// Word-wrapping sanitized text into lines of a display width, for the places that show a long
// string whole (an alarm's reason, a task's stopped reason, a log line in wrap or detail view).
//
// One pass over the graphemes, each measured once, stopping as soon as the lines asked for are
// full: the cost is linear in what is produced, never in the text's length (a 256 KB log line
// without a space, wrapped for one screen, is read only as far as that screen). The old way
// measured the growing piece at each grapheme, quadratic in the width, over the whole text.

import {eachGrapheme} from './graphemes.js';
import {prefixBound, truncate} from './truncate.js';

/**
 * Lines of at most `width` columns, broken at spaces, long words broken anywhere. With
 * `maxLines`, the last line kept ends with `…` when text was left out. Feed it sanitized text.
 */
export function wrapText(text: string, width: number, maxLines = Infinity): string[] {
	if (!Number.isInteger(width) || width < 1) throw new RangeError(`wrapText: width must be a positive integer, got ${String(width)}`);
	// Only the part that can fill maxLines (and one more, to know text was left out) is read.
	const source = Number.isFinite(maxLines) ? text.slice(0, prefixBound(width * (maxLines + 1))) : text;
	const lines: string[] = [];
	let line = '';
	let lineWidth = 0;
	let word = '';
	let wordWidth = 0;
	const enough = () => lines.length > maxLines;

	const endWord = () => {
		if (word === '') return;
		if (line === '') {
			line = word;
			lineWidth = wordWidth;
		} else if (lineWidth + 1 + wordWidth <= width) {
			line = `${line} ${word}`;
			lineWidth += 1 + wordWidth;
		} else {
			lines.push(line);
			line = word;
			lineWidth = wordWidth;
		}
		word = '';
		wordWidth = 0;
	};

	eachGrapheme(source, (segment, w) => {
		if (enough()) return false;
		if (segment === ' ') {
			endWord();
			return true;
		}
		if (wordWidth + w > width && word !== '') {
			// A word wider than a line: what the line holds goes first, then the word in pieces.
			if (line !== '') {
				lines.push(line);
				line = '';
				lineWidth = 0;
			}
			lines.push(word);
			word = '';
			wordWidth = 0;
		}
		word += segment;
		wordWidth += w;
		return true;
	});
	if (!enough()) {
		endWord();
		if (line !== '') lines.push(line);
	}
	const cut = lines.length > maxLines || source.length < text.length;
	if (cut && Number.isFinite(maxLines) && lines.length >= maxLines) {
		const kept = lines.slice(0, maxLines);
		const last = kept.length - 1;
		const end = kept[last];
		if (end !== undefined) kept[last] = truncate(`${end}…`, width);
		return kept;
	}
	return lines;
}

/**
 * Lines `start` to `start + count` of the wrapped lines of `lines` (each sanitized, wrapped to
 * `width`), and whether any follow: a page of a long text, at the cost of the lines up to it.
 */
export function wrappedPage(lines: Iterable<string>, width: number, start: number, count: number): {lines: string[]; more: boolean} {
	const out: string[] = [];
	let seen = 0;
	const need = start + count;
	for (const line of lines) {
		// One more than needed tells whether anything follows the page.
		const wrapped = wrapText(line === '' ? ' ' : line, width, need - seen + 1);
		for (const piece of wrapped) {
			if (seen >= start && out.length < count) out.push(piece);
			seen++;
			if (seen > need) return {lines: out, more: true};
		}
	}
	return {lines: out, more: seen > need};
}
