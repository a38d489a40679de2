// The preview of a plan, as lines: what will be sent (API call and exact parameters), what changes
// (current → new), what to know first (warnings, risk), what undo would do, and the `aws` twin.
import type {Plan, Risk} from '../types.js';
import type {SegmentLine, SegmentTone} from '../../format/segments.js';
import {labelled, paragraph, showValue} from './text-blocks.js';

export const riskTone: Record<Risk, SegmentTone> = {low: 'ok', medium: 'warn', high: 'bad'};

/** The request parameters, one `name = value` line each (nested values as compact JSON). */
function parameterText(parameters: Record<string, unknown>): string {
	const entries = Object.entries(parameters);
	if (entries.length === 0) return '(none)';
	return entries.map(([name, value]) => `${name} = ${showValue(value)}`).join('\n');
}

export function previewLines(plan: Plan, width: number): SegmentLine[] {
	const lines: SegmentLine[] = [];
	lines.push(...paragraph(plan.undoOf ? `Undo: ${plan.undoOf}` : plan.title, width, undefined, true));
	if (plan.undoOf) lines.push(...labelled('Does', plan.title, width));
	lines.push(...labelled('Risk', plan.risk.toUpperCase(), width, {tone: riskTone[plan.risk], bold: true}));
	for (const call of plan.calls) {
		lines.push(...labelled('Call', call.apiCall, width, {tone: 'accent', bold: true}));
		lines.push(...labelled('Params', parameterText(call.parameters), width));
	}
	if (plan.changes.length === 0) lines.push(...labelled('Changes', '(nothing changes)', width, {tone: 'muted'}));
	plan.changes.forEach((change, i) =>
		lines.push(...labelled(i === 0 ? 'Changes' : '', `${change.field}: ${showValue(change.from)} → ${showValue(change.to)}`, width)),
	);
	plan.warnings.forEach((warning, i) => lines.push(...labelled(i === 0 ? 'Warning' : '', `⚠ ${warning}`, width, {tone: 'warn'})));
	lines.push(...labelled('Undo', plan.undoSummary, width, {tone: 'muted'}));
	lines.push(...labelled('CLI', plan.cliCommand, width, {tone: 'info'}));
	return lines;
}
