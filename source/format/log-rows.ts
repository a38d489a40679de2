import type {LogLine} from '../logs/log-store.js';
import type {Severity} from './severity.js';
import {sanitize} from './sanitize.js';
import {fitLine, type Segment, type SegmentLine, type SegmentTone} from './segments.js';
import {visiblePrefix} from './truncate.js';
import {wrapText} from './wrap.js';

const severityTone: Record<Severity, SegmentTone> = {FATAL: 'bad', ERROR: 'bad', WARN: 'warn', INFO: 'info', DEBUG: 'muted'};

/** 12:00:01 in UTC: bastion hosts and CloudWatch both speak UTC. */
export function clockTime(timestamp: number): string {
	return new Date(timestamp).toISOString().slice(11, 19);
}

/** The message split into plain and highlighted pieces, by [start, end) ranges. */
export function highlightSegments(text: string, ranges: ReadonlyArray<readonly [number, number]>): Segment[] {
	const out: Segment[] = [];
	let at = 0;
	for (const [start, end] of [...ranges].sort((a, b) => a[0] - b[0])) {
		if (end <= at || start >= text.length) continue;
		const from = Math.max(start, at);
		if (from > at) out.push({text: text.slice(at, from)});
		out.push({text: text.slice(from, end), tone: 'accent', bold: true});
		at = end;
	}
	if (at < text.length) out.push({text: text.slice(at)});
	return out;
}

const leadingTimestamp = /^\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d(?:[.,]\d+)?(?:Z|[+-]\d\d:?\d\d)?\s+/;

const prefixWidth = 15; // "12:00:01 ERROR "
/** Rows one wrapped line may take (or options.maxRows, the screen's): the details view pages the rest. */
const maxWrappedRows = 100;

/**
 * The rows one log line takes: time, severity and the sanitised message, fitted to `width`; with
 * `wrap`, continuation rows are indented under the message. Highlights apply on one-row lines.
 */
export function logLineRows(
	line: LogLine,
	width: number,
	options: {wrap: boolean; highlight?: (message: string) => Array<[number, number]>; maxRows?: number},
): SegmentLine[] {
	// Most lines repeat their own ISO timestamp first; the time column already says it. Only the part
	// that can be drawn is sanitized and measured: a 256 KB message costs what an 80-column one does.
	const rows = Math.max(1, Math.min(options.maxRows ?? maxWrappedRows, maxWrappedRows));
	const visible = visiblePrefix(line.event.message, (options.wrap ? rows : 1) * width + 64);
	const message = sanitize(visible.replace(leadingTimestamp, ''));
	const severity = line.severity;
	const prefix: Segment[] = [
		{text: `${clockTime(line.event.timestamp)} `, tone: 'muted'},
		{text: `${(severity ?? '').padEnd(5)} `, tone: severity ? severityTone[severity] : undefined, bold: severity === 'FATAL'},
	];
	const room = Math.max(1, width - prefixWidth);
	if (!options.wrap || message.length <= room) {
		const body = options.highlight ? highlightSegments(message, options.highlight(message)) : [{text: message}];
		return [fitLine([...prefix, ...body], width)];
	}
	const pieces = wrapText(message, room, rows);
	return pieces.map((piece, i) => fitLine(i === 0 ? [...prefix, {text: piece}] : [{text: ' '.repeat(prefixWidth)}, {text: piece}], width));
}
