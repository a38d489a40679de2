import {shortTaskId, type StreamMapper, type StreamSource} from '../discovery/stream-source.js';
import type {LogLine} from '../logs/log-store.js';
import {parseJsonTail} from './json.js';
import type {Severity} from './severity.js';
import {sanitize} from './sanitize.js';
import {fitLine, type Segment, type SegmentLine, type SegmentTone} from './segments.js';
import {padEnd, truncate, visiblePrefix} from './truncate.js';
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

// The message as a line shows it, worked out once per line (the view redraws often): the leading
// timestamp and level word dropped (the columns say them), a JSON line shown as its message field.
const shownText = new WeakMap<LogLine, string>();

/** Columns of a message the list can show: more than maxWrappedRows rows of any terminal. */
const shownColumns = 8000;

/** Above this a JSON line is shown as it is: parsing it at every new line would cost too much. */
const maxJsonLength = 16_384;

const leadingLevel = /^\[?(FATAL|CRITICAL|ERROR|ERR|WARN|WARNING|INFO|DEBUG|TRACE)\]?:?\s+/i;

function jsonMessage(message: string): string | undefined {
	if (message.length > maxJsonLength || !message.trimStart().startsWith('{')) return undefined;
	const tail = parseJsonTail(message);
	if (!tail || tail.prefix !== '') return undefined;
	const text = tail.value.message ?? tail.value.msg ?? tail.value.event;
	if (typeof text !== 'string' || text === '') return undefined;
	const logger = tail.value.logger ?? tail.value.name;
	return typeof logger === 'string' && logger !== '' ? `${logger}: ${text}` : text;
}

/** What the message column shows for a line: once per line, then from the cache. */
export function shownMessage(line: LogLine): string {
	const hit = shownText.get(line);
	if (hit !== undefined) return hit;
	// Only the part that can ever be drawn in the list is sanitized and kept: a 256 KB message costs
	// what a few screens of text do (the details view pages the whole message from the event).
	const raw = visiblePrefix(line.event.message, shownColumns).replace(leadingTimestamp, '');
	let text = jsonMessage(raw) ?? raw;
	const level = leadingLevel.exec(text);
	if (level && line.severity && severityWord(level[1]!) === line.severity) text = text.slice(level[0].length);
	const shown = sanitize(text);
	shownText.set(line, shown);
	return shown;
}

function severityWord(word: string): Severity | undefined {
	const upper = word.toUpperCase();
	if (upper === 'CRITICAL') return 'FATAL';
	if (upper === 'ERR') return 'ERROR';
	if (upper === 'WARNING') return 'WARN';
	if (upper === 'TRACE') return 'DEBUG';
	return upper as Severity;
}

const leadingTimestamp = /^\d{4}-\d\d-\d\d[T ]\d\d:\d\d:\d\d(?:[.,]\d+)?(?:Z|[+-]\d\d:?\d\d)?\s+/;

const basePrefixWidth = 15; // "12:00:01 ERROR ", or "12:00:01↑ERROR " for a late line

/** After the time of a line that arrived late, in the place of the space. */
export const lateMarker = '↑';
/** Rows one wrapped line may take (or options.maxRows, the screen's): the details view pages the rest. */
const maxWrappedRows = 100;

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

export type SourceColumn = {width: number; of(line: LogLine): {label: string; width: number} | undefined};

/**
 * The source column of a log view: as wide as the environment's (short) service names need, each
 * line labelled by where its stream came from. Shared by the logs screen and the overview's tail.
 */
export function sourceColumn(options: {services: readonly string[]; width: number; shorten: (service: string) => string; sourceOf: StreamMapper}): SourceColumn {
	const width = sourceColumnWidth(options.services.map(options.shorten), options.width);
	return {
		width,
		of: line => (width > 0 ? {label: sourceLabel(options.sourceOf(line.event.logGroup, line.event.logStream), line.event.logStream, width, options.shorten), width} : undefined),
	};
}

const oneRowCache = new WeakMap<LogLine, {width: number; source?: {label: string; width: number}; row: SegmentLine}>();

/**
 * logLineRows(line, width, {wrap: false, source})[0], the same array while the line, the width and
 * the source column stay the same: a memoised row then skips its render (the overview's error tail
 * redraws only the lines that are new).
 */
export function logLineRow(line: LogLine, width: number, source?: {label: string; width: number}): SegmentLine {
	const hit = oneRowCache.get(line);
	if (hit && hit.width === width && hit.source?.label === source?.label && hit.source?.width === source?.width) return hit.row;
	const row = logLineRows(line, width, {wrap: false, source})[0] ?? [];
	oneRowCache.set(line, {width, source, row});
	return row;
}

/**
 * The rows one log line takes: time, severity and the sanitised message, fitted to `width`; with
 * `wrap`, continuation rows are indented under the message. Highlights apply on one-row lines.
 */
export function logLineRows(
	line: LogLine,
	width: number,
	options: {wrap: boolean; highlight?: (message: string) => Array<[number, number]>; source?: {label: string; width: number}; maxRows?: number},
): SegmentLine[] {
	const message = shownMessage(line);
	const rows = Math.max(1, Math.min(options.maxRows ?? maxWrappedRows, maxWrappedRows));
	const severity = line.severity;
	// Colour by level: the message too, for the lines an engineer is looking for.
	const messageTone: SegmentTone | undefined = severity === 'FATAL' || severity === 'ERROR' ? 'bad' : severity === 'WARN' ? 'warn' : undefined;
	const prefix: Segment[] = [
		{text: clockTime(line.event.timestamp), tone: 'muted'},
		// A line that reached CloudWatch late was laid in above lines already shown: ↑ says so.
		line.late ? {text: lateMarker, tone: 'warn'} : {text: ' '},
		{text: `${(severity ?? '').padEnd(5)} `, tone: severity ? severityTone[severity] : undefined, bold: severity === 'FATAL'},
		...(options.source && options.source.width > 0 ? [{text: `${padEnd(options.source.label, options.source.width)} `, tone: 'accent' as const}] : []),
	];
	const prefixWidth = basePrefixWidth + (options.source && options.source.width > 0 ? options.source.width + 1 : 0);
	const room = Math.max(1, width - prefixWidth);
	if (!options.wrap || message.length <= room) {
		const body = options.highlight ? highlightSegments(message, options.highlight(message)) : [{text: message, tone: messageTone}];
		return [fitLine([...prefix, ...body], width)];
	}
	const pieces = wrapText(message, room, rows);
	return pieces.map((piece, i) => fitLine(i === 0 ? [...prefix, {text: piece, tone: messageTone}] : [{text: ' '.repeat(prefixWidth)}, {text: piece, tone: messageTone}], width));
}
