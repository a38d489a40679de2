import {sanitize} from '../format/sanitize.js';
import {displayWidth, padEnd} from '../format/truncate.js';
import type {StatusSnapshot} from './status.js';

// `acso-tui status` as plain aligned text: no colour, no escape sequence, every AWS string through
// the sanitizer, so it can go to a pipe, a file, a chat or a ticket as is.

const clean = (text: string | undefined) => sanitize(text ?? '');
const percent = (value: number | null) => (value === null ? '-' : `${value.toFixed(1)}%`);

/** Columns padded to the widest cell (display width, so wide characters line up). */
export function alignedTable(header: readonly string[], rows: readonly (readonly string[])[]): string[] {
	const widths = header.map((h, i) => Math.max(h.length, ...rows.map(r => displayWidth(r[i] ?? ''))));
	const line = (cells: readonly string[]) =>
		cells
			.map((cell, i) => (i === cells.length - 1 ? cell : padEnd(cell, widths[i] ?? 0)))
			.join('  ')
			.trimEnd();
	return [line(header), ...rows.map(line)];
}


export function statusText(snapshot: StatusSnapshot): string {
	const out: string[] = [];
	out.push(`acso-tui status  ${clean(snapshot.env)}  ${clean(snapshot.region)}  cluster ${clean(snapshot.cluster)}  at ${snapshot.at}`);
	out.push(snapshot.attention ? `NEEDS ATTENTION: ${snapshot.reasons.map(clean).join('; ')}` : 'HEALTHY');
	out.push('', 'SERVICES');
	if (snapshot.services.length === 0) out.push('  (no services)');
	else
		out.push(
			...alignedTable(
				['NAME', 'STATUS', 'RUN/DES', 'PEND', 'ROLLOUT', 'CPU', 'MEM', 'TASK DEFINITION'],
				snapshot.services.map(s => [clean(s.name), clean(s.status), `${s.running}/${s.desired}`, String(s.pending), clean(s.rollout), percent(s.cpu), percent(s.memory), clean(s.taskDefinition)]),
			).map(l => `  ${l}`),
		);
	out.push('', 'ALARMS');
	if (snapshot.alarms.length === 0) out.push('  (no alarms attributed to this environment)');
	else out.push(...alignedTable(['NAME', 'STATE', 'WHY', 'SINCE'], snapshot.alarms.map(a => [clean(a.name), a.state, clean(a.why), a.since])).map(l => `  ${l}`));
	out.push('', 'DATABASE');
	const db = snapshot.database;
	if (db.found) {
		const free = db.freeableMemoryBytes === null ? '-' : `${(db.freeableMemoryBytes / 2 ** 30).toFixed(1)} GiB`;
		out.push(`  ${clean(db.id)}  ${clean(db.status)}  ${clean(db.instanceClass)}  ${clean(db.engine)}${db.multiAz ? '  multi-AZ' : ''}  cpu ${percent(db.cpu)}  connections ${db.connections ?? '-'}  free memory ${free}`);
	} else out.push(`  ${clean(db.id)}: ${clean(db.error)}`);
	out.push('', `ERRORS (last ${snapshot.errors.windowMinutes} minutes, ${snapshot.errors.logGroups.map(clean).join(', ') || 'no log group'})`);
	const errors = snapshot.errors;
	if ('error' in errors) out.push(`  could not count: ${clean(errors.error)}`);
	else {
		out.push(`  ${errors.errors} ERROR, ${errors.fatal} FATAL${errors.capped ? ' (at least: too many to count)' : ''}`);
		const rows = Object.entries(errors.byService)
			.sort(([a], [b]) => a.localeCompare(b))
			.map(([service, c]) => [clean(service), String(c.errors), String(c.fatal)]);
		if (rows.length > 0) out.push(...alignedTable(['SERVICE', 'ERROR', 'FATAL'], rows).map(l => `  ${l}`));
	}
	if (snapshot.notes.length > 0) out.push('', 'NOTES', ...snapshot.notes.map(n => `  ${clean(n)}`));
	return `${out.join('\n')}\n`;
}
