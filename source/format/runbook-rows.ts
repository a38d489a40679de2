// The runbook walker's list as coloured lines: the breadcrumb, an issue's symptoms, the rows of a
// page (areas, issues, headings, steps with who runs them and how their last run went). Every
// string from the runbook came from a markdown file (possibly --guide FILE): sanitized here.
import type {StepKind} from '../runbooks/walker/step-kind.js';
import {kindBadge} from '../runbooks/walker/step-kind.js';
import type {StepRecord} from '../runbooks/walker/walker-state.js';
import type {PageRow} from '../runbooks/walker/walker-tree.js';
import stringWidth from 'string-width';
import {sanitize} from './sanitize.js';
import {fitLine, type SegmentLine, type SegmentTone} from './segments.js';
import {wrapText} from './wrap.js';

export const crumbSeparator = ' › ';

/** `Runbooks › Performance › Memory Leaks`, the deepest levels kept when it is too wide. */
export function breadcrumbLine(crumbs: readonly string[], width: number): SegmentLine {
	const clean = crumbs.map(c => sanitize(c));
	// Too wide: keep the first and the current level, so the page shown stays readable.
	const shown = clean.length <= 2 || stringWidth(clean.join(crumbSeparator)) <= width ? clean : [clean[0] as string, '…', clean[clean.length - 1] as string];
	const line: SegmentLine = [];
	shown.forEach((crumb, i) => {
		if (i > 0) line.push({text: crumbSeparator, tone: 'muted'});
		line.push({text: crumb, bold: i === shown.length - 1, tone: i === shown.length - 1 ? 'accent' : undefined});
	});
	return fitLine(line, width);
}

/** `Symptoms: a · b · c`, wrapped to at most `maxLines` lines. */
export function introLines(intro: {label: string; items: readonly string[]}, width: number, maxLines: number): SegmentLine[] {
	if (maxLines <= 0 || width < 10) return [];
	const items = intro.items.length > 0 ? intro.items.map(i => sanitize(i)).join(' · ') : 'none listed';
	const label = `${intro.label}: `;
	const wrapped = wrapText(`${label}${items}`, width, maxLines);
	return wrapped.map((text, i) => (i === 0 && text.startsWith(label) ? [{text: label, bold: true}, {text: text.slice(label.length)}] : [{text}]));
}

export type RowStatus = {text: string; tone: SegmentTone};

/** How a step's last run went, in a few columns: `✗ problem`, `✓ ok`, `… running`. */
export function recordStatus(record: StepRecord | undefined): RowStatus | undefined {
	if (!record) return undefined;
	if (record.status === 'running') return {text: '… running', tone: 'accent'};
	const {outcome} = record;
	if (outcome.kind === 'native') {
		if (outcome.result.error) return {text: '✗ failed', tone: 'bad'};
		const level = outcome.result.verdict.level;
		return level === 'ok' ? {text: '✓ ok', tone: 'ok'} : level === 'problem' ? {text: '✗ problem', tone: 'bad'} : {text: '? unknown', tone: 'warn'};
	}
	if (outcome.kind === 'external') {
		const {result} = outcome;
		if (result.status === 'ok') return {text: '✓ exit 0', tone: 'ok'};
		return {text: result.exitCode === null ? `✗ ${result.status}` : `✗ exit ${result.exitCode}`, tone: 'bad'};
	}
	return {text: '⧉ filled in', tone: 'info'};
}

export type RowOptions = {
	width: number;
	kind?: StepKind;
	record?: StepRecord;
	/** The resolution a diagnosis recommends, to mark its heading and steps. */
	recommended?: number;
};

const statusWidth = 11;

/** One row of a walker page, exactly `width` columns. */
export function walkerRowLine(row: PageRow, options: RowOptions): SegmentLine {
	const {width} = options;
	switch (row.kind) {
		case 'heading': {
			const recommended = row.resolution !== undefined && row.resolution === options.recommended;
			return fitLine(
				[
					{text: sanitize(row.text), bold: true, tone: recommended ? 'ok' : 'accent'},
					...(recommended ? [{text: '  ◆ recommended (n jumps here)', tone: 'ok' as const, bold: true}] : []),
				],
				width,
			);
		}
		case 'text':
			return fitLine([{text: `  ${sanitize(row.text)}`}], width);
		case 'entry': {
			const title = sanitize(row.title);
			return fitLine([{text: '▸ ', tone: 'accent'}, {text: title, bold: true}, {text: `  ${sanitize(row.detail)}`, tone: 'muted'}], width);
		}
		case 'step': {
			const status = recordStatus(options.record);
			const badge = options.kind ? kindBadge[options.kind] : '    ';
			const prefix: SegmentLine = [
				{text: `  ${row.label.padEnd(4)} `},
				{text: `[${badge}]`, tone: options.kind === 'fix' ? 'warn' : options.kind === 'native' ? 'ok' : 'muted'},
				{text: ' '},
			];
			const prefixWidth = 2 + 4 + 1 + 6 + 1;
			const titleWidth = Math.max(1, width - prefixWidth - (status ? statusWidth + 1 : 0));
			const title = fitLine([{text: sanitize(row.step.title), tone: row.resolution !== undefined && row.resolution === options.recommended ? 'ok' : undefined}], titleWidth);
			return fitLine([...prefix, ...title, ...(status ? [{text: ' '}, {text: status.text.padEnd(statusWidth), tone: status.tone}] : [])], width);
		}
	}
}

/**
 * Which rows of a page to draw in `height` rows (one kept for the ▲/▼ marker when they do not all
 * fit). Unlike a centred window, it shows the page from its top for as long as the cursor allows,
 * keeping one row of context below the cursor: the headings and reading matter above the first
 * steps (an issue's "Diagnosis", the escalation triggers) stay in sight.
 */
export function walkerWindow(count: number, cursor: number, height: number): {start: number; end: number; above: number; below: number} {
	const total = Math.max(0, count);
	if (total <= height) return {start: 0, end: total, above: 0, below: 0};
	const rows = Math.max(1, height - 1);
	const start = Math.max(0, Math.min(total - rows, cursor - rows + 2));
	const end = start + rows;
	return {start, end, above: start, below: total - end};
}
