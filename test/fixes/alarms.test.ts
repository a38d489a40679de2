import {describe, expect, it} from 'vitest';
import {cliFlag} from '../../source/fixes/alarm-request.js';
import {putMetricAlarm} from '../../source/fixes/alarms.js';
import {alarmRuleReferences, putCompositeAlarm} from '../../source/fixes/composite-alarm.js';
import type {Plan} from '../../source/fixes/types.js';
import type {MetricAlarm, MetricAlarmInput} from '../../source/port/types.js';
import {checkedOperator} from './checked-operator.js';
import {cluster, fakeReaders, productionAccount, serviceName} from './fake-cloud.js';

const highCpu = {kind: 'alarm', alarm: 'ACSO-HighCPU'} as const;

function inputOf(name: string): MetricAlarmInput {
	const alarm = productionAccount().alarms.find(a => a.name === name) as MetricAlarm;
	const {kind: _k, arn: _a, state: _s, stateReason: _r, stateUpdatedAt: _u, ...input} = alarm;
	return input;
}

describe('put-metric-alarm on an existing alarm', () => {
	it('changes threshold and periods, keeps every other field (actions too), and undoes exactly', async () => {
		const plan = await putMetricAlarm.plan(fakeReaders(productionAccount()), highCpu, {threshold: '85', evaluationPeriods: 4});
		expect(plan.changes).toEqual([
			{field: 'threshold', from: 80, to: 85},
			{field: 'evaluationPeriods', from: 3, to: 4},
		]);
		expect(plan.parameters).toEqual({
			AlarmActions: ['arn:aws:sns:us-east-1:123456789012:acso-oncall'],
			OKActions: ['arn:aws:sns:us-east-1:123456789012:acso-oncall'],
			DatapointsToAlarm: 2,
			TreatMissingData: 'missing',
			AlarmName: 'ACSO-HighCPU',
			AlarmDescription: 'High CPU utilization',
			ActionsEnabled: true,
			Namespace: 'AWS/ECS',
			MetricName: 'CPUUtilization',
			Dimensions: [
				{Name: 'ClusterName', Value: cluster},
				{Name: 'ServiceName', Value: serviceName},
			],
			Statistic: 'Average',
			Period: 300,
			EvaluationPeriods: 4,
			Threshold: 85,
			ComparisonOperator: 'GreaterThanThreshold',
		});
		expect(plan.cliCommand).toBe(
			[
				'aws cloudwatch put-metric-alarm --alarm-name ACSO-HighCPU',
				"--alarm-description 'High CPU utilization' --actions-enabled --namespace AWS/ECS --metric-name CPUUtilization",
				`--dimensions Name=ClusterName,Value=${cluster} Name=ServiceName,Value=${serviceName}`,
				'--statistic Average --period 300 --evaluation-periods 4 --threshold 85 --comparison-operator GreaterThanThreshold',
				'--alarm-actions arn:aws:sns:us-east-1:123456789012:acso-oncall --ok-actions arn:aws:sns:us-east-1:123456789012:acso-oncall',
				'--datapoints-to-alarm 2 --treat-missing-data missing',
			].join(' '),
		);
		const previous = inputOf('ACSO-HighCPU');
		const fake = checkedOperator([
			{method: 'putMetricAlarm', args: [{...previous, threshold: 85, evaluationPeriods: 4}]},
			{method: 'putMetricAlarm', args: [previous]},
		]);
		const outcome = await plan.run(fake.operator);
		expect(outcome).toMatchObject({ok: true, after: {threshold: 85, evaluationPeriods: 4, periodSeconds: 300}});
		const undo = plan.undo(outcome) as Plan;
		expect(undo.changes).toEqual([
			{field: 'threshold', from: 85, to: 80},
			{field: 'evaluationPeriods', from: 4, to: 3},
		]);
		await undo.run(fake.operator);
		fake.verify();
	});

	it('keeps fields a guide command also gives, and points out where they differ', async () => {
		const plan = await putMetricAlarm.plan(fakeReaders(productionAccount()), highCpu, {
			threshold: 85,
			namespace: 'AWS/ECS',
			metricName: 'CPUUtilization',
			statistic: 'Maximum',
			periodSeconds: 300,
			comparisonOperator: 'GreaterThanThreshold',
			evaluationPeriods: 3,
		});
		expect(plan.parameters).toMatchObject({Statistic: 'Average', Threshold: 85});
		expect(plan.warnings).toEqual(['statistic stays "Average" (given "Maximum"): this fix changes only threshold and periods.']);
	});

	it('is high risk with a warning when AWS did not report the alarm actions', async () => {
		const account = productionAccount();
		account.kind = 'aws';
		delete (account.alarms[0] as MetricAlarm).extra;
		const plan = await putMetricAlarm.plan(fakeReaders(account), highCpu, {threshold: 90});
		expect(plan.risk).toBe('high');
		expect(plan.warnings.join('\n')).toMatch(/actions \(notifications\) were not read from AWS/);
	});

	it.each([
		[{threshold: 'NaN'}, 'threshold must be a finite number, got "NaN"'],
		[{threshold: Infinity}, 'threshold must be a finite number, got Infinity'],
		[{threshold: 'abc'}, 'threshold must be a finite number, got "abc"'],
		[{periodSeconds: 90}, 'periodSeconds 90 is not allowed: use 10, 20, 30 or a multiple of 60'],
		[{periodSeconds: 300, evaluationPeriods: 300}, 'periodSeconds x evaluationPeriods is 90000 s; CloudWatch allows at most 86400 s (one day for periods under an hour)'],
		[{evaluationPeriods: 1}, 'the alarm alarms on 2 datapoints, more than evaluationPeriods 1'],
		[{evaluationPeriods: 0}, 'evaluationPeriods must be between 1 and 100000, got 0'],
		[{threshold: 80}, 'ACSO-HighCPU already has threshold 80 over 3 x 300 s'],
		[{}, 'give threshold, evaluationPeriods and/or periodSeconds to change'],
	])('refuses %j', async (params, message) => {
		await expect(putMetricAlarm.plan(fakeReaders(productionAccount()), highCpu, params)).rejects.toThrow(message);
	});
});

