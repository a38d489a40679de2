// The alarms table and the detail of one alarm (full reason, configuration, history).

import type {Alarm, AlarmHistoryItem, AlarmState} from '../port/types.js';
import {thresholdText} from './alarm-thresholds.js';
import {formatAge, formatDuration} from './durations.js';
import {sanitize} from './sanitize.js';
import {textLine, type Segment, type SegmentLine, type SegmentTone} from './segments.js';
import {padEnd} from './truncate.js';
import {wrapText} from './wrap.js';

export function stateTone(state: AlarmState): SegmentTone {
	return state === 'ALARM' ? 'bad' : state === 'OK' ? 'ok' : 'warn';
}

/** INSUFFICIENT_DATA does not fit a column: "NO DATA" says the same. */
export function stateLabel(state: AlarmState): string {
	// A state this build does not know is shown, sanitized: it came from the backend.
	return state === 'INSUFFICIENT_DATA' ? 'NO DATA' : sanitize(state);
}

/** Shortens a service name for a narrow column (acso-production-supervisor -> supervisor). */
export type Shorten = (serviceName: string) => string;

/** What the alarm watches: "MemoryUtilization supervisor"; a composite alarm says so. */
export function alarmMetric(alarm: Alarm, shorten: Shorten = s => s): string {
	if (alarm.kind === 'composite') return 'composite';
	const service = alarm.dimensions.ServiceName;
	const subject = service !== undefined ? shorten(service) : (alarm.dimensions.DBInstanceIdentifier ?? Object.values(alarm.dimensions)[0]);
	return subject ? `${alarm.metricName} ${subject}` : alarm.metricName;
}

export function alarmThreshold(alarm: Alarm): string {
	return alarm.kind === 'composite' ? 'rule' : thresholdText(alarm);
}

export type AlarmLayout = {nameWidth: number; metricWidth: number; whyWidth: number; reasonWidth: number};

/** An alarm as the environment's alarm list holds it: with why it belongs, where known. */
export type ShownAlarm = Alarm & {why?: string};

const col = {state: 7, threshold: 10, since: 8};

/**
 * Column widths for a table `width` wide. The name matters most, then what the alarm watches,
 * then its reason, which gets what is left (the detail shows it whole): each of the first two is
 * as wide as its longest value in `alarms`, within limits.
 */
export function alarmLayout(width: number, alarms: readonly ShownAlarm[] = [], shorten?: Shorten): AlarmLayout {
	const rest = Math.max(0, width - col.state - col.threshold - col.since - 5);
	const longest = (texts: string[], fallback: number) => (texts.length > 0 ? Math.max(...texts.map(t => sanitize(t).length)) : fallback);
	const wantName = Math.min(32, Math.max(8, longest(alarms.map(a => a.name), 24)));
	const wantMetric = Math.min(36, Math.max(8, longest(alarms.map(a => alarmMetric(a, shorten)), 28)));
	const nameWidth = Math.max(8, Math.min(wantName, rest - 8));
	const metricWidth = Math.max(8, Math.min(wantMetric, rest - nameWidth));
	// Why an alarm belongs comes after what it watches; on a narrow terminal the detail says it.
	const whys = alarms.flatMap(a => (a.why === undefined ? [] : [a.why]));
	const left = Math.max(0, rest - nameWidth - metricWidth);
	const whyWidth = whys.length === 0 || left < 24 ? 0 : Math.min(longest(whys, 0), 48, left - 12);
	return {nameWidth, metricWidth, whyWidth, reasonWidth: Math.max(0, left - (whyWidth > 0 ? whyWidth + 1 : 0))};
}

export function alarmHeader(layout: AlarmLayout): string {
	return [
		padEnd('STATE', col.state),
		padEnd('NAME', layout.nameWidth),
		padEnd('METRIC', layout.metricWidth),
		...(layout.whyWidth > 0 ? [padEnd('WHY HERE', layout.whyWidth)] : []),
		padEnd('THRESHOLD', col.threshold),
		padEnd('IN STATE', col.since),
		padEnd('REASON', layout.reasonWidth),
	].join(' ');
}

