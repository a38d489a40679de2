// What a bench run found, and the table made of it: one row per figure, acso-tui (the diff
// layer) beside Ink's default output, with the target and whether it was met.
import type {LaunchRuns, Renderer} from './launch.js';
import type {FollowRun, LogsFollowResults} from './logs-follow.js';
import type {MemoryFigures} from './memory.js';
import {against, type Row} from './report.js';
import type {prices, RefreshCount} from './requests.js';
import {round} from './stats.js';
import type {FrameCheck, RendererFigures} from './updates.js';

export type Results = {
	meta: Record<string, unknown>;
	launch: {demo?: Record<Renderer, LaunchRuns>; moto?: Record<Renderer, LaunchRuns>; motoSkipped?: string};
	updates?: Partial<Record<Renderer, Omit<RendererFigures, 'screens'>>>;
	frames?: FrameCheck;
	memory?: Partial<Record<Renderer, MemoryFigures>>;
	memoryBurst?: MemoryFigures;
	requests?: {counts: RefreshCount[]; refreshSeconds: number; prices: typeof prices; costPerHour: Record<string, number>} | {skipped: string};
	logsFollow?: LogsFollowResults | {skipped: string};
};

/** The logs --follow rows; acso-tui beside `aws logs tail --follow` in the second column. */
function logsFollowRows(results: LogsFollowResults): Row[] {
	const {acso, awsTail} = results;
	const other = (run: FollowRun, text: (f: NonNullable<FollowRun['figures']>) => string) => (run.figures ? text(run.figures) : `skipped: ${run.skipped ?? '—'}`);
	const a = acso.figures;
	if (!a) return [{figure: 'logs --follow', acso: 'skipped', ink: '—', target: '—', met: null, by: acso.skipped}];
	const late = `every other event ${results.lateMs / 1000} s in the past`;
	return [
		{
			figure: `logs --follow --refresh ${results.refreshSeconds}: ingestion to stdout, median / p95 (${a.sent} events in ${a.seconds} s, ${late})`,
			acso: `${a.medianMs} / ${a.p95Ms} ms (max ${a.maxMs}; late ${a.lateMedianMs}, current ${a.currentMedianMs})`,
			ink: other(awsTail, f => `aws logs tail: ${f.medianMs} / ${f.p95Ms} ms`),
			target: 'median < 1500 ms',
			...against(a.medianMs, 1500, 'ms'),
		},
		{
			figure: 'logs --follow: lost / duplicated',
			acso: `${a.lost} / ${a.duplicated}`,
			ink: other(awsTail, f => `aws logs tail: ${f.lost} / ${f.duplicated}`),
			target: '0 / 0',
			met: a.lost === 0 && a.duplicated === 0,
		},
	];
}

const peak = (f: MemoryFigures) => `${f.peakRssMb} MB${f.completed ? '' : ` (only ${f.events.toLocaleString('en')} events taken in ${f.seconds} s)`}`;
const ms = (value: number | undefined) => (value === undefined ? '—' : `${value} ms`);
const bytes = (value: number | undefined) => (value === undefined ? '—' : `${value.toLocaleString('en')} B`);

