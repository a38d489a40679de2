// The rollback cockpit's lines, built without Ink: the verdict, the two deployments side by side,
// the circuit breaker and alarms, CPU and memory with a deploy marker, the new tasks, the events
// and the log tail. Every string from AWS or a log goes through sanitize here.
import type {CockpitData} from '../model/cockpit.js';
import type {CockpitLine, RevisionRate} from '../model/cockpit-logs.js';
import {perTaskRate} from '../model/cockpit-logs.js';
import type {Verdict} from '../model/cockpit-verdict.js';
import type {Deployment, MetricPoint, ServiceEvent, Task} from '../port/types.js';
import {formatAge} from './durations.js';
import {clockTime} from './log-rows.js';
import {sanitize} from './sanitize.js';
import {besideLines, fitLine, type Segment, type SegmentLine, type SegmentTone} from './segments.js';
import {sparkline} from './sparkline.js';
import {prominentFailure, taskReason} from './tasks.js';

export type LogView = 'new' | 'old' | 'both';

export const logViewOrder: readonly LogView[] = ['new', 'old', 'both'];

const verdictTone: Record<Verdict['kind'], SegmentTone> = {progressing: 'warn', healthy: 'ok', failing: 'bad', 'rolling-back': 'accent', unknown: 'muted'};
const verdictWord: Record<Verdict['kind'], string> = {progressing: 'PROGRESSING', healthy: 'HEALTHY', failing: 'FAILING', 'rolling-back': 'ROLLING BACK', unknown: 'UNKNOWN'};

export function verdictLines(verdict: Verdict, width: number): SegmentLine[] {
	return [
		fitLine([{text: `${verdictWord[verdict.kind]} `, tone: verdictTone[verdict.kind], bold: true}, {text: sanitize(verdict.reason), tone: verdictTone[verdict.kind]}], width),
		fitLine([{text: '→ ', tone: 'muted'}, {text: sanitize(verdict.advice)}], width),
	];
}

/** `[█████░░░░░] 3/6`: running of desired, in `width` columns. */
export function progressBar(running: number, desired: number, width: number): string {
	const label = ` ${running}/${desired}`;
	const cells = Math.max(3, width - label.length - 2);
	const share = desired > 0 ? Math.min(1, running / desired) : running > 0 ? 1 : 0;
	const full = Math.round(share * cells);
	return `[${'█'.repeat(full)}${'░'.repeat(cells - full)}]${label}`;
}

function rolloutTone(state: Deployment['rolloutState']): SegmentTone {
	return state === 'COMPLETED' ? 'ok' : state === 'FAILED' ? 'bad' : state === 'IN_PROGRESS' ? 'warn' : 'muted';
}

function rateText(rate: RevisionRate | undefined): Segment[] {
	if (!rate) return [{text: 'errors/min —', tone: 'muted'}];
	const perTask = perTaskRate(rate);
	return [
		{text: 'errors/min ', tone: 'muted'},
		{text: sparkline(rate.perMinute, rate.perMinute.length, {min: 0}), tone: rate.errors > 0 ? 'bad' : 'ok'},
		{text: ` ${rate.perMinute.at(-1) ?? 0} now · ${(rate.errors / rate.perMinute.length).toFixed(1)}/min`},
		{text: perTask === undefined ? ' (no task ran)' : ` · ${perTask.toFixed(1)} per task`, tone: 'muted'},
	];
}

/** One deployment's column: which, revision, counts, rollout state and reason, age, progress, error rate. */
export function deploymentColumn(label: 'NEW' | 'OLD', deployment: Deployment | undefined, rate: RevisionRate | undefined, now: number, width: number): SegmentLine[] {
	if (!deployment) return [fitLine([{text: `${label} `, bold: true}, {text: label === 'OLD' ? 'none left: the new revision serves alone' : 'no deployment', tone: 'muted'}], width)];
	const d = deployment;
	return [
		fitLine([{text: `${label} `, bold: true}, {text: `${sanitize(d.status)} `, tone: 'muted'}, {text: sanitize(d.taskDefinition), bold: true}], width),
		fitLine([{text: `${d.rolloutState} `, tone: rolloutTone(d.rolloutState), bold: true}, {text: sanitize(d.rolloutStateReason ?? ''), tone: 'muted'}], width),
		fitLine(
			[
				{text: `running ${d.runningCount}  desired ${d.desiredCount}  pending ${d.pendingCount}  `},
				{text: `failed ${d.failedTasks}`, tone: d.failedTasks > 0 ? 'bad' : undefined},
				{text: `  age ${formatAge(Math.max(0, now - d.createdAt))}`, tone: 'muted'},
			],
			width,
		),
		fitLine([{text: progressBar(d.runningCount, d.desiredCount, Math.min(width, 40)), tone: d.runningCount >= d.desiredCount ? 'ok' : 'warn'}], width),
		fitLine(rateText(rate), width),
	];
}

