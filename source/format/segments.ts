// A drawn line as coloured pieces: the pure formatters build these, one small component draws them.
// Tones name meaning, not colours (components/theme.ts maps them, and drops them under NO_COLOR).

import {displayWidth, padEnd, truncate, widthUpTo} from './truncate.js';

export type SegmentTone = 'ok' | 'warn' | 'bad' | 'muted' | 'accent' | 'info';

export type Segment = {text: string; tone?: SegmentTone; bold?: boolean};

export type SegmentLine = Segment[];

export function lineWidth(line: readonly Segment[]): number {
	return line.reduce((sum, s) => sum + displayWidth(s.text), 0);
}

/** Exactly `width` columns: later segments are cut (the last one cut ends with `…`), the line padded. */
export function fitLine(line: readonly Segment[], width: number): SegmentLine {
	const out: SegmentLine = [];
	let used = 0;
	for (const segment of line) {
		const room = width - used;
		if (room <= 0) break;
		// Measured only as far as the room: a 256 KB segment costs no more than a short one.
		const w = widthUpTo(segment.text, room);
		if (w <= room) {
			out.push(segment);
			used += w;
			continue;
		}
		const cut = truncate(segment.text, room);
		out.push({...segment, text: cut});
		used += displayWidth(cut);
		break;
	}
	if (used < width) out.push({text: ' '.repeat(width - used)});
	return out;
}

/** A line of plain text fitted to `width`. */
export function textLine(text: string, width: number, style: Omit<Segment, 'text'> = {}): SegmentLine {
	return [{...style, text: padEnd(text, width)}];
}

export function blankLine(width: number): SegmentLine {
	return [{text: ' '.repeat(Math.max(0, width))}];
}

/** Places lines side by side: each left line fitted to `leftWidth`, then `gap` spaces, then the right one. */
export function besideLines(left: readonly SegmentLine[], leftWidth: number, right: readonly SegmentLine[], rightWidth: number, gap = 1): SegmentLine[] {
	const rows = Math.max(left.length, right.length);
	const out: SegmentLine[] = [];
	for (let i = 0; i < rows; i++) {
		out.push([...fitLine(left[i] ?? [], leftWidth), {text: ' '.repeat(gap)}, ...fitLine(right[i] ?? [], rightWidth)]);
	}
	return out;
}
