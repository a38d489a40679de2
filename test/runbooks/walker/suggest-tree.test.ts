import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {namesFor} from '../../../source/port/names.js';
import type {Alarm, MetricAlarm, Service} from '../../../source/port/types.js';
import {buildAcsoRunbook} from '../../../source/runbooks/acso-runbook.js';
import {loadGuide} from '../../../source/runbooks/guide-loader.js';
import {runbookBinding, runbookCells, suggestionParams} from '../../../source/screens/runbooks/overview-offer.js';
import {suggestTree} from '../../../source/runbooks/walker/suggest-tree.js';

const runbook = buildAcsoRunbook(namesFor('production'));

function alarm(name: string, metricName: string, state: Alarm['state'], namespace = 'AWS/ECS'): MetricAlarm {
	return {
		kind: 'metric',
		name,
		arn: `arn:aws:cloudwatch:eu-west-1:1:alarm:${name}`,
		state,
		stateReason: 'Threshold Crossed',
		stateUpdatedAt: 0,
		namespace,
		metricName,
		dimensions: {},
		statistic: 'Average',
		periodSeconds: 60,
		evaluationPeriods: 3,
		threshold: 85,
		comparisonOperator: 'GreaterThanThreshold',
	};
}

function service(name: string, counts: {desired: number; running: number; pending: number}, rollout: 'COMPLETED' | 'FAILED' | 'IN_PROGRESS' = 'COMPLETED'): Service {
	return {
		name,
		arn: `arn:${name}`,
		cluster: 'acso-production-cluster',
		status: 'ACTIVE',
		desiredCount: counts.desired,
		runningCount: counts.running,
		pendingCount: counts.pending,
		taskDefinition: `${name}:3`,
		deployments: [
			{id: 'd1', status: 'PRIMARY', rolloutState: rollout, ...(rollout === 'FAILED' ? {rolloutStateReason: 'tasks failed to start'} : {}), taskDefinition: `${name}:3`, desiredCount: counts.desired, runningCount: counts.running, pendingCount: counts.pending, failedTasks: 0, createdAt: 0, updatedAt: 0},
		],
		events: [],
	};
}

const quiet = {errors: 0, fatal: 0, capped: false, windowMs: 300_000};

