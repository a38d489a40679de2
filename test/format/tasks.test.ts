import {describe, expect, it} from 'vitest';
import {lineWidth, type SegmentLine} from '../../source/format/segments.js';
import {prominentFailure, revisionOf, sortTasks, taskHeader, taskLayout, taskReason, taskRow} from '../../source/format/tasks.js';
import type {Task} from '../../source/port/types.js';

const now = Date.parse('2026-11-28T12:00:00Z');
const text = (line: SegmentLine) => line.map(s => s.text).join('');

function task(id: string, overrides: Partial<Task> = {}): Task {
	return {
		id,
		arn: `arn:aws:ecs:eu-west-1:1:task/acso-production-cluster/${id}`,
		cluster: 'acso-production-cluster',
		service: 'acso-production-supervisor',
		taskDefinition: 'acso-production-supervisor:7',
		lastStatus: 'RUNNING',
		desiredStatus: 'RUNNING',
		healthStatus: 'HEALTHY',
		startedAt: now - 20 * 60_000,
		containers: [{name: 'supervisor-agent', lastStatus: 'RUNNING'}],
		...overrides,
	};
}

const stopped = (id: string, minutesAgo: number, overrides: Partial<Task>) =>
	task(id, {lastStatus: 'STOPPED', desiredStatus: 'STOPPED', healthStatus: 'UNKNOWN', stoppedAt: now - minutesAgo * 60_000, ...overrides});

const oom = stopped('00000000oom', 3, {
	stopCode: 'EssentialContainerExited',
	stoppedReason: 'Essential container in task exited',
	containers: [{name: 'supervisor-agent', lastStatus: 'STOPPED', exitCode: 137, reason: 'OutOfMemoryError: Container killed due to memory usage'}],
});
const pull = stopped('11111111pull', 10, {
	stopCode: 'TaskFailedToStart',
	stoppedReason: 'CannotPullContainerError: pull image manifest has been retried 5 time(s): failed to resolve ref 1.dkr.ecr.eu-west-1.amazonaws.com/acso/supervisor:v9: not found',
});
const init = stopped('22222222init', 30, {stopCode: 'TaskFailedToStart', stoppedReason: 'ResourceInitializationError: unable to pull secrets or registry auth'});
const scaledIn = stopped('33333333scale', 1, {stopCode: 'ServiceSchedulerInitiated', stoppedReason: 'Scaling activity initiated by (deployment ecs-svc/123)'});
const running = task('44444444run');
const pending = task('55555555pend', {lastStatus: 'PENDING', healthStatus: 'UNKNOWN', startedAt: undefined, createdAt: now - 60_000});

describe('prominent stop codes', () => {
	it('finds each of CannotPullContainerError, ResourceInitializationError and OutOfMemory', () => {
		expect(prominentFailure(pull)).toBe('CannotPullContainerError');
		expect(prominentFailure(init)).toBe('ResourceInitializationError');
		// OutOfMemory is usually only in the container's reason.
		expect(prominentFailure(oom)).toBe('OutOfMemory');
		expect(prominentFailure(scaledIn)).toBeUndefined();
		expect(prominentFailure(running)).toBeUndefined();
	});

	it('lists them first, newest first, then running and starting tasks, then other stopped ones', () => {
		expect(sortTasks([scaledIn, running, init, pending, oom, pull]).map(t => t.id)).toEqual([
			'00000000oom',
			'11111111pull',
			'22222222init',
			'55555555pend',
			'44444444run',
			'33333333scale',
		]);
	});

	it('draws them red and bold with a marker, and names the code', () => {
		const layout = taskLayout(180);
		const row = taskRow(oom, now, layout);
		expect(row[0]).toMatchObject({text: '!', tone: 'bad', bold: true});
		expect(row.find(s => s.text.includes('EssentialContainerExited'))).toMatchObject({tone: 'bad', bold: true});
		expect(row.find(s => s.text.includes('STOPPED'))).toMatchObject({tone: 'bad', bold: true});
		expect(text(row)).toContain('OutOfMemoryError: Container killed due to memory usage (exit 137)');
		const calm = taskRow(scaledIn, now, layout);
		expect(calm[0]!.text).toBe(' ');
		expect(calm.some(s => s.tone === 'bad')).toBe(false);
	});
});

describe('task rows', () => {
	it('are as wide as the header and show id, status, health, revision and age', () => {
		const layout = taskLayout(120);
		const row = taskRow(running, now, layout);
		expect(lineWidth(row)).toBe(taskHeader(layout).length);
		expect(taskHeader(layout)).toHaveLength(120);
		expect(text(row)).toMatch(/^ {2}44444444 RUNNING +HEALTHY +:7 +up 20m/);
		expect(text(taskRow(pull, now, layout))).toMatch(/10m ago +TaskFailedToStart +CannotPullContainerError: pull image/);
		expect(row.find(s => s.text.includes('RUNNING'))?.tone).toBe('ok');
		expect(taskRow(pending, now, layout).find(s => s.text.includes('PENDING'))?.tone).toBe('warn');
	});

	it('drop the health column and shrink when narrow, still exactly as wide', () => {
		const layout = taskLayout(60);
		expect(taskHeader(layout)).toHaveLength(60);
		expect(taskHeader(layout)).not.toContain('HEALTH');
		expect(lineWidth(taskRow(pull, now, layout))).toBe(60);
		expect(text(taskRow(pull, now, layout))).toMatch(/^! 11111111 STOPPED +:7 +10m ago +TaskFailedTo\S*… +CannotPul/);
	});

	it('joins the task and container reasons without repeating them', () => {
		// The part naming the prominent code comes first: it is what a narrow column must show.
		expect(taskReason(oom)).toBe('supervisor-agent: OutOfMemoryError: Container killed due to memory usage (exit 137) · Essential container in task exited');
		expect(taskReason(stopped('x', 1, {containers: [{name: 'a', lastStatus: 'STOPPED', exitCode: 1}]}))).toBe('a exited 1');
		expect(taskReason(running)).toBe('');
	});

	it('sanitizes reasons from AWS', () => {
		const hostile = stopped('h', 1, {stoppedReason: 'boom\u001B]52;c;ZXZpbA==\u0007'});
		const line = text(taskRow(hostile, now, taskLayout(200)));
		expect(line).not.toMatch(/[\u001B\u0007]/);
		expect(line).toContain('boom\\x1b]52;c;ZXZpbA==\\x07');
	});

	it('reads the revision from family:revision', () => {
		expect(revisionOf('acso-production-supervisor:12')).toBe(':12');
		expect(revisionOf('weird')).toBe('weird');
	});
});
