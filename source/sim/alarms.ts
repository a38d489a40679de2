// CloudWatch alarms of the simulated account, evaluated on the sim's own series once a minute the
// way CloudWatch does (the last N complete periods; all N breaching -> ALARM, any not breaching ->
// OK, no data -> INSUFFICIENT_DATA), with AWS-style state reasons and a history.

import {CloudError} from '../port/errors.js';
import type {
	Alarm,
	AlarmHistoryItem,
	AlarmState,
	ComparisonOperator,
	CompositeAlarmInput,
	MetricAlarm,
	MetricAlarmInput,
	MetricStat,
	TimeRange,
} from '../port/types.js';
import {evaluateRule, parseAlarmRule, RuleError, ruleAlarms} from './alarm-rule.js';
import {ACCOUNT_ID, ARN_REGION, clusterName, dbName, serviceName} from './catalog.js';
import {alarmReasonTime, DAY} from './clock.js';
import {alarmArn} from './ids.js';
import {aggregateOne, metricKey} from './metric-store.js';
import type {AlarmStateChange, SimAlarm, World} from './model.js';

const MAX_HISTORY = 200;
const MAX_ALARMS = 500;
const COMPARISONS: readonly ComparisonOperator[] = ['GreaterThanThreshold', 'GreaterThanOrEqualToThreshold', 'LessThanThreshold', 'LessThanOrEqualToThreshold'];
const STATS: readonly MetricStat[] = ['Average', 'Maximum', 'Minimum', 'Sum', 'SampleCount'];
const WORDS: Record<ComparisonOperator, string> = {
	GreaterThanThreshold: 'greater than',
	GreaterThanOrEqualToThreshold: 'greater than or equal to',
	LessThanThreshold: 'less than',
	LessThanOrEqualToThreshold: 'less than or equal to',
};

const oncallTopic = (env: string) => `arn:aws:sns:${ARN_REGION}:${ACCOUNT_ID}:acso-${env}-oncall`;

function seedInputs(): MetricAlarmInput[] {
	const ecs = (env: string, metricName: string) => ({
		namespace: 'AWS/ECS',
		metricName,
		dimensions: {ClusterName: clusterName(env), ServiceName: serviceName(env, 'supervisor')},
		statistic: 'Average' as const,
		comparisonOperator: 'GreaterThanThreshold' as const,
		actionsEnabled: true,
		extra: {AlarmActions: [oncallTopic(env)], OKActions: [oncallTopic(env)], TreatMissingData: 'missing'},
	});
	const inputs: MetricAlarmInput[] = [];
	for (const env of ['production', 'staging']) {
		const prefix = env === 'production' ? 'ACSO' : 'ACSO-staging';
		inputs.push(
			{name: `${prefix}-HighCPU`, description: `High CPU utilization on the ${env} supervisor`, ...ecs(env, 'CPUUtilization'), periodSeconds: 300, evaluationPeriods: 2, threshold: 80},
			{name: `${prefix}-HighMemory`, description: `High memory utilization on the ${env} supervisor`, ...ecs(env, 'MemoryUtilization'), periodSeconds: 60, evaluationPeriods: 3, threshold: 85},
		);
	}
	inputs.push(
		{
			name: 'ACSO-HighDBConnections',
			description: 'Production database connections approaching max_connections',
			namespace: 'AWS/RDS',
			metricName: 'DatabaseConnections',
			dimensions: {DBInstanceIdentifier: dbName('production')},
			statistic: 'Average',
			periodSeconds: 300,
			evaluationPeriods: 2,
			threshold: 300,
			comparisonOperator: 'GreaterThanThreshold',
			actionsEnabled: true,
			extra: {AlarmActions: [oncallTopic('production')], TreatMissingData: 'missing'},
		},
		{
			name: 'ACSO-Maintenance',
			description: 'Production maintenance window flag (suppresses paging)',
			namespace: 'ACSO/Ops',
			metricName: 'MaintenanceMode',
			dimensions: {Environment: 'production'},
			statistic: 'Maximum',
			periodSeconds: 60,
			evaluationPeriods: 1,
			threshold: 1,
			comparisonOperator: 'GreaterThanOrEqualToThreshold',
			actionsEnabled: false,
		},
	);
	return inputs;
}

/** The account's alarms, created well before the sim began; their state is set by `initialize`. */
export function seedAlarms(world: World, at: number): void {
	for (const input of seedInputs()) {
		world.alarms.set(input.name, {
			...input,
			kind: 'metric',
			arn: alarmArn(input.name),
			state: 'OK',
			stateReason: 'Unchecked: Initial alarm creation',
			stateUpdatedAt: at - 30 * DAY,
			history: [],
		});
	}
}

function breaches(value: number, alarm: MetricAlarm): boolean {
	switch (alarm.comparisonOperator) {
		case 'GreaterThanThreshold':
			return value > alarm.threshold;
		case 'GreaterThanOrEqualToThreshold':
			return value >= alarm.threshold;
		case 'LessThanThreshold':
			return value < alarm.threshold;
		case 'LessThanOrEqualToThreshold':
			return value <= alarm.threshold;
	}
}

const shown = (value: number) => (Number.isInteger(value) ? value.toFixed(1) : String(Math.round(value * 10) / 10));
const datapoint = (point: {t: number; v: number}) => `${shown(point.v)} (${alarmReasonTime(point.t)})`;
const plural = (count: number, one: string, many: string) => (count === 1 ? one : many);

