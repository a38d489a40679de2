import {formatAge} from './durations.js';
import type {Segment, SegmentLine, SegmentTone} from './segments.js';
import type {TimeRange} from '../port/types.js';

// The x axis under a chart: how long ago its left edge, middle and right edge are ("-1h",
// "-30m", "now"), and a ▲ under the column where a deployment started, so a change in the line
// can be read against the deploy that caused it.

export const deployMarker = '▲';
const axisTone: SegmentTone = 'muted';
const markerTone: SegmentTone = 'warn';

/** The plot column of time `t` in `range` over `columns` columns; undefined outside it. */
export function columnOf(t: number, range: TimeRange, columns: number): number | undefined {
	if (columns <= 0 || !(t >= range.start && t <= range.end) || range.end <= range.start) return undefined;
	return Math.min(columns - 1, Math.floor(((t - range.start) / (range.end - range.start)) * columns));
}

/** "-1h": how far before the range's end a time is. */
export function agoLabel(ms: number): string {
	return ms <= 0 ? 'now' : `-${formatAge(ms)}`;
}

/**
 * One line, `indent + columns` wide: the labels at the plot's left edge, middle and right edge where
 * they fit without touching, and a deploy marker in each marked column (markers win over labels).
 */
export function timeAxisLine(range: TimeRange, columns: number, indent: number, markers: readonly number[] = []): SegmentLine {
	const cells: Array<{char: string; tone: SegmentTone}> = Array.from({length: columns}, () => ({char: ' ', tone: axisTone}));
	const put = (text: string, at: number) => {
		const start = Math.max(0, Math.min(columns - text.length, at));
		if (start < 0 || start + text.length > columns) return;
		// Labels keep a blank between them.
		for (let i = Math.max(0, start - 1); i < Math.min(columns, start + text.length + 1); i++) if (cells[i]!.char !== ' ') return;
		for (let i = 0; i < text.length; i++) cells[start + i] = {char: text[i]!, tone: axisTone};
	};
	const span = range.end - range.start;
	put('now', columns - 3);
	put(agoLabel(span), 0);
	if (columns >= 24) put(agoLabel(span / 2), Math.floor(columns / 2) - 2);
	for (const t of markers) {
		const x = columnOf(t, range, columns);
		if (x !== undefined) cells[x] = {char: deployMarker, tone: markerTone};
	}
	const segments: Segment[] = [{text: ' '.repeat(indent)}];
	for (const cell of cells) {
		const last = segments[segments.length - 1]!;
		if (last.tone === cell.tone) last.text += cell.char;
		else segments.push({text: cell.char, tone: cell.tone});
	}
	return segments;
}
