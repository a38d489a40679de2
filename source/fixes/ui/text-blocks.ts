// Small builders of labelled, wrapped lines for the fix flow's views. Everything drawn passes through
// sanitize here: plan fields carry AWS values (task definition contents, alarm descriptions, names).
import {sanitize, sanitizeLines} from '../../format/sanitize.js';
import type {Segment, SegmentLine, SegmentTone} from '../../format/segments.js';
import {padEnd} from '../../format/truncate.js';
import {wrapText} from '../../format/wrap.js';

export const labelWidth = 9;

/** A value as the preview shows it: absent as "(none)", text as is, the rest as compact JSON. */
export function showValue(value: unknown): string {
	if (value === undefined || value === null) return '(none)';
	if (typeof value === 'string') return value === '' ? '""' : value;
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	try {
		return JSON.stringify(value) ?? String(value);
	} catch {
		return String(value);
	}
}

/**
 * `label` in the first column, then `text` wrapped into the rest of the width (continuation lines
 * indented under it). Multi-line text keeps its own line breaks.
 */
export function labelled(label: string, text: string, width: number, style: Omit<Segment, 'text'> = {}): SegmentLine[] {
	const room = Math.max(1, width - labelWidth);
	const lines: SegmentLine[] = [];
	for (const raw of sanitizeLines(text)) {
		for (const piece of wrapText(raw === '' ? ' ' : raw, room)) {
			const head = lines.length === 0 ? padEnd(label, labelWidth) : ' '.repeat(labelWidth);
			lines.push([{text: head, bold: lines.length === 0, tone: 'muted'}, {...style, text: piece}]);
		}
	}
	if (lines.length === 0) lines.push([{text: padEnd(label, labelWidth), tone: 'muted'}]);
	return lines;
}

/** A paragraph wrapped to the width, one tone. */
export function paragraph(text: string, width: number, tone?: SegmentTone, bold = false): SegmentLine[] {
	return wrapText(sanitize(text) || ' ', Math.max(1, width)).map(line => [{text: line, ...(tone ? {tone} : {}), ...(bold ? {bold} : {})}]);
}