describe('suggestTree', () => {
	it('offers Memory Leaks for a memory alarm in ALARM, High CPU Utilization for a CPU one', () => {
		expect(suggestTree({alarms: [alarm('ACSO-HighCPU', 'CPUUtilization', 'OK'), alarm('ACSO-HighMemory', 'MemoryUtilization', 'ALARM')]}, runbook)).toEqual({
			issueId: 'memory-leaks',
			title: 'Memory Leaks',
			reason: 'ACSO-HighMemory is in ALARM',
		});
		expect(suggestTree({alarms: [alarm('ACSO-HighCPU', 'CPUUtilization', 'ALARM')]}, runbook)).toMatchObject({issueId: 'high-cpu-utilization', title: 'High CPU Utilization'});
		expect(suggestTree({alarms: [alarm('ACSO-HighDBConnections', 'DatabaseConnections', 'ALARM', 'AWS/RDS')]}, runbook)).toMatchObject({issueId: 'database-connection-issues'});
	});

	it('ignores alarms that are OK or waiting for data, and alarms it has no tree for', () => {
		expect(suggestTree({alarms: [alarm('ACSO-HighMemory', 'MemoryUtilization', 'INSUFFICIENT_DATA'), alarm('ACSO-HighCPU', 'CPUUtilization', 'OK')]}, runbook)).toBeUndefined();
		expect(suggestTree({alarms: [alarm('ACSO-Maintenance', 'MaintenanceMode', 'ALARM', 'ACSO/Ops')]}, runbook)).toBeUndefined();
	});

	it('offers Container Image Pull Failures for a service stuck with pending tasks or a failed rollout', () => {
		const stuck = service('acso-production-threat-hunter', {desired: 2, running: 0, pending: 2});
		expect(suggestTree({services: [service('acso-production-supervisor', {desired: 2, running: 2, pending: 0}), stuck]}, runbook)).toEqual({
			issueId: 'container-image-pull-failures',
			title: 'Container Image Pull Failures',
			reason: 'acso-production-threat-hunter: 0/2 running, 2 pending',
		});
		expect(suggestTree({services: [service('acso-production-supervisor', {desired: 2, running: 2, pending: 0}, 'FAILED')]}, runbook)?.reason).toBe('acso-production-supervisor: rollout FAILED (tasks failed to start)');
		// A rolling deployment starts new tasks while the old ones run: pending, but not short.
		expect(suggestTree({services: [service('acso-production-supervisor', {desired: 2, running: 2, pending: 1}, 'IN_PROGRESS')]}, runbook)).toBeUndefined();
	});

	it('offers the emergency "View recent errors" for an error spike, and nothing for a quiet log', () => {
		expect(suggestTree({errors: {...quiet, errors: 12}}, runbook)).toEqual({stepId: 'emergency/4', title: 'View recent errors', reason: '12 ERROR, 0 FATAL in 5m'});
		expect(suggestTree({errors: {...quiet, fatal: 1}}, runbook)).toMatchObject({stepId: 'emergency/4'});
		expect(suggestTree({errors: {...quiet, errors: 3}}, runbook)).toBeUndefined();
		expect(suggestTree({}, runbook)).toBeUndefined();
	});

	it('puts an alarm before a stuck service before errors', () => {
		const data = {alarms: [alarm('ACSO-HighCPU', 'CPUUtilization', 'ALARM')], services: [service('s', {desired: 1, running: 0, pending: 1})], errors: {...quiet, fatal: 3}};
		expect(suggestTree(data, runbook)?.issueId).toBe('high-cpu-utilization');
		expect(suggestTree({...data, alarms: []}, runbook)?.issueId).toBe('container-image-pull-failures');
	});

	it('finds the trees of a guide loaded with --guide by their titles, and offers nothing it lacks', () => {
		const ledger = loadGuide(readFileSync(new URL('../../fixtures/guides/ledger-guide.md', import.meta.url), 'utf8'), namesFor('production')).runbook;
		expect(suggestTree({alarms: [alarm('Ledger-CPU', 'CPUUtilization', 'ALARM')]}, ledger)).toMatchObject({issueId: 'api-pods-starved-of-cpu'});
		expect(suggestTree({alarms: [alarm('Ledger-Mem', 'MemoryUtilization', 'ALARM')]}, ledger)).toBeUndefined();
		// Its one emergency command reads alarms, not logs: no error tree to offer.
		expect(suggestTree({errors: {...quiet, fatal: 2}}, ledger)).toBeUndefined();
	});
});

describe('the overview offer', () => {
	it('binds t to open the runbooks screen on the suggested issue or step', () => {
		const opened: Array<[string, Record<string, string> | undefined]> = [];
		const open = (screen: string, params?: Record<string, string>) => void opened.push([screen, params]);
		const binding = runbookBinding({issueId: 'memory-leaks', title: 'Memory Leaks', reason: 'ACSO-HighMemory is in ALARM'}, open);
		expect(binding).toMatchObject({keys: ['t'], description: 'open the runbook for: Memory Leaks', footer: true});
		binding.handler();
		expect(opened).toEqual([['runbooks', {issue: 'memory-leaks'}]]);
		expect(suggestionParams({stepId: 'emergency/4', title: 'View recent errors', reason: ''})).toEqual({step: 'emergency/4'});
		expect(runbookCells({issueId: 'memory-leaks', title: 'Memory Leaks', reason: 'ACSO-HighMemory is in ALARM'})).toEqual([{text: 't → Memory Leaks (ACSO-HighMemory is in ALARM)', tone: 'warn'}]);
	});

	it('keeps t in help, disabled with the reason, when nothing points at a runbook', () => {
		const binding = runbookBinding(undefined, () => {});
		expect(binding.disabledReason).toBe('nothing on the overview points at a runbook right now');
		expect(binding.footer).toBeUndefined();
		expect(runbookCells(undefined)).toEqual([]);
	});

	it('sanitizes alarm names and titles before they reach the ALARMS line', () => {
		expect(runbookCells({issueId: 'x', title: 'Mem\u001b]0;pwned\u0007', reason: 'A\u202eB is in ALARM'})[0]?.text).toBe('t → Mem\\x1b]0;pwned\\x07 (A<U+202E>B is in ALARM)');
	});
});
