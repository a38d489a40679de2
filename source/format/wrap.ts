// Word-wrapping sanitized text into lines of a display width, for the few places that show a long
// string whole (an alarm's reason, a task's stopped reason).

import stringWidth from 'string-width';
import {truncate} from './truncate.js';

const segmenter = new Intl.Segmenter(undefined, {granularity: 'grapheme'});

/** Splits a word wider than `width` into pieces that fit, between graphemes. */
function breakWord(word: string, width: number): string[] {
	const pieces: string[] = [];
	let piece = '';
	for (const {segment} of segmenter.segment(word)) {
		if (stringWidth(piece + segment) > width && piece !== '') {
			pieces.push(piece);
			piece = '';
		}
		piece += segment;
	}
	if (piece !== '') pieces.push(piece);
	return pieces;
}

/**
 * Lines of at most `width` columns, broken at spaces, long words broken anywhere. With
 * `maxLines`, the last line kept ends with `…` when text was left out. Feed it sanitized text.
 */
export function wrapText(text: string, width: number, maxLines = Infinity): string[] {
	if (!Number.isInteger(width) || width < 1) throw new RangeError(`wrapText: width must be a positive integer, got ${String(width)}`);
	const lines: string[] = [];
	let line = '';
	for (const word of text.split(/ +/).filter(w => w !== '')) {
		const candidate = line === '' ? word : `${line} ${word}`;
		if (stringWidth(candidate) <= width) {
			line = candidate;
			continue;
		}
		if (line !== '') lines.push(line);
		const pieces = breakWord(word, width);
		line = pieces.pop() ?? '';
		lines.push(...pieces);
	}
	if (line !== '') lines.push(line);
	if (lines.length > maxLines) {
		const kept = lines.slice(0, maxLines);
		const last = kept.length - 1;
		const end = kept[last];
		if (end !== undefined) kept[last] = truncate(`${end}…`, width);
		return kept;
	}
	return lines;
}