describe('put-metric-alarm creating an alarm', () => {
	const drift = {kind: 'alarm', alarm: 'ACSO-ConfigurationDrift'} as const;
	const guide = {
		description: 'Configuration drift detected',
		metricName: 'DriftDetectionStatus',
		namespace: 'AWS/CloudFormation',
		statistic: 'Maximum',
		periodSeconds: '3600',
		threshold: '1',
		comparisonOperator: 'GreaterThanOrEqualToThreshold',
		evaluationPeriods: '1',
	};

	it('creates the guide\'s drift alarm, with no undo', async () => {
		const plan = await putMetricAlarm.plan(fakeReaders(productionAccount()), drift, guide);
		expect(plan.title).toBe('Create alarm ACSO-ConfigurationDrift');
		const fake = checkedOperator([
			{
				method: 'putMetricAlarm',
				args: [{name: 'ACSO-ConfigurationDrift', description: 'Configuration drift detected', namespace: 'AWS/CloudFormation', metricName: 'DriftDetectionStatus', dimensions: {}, statistic: 'Maximum', periodSeconds: 3600, evaluationPeriods: 1, threshold: 1, comparisonOperator: 'GreaterThanOrEqualToThreshold'}],
			},
		]);
		const outcome = await plan.run(fake.operator);
		fake.verify();
		expect(plan.undo(outcome)).toBeUndefined();
		expect(plan.warnings.join('\n')).toMatch(/no dimensions/);
	});

	it('names what is missing to create it', async () => {
		await expect(putMetricAlarm.plan(fakeReaders(productionAccount()), drift, {threshold: 1})).rejects.toThrow(
			'alarm ACSO-ConfigurationDrift does not exist; to create it give namespace, metricName, statistic, comparisonOperator, periodSeconds, evaluationPeriods',
		);
		await expect(putMetricAlarm.plan(fakeReaders(productionAccount()), drift, {...guide, statistic: 'p99'})).rejects.toThrow(
			'statistic must be one of Average, Maximum, Minimum, Sum, SampleCount, got "p99"',
		);
		await expect(putMetricAlarm.plan(fakeReaders(productionAccount()), drift, {...guide, dimensions: 'ClusterName=x'})).rejects.toThrow(
			'dimensions: expected Name=NAME,Value=VALUE, got "ClusterName=x"',
		);
	});

	it('refuses a composite alarm', async () => {
		await expect(putMetricAlarm.plan(fakeReaders(productionAccount()), {kind: 'alarm', alarm: 'ACSO-Resources'}, {threshold: 1})).rejects.toThrow(
			'ACSO-Resources is a composite alarm; use put-composite-alarm',
		);
	});
});

