// CloudWatch alarms of the simulated account: PutMetricAlarm / PutCompositeAlarm with CloudWatch's
// validation (a changed alarm is judged against the data at once), DescribeAlarms and
// DescribeAlarmHistory. Evaluation lives in alarm-evaluation.ts, the seeded alarms in alarm-seeds.ts.

import {CloudError} from '../port/errors.js';
import type {Alarm, AlarmHistoryItem, ComparisonOperator, CompositeAlarmInput, MetricAlarmInput, MetricStat, TimeRange} from '../port/types.js';
import {judgeMetricAlarm, evaluateComposites, reasonFor, record, transition} from './alarm-evaluation.js';
import {parseAlarmRule, RuleError, ruleAlarms} from './alarm-rule.js';
import {alarmArn} from './ids.js';
import type {AlarmStateChange, SimAlarm, World} from './model.js';

const MAX_ALARMS = 500;
const COMPARISONS: readonly ComparisonOperator[] = ['GreaterThanThreshold', 'GreaterThanOrEqualToThreshold', 'LessThanThreshold', 'LessThanOrEqualToThreshold'];
const STATS: readonly MetricStat[] = ['Average', 'Maximum', 'Minimum', 'Sum', 'SampleCount'];

function invalid(message: string): CloudError {
	return new CloudError('invalid', message, {code: 'ValidationError'});
}

function validateName(name: string): void {
	if (typeof name !== 'string' || name.trim() === '' || name.length > 255) throw invalid(`Alarm name '${name}' is invalid: it must be 1 to 255 characters.`);
}

function validateMetricAlarm(input: MetricAlarmInput): void {
	validateName(input.name);
	if (!input.namespace || !input.metricName) throw invalid('An alarm needs a metric: Namespace and MetricName are required.');
	if (!STATS.includes(input.statistic)) throw invalid(`Statistic '${input.statistic}' is not one of ${STATS.join(', ')}.`);
	if (!COMPARISONS.includes(input.comparisonOperator)) throw invalid(`ComparisonOperator '${input.comparisonOperator}' is not one of ${COMPARISONS.join(', ')}.`);
	const period = input.periodSeconds;
	if (!Number.isInteger(period) || !([10, 30].includes(period) || (period >= 60 && period % 60 === 0))) {
		throw invalid(`Period ${period} is invalid: use 10, 30 or a multiple of 60 seconds.`);
	}
	if (!Number.isInteger(input.evaluationPeriods) || input.evaluationPeriods < 1) throw invalid(`EvaluationPeriods must be a whole number of at least 1 (got ${input.evaluationPeriods}).`);
	if (period * input.evaluationPeriods > 7 * 24 * 3600) throw invalid('Period multiplied by EvaluationPeriods must not exceed 7 days.');
	if (typeof input.threshold !== 'number' || !Number.isFinite(input.threshold)) throw invalid(`Threshold must be a number (got ${input.threshold}).`);
	for (const [name, value] of Object.entries(input.dimensions ?? {})) {
		if (!name || typeof value !== 'string' || value === '') throw invalid(`Dimension '${name}' needs a non-empty value.`);
	}
}

export function putMetricAlarm(world: World, input: MetricAlarmInput): AlarmStateChange[] {
	validateMetricAlarm(input);
	const existing = world.alarms.get(input.name);
	if (existing?.kind === 'composite') throw invalid(`Alarm ${input.name} is a composite alarm; it cannot be replaced by a metric alarm.`);
	if (!existing && world.alarms.size >= MAX_ALARMS) throw new CloudError('invalid', `The simulated account holds at most ${MAX_ALARMS} alarms.`, {code: 'LimitExceeded'});
	const alarm: SimAlarm = {
		...structuredClone(input),
		dimensions: {...input.dimensions},
		kind: 'metric',
		arn: alarmArn(input.name),
		state: existing?.state ?? 'INSUFFICIENT_DATA',
		stateReason: existing?.stateReason ?? 'Unchecked: Initial alarm creation',
		stateUpdatedAt: existing?.stateUpdatedAt ?? world.time,
		history: existing?.history ?? [],
	};
	world.alarms.set(input.name, alarm);
	record(alarm, {alarmName: alarm.name, timestamp: world.time, type: 'ConfigurationUpdate', summary: `Alarm "${alarm.name}" ${existing ? 'updated' : 'created'}`});
	// A new threshold is judged against the data at once rather than at the next minute.
	const changes: AlarmStateChange[] = [];
	const verdict = judgeMetricAlarm(world, alarm, world.time);
	if (verdict) transition(alarm, verdict.state, () => reasonFor(alarm, verdict), world.time, changes);
	evaluateComposites(world, world.time, changes);
	return changes;
}

