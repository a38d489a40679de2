import {describe, expect, it} from 'vitest';
import {deploymentHeader, deploymentLayout, deploymentRow, eventRow, formatCpuUnits, formatMemoryMiB, sortEvents, taskDefinitionSize} from '../../source/format/deployments.js';
import {lineWidth, type SegmentLine} from '../../source/format/segments.js';
import type {Deployment, TaskDefinition} from '../../source/port/types.js';

const now = Date.parse('2026-11-28T12:00:00Z');
const text = (line: SegmentLine) => line.map(s => s.text).join('');

const definition: TaskDefinition = {
	family: 'acso-production-supervisor',
	revision: 7,
	arn: 'arn:aws:ecs:eu-west-1:1:task-definition/acso-production-supervisor:7',
	status: 'ACTIVE',
	cpu: '1024',
	memory: '2048',
	containers: [{name: 'supervisor-agent', image: 'acso/supervisor:v7'}],
};

const primary: Deployment = {
	id: 'ecs-svc/1',
	status: 'PRIMARY',
	rolloutState: 'IN_PROGRESS',
	taskDefinition: 'acso-production-supervisor:8',
	desiredCount: 3,
	runningCount: 1,
	pendingCount: 2,
	failedTasks: 2,
	createdAt: now - 4 * 60_000,
	updatedAt: now,
};

describe('task definition size', () => {
	it('reads task-level CPU units and MiB', () => {
		expect(formatCpuUnits('1024')).toBe('1 vCPU');
		expect(formatCpuUnits(512)).toBe('0.5 vCPU');
		expect(formatCpuUnits('junk')).toBeUndefined();
		expect(formatMemoryMiB('512')).toBe('512 MiB');
		expect(taskDefinitionSize(definition)).toBe('1 vCPU · 2.0 GiB');
	});

	it('adds up the containers when the task sets no size (EC2)', () => {
		const ec2 = {...definition, cpu: undefined, memory: undefined, containers: [{name: 'a', image: 'a', cpu: 256, memory: 512}, {name: 'b', image: 'b', cpu: 256, memoryReservation: 256}]};
		expect(taskDefinitionSize(ec2)).toBe('0.5 vCPU · 768 MiB');
		expect(taskDefinitionSize({...ec2, containers: []})).toBe('? vCPU · ? memory');
		expect(taskDefinitionSize(undefined)).toBeUndefined();
	});
});

describe('deployment rows', () => {
	it('show status, rollout, counts, failures, revision, size and age, as wide as the header', () => {
		const layout = deploymentLayout(100);
		const row = deploymentRow(primary, '1 vCPU · 2.0 GiB', now, layout);
		expect(lineWidth(row)).toBe(deploymentHeader(layout).length);
		expect(deploymentHeader(layout)).toHaveLength(100);
		expect(text(row)).toMatch(/^PRIMARY +IN_PROGRESS +1\/3\/2 +2 +acso-production-supervisor:8 +1 vCPU · 2\.0 GiB +4m/);
		expect(row.find(s => s.text.includes('IN_PROGRESS'))?.tone).toBe('warn');
		expect(row.find(s => s.text.includes('1/3/2'))?.tone).toBe('warn');
		expect(text(deploymentRow({...primary, rolloutState: 'FAILED'}, undefined, now, layout))).toContain('…');
		expect(deploymentRow({...primary, rolloutState: 'FAILED'}, undefined, now, layout).find(s => s.text.includes('FAILED'))).toMatchObject({tone: 'bad', bold: true});
	});
});

describe('deployment rows when narrow', () => {
	it('drop the size column (the summary line shows it) and keep the width', () => {
		const layout = deploymentLayout(60);
		expect(deploymentHeader(layout)).toHaveLength(60);
		expect(deploymentHeader(layout)).not.toContain('SIZE');
		expect(lineWidth(deploymentRow(primary, '1 vCPU · 2.0 GiB', now, layout))).toBe(60);
	});
});

describe('service events', () => {
	const events = [
		{id: 'a', createdAt: now - 3600_000, message: '(service acso-production-supervisor) has reached a steady state.'},
		{id: 'b', createdAt: now - 60_000, message: '(service acso-production-supervisor) is unable to consistently start tasks successfully.'},
	];

	it('are newest first with their age', () => {
		expect(sortEvents(events).map(e => e.id)).toEqual(['b', 'a']);
		expect(text(eventRow(events[0]!, now))).toBe('1h   (service acso-production-supervisor) has reached a steady state.');
	});

	it('mark trouble and sanitize the message', () => {
		expect(eventRow(events[1]!, now)[1]?.tone).toBe('bad');
		expect(eventRow(events[0]!, now)[1]?.tone).toBeUndefined();
		expect(text(eventRow({id: 'c', createdAt: now, message: 'x\u001B[31my'}, now))).toContain('x\\x1b[31my');
	});
});