const keys = new WeakMap<MetricAlarm, string>();

function keyOf(alarm: MetricAlarm): string {
	let key = keys.get(alarm);
	if (key === undefined) keys.set(alarm, (key = metricKey(alarm.namespace, alarm.metricName, alarm.dimensions)));
	return key;
}

type Verdict = {state: AlarmState; points: Array<{t: number; v: number}>; clear: Array<{t: number; v: number}>};

/**
 * What the alarm's state would be at time `at`, or undefined when CloudWatch would keep the current
 * one (some periods missing, the rest breaching). The reason text is built only on a change.
 */
export function judgeMetricAlarm(world: World, alarm: MetricAlarm, at: number): Verdict | undefined {
	const period = alarm.periodSeconds * 1000;
	const lastEnd = Math.floor(at / period) * period;
	const series = world.metrics.series.get(keyOf(alarm));
	const points: Array<{t: number; v: number}> = [];
	for (let k = 1; k <= alarm.evaluationPeriods; k++) {
		const start = lastEnd - k * period;
		const value = aggregateOne(series, start, period, alarm.statistic);
		if (value !== undefined) points.push({t: start, v: value});
	}
	if (points.length === 0) return {state: 'INSUFFICIENT_DATA', points, clear: []};
	const clear = points.filter(point => !breaches(point.v, alarm));
	if (clear.length > 0) return {state: 'OK', points, clear};
	// Every datapoint present breaches. With missing data treated as missing, CloudWatch needs all
	// N to alarm; with fewer it keeps its state.
	return points.length < alarm.evaluationPeriods ? undefined : {state: 'ALARM', points, clear};
}

/** The state reason CloudWatch writes for a verdict. */
export function reasonFor(alarm: MetricAlarm, verdict: Verdict): string {
	const n = alarm.evaluationPeriods;
	const words = WORDS[alarm.comparisonOperator];
	const threshold = shown(alarm.threshold);
	if (verdict.state === 'INSUFFICIENT_DATA') return `Insufficient Data: ${n} ${plural(n, 'datapoint was', 'datapoints were')} unknown.`;
	if (verdict.state === 'OK') {
		const list = verdict.clear.map(datapoint).join(', ');
		return n === 1
			? `Threshold Crossed: 1 datapoint [${list}] was not ${words} the threshold (${threshold}).`
			: `Threshold Crossed: ${verdict.clear.length} out of the last ${n} datapoints [${list}] ${plural(verdict.clear.length, 'was', 'were')} not ${words} the threshold (${threshold}) (minimum 1 datapoint for ALARM -> OK transition).`;
	}
	const list = verdict.points.map(datapoint).join(', ');
	return n === 1
		? `Threshold Crossed: 1 datapoint [${list}] was ${words} the threshold (${threshold}).`
		: `Threshold Crossed: ${n} datapoints [${list}] were ${words} the threshold (${threshold}).`;
}

function record(alarm: SimAlarm, item: AlarmHistoryItem): void {
	alarm.history.unshift(item);
	if (alarm.history.length > MAX_HISTORY) alarm.history.length = MAX_HISTORY;
}

function transition(alarm: SimAlarm, state: AlarmState, reason: string | (() => string), at: number, changes: AlarmStateChange[]): void {
	if (state === alarm.state) return;
	if (typeof reason === 'function') reason = reason();
	const from = alarm.state;
	alarm.state = state;
	alarm.stateReason = reason;
	alarm.stateUpdatedAt = at;
	record(alarm, {alarmName: alarm.name, timestamp: at, type: 'StateUpdate', summary: `Alarm updated from ${from} to ${state}`});
	changes.push({name: alarm.name, from, to: state, reason, at});
}

function evaluateComposites(world: World, at: number, changes: AlarmStateChange[]): void {
	const stateOf = (name: string) => world.alarms.get(name)?.state;
	for (const alarm of world.alarms.values()) {
		if (alarm.kind !== 'composite') continue;
		const rule = parseAlarmRule(alarm.alarmRule);
		const value = evaluateRule(rule, stateOf);
		const reason = () => {
			const inAlarm = [...ruleAlarms(rule)].filter(name => stateOf(name) === 'ALARM');
			return value ? `Alarm rule evaluated to TRUE${inAlarm.length > 0 ? `: ${inAlarm.join(', ')} in ALARM` : ''}` : 'Alarm rule evaluated to FALSE';
		};
		transition(alarm, value ? 'ALARM' : 'OK', reason, at, changes);
	}
}

/** Evaluates every alarm at `at` (a minute boundary); returns the state changes. */
export function evaluateAlarms(world: World, at: number): AlarmStateChange[] {
	const changes: AlarmStateChange[] = [];
	for (const alarm of world.alarms.values()) {
		if (alarm.kind !== 'metric') continue;
		const verdict = judgeMetricAlarm(world, alarm, at);
		if (verdict) transition(alarm, verdict.state, () => reasonFor(alarm, verdict), at, changes);
	}
	evaluateComposites(world, at, changes);
	return changes;
}

/** Sets each alarm's state quietly, as it stood before the sim's history begins. */
export function initializeAlarms(world: World, at: number): void {
	for (const alarm of world.alarms.values()) {
		if (alarm.kind !== 'metric') continue;
		const verdict = judgeMetricAlarm(world, alarm, at);
		if (!verdict) continue;
		alarm.state = verdict.state;
		alarm.stateReason = reasonFor(alarm, verdict);
		alarm.stateUpdatedAt = at;
	}
}

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