/** One alarm as segments: state coloured (bold when ALARM), every AWS string sanitized. */
export function alarmRow(alarm: ShownAlarm, now: number, layout: AlarmLayout, shorten?: Shorten): Segment[] {
	return [
		{text: padEnd(stateLabel(alarm.state), col.state), tone: stateTone(alarm.state), bold: alarm.state === 'ALARM'},
		{text: ` ${padEnd(sanitize(alarm.name), layout.nameWidth)}`, bold: alarm.state === 'ALARM'},
		{text: ` ${padEnd(sanitize(alarmMetric(alarm, shorten)), layout.metricWidth)}`},
		...(layout.whyWidth > 0 ? [{text: ` ${padEnd(sanitize(alarm.why ?? ''), layout.whyWidth)}`, tone: 'muted' as const}] : []),
		{text: ` ${padEnd(sanitize(alarmThreshold(alarm)), col.threshold)}`},
		{text: ` ${padEnd(formatAge(now - alarm.stateUpdatedAt), col.since)}`, tone: 'muted'},
		{text: ` ${padEnd(sanitize(alarm.stateReason), layout.reasonWidth)}`, tone: 'muted'},
	];
}

/** The history part of the detail: what to say when there is none, or none can be had. */
export type HistoryView =
	| {status: 'loading'}
	| {status: 'unsupported'}
	| {status: 'error'; message: string}
	| {status: 'ok'; items: readonly AlarmHistoryItem[]};

export const historyUnavailable = 'history not available from this endpoint';

function labelled(label: string, value: string, width: number, tone?: SegmentTone): SegmentLine {
	return [{text: padEnd(label, 11), tone: 'muted'}, {text: padEnd(value, Math.max(0, width - 11)), tone}];
}

/**
 * Every line of one alarm's detail, as tall as it needs (the screen scrolls it): state and age,
 * what it watches, the whole reason wrapped, then its history newest first.
 */
export function alarmDetailLines(alarm: ShownAlarm, history: HistoryView, now: number, width: number): SegmentLine[] {
	const w = Math.max(12, width);
	const lines: SegmentLine[] = [
		[
			{text: sanitize(alarm.name), bold: true},
			{text: '  '},
			{text: stateLabel(alarm.state), tone: stateTone(alarm.state), bold: true},
			{text: `  for ${formatDuration(Math.max(0, now - alarm.stateUpdatedAt))}`, tone: 'muted'},
		],
	];
	if (alarm.description) lines.push(labelled('about', sanitize(alarm.description), w));
	if (alarm.why) lines.push(labelled('why here', sanitize(alarm.why), w));
	if (alarm.kind === 'metric') {
		const dims = Object.entries(alarm.dimensions).map(([k, v]) => `${k}=${v}`).join(' ');
		lines.push(labelled('metric', sanitize(`${alarm.namespace} ${alarm.metricName} ${dims}`), w));
		lines.push(labelled('condition', sanitize(`${alarm.statistic} ${thresholdText(alarm)} for ${alarm.evaluationPeriods} × ${formatDuration(alarm.periodSeconds * 1000)}`), w));
	} else {
		for (const [i, text] of wrapText(sanitize(alarm.alarmRule), w - 11).entries()) lines.push(labelled(i === 0 ? 'rule' : '', text, w));
	}
	for (const [i, text] of wrapText(sanitize(alarm.stateReason), w - 11).entries()) lines.push(labelled(i === 0 ? 'reason' : '', text, w));
	lines.push(textLine('', w), textLine('HISTORY', w, {bold: true}));
	if (history.status === 'loading') lines.push(textLine('loading…', w, {tone: 'muted'}));
	else if (history.status === 'unsupported') lines.push(textLine(historyUnavailable, w, {tone: 'muted'}));
	else if (history.status === 'error') lines.push(textLine(sanitize(history.message), w, {tone: 'bad'}));
	else if (history.items.length === 0) lines.push(textLine('no history in the last 24 hours', w, {tone: 'muted'}));
	else {
		for (const item of [...history.items].sort((a, b) => b.timestamp - a.timestamp)) {
			lines.push([
				{text: padEnd(formatAge(now - item.timestamp), 5), tone: 'muted'},
				{text: padEnd(sanitize(item.type), 19), tone: 'muted'},
				{text: padEnd(sanitize(item.summary), Math.max(0, w - 24)), tone: /to ALARM/.test(item.summary) ? 'bad' : undefined},
			]);
		}
	}
	return lines;
}