/** NEW beside OLD, or one under the other when the terminal is narrow. */
export function deploymentLines(data: CockpitData, rates: {fresh?: RevisionRate; old?: RevisionRate}, now: number, width: number): SegmentLine[] {
	if (width >= 100) {
		const half = Math.floor((width - 3) / 2);
		return besideLines(deploymentColumn('NEW', data.fresh, rates.fresh, now, half), half, deploymentColumn('OLD', data.old, rates.old, now, width - half - 3), width - half - 3, 3);
	}
	return [...deploymentColumn('NEW', data.fresh, rates.fresh, now, width), ...deploymentColumn('OLD', data.old, rates.old, now, width)];
}

/** The circuit breaker (failures of threshold) and the deployment alarms, as the account has them. */
export function guardLine(data: CockpitData, width: number): SegmentLine {
	const parts: Segment[] = [];
	const breaker = data.serviceDeployment?.circuitBreaker;
	if (breaker) {
		parts.push({text: 'circuit breaker ', tone: 'muted'}, {text: `${breaker.failureCount} of ${breaker.threshold} failures`, tone: breaker.failureCount > 0 ? 'bad' : 'ok', bold: breaker.failureCount > 0}, {text: ` (${sanitize(breaker.status)})`, tone: 'muted'});
	} else if (data.service.circuitBreaker?.enable) {
		parts.push({text: 'circuit breaker on', tone: 'ok'}, {text: `${data.service.circuitBreaker.rollback ? ' (rolls back)' : ''}, ${data.fresh?.failedTasks ?? 0} failed tasks so far`, tone: 'muted'});
	} else parts.push({text: 'no circuit breaker: ECS keeps retrying a failing rollout', tone: 'muted'});
	const alarms = data.serviceDeployment?.alarms;
	if (alarms && alarms.alarmNames.length > 0) {
		const triggered = alarms.triggeredAlarmNames;
		parts.push({text: ' · alarms ', tone: 'muted'}, {text: triggered.length > 0 ? `${sanitize(triggered.join(', '))} triggered` : `${alarms.alarmNames.length} watching (${sanitize(alarms.status)})`, tone: triggered.length > 0 ? 'bad' : 'ok'});
	} else if (data.service.deploymentAlarms?.enable) {
		parts.push({text: ' · alarms ', tone: 'muted'}, {text: sanitize(data.service.deploymentAlarms.alarmNames.join(', '))});
	}
	if (!data.deploymentsApi) parts.push({text: ' · (no service-deployments API here: DescribeServices only)', tone: 'muted'});
	return fitLine(parts, width);
}

/** A sparkline of `points` over `range`, one cell a minute, with `┃` in the cell where the deployment started. */
export function markedSparkline(points: readonly MetricPoint[], range: {start: number; end: number}, cells: number, markAt: number | undefined): string {
	if (cells <= 0) return '';
	const span = Math.max(1, range.end - range.start);
	const values: Array<number | undefined> = new Array(cells).fill(undefined);
	for (const point of points) {
		const cell = Math.floor(((point.t - range.start) / span) * cells);
		if (cell >= 0 && cell < cells) values[cell] = Math.max(values[cell] ?? 0, point.v);
	}
	const line = [...sparkline(values, cells, {min: 0, max: 100})];
	if (markAt !== undefined && markAt >= range.start && markAt <= range.end) line[Math.min(cells - 1, Math.floor(((markAt - range.start) / span) * cells))] = '┃';
	return line.join('');
}

