import {shortTaskId, type StreamSource} from '../discovery/stream-source.js';
import type {LogLine} from '../logs/log-store.js';
import type {Severity} from './severity.js';
import {sanitize} from './sanitize.js';
import {fitLine, type Segment, type SegmentLine, type SegmentTone} from './segments.js';
import {padEnd, truncate} from './truncate.js';
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

const basePrefixWidth = 15; // "12:00:01 ERROR "

/**
 * What the source column says for a line: the service (and the short task id where there is
 * room), or, when the stream maps to no service, the stream name itself, cut to the column.
 */
export function sourceLabel(source: StreamSource | undefined, logStream: string, width: number, shorten: (service: string) => string = s => s): string {
	if (width <= 0) return '';
	const service = source ? shorten(source.service) : '';
	const text = source ? (source.taskId && width >= service.length + 9 ? `${service} ${shortTaskId(source.taskId)}` : service) : logStream;
	return truncate(sanitize(text), width);
}

/** The detail view's "service writer · container app · task 0123abcd · revision writer:7". */
export function detailSource(source: StreamSource | undefined): string {
	if (!source) return '(stream of no known service)';
	const parts = [`service ${source.service}`];
	if (source.container) parts.push(`container ${source.container}`);
	if (source.taskId) parts.push(`task ${shortTaskId(source.taskId)}`);
	if (source.revision) parts.push(`revision ${source.revision}`);
	return sanitize(parts.join(' · '));
}

/** The source column's width: the longest (short) service name, up to 20, and a short task id when wide. */
export function sourceColumnWidth(services: readonly string[], width: number): number {
	if (services.length === 0 || width < 70) return 0;
	const longest = Math.min(20, Math.max(...services.map(s => sanitize(s).length)));
	return width >= 110 ? longest + 9 : longest;
}

/**
 * The rows one log line takes: time, severity and the sanitised message, fitted to `width`; with
 * `wrap`, continuation rows are indented under the message. Highlights apply on one-row lines.
 */
export function logLineRows(
	line: LogLine,
	width: number,
	options: {wrap: boolean; highlight?: (message: string) => Array<[number, number]>; source?: {label: string; width: number}},
): SegmentLine[] {
	// Most lines repeat their own ISO timestamp first; the time column already says it.
	const message = sanitize(line.event.message.replace(leadingTimestamp, ''));
	const severity = line.severity;
	const prefix: Segment[] = [
		{text: `${clockTime(line.event.timestamp)} `, tone: 'muted'},
		{text: `${(severity ?? '').padEnd(5)} `, tone: severity ? severityTone[severity] : undefined, bold: severity === 'FATAL'},
		...(options.source && options.source.width > 0 ? [{text: `${padEnd(options.source.label, options.source.width)} `, tone: 'accent' as const}] : []),
	];
	const prefixWidth = basePrefixWidth + (options.source && options.source.width > 0 ? options.source.width + 1 : 0);
	const room = Math.max(1, width - prefixWidth);
	if (!options.wrap || message.length <= room) {
		const body = options.highlight ? highlightSegments(message, options.highlight(message)) : [{text: message}];
		return [fitLine([...prefix, ...body], width)];
	}
	const pieces = wrapText(message, room);
	return pieces.map((piece, i) => fitLine(i === 0 ? [...prefix, {text: piece}] : [{text: ' '.repeat(prefixWidth)}, {text: piece}], width));
}
