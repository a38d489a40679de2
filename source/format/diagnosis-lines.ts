// The selected step's detail in the walker: its command, what Enter will do, its parameters and
// notes, then the result of its last run (the verdict with the recommended resolution, the readable
// lines, or the aws CLI's output). `head` stays on screen; `body` (the result lines) scrolls.
// Runbook text, AWS data and command output are all untrusted: each line is sanitized here.
import {kindHelp, type StepKind} from '../runbooks/walker/step-kind.js';
import type {StepRecord} from '../runbooks/walker/walker-state.js';
import type {ExternalResult} from '../runbooks/external.js';
import type {Step, Verdict} from '../runbooks/model.js';
import type {NativeResult} from '../runbooks/native.js';
import {cliLine} from './shell-quote.js';
import {sanitize, sanitizeLines} from './sanitize.js';
import type {SegmentLine, SegmentTone} from './segments.js';
import {wrapText} from './wrap.js';

export type DetailLines = {head: SegmentLine[]; body: SegmentLine[]};

export type DetailOptions = {width: number; kind: StepKind; write: boolean};

/**
 * Lines of at most `width` columns, each a single segment: the first starts with `first`, the rest
 * are indented as deep, so a wrapped command reads as one.
 */
function wrapped(text: string, width: number, maxLines: number, style: {tone?: SegmentTone; bold?: boolean} = {}, first = ''): SegmentLine[] {
	if (text === '' || width <= first.length) return [];
	const pad = ' '.repeat(first.length);
	return wrapText(text, width - first.length, maxLines).map((line, i) => [{text: `${i === 0 ? first : pad}${line}`, ...style}]);
}

/** The guide's command on one logical line: backslash continuations joined, as a shell would. */
export function commandText(command: string): string {
	return sanitize(command.replace(/\\\r?\n[ \t]*/g, '').replace(/\s*\r?\n\s*/g, ' ; '));
}

function paramsText(step: Step): string {
	return Object.entries(step.params)
		.map(([key, param]) => `${key} ${param.value}${param.source === 'default' ? ' (default)' : ''}`)
		.join(' · ');
}

const verdictStyle: Record<Verdict['level'], {mark: string; word: string; tone: SegmentTone}> = {
	ok: {mark: '✓', word: 'OK', tone: 'ok'},
	problem: {mark: '✗', word: 'PROBLEM', tone: 'bad'},
	unknown: {mark: '?', word: 'UNKNOWN', tone: 'warn'},
};

/** The verdict, the resolution it recommends (with the key that jumps to it) and related issues. */
export function verdictLines(verdict: Verdict, width: number): SegmentLine[] {
	const style = verdictStyle[verdict.level];
	const label = `${style.mark} ${style.word}  `;
	const reason = wrapText(sanitize(verdict.reason), Math.max(10, width - label.length), 3);
	const lines: SegmentLine[] = reason.map((text, i) => (i === 0 ? [{text: label, tone: style.tone, bold: true}, {text}] : [{text: `${' '.repeat(label.length)}${text}`}]));
	if (verdict.recommends) {
		lines.push([
			{text: '◆ recommended: ', tone: 'ok', bold: true},
			{text: `Resolution ${verdict.recommends.index + 1}: ${sanitize(verdict.recommends.title)}`, bold: true},
			{text: '  (n jumps to it)', tone: 'muted'},
		]);
	}
	if (verdict.seeAlso && verdict.seeAlso.length > 0) {
		lines.push([{text: 'see also: ', tone: 'accent'}, {text: verdict.seeAlso.map(s => sanitize(s.title)).join(', ')}, {text: '  (o opens it)', tone: 'muted'}]);
	}
	return lines;
}

function nativeBody(result: NativeResult, width: number): SegmentLine[] {
	const body: SegmentLine[] = result.lines.flatMap(line => sanitizeLines(line)).map(text => [{text}]);
	if (result.lines.length === 0 && !result.error) body.push([{text: '(no rows)', tone: 'muted'}]);
	for (const note of result.notes) body.push(...wrapped(sanitize(note), width, 3, {tone: 'muted'}, '· '));
	if (result.calls > 0) body.push([{text: `${result.calls} API ${result.calls === 1 ? 'call' : 'calls'}`, tone: 'muted'}]);
	return body;
}

function externalHead(result: ExternalResult, width: number): SegmentLine[] {
	const ok = result.status === 'ok';
	return [
		...wrapped(sanitize(result.message), width, 2, {tone: ok ? 'ok' : 'bad', bold: true}, ok ? '✓ ' : '✗ '),
		...wrapped(sanitize(cliLine(result.argv)), width, 2, {tone: 'muted'}, '$ '),
	];
}

function externalBody(result: ExternalResult): SegmentLine[] {
	const trim = (text: string) => text.replace(/\n+$/, '');
	const out: SegmentLine[] = result.stdout === '' ? [] : sanitizeLines(trim(result.stdout)).map(text => [{text}]);
	if (result.stderr !== '') out.push(...sanitizeLines(trim(result.stderr)).map(text => [{text, tone: 'warn' as const}]));
	if (result.truncated) out.push([{text: '(output cut at the size limit)', tone: 'muted'}]);
	if (out.length === 0) out.push([{text: '(no output)', tone: 'muted'}]);
	return out;
}

/** "12:00:05Z" */
export function clockTime(epochMs: number): string {
	return `${new Date(epochMs).toISOString().slice(11, 19)}Z`;
}

/**
 * The whole detail of one step for a body `width` columns wide. With a result, the verdict comes
 * right under the command, and the step's parameters and notes move below the result lines: the
 * verdict and the recommended resolution are what must stay on a short screen.
 */
export function stepDetailLines(step: Step, record: StepRecord | undefined, options: DetailOptions): DetailLines {
	const {width, kind} = options;
	const finished = record !== undefined && record.status !== 'running';
	const head: SegmentLine[] = [];
	if (kind === 'note') head.push(...wrapped(sanitize(step.title), width, 3, {bold: true}, '? '));
	else head.push(...wrapped(commandText(step.command), width, finished ? 2 : 4, {tone: 'accent'}, '$ '));

	const about: SegmentLine[] = [];
	const params = paramsText(step);
	if (params !== '') about.push(...wrapped(sanitize(params), width, 2, {tone: 'muted'}));
	// The step's own notes say how the guide's command was read; the first two are what matter most.
	for (const note of (step.notes ?? []).slice(0, 2)) about.push(...wrapped(sanitize(note), width, 2, {tone: 'muted'}, '· '));

	const body: SegmentLine[] = [];
	if (record?.status === 'running') {
		head.push([{text: `… running since ${clockTime(record.startedAt)}`, tone: 'accent'}]);
	} else if (record) {
		const {outcome} = record;
		if (outcome.kind === 'native') {
			head.push(...verdictLines(outcome.result.verdict, width));
			body.push(...nativeBody(outcome.result, width));
		} else if (outcome.kind === 'external') {
			head.push(...externalHead(outcome.result, width));
			body.push(...externalBody(outcome.result));
		} else {
			head.push([{text: 'filled in (y copies it):', tone: 'info', bold: true}], ...wrapped(sanitize(cliLine(outcome.argv)), width, 4, {}, '$ '));
		}
	}
	if (finished) {
		body.push(...about);
	} else {
		head.push(...wrapped(kindHelp(kind, {write: options.write}), width, 2, {tone: 'muted'}), ...about);
	}
	return {head, body};
}