export function resourceLine(cpu: readonly MetricPoint[] | undefined, memory: readonly MetricPoint[] | undefined, range: {start: number; end: number}, markAt: number | undefined, width: number): SegmentLine {
	// One cell a minute at most: the series are one-minute averages.
	const minutes = Math.max(1, Math.round((range.end - range.start) / 60_000));
	const cells = Math.max(4, Math.min(minutes, Math.floor((width - 24) / 2)));
	const last = (points: readonly MetricPoint[] | undefined) => (points && points.length > 0 ? `${Math.round(points.at(-1)!.v)}%` : '—');
	return fitLine(
		[
			{text: 'CPU ', tone: 'muted'},
			{text: markedSparkline(cpu ?? [], range, cells, markAt), tone: 'info'},
			{text: ` ${last(cpu).padStart(4)}  `},
			{text: 'mem ', tone: 'muted'},
			{text: markedSparkline(memory ?? [], range, cells, markAt), tone: 'info'},
			{text: ` ${last(memory).padStart(4)}`},
		],
		width,
	);
}

/** Stopped ones first (newest first), with the stop code and reason; then the running and starting ones. */
export function orderNewTasks(tasks: readonly Task[]): Task[] {
	const when = (t: Task) => t.stoppedAt ?? t.startedAt ?? t.createdAt ?? 0;
	return [...tasks].sort((a, b) => Number(a.lastStatus !== 'STOPPED') - Number(b.lastStatus !== 'STOPPED') || when(b) - when(a) || a.id.localeCompare(b.id));
}

export function taskLine(task: Task, now: number, width: number): SegmentLine {
	const stopped = task.lastStatus === 'STOPPED';
	const bad = stopped && (prominentFailure(task) !== undefined || task.stopCode === 'TaskFailedToStart' || task.stopCode === 'EssentialContainerExited');
	const age = formatAge(Math.max(0, now - (task.stoppedAt ?? task.startedAt ?? task.createdAt ?? now)));
	return fitLine(
		[
			{text: `${task.id.slice(0, 8)} `, tone: 'muted'},
			{text: `${sanitize(task.lastStatus).padEnd(12)} `, tone: bad ? 'bad' : stopped ? 'muted' : task.lastStatus === 'RUNNING' ? 'ok' : 'warn', bold: bad},
			{text: `${age.padStart(4)} `, tone: 'muted'},
			...(stopped ? [{text: `${sanitize(task.stopCode ?? '')} `, tone: bad ? ('bad' as const) : ('muted' as const)}, {text: sanitize(taskReason(task)), tone: bad ? ('bad' as const) : ('muted' as const)}] : [{text: sanitize(task.healthStatus ?? ''), tone: 'muted' as const}]),
		],
		width,
	);
}

export function eventLine(event: ServiceEvent, now: number, width: number): SegmentLine {
	const warn = /unable|fail|error|rolling back/i.test(event.message);
	return fitLine([{text: `${formatAge(Math.max(0, now - event.createdAt)).padStart(4)} `, tone: 'muted'}, {text: sanitize(event.message), tone: warn ? 'warn' : undefined}], width);
}

/** Which lines the view shows. */
export function shownLines(lines: readonly CockpitLine[], view: LogView, fresh: string | undefined, old: string | undefined): CockpitLine[] {
	const wanted = view === 'new' ? [fresh] : view === 'old' ? [old] : [fresh, old];
	return lines.filter(line => line.revision !== undefined && wanted.includes(line.revision));
}

/** The last `rows` lines of the tail: time, revision (in "both"), task, message; ERROR and FATAL red. */
export function tailLines(lines: readonly CockpitLine[], view: LogView, rows: number, width: number): SegmentLine[] {
	if (rows <= 0) return [];
	return lines.slice(-rows).map(line => {
		const error = line.level === 'ERROR' || line.level === 'FATAL';
		const revision = line.revision ? line.revision.slice(line.revision.lastIndexOf(':')) : '';
		return fitLine(
			[
				{text: `${clockTime(line.timestamp)} `, tone: 'muted'},
				...(view === 'both' ? [{text: `${revision.padEnd(4)} `, tone: 'accent' as const}] : []),
				{text: `${(line.taskId ?? '').slice(0, 8)} `, tone: 'muted'},
				{text: sanitize(line.message.split('\n')[0] ?? ''), tone: error ? 'bad' : line.level === 'WARN' ? 'warn' : undefined, bold: line.level === 'FATAL'},
			],
			width,
		);
	});
}