export function tableRows(results: Results): Row[] {
	const rows: Row[] = [];
	const {demo, moto} = results.launch;
	if (demo) {
		rows.push({figure: 'launch to first frame, --demo (median)', acso: ms(demo.diff.medianFrameMs), ink: ms(demo.ink.medianFrameMs), target: '≤ 200 ms', ...against(demo.diff.medianFrameMs, 200, 'ms')});
		rows.push({figure: 'launch to first frame with all data, --demo', acso: ms(demo.diff.medianDataMs), ink: ms(demo.ink.medianDataMs), target: '—', met: null});
	}
	if (moto) {
		rows.push({figure: 'launch to first frame, moto_server', acso: ms(moto.diff.medianFrameMs), ink: ms(moto.ink.medianFrameMs), target: '—', met: null});
		rows.push({figure: 'launch to first frame with all data, moto_server', acso: ms(moto.diff.medianDataMs), ink: ms(moto.ink.medianDataMs), target: '—', met: null});
	} else if (results.launch.motoSkipped) {
		rows.push({figure: 'launch, moto_server', acso: 'skipped', ink: 'skipped', target: '—', met: null, by: results.launch.motoSkipped});
	}
	const u = results.updates;
	if (u?.diff && u.ink) {
		const d = u.diff.kinds;
		const i = u.ink.kinds;
		const limit = 1.2 * d.oneValue.minimalBytes;
		rows.push({
			figure: 'bytes per update, one value changes',
			acso: bytes(d.oneValue.bytes),
			ink: bytes(i.oneValue.bytes),
			target: `≤ 1.2 × minimal (${d.oneValue.minimalBytes} B) = ${round(limit)} B`,
			...against(d.oneValue.bytes, limit, 'B'),
		});
		const sync = (k: {syncBytes: number; ratioWithoutSync: number | null}) => (k.syncBytes > 0 ? ` (${k.ratioWithoutSync}× without the ${k.syncBytes} B of sync markers)` : '');
		rows.push({figure: 'ratio to the minimal cell diff, one value', acso: `${d.oneValue.ratio}×${sync(d.oneValue)}`, ink: `${i.oneValue.ratio}×`, target: '≤ 1.2×', ...against(d.oneValue.ratio ?? Number.NaN, 1.2, '×')});
		// The minimal cell diff repaints the cells that changed; scrolling the region moves them instead.
		rows.push({figure: 'bytes per update, a log line added', acso: bytes(d.logLine.bytes), ink: bytes(i.logLine.bytes), target: `≤ 400 B (minimal cell diff ${d.logLine.minimalBytes} B)`, ...against(d.logLine.bytes, 400, 'B')});
		rows.push({figure: 'ratio to the minimal cell diff, log line', acso: `${d.logLine.ratio}×${sync(d.logLine)}`, ink: `${i.logLine.ratio}×`, target: '—', met: null});
		rows.push({figure: 'bytes per update, nothing changes', acso: bytes(d.nothing.bytes), ink: bytes(i.nothing.bytes), target: '0 B', ...against(d.nothing.bytes, 0, 'B')});
		rows.push({figure: 'write() calls per update (one value / log line / nothing)', acso: `${d.oneValue.writes} / ${d.logLine.writes} / ${d.nothing.writes}`, ink: `${i.oneValue.writes} / ${i.logLine.writes} / ${i.nothing.writes}`, target: '—', met: null});
		rows.push({figure: 'clear-screens after the first frame', acso: String(u.diff.clearsAfterFirstFrame), ink: String(u.ink.clearsAfterFirstFrame), target: '0', ...against(u.diff.clearsAfterFirstFrame, 0, '')});
		const cpu = (k: {cpuNetMs: number; cpuAppMs: number; cpuChannelMs: number}) => `${k.cpuNetMs} ms (app ${k.cpuAppMs}, sim ${round(k.cpuNetMs - k.cpuAppMs)}; bench channel ${k.cpuChannelMs} left out)`;
		// Limits from issue 17: equal data need no render; a log line may cost a little more than one value.
		for (const [kind, label, limit] of [['oneValue', 'one value', 8], ['logLine', 'log line', 10], ['nothing', 'nothing changes', 1]] as const) {
			rows.push({figure: `CPU per update, ${label} (idle subtracted)`, acso: cpu(d[kind]), ink: cpu(i[kind]), target: `≤ ${limit} ms`, ...against(d[kind].cpuNetMs, limit, 'ms')});
		}
		// The rollback cockpit (issue 15): a refresh reads deployments, tasks, both revisions' logs and metrics.
		const dc = u.diff.cockpit;
		const ic = u.ink.cockpit;
		rows.push({figure: 'cockpit: bytes per update, nothing / one CPU value', acso: `${bytes(dc.nothing.bytes)} / ${bytes(dc.oneValue.bytes)}`, ink: `${bytes(ic.nothing.bytes)} / ${bytes(ic.oneValue.bytes)}`, target: `0 B / — (minimal ${dc.oneValue.minimalBytes} B)`, ...against(dc.nothing.bytes, 0, 'B')});
		rows.push({figure: 'cockpit: CPU per update, nothing / one CPU value (idle subtracted)', acso: `${cpu(dc.nothing)} / ${cpu(dc.oneValue)}`, ink: `${cpu(ic.nothing)} / ${cpu(ic.oneValue)}`, target: '—', met: null});
		const dm = u.diff.many;
		const im = u.ink.many;
		if (dm && im) {
			rows.push({figure: `${dm.services} services: bytes per update, nothing / one CPU value`, acso: `${bytes(dm.nothing.bytes)} / ${bytes(dm.oneValue.bytes)}`, ink: `${bytes(im.nothing.bytes)} / ${bytes(im.oneValue.bytes)}`, target: `0 B / — (minimal ${dm.oneValue.minimalBytes} B)`, ...against(dm.nothing.bytes, 0, 'B')});
			rows.push({figure: `${dm.services} services: CPU per update, nothing / one CPU value (idle subtracted)`, acso: `${cpu(dm.nothing)} / ${cpu(dm.oneValue)}`, ink: `${cpu(im.nothing)} / ${cpu(im.oneValue)}`, target: '—', met: null});
		}
		rows.push({
			figure: `idle CPU (overview, refresh every ${u.diff.idle.refreshMs / 1000} s, data unchanged)`,
			acso: `${u.diff.idle.percent} %`,
			ink: `${u.ink.idle.percent} %`,
			target: '≤ 0.5 %',
			...against(u.diff.idle.percent, 0.5, '%'),
		});
	}
	if (results.frames) {
		const f = results.frames;
		rows.push({figure: 'screens equal to the baseline\'s (cell by cell)', acso: `${f.identical} of ${f.compared}`, ink: 'reference', target: 'all', met: f.identical === f.compared, ...(f.identical === f.compared ? {} : {by: `${f.compared - f.identical} differ`})});
	}
	const m = results.memory;
	if (m?.diff) {
		const verdict = against(m.diff.peakRssMb, 150, 'MB');
		rows.push({
			figure: `peak RSS after ${m.diff.target.toLocaleString('en')} log events (10,000 a poll)`,
			acso: peak(m.diff),
			ink: m.ink ? peak(m.ink) : '—',
			target: '≤ 150 MB',
			...(m.diff.completed ? verdict : {met: false, by: `stalled; ${verdict.by ?? ''}`}),
		});
		rows.push({
			figure: 'time to stream those log events through the logs screen',
			acso: `${m.diff.seconds} s${m.diff.completed ? '' : ' (limit)'}`,
			ink: m.ink ? `${m.ink.seconds} s${m.ink.completed ? '' : ' (limit)'}` : '—',
			target: '—',
			met: null,
		});
	}
	const burst = results.memoryBurst;
	if (burst) {
		rows.push({figure: `peak RSS after ${burst.target.toLocaleString('en')} log events (100,000 a poll)`, acso: peak(burst), ink: '—', target: '≤ 150 MB', ...against(burst.peakRssMb, 150, 'MB')});
	}
	const r = results.requests;
	if (r && 'skipped' in r) rows.push({figure: 'AWS requests per refresh', acso: 'skipped', ink: 'skipped', target: '—', met: null, by: r.skipped});
	else if (r) {
		for (const count of r.counts) {
			const detail = Object.entries(count.perOperation)
				.sort(([a], [b]) => a.localeCompare(b))
				.map(([op, n]) => `${n} ${op}`)
				.join(', ');
			const over = Object.entries(count.perOperation).filter(([op, n]) => n > (count.expected[op] ?? 0));
			// moto answers ListServices in one page whatever the count; AWS pages at 100.
			const unpaged = (count.expected.ListServices ?? 0) - (count.perOperation.ListServices ?? 0);
			rows.push({
				figure: `AWS requests per refresh, ${count.services} services`,
				acso: `${count.total} (${detail})${unpaged > 0 ? `; on AWS ${unpaged} more ListServices page` : ''}`,
				ink: 'same (renderer-independent)',
				target: `≤ ${count.expectedTotal} (${count.expected.DescribeServices} DescribeServices + ${count.expected.GetMetricData} GetMetricData + 1 each of the rest)`,
				met: over.length === 0,
				...(over.length === 0 ? {} : {by: over.map(([op, n]) => `${op} ${n} > ${count.expected[op] ?? 0}`).join(', ')}),
			});
		}
		rows.push({
			figure: `CloudWatch cost per hour of watching (refresh ${r.refreshSeconds} s)`,
			acso: Object.entries(r.costPerHour)
				.map(([n, dollars]) => `${n} svc: $${dollars.toFixed(3)}`)
				.join(', '),
			ink: 'same',
			target: '—',
			met: null,
		});
	}
	const follow = results.logsFollow;
	if (follow && 'skipped' in follow) rows.push({figure: 'logs --follow latency', acso: 'skipped', ink: 'skipped', target: '—', met: null, by: follow.skipped});
	else if (follow) rows.push(...logsFollowRows(follow));
	return rows;
}
