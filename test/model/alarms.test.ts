import {describe, expect, it} from 'vitest';
import {alarmsOfEnvironment} from '../../source/model/alarms.js';
import {namesFor} from '../../source/port/names.js';
import type {Alarm, MetricAlarm} from '../../source/port/types.js';

const metric = (name: string, dimensions: Record<string, string>, state: Alarm['state'] = 'OK', at = 0): MetricAlarm => ({
	kind: 'metric',
	name,
	arn: `arn:${name}`,
	state,
	stateReason: '',
	stateUpdatedAt: at,
	namespace: 'AWS/ECS',
	metricName: 'CPUUtilization',
	dimensions,
	statistic: 'Average',
	periodSeconds: 60,
	evaluationPeriods: 1,
	threshold: 80,
	comparisonOperator: 'GreaterThanThreshold',
});

describe('alarmsOfEnvironment', () => {
	const names = namesFor('staging');
	const alarms: Alarm[] = [
		metric('ACSO-HighCPU', {ClusterName: 'acso-production-cluster', ServiceName: 'acso-production-supervisor'}, 'ALARM'),
		metric('ACSO-staging-HighCPU', {ClusterName: 'acso-staging-cluster', ServiceName: 'acso-staging-supervisor'}, 'OK', 5),
		metric('ACSO-staging-HighMemory', {ClusterName: 'acso-staging-cluster'}, 'ALARM', 9),
		metric('db-cpu', {DBInstanceIdentifier: 'acso-staging-db'}, 'INSUFFICIENT_DATA'),
		{kind: 'composite', name: 'staging-health', arn: 'c', state: 'OK', stateReason: '', stateUpdatedAt: 0, alarmRule: 'ALARM("ACSO-staging-HighCPU")'},
		{kind: 'composite', name: 'prod-health', arn: 'p', state: 'ALARM', stateReason: '', stateUpdatedAt: 0, alarmRule: 'ALARM("ACSO-HighCPU")'},
	];

	it('keeps the alarms watching this environment, ALARM first', () => {
		expect(alarmsOfEnvironment(alarms, names).map(a => a.name)).toEqual([
			'ACSO-staging-HighMemory',
			'db-cpu',
			'staging-health',
			'ACSO-staging-HighCPU',
		]);
	});

	it('adds alarms named in the config', () => {
		const withListed = namesFor('staging', {alarmNames: ['ACSO-HighCPU']});
		expect(alarmsOfEnvironment(alarms, withListed).map(a => a.name)).toContain('ACSO-HighCPU');
	});
});
