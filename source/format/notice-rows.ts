import {clockTime} from './log-rows.js';
import {sanitize} from './sanitize.js';
import type {SegmentLine} from './segments.js';

/** One notice as a row: its time, how serious it is, and its text (sanitized: it may quote AWS). */
export function noticeRow(notice: {text: string; tone: 'info' | 'warn' | 'error'; at: number}): SegmentLine {
	const tone = notice.tone === 'error' ? 'bad' : notice.tone === 'warn' ? 'warn' : 'muted';
	return [
		{text: `${clockTime(notice.at)} `, tone: 'muted'},
		{text: `${notice.tone.toUpperCase().padEnd(5)} `, tone},
		{text: sanitize(notice.text)},
	];
}

/** "3 notices", for the header; nothing when there are none. */
export function noticeCount(count: number): string {
	return count === 0 ? '' : `${count} notice${count === 1 ? '' : 's'} (:notices)`;
}