export function putCompositeAlarm(world: World, input: CompositeAlarmInput): AlarmStateChange[] {
	validateName(input.name);
	let names: Set<string>;
	try {
		names = ruleAlarms(parseAlarmRule(input.alarmRule));
	} catch (error) {
		if (error instanceof RuleError) throw invalid(`Invalid alarm rule: ${error.message}.`);
		throw error;
	}
	const missing = [...names].filter(name => !world.alarms.has(name));
	if (missing.length > 0) throw invalid(`Could not save the composite alarm as alarms [${missing.join(', ')}] in the alarm rule do not exist.`);
	if (names.has(input.name)) throw invalid(`The alarm rule of ${input.name} cannot refer to the alarm itself.`);
	const existing = world.alarms.get(input.name);
	if (existing?.kind === 'metric') throw invalid(`Alarm ${input.name} is a metric alarm; it cannot be replaced by a composite alarm.`);
	if (!existing && world.alarms.size >= MAX_ALARMS) throw new CloudError('invalid', `The simulated account holds at most ${MAX_ALARMS} alarms.`, {code: 'LimitExceeded'});
	const alarm: SimAlarm = {
		...structuredClone(input),
		kind: 'composite',
		arn: alarmArn(input.name),
		state: existing?.state ?? 'INSUFFICIENT_DATA',
		stateReason: existing?.stateReason ?? 'Unchecked: Initial alarm creation',
		stateUpdatedAt: existing?.stateUpdatedAt ?? world.time,
		history: existing?.history ?? [],
	};
	world.alarms.set(input.name, alarm);
	record(alarm, {alarmName: alarm.name, timestamp: world.time, type: 'ConfigurationUpdate', summary: `Alarm "${alarm.name}" ${existing ? 'updated' : 'created'}`});
	const changes: AlarmStateChange[] = [];
	evaluateComposites(world, world.time, changes);
	return changes;
}

function view(alarm: SimAlarm): Alarm {
	const {history: _history, ...rest} = alarm;
	return structuredClone(rest) as Alarm;
}

export function describeAlarms(world: World, filter: {names?: string[]; prefix?: string} = {}): Alarm[] {
	if (filter.names !== undefined && filter.prefix !== undefined) throw invalid('AlarmNames and AlarmNamePrefix cannot be used together.');
	if (filter.names !== undefined && filter.names.length > 100) throw invalid('AlarmNames holds at most 100 names.');
	const names = filter.names === undefined ? undefined : new Set(filter.names);
	return [...world.alarms.values()]
		.filter(alarm => (names ? names.has(alarm.name) : filter.prefix === undefined || alarm.name.startsWith(filter.prefix)))
		.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
		.map(view);
}

export function describeAlarmHistory(world: World, name: string, range?: TimeRange): AlarmHistoryItem[] {
	if (range && (!Number.isFinite(range.start) || !Number.isFinite(range.end) || range.start > range.end)) {
		throw invalid('The history range needs a start before its end.');
	}
	const alarm = world.alarms.get(name);
	if (!alarm) return []; // CloudWatch answers an unknown name with an empty history
	return alarm.history.filter(item => !range || (item.timestamp >= range.start && item.timestamp <= range.end)).map(item => ({...item}));
}

