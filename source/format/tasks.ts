// Running and recently stopped tasks as table rows, with the stop reasons an on-call engineer must
// not miss (image pull, ENI/secrets initialisation, out of memory) listed first and drawn red.

import type {Task} from '../port/types.js';
import {formatAge} from './durations.js';
import {sanitize} from './sanitize.js';
import type {Segment} from './segments.js';
import {padEnd} from './truncate.js';

/** Stop reasons that each have their own runbook branch: shown first, red and bold. */
export const prominentStopCodes = ['CannotPullContainerError', 'ResourceInitializationError', 'OutOfMemory'] as const;

export type ProminentStopCode = (typeof prominentStopCodes)[number];

/** Everything a task says about why it stopped: its own reason, then each container's. */
export function taskReason(task: Task): string {
	const parts: string[] = [];
	if (task.stoppedReason) parts.push(task.stoppedReason);
	for (const c of task.containers) {
		const exit = c.exitCode === undefined ? '' : ` (exit ${c.exitCode})`;
		// The task's reason often quotes its container's: say it once.
		if (c.reason && !parts.some(p => p.includes(c.reason!))) parts.push(`${c.name}: ${c.reason}${exit}`);
		else if (!c.reason && c.exitCode !== undefined && c.exitCode !== 0) parts.push(`${c.name} exited ${c.exitCode}`);
	}
	// The part naming a prominent code first: a narrow column shows the start of the reason.
	const first = parts.findIndex(p => prominentStopCodes.some(code => p.includes(code)));
	if (first > 0) parts.unshift(...parts.splice(first, 1));
	return parts.join(' · ');
}

/**
 * Which prominent code a stopped task carries, if any: found in its stoppedReason, its stopCode or
 * a container's reason ("OutOfMemoryError: Container killed due to memory usage").
 */
export function prominentFailure(task: Task): ProminentStopCode | undefined {
	const text = [task.stoppedReason ?? '', task.stopCode ?? '', ...task.containers.map(c => c.reason ?? '')].join('\n');
	return prominentStopCodes.find(code => text.includes(code));
}

function rank(task: Task): number {
	if (prominentFailure(task)) return 0;
	if (task.lastStatus !== 'STOPPED') return 1;
	return 2;
}

const newest = (task: Task) => task.stoppedAt ?? task.startedAt ?? task.createdAt ?? 0;

/** Prominent failures first, then running and starting tasks, then other stopped ones; newest first in each. */
export function sortTasks(tasks: readonly Task[]): Task[] {
	return [...tasks].sort((a, b) => rank(a) - rank(b) || newest(b) - newest(a) || a.id.localeCompare(b.id));
}

/** "acso-production-supervisor:7" -> ":7"; anything else is kept. */
export function revisionOf(taskDefinition: string): string {
	const match = /:(\d+)$/.exec(taskDefinition);
	return match ? `:${match[1]}` : taskDefinition;
}

export type TaskLayout = {statusWidth: number; healthWidth: number; stopCodeWidth: number; reasonWidth: number};

const col = {id: 8, rev: 5, age: 8};

/**
 * Column widths for a table `width` wide. Narrow, the health column goes and the status and stop
 * code shrink: the reason keeps some room, and the selected task's reason is shown whole anyway.
 */
export function taskLayout(width: number): TaskLayout {
	const wide = width >= 100;
	const statusWidth = wide ? 12 : 8;
	const healthWidth = wide ? 9 : 0;
	const stopCodeWidth = wide ? 24 : 14;
	const fixed = 1 + col.id + statusWidth + (wide ? healthWidth + 1 : 0) + col.rev + col.age + stopCodeWidth + 6;
	return {statusWidth, healthWidth, stopCodeWidth, reasonWidth: Math.max(0, width - fixed)};
}

export function taskHeader(layout: TaskLayout): string {
	return [
		' ',
		padEnd('TASK', col.id),
		padEnd('STATUS', layout.statusWidth),
		...(layout.healthWidth > 0 ? [padEnd('HEALTH', layout.healthWidth)] : []),
		padEnd('REV', col.rev),
		padEnd('AGE', col.age),
		padEnd('STOP CODE', layout.stopCodeWidth),
		padEnd('REASON', layout.reasonWidth),
	].join(' ');
}

/** "up 12m" for a running task, "stopped 3m" for a stopped one. */
function taskAge(task: Task, now: number): string {
	if (task.lastStatus === 'STOPPED') return task.stoppedAt === undefined ? '—' : `${formatAge(now - task.stoppedAt)} ago`;
	const since = task.startedAt ?? task.createdAt;
	return since === undefined ? '—' : `up ${formatAge(now - since)}`;
}

/** One task as segments, every AWS string sanitized, each cell fitted to its column. */
export function taskRow(task: Task, now: number, layout: TaskLayout): Segment[] {
	const prominent = prominentFailure(task);
	const stopped = task.lastStatus === 'STOPPED';
	const unhealthy = task.healthStatus === 'UNHEALTHY';
	const tone = prominent ? 'bad' : stopped ? 'muted' : task.lastStatus === 'RUNNING' ? (unhealthy ? 'warn' : 'ok') : 'warn';
	const reason = sanitize(taskReason(task));
	return [
		prominent ? {text: '!', tone: 'bad', bold: true} : {text: ' '},
		{text: ` ${padEnd(sanitize(task.id.slice(0, col.id)), col.id)}`},
		{text: ` ${padEnd(sanitize(task.lastStatus), layout.statusWidth)}`, tone, bold: prominent !== undefined},
		...(layout.healthWidth > 0 ? [{text: ` ${padEnd(sanitize(task.healthStatus ?? '—'), layout.healthWidth)}`, tone: unhealthy ? ('warn' as const) : ('muted' as const)}] : []),
		{text: ` ${padEnd(sanitize(revisionOf(task.taskDefinition)), col.rev)}`},
		{text: ` ${padEnd(taskAge(task, now), col.age)}`, tone: 'muted'},
		{text: ` ${padEnd(sanitize(task.stopCode ?? ''), layout.stopCodeWidth)}`, tone: prominent ? 'bad' : 'muted', bold: prominent !== undefined},
		{text: ` ${padEnd(reason, layout.reasonWidth)}`, tone: prominent ? 'bad' : undefined},
	];
}
