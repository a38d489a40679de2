import {useRef} from 'react';
import type {Binding} from '../input/binding.js';
import {errorMessage} from '../port/errors.js';
import {dashboardReportDirectory, dashboardReportWindowMs, gatherReport, writeReportFiles} from '../report/report-files.js';
import {useApp} from '../shell/app-context.js';

// `E` on the overview and the runbooks' escalation checklist: the escalation report of the last two
// hours, as `acso-tui report` writes it, into a new folder (report-files.ts). The reads run in the
// background while the dashboard carries on; the notice line says where the files went, or why not.

export function useReportKey(): Binding {
	const {cloud, config, now, notify, audit} = useApp();
	const writing = useRef(false);
	const write = () => {
		if (writing.current) {
			notify('the escalation report is still being written', 'warn');
			return;
		}
		writing.current = true;
		const at = now();
		const out = dashboardReportDirectory(at, process.env);
		// As `acso-tui report`: this machine's audit entries, but not the demo's (unless a log was named).
		const auditPath = config.auditLogPath ?? (config.mode === 'demo' ? undefined : audit?.path);
		notify(`writing the escalation report (last 2h) to ${out} ...`);
		const run = async () => {
			let report;
			try {
				report = await gatherReport(cloud, config.names, {sinceMs: dashboardReportWindowMs, now: at, ...(auditPath === undefined ? {} : {auditPath})});
			} catch (error) {
				notify(`escalation report not written: could not read AWS: ${errorMessage(error)}`, 'error');
				return;
			}
			try {
				const files = await writeReportFiles(report, out);
				notify(`escalation report written: ${files.md} and report.json beside it`);
			} catch (error) {
				notify(`escalation report not written to ${out}: ${errorMessage(error)}`, 'error');
			}
		};
		void run().finally(() => {
			writing.current = false;
		});
	};
	return {keys: ['E'], description: 'write the escalation report (last 2h)', footer: true, handler: write};
}