describe('put-composite-alarm', () => {
	const rule = "(ALARM('ACSO-HighCPU') OR ALARM('ACSO-HighMemory')) AND NOT ALARM('ACSO-Maintenance')";

	it('reads the alarm names of a rule', () => {
		expect(alarmRuleReferences(rule)).toEqual(['ACSO-HighCPU', 'ACSO-HighMemory', 'ACSO-Maintenance']);
		expect(alarmRuleReferences('ALARM("a b") OR OK(c) OR INSUFFICIENT_DATA( d )')).toEqual(['a b', 'c', 'd']);
	});

	it('creates the guide\'s system-health alarm', async () => {
		const target = {kind: 'alarm', alarm: 'ACSO-SystemHealth'} as const;
		const plan = await putCompositeAlarm.plan(fakeReaders(productionAccount()), target, {alarmRule: rule, description: 'Overall system health'});
		expect(plan.parameters).toEqual({AlarmName: 'ACSO-SystemHealth', AlarmRule: rule, AlarmDescription: 'Overall system health'});
		expect(plan.cliCommand).toBe(
			`aws cloudwatch put-composite-alarm --alarm-name ACSO-SystemHealth --alarm-rule '(ALARM('\\''ACSO-HighCPU'\\'') OR ALARM('\\''ACSO-HighMemory'\\'')) AND NOT ALARM('\\''ACSO-Maintenance'\\'')' --alarm-description 'Overall system health'`,
		);
		const fake = checkedOperator([{method: 'putCompositeAlarm', args: [{name: 'ACSO-SystemHealth', alarmRule: rule, description: 'Overall system health'}]}]);
		expect(plan.undo(await plan.run(fake.operator))).toBeUndefined();
		fake.verify();
	});

	it('changes an existing rule keeping its actions, and undoes to the old rule', async () => {
		const target = {kind: 'alarm', alarm: 'ACSO-Resources'} as const;
		const plan = await putCompositeAlarm.plan(fakeReaders(productionAccount()), target, {alarmRule: rule});
		expect(plan.parameters).toEqual({AlarmActions: ['arn:aws:sns:us-east-1:123456789012:acso-oncall'], AlarmName: 'ACSO-Resources', AlarmRule: rule});
		const extra = {AlarmActions: ['arn:aws:sns:us-east-1:123456789012:acso-oncall']};
		const fake = checkedOperator([
			{method: 'putCompositeAlarm', args: [{name: 'ACSO-Resources', alarmRule: rule, extra}]},
			{method: 'putCompositeAlarm', args: [{name: 'ACSO-Resources', alarmRule: "ALARM('ACSO-HighCPU') OR ALARM('ACSO-HighMemory')", extra}]},
		]);
		const outcome = await plan.run(fake.operator);
		await (plan.undo(outcome) as Plan).run(fake.operator);
		fake.verify();
	});

	it.each([
		["ALARM('ACSO-HighCPU') OR ALARM('ACSO-Nope')", 'alarmRule names alarms that do not exist: ACSO-Nope'],
		["(ALARM('ACSO-HighCPU')", 'alarmRule has 1 unclosed "("'],
		["ALARM('ACSO-HighCPU'))", 'alarmRule has a ")" without its "("'],
		['HighCPU OR HighMemory', 'alarmRule names no alarm'],
		["ALARM('ACSO-SystemHealth')", 'alarmRule refers to ACSO-SystemHealth itself'],
	])('refuses %s', async (alarmRule, message) => {
		await expect(putCompositeAlarm.plan(fakeReaders(productionAccount()), {kind: 'alarm', alarm: 'ACSO-SystemHealth'}, {alarmRule})).rejects.toThrow(message);
	});
});

describe('CLI flags of pass-through fields', () => {
	it('turns SDK field names into the CLI options', () => {
		expect(cliFlag('OKActions')).toBe('--ok-actions');
		expect(cliFlag('InsufficientDataActions')).toBe('--insufficient-data-actions');
		expect(cliFlag('EvaluateLowSampleCountPercentile')).toBe('--evaluate-low-sample-count-percentile');
	});
});
