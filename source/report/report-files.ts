import {mkdir, writeFile} from 'node:fs/promises';
import {homedir} from 'node:os';
import path from 'node:path';
import {redactSecrets} from '../format/redact.js';
import {sanitize} from '../format/sanitize.js';
import type {ResourceNames} from '../port/names.js';
import type {Cloud} from '../port/types.js';
import {readEscalation, type EscalationOptions, type EscalationReport} from './escalation.js';
import {escalationMarkdown} from './escalation-md.js';

// The escalation report as files, the same for `acso-tui report` and the dashboard's key: read,
// secrets redacted, then report.md and report.json written into one folder.

/** The window the dashboard's key gathers (the guide: "errors of the last two hours"). */
export const dashboardReportWindowMs = 2 * 60 * 60_000;

export type ReportFiles = {md: string; json: string};

/** The report as the files hold it: secret-looking fields redacted. Throws when AWS cannot be read. */
export async function gatherReport(cloud: Cloud, names: ResourceNames, options: EscalationOptions): Promise<EscalationReport> {
	return redactSecrets(await readEscalation(cloud, names, options));
}

/** Writes report.md and report.json into `out` (made if missing). Throws when they cannot be written. */
export async function writeReportFiles(report: EscalationReport, out: string): Promise<ReportFiles> {
	const files = {md: path.join(out, 'report.md'), json: path.join(out, 'report.json')};
	await mkdir(out, {recursive: true});
	await writeFile(files.md, escalationMarkdown(report));
	await writeFile(files.json, `${JSON.stringify(report, (_key, value: unknown) => (typeof value === 'string' ? sanitize(value) : value), 2)}\n`);
	return files;
}

/**
 * Where the dashboard writes a report: $XDG_STATE_HOME/acso-tui/reports/<UTC time>/ (else
 * ~/.local/state/...), beside the audit log; one folder per report, named so they sort by time.
 */
export function dashboardReportDirectory(now: number, env: NodeJS.ProcessEnv = process.env, home: string = homedir()): string {
	// The XDG spec says a relative XDG_STATE_HOME is invalid and must be ignored.
	const state = env['XDG_STATE_HOME'];
	const base = state && path.isAbsolute(state) ? state : path.join(home, '.local', 'state');
	const stamp = new Date(now).toISOString().replace(/\.\d+Z$/, 'Z').replaceAll(':', '-');
	return path.join(base, 'acso-tui', 'reports', stamp);
}
