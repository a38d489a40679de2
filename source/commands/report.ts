import {defaultAuditPath} from '../fixes/audit.js';
import {createCloud} from '../cloud.js';
import {sanitize} from '../format/sanitize.js';
import {errorMessage} from '../port/errors.js';
import {gatherReport, writeReportFiles, type ReportFiles} from '../report/report-files.js';
import {exitCodes, parseCommand, parseSince, sharedFlagHelp, UsageError} from './args.js';
import {oneLine} from './output.js';
import type {CommandIo} from './status.js';

export const reportHelp = `
  acso-tui report: gathers what the guide says to collect before escalating into report.md and
  report.json: every service's status, the errors of the window grouped by service and message,
  a metrics snapshot with sparklines, and a timeline of service events, deployments, alarm
  transitions and this machine's audit entries, newest first.

  Usage
    $ acso-tui report [options]

  Options
${sharedFlagHelp}
    --since DURATION     the window: 30m, 2h, 1d (default 2h)
    --out DIR            where to write report.md and report.json (default: the current folder)
    --audit-log FILE     the audit log to read (default $XDG_STATE_HOME/acso-tui/audit.jsonl)
    --help

  Exit codes
    0  written (the paths are printed)
    2  usage error
    3  AWS could not be read, or the files could not be written (one line on stderr)
`;

export async function runReport(argv: string[], io: CommandIo): Promise<number> {
	const {config, flags} = parseCommand('report', argv, reportHelp, {since: {type: 'string'}, out: {type: 'string'}, auditLog: {type: 'string'}}, io.env);
	const sinceText = (flags.since as string | undefined) ?? '2h';
	const sinceMs = parseSince(sinceText);
	if (sinceMs === undefined) throw new UsageError(`--since must be a duration like 30m, 2h or 1d (at most 30d), got ${JSON.stringify(sinceText)}`);
	const out = (flags.out as string | undefined) ?? '.';
	if (out.trim() === '') throw new UsageError('--out needs a value');
	const cloudResult = await createCloud(config, io.env);
	if (!cloudResult.ok) throw new UsageError(cloudResult.error);
	let report;
	try {
		const auditPath = (flags.auditLog as string | undefined) ?? (config.mode === 'demo' ? undefined : defaultAuditPath(io.env));
		report = await gatherReport(cloudResult.cloud, config.names, {sinceMs, now: io.now(), ...(auditPath === undefined ? {} : {auditPath})});
	} catch (error) {
		io.stderr.write(`acso-tui: could not read AWS (${config.names.cluster} in ${cloudResult.cloud.region}): ${sanitize(oneLine(errorMessage(error)))}\n`);
		return exitCodes.unreadable;
	}
	let files: ReportFiles;
	try {
		files = await writeReportFiles(report, out);
	} catch (error) {
		io.stderr.write(`acso-tui: could not write the report to ${out}: ${oneLine(errorMessage(error))}\n`);
		return exitCodes.unreadable;
	}
	io.stdout.write(`${files.md}\n${files.json}\n`);
	return exitCodes.healthy;
}
