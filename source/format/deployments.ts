// A service's deployments and events as rows for the service detail screen.

import type {Deployment, ServiceEvent, TaskDefinition} from '../port/types.js';
import {formatAge} from './durations.js';
import {formatBytes} from './numbers.js';
import {sanitize} from './sanitize.js';
import type {Segment} from './segments.js';
import {padEnd} from './truncate.js';

/** "1024" CPU units -> "1 vCPU", "512" -> "0.5 vCPU"; undefined or junk -> undefined. */
export function formatCpuUnits(units: string | number | undefined): string | undefined {
	const n = typeof units === 'string' ? Number(units) : units;
	if (n === undefined || !Number.isFinite(n) || n <= 0) return undefined;
	return `${Number((n / 1024).toFixed(2))} vCPU`;
}

/** "2048" MiB -> "2.0 GiB", "512" -> "512 MiB". */
export function formatMemoryMiB(mib: string | number | undefined): string | undefined {
	const n = typeof mib === 'string' ? Number(mib) : mib;
	if (n === undefined || !Number.isFinite(n) || n <= 0) return undefined;
	return formatBytes(n * 1024 * 1024, {binary: true});
}

/**
 * "1 vCPU · 2.0 GiB": the task size, or the sum of its containers' when the task sets none (EC2
 * launch type). Undefined until the definition is known.
 */
export function taskDefinitionSize(definition: TaskDefinition | undefined): string | undefined {
	if (!definition) return undefined;
	const sum = (pick: (c: TaskDefinition['containers'][number]) => number | undefined) =>
		definition.containers.reduce((total, c) => total + (pick(c) ?? 0), 0) || undefined;
	const cpu = formatCpuUnits(definition.cpu ?? sum(c => c.cpu));
	const memory = formatMemoryMiB(definition.memory ?? sum(c => c.memory ?? c.memoryReservation));
	return `${cpu ?? '? vCPU'} · ${memory ?? '? memory'}`;
}

export type DeploymentLayout = {taskDefinitionWidth: number; sizeWidth: number};

const col = {status: 8, rollout: 11, counts: 11, failed: 6, age: 5};

/** Narrow, the size column goes (the summary line above shows the primary's). */
export function deploymentLayout(width: number): DeploymentLayout {
	const sizeWidth = width >= 90 ? 18 : 0;
	const fixed = col.status + col.rollout + col.counts + col.failed + col.age + 5 + (sizeWidth > 0 ? sizeWidth + 1 : 0);
	return {taskDefinitionWidth: Math.max(8, width - fixed), sizeWidth};
}

export function deploymentHeader(layout: DeploymentLayout): string {
	return [
		padEnd('STATUS', col.status),
		padEnd('ROLLOUT', col.rollout),
		padEnd('RUN/DES/PEN', col.counts),
		padEnd('FAILED', col.failed),
		padEnd('TASK DEFINITION', layout.taskDefinitionWidth),
		...(layout.sizeWidth > 0 ? [padEnd('SIZE', layout.sizeWidth)] : []),
		padEnd('AGE', col.age),
	].join(' ');
}

/** One deployment; `size` is its task definition's, when known (`…` while it is being read). */
export function deploymentRow(d: Deployment, size: string | undefined, now: number, layout: DeploymentLayout): Segment[] {
	const rolloutTone = d.rolloutState === 'COMPLETED' ? 'ok' : d.rolloutState === 'FAILED' ? 'bad' : 'warn';
	const short = d.runningCount < d.desiredCount || d.pendingCount > 0;
	return [
		{text: padEnd(sanitize(d.status), col.status), bold: d.status === 'PRIMARY'},
		{text: ` ${padEnd(sanitize(d.rolloutState), col.rollout)}`, tone: rolloutTone, bold: d.rolloutState === 'FAILED'},
		{text: ` ${padEnd(`${d.runningCount}/${d.desiredCount}/${d.pendingCount}`, col.counts)}`, tone: short ? 'warn' : 'ok'},
		{text: ` ${padEnd(String(d.failedTasks), col.failed)}`, tone: d.failedTasks > 0 ? 'bad' : 'muted'},
		{text: ` ${padEnd(sanitize(d.taskDefinition), layout.taskDefinitionWidth)}`},
		...(layout.sizeWidth > 0 ? [{text: ` ${padEnd(sanitize(size ?? '…'), layout.sizeWidth)}`, tone: 'muted' as const}] : []),
		{text: ` ${padEnd(formatAge(now - d.createdAt), col.age)}`, tone: 'muted'},
	];
}

/** Newest first, whatever order they came in. */
export function sortEvents(events: readonly ServiceEvent[]): ServiceEvent[] {
	return [...events].sort((a, b) => b.createdAt - a.createdAt);
}

/** "3m  (service acso-production-supervisor) has reached a steady state." */
export function eventRow(event: ServiceEvent, now: number): Segment[] {
	const message = sanitize(event.message);
	const trouble = /unable|fail|error|unhealthy|CannotPull|ResourceInitialization|OutOfMemory/i.test(event.message);
	return [
		{text: `${padEnd(formatAge(now - event.createdAt), 4)} `, tone: 'muted'},
		{text: message, tone: trouble ? 'bad' : undefined},
	];
}
