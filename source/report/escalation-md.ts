import {sanitize} from '../format/sanitize.js';
import {sparkline} from '../format/sparkline.js';
import type {EscalationReport, SeriesSnapshot} from './escalation.js';
import {statusText} from './status-text.js';

// report.md: what to paste into a ticket. Every string from AWS or a log is sanitized, and table
// cells cannot break the table (`|` escaped).

const cell = (text: string) => sanitize(text).replace(/\|/g, '\\|');
const number = (value: number | null) => (value === null ? '-' : value >= 1e6 ? `${(value / 2 ** 30).toFixed(2)} GiB` : (Math.round(value * 10) / 10).toString());

function metricRow(s: SeriesSnapshot): string {
	return `| ${cell(s.label)} | \`${s.values.length > 0 ? sparkline(s.values, Math.min(48, s.values.length)) : '(no data)'}\` | ${number(s.latest)} | ${number(s.max)} |`;
}

export function escalationMarkdown(report: EscalationReport): string {
	const out: string[] = [];
	out.push(`# ACSO escalation report: ${cell(report.status.env)} (${cell(report.status.region)})`, '');
	out.push(`Gathered ${report.at}, covering ${report.since} to ${report.at}.`, '');
	out.push('## System status', '', '```', statusText(report.status).trimEnd(), '```', '');
	out.push(`## Errors of the window (${report.errors.total}${report.errors.capped ? '+, too many to read all' : ''})`, '');
	if (report.errors.groups.length === 0) out.push('No ERROR or FATAL lines.', '');
	else {
		out.push('| service | level | message | count | first seen | last seen |', '|---|---|---|---:|---|---|');
		for (const g of report.errors.groups) out.push(`| ${cell(g.service)} | ${g.level} | ${cell(g.message)} | ${g.count} | ${g.firstSeen} | ${g.lastSeen} |`);
		out.push('');
	}
	out.push(`## Performance snapshot (${report.metrics.periodSeconds / 60}-minute points)`, '', '| series | trend | latest | max |', '|---|---|---:|---:|');
	for (const s of report.metrics.services) out.push(metricRow(s.cpu), metricRow(s.memory));
	const db = report.metrics.database;
	out.push(metricRow(db.cpu), metricRow(db.connections), metricRow(db.freeableMemory), '');
	out.push('## Timeline (newest first)', '');
	if (report.timeline.length === 0) out.push('Nothing changed in the window.', '');
	else {
		out.push('| time | kind | source | what |', '|---|---|---|---|');
		for (const e of report.timeline) out.push(`| ${e.time} | ${e.kind} | ${cell(e.source)} | ${cell(e.text)} |`);
		out.push('');
	}
	if (report.notes.length > 0) out.push('## Notes', '', ...report.notes.map(n => `- ${cell(n)}`), '');
	return out.join('\n');
}
