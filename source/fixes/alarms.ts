// CloudWatch metric alarm fix: tune threshold and periods of an existing alarm, keeping everything else
// (dimensions, statistic, actions), or create one the guide asks for (ACSO-ConfigurationDrift).
import type {ComparisonOperator, MetricAlarm, MetricAlarmInput, MetricStat} from '../port/types.js';
import {metricAlarmCli, metricAlarmRequest} from './alarm-request.js';
import {FixInputError} from './errors.js';
import {checkKnownParams, optionalChoice, optionalInteger, optionalNumber, optionalString} from './params.js';
import {makePlan, raiseRisk} from './plan.js';
import {requireTarget} from './targets.js';
import type {Change, CloudReaders, Fix, FixParams, Plan, Target} from './types.js';

type AlarmTarget = Extract<Target, {kind: 'alarm'}>;

export const statistics: readonly MetricStat[] = ['Average', 'Maximum', 'Minimum', 'Sum', 'SampleCount'];
export const comparisonOperators: readonly ComparisonOperator[] = [
	'GreaterThanThreshold',
	'GreaterThanOrEqualToThreshold',
	'LessThanThreshold',
	'LessThanOrEqualToThreshold',
];

export const alarmNameRule = {max: 255, pattern: /^[^\u0000-\u001f\u007f]+$/, rule: 'it must not contain control characters'};

export async function findAlarm(cloud: CloudReaders, name: string) {
	// aws cloudwatch describe-alarms --alarm-names NAME --alarm-types MetricAlarm CompositeAlarm
	const alarms = await cloud.alarms.describeAlarms({names: [name]});
	return alarms.find(alarm => alarm.name === name);
}

/** CloudWatch's rules for Period and the evaluation window (PutMetricAlarm reference). */
export function checkAlarmWindow(periodSeconds: number, evaluationPeriods: number): void {
	if (![10, 20, 30].includes(periodSeconds) && periodSeconds % 60 !== 0) {
		throw new FixInputError(`periodSeconds ${periodSeconds} is not allowed: use 10, 20, 30 or a multiple of 60`, 'periodSeconds');
	}
	const window = periodSeconds * evaluationPeriods;
	const limit = periodSeconds < 3600 ? 86_400 : 604_800;
	if (window > limit) {
		throw new FixInputError(
			`periodSeconds x evaluationPeriods is ${window} s; CloudWatch allows at most ${limit} s (${limit === 86_400 ? 'one day for periods under an hour' : 'seven days'})`,
			'evaluationPeriods',
		);
	}
}

/** "Name=ClusterName,Value=x Name=ServiceName,Value=y", or a record, into a dimension record. */
function readDimensions(raw: FixParams): Record<string, string> | undefined {
	const value = raw['dimensions'];
	if (value === undefined || value === null || value === '') return undefined;
	if (typeof value === 'object' && !Array.isArray(value)) {
		const entries = Object.entries(value as Record<string, unknown>);
		if (entries.some(([, v]) => typeof v !== 'string')) throw new FixInputError('dimensions values must be text', 'dimensions');
		return Object.fromEntries(entries) as Record<string, string>;
	}
	const items = Array.isArray(value) ? value : typeof value === 'string' ? value.trim().split(/\s+/) : [];
	const dimensions: Record<string, string> = {};
	for (const item of items) {
		const match = typeof item === 'string' ? /^Name=([^,]+),Value=(.+)$/.exec(item) : null;
		if (!match) throw new FixInputError(`dimensions: expected Name=NAME,Value=VALUE, got ${JSON.stringify(item)}`, 'dimensions');
		dimensions[match[1]!] = match[2]!;
	}
	return dimensions;
}

function metricAlarmPlan(target: AlarmTarget, previous: MetricAlarmInput | undefined, alarm: MetricAlarmInput, extraWarnings: string[], risk: Fix['risk'], undoOf?: string): Plan {
	const changes: Change[] = [];
	for (const field of ['threshold', 'evaluationPeriods', 'periodSeconds'] as const) {
		if (!previous || previous[field] !== alarm[field]) changes.push({field, from: previous ? previous[field] : '(none)', to: alarm[field]});
	}
	if (!previous) changes.unshift({field: 'alarm', from: '(none)', to: `${alarm.namespace} ${alarm.metricName} ${alarm.statistic} ${alarm.comparisonOperator}`});
	const title = previous
		? `Set ${alarm.name} to ${alarm.comparisonOperator} ${alarm.threshold} over ${alarm.evaluationPeriods} x ${alarm.periodSeconds} s`
		: `Create alarm ${alarm.name}`;
	return makePlan({
		fixId: 'put-metric-alarm',
		title: undoOf ? `Undo: ${title}` : title,
		risk,
		target,
		resourceName: alarm.name,
		changes,
		warnings: extraWarnings,
		undoSummary: previous
			? `Undo puts back threshold ${previous.threshold}, ${previous.evaluationPeriods} x ${previous.periodSeconds} s.`
			: `No undo: the port cannot delete alarms (aws cloudwatch delete-alarms --alarm-names ${alarm.name} would).`,
		...(undoOf === undefined ? {} : {undoOf}),
		steps: [
			{
				apiCall: 'cloudwatch:PutMetricAlarm',
				parameters: metricAlarmRequest(alarm),
				cliArgs: metricAlarmCli(alarm),
				// aws cloudwatch put-metric-alarm --alarm-name NAME --namespace NS --metric-name M --statistic S --period P --evaluation-periods N --threshold T --comparison-operator OP ...
				send: operator => operator.putMetricAlarm(structuredClone(alarm)),
			},
		],
		after: results =>
			results.length > 0 ? {threshold: alarm.threshold, evaluationPeriods: alarm.evaluationPeriods, periodSeconds: alarm.periodSeconds} : {},
		...(previous ? {undo: () => metricAlarmPlan(target, alarm, previous, [], risk, title)} : {}),
	});
}

function inputOf(alarm: MetricAlarm): MetricAlarmInput {
	const {kind: _kind, arn: _arn, state: _state, stateReason: _reason, stateUpdatedAt: _updated, ...input} = structuredClone(alarm);
	return input;
}

export const putMetricAlarm: Fix = {
	id: 'put-metric-alarm',
	title: 'Tune or create a metric alarm',
	risk: 'medium',
	targetKind: 'alarm',
	summary: 'Change an alarm\'s threshold and evaluation periods (everything else kept), or create a missing alarm.',
	params: [
		{name: 'threshold', label: 'Threshold', kind: 'number', required: false, help: 'The value compared with the statistic.'},
		{name: 'evaluationPeriods', label: 'Evaluation periods', kind: 'integer', required: false, help: 'Periods over which the threshold is checked.'},
		{name: 'periodSeconds', label: 'Period (s)', kind: 'integer', required: false, help: '10, 20, 30 or a multiple of 60.'},
		{name: 'namespace', label: 'Namespace', kind: 'string', required: false, help: 'New alarms only, e.g. AWS/ECS.'},
		{name: 'metricName', label: 'Metric', kind: 'string', required: false, help: 'New alarms only, e.g. CPUUtilization.'},
		{name: 'statistic', label: 'Statistic', kind: 'choice', required: false, choices: statistics, help: 'New alarms only.'},
		{name: 'comparisonOperator', label: 'Comparison', kind: 'choice', required: false, choices: comparisonOperators, help: 'New alarms only.'},
		{name: 'dimensions', label: 'Dimensions', kind: 'string', required: false, help: 'New alarms only: Name=ClusterName,Value=... Name=ServiceName,Value=...'},
		{name: 'description', label: 'Description', kind: 'string', required: false, help: 'New alarms only.'},
	],
	async plan(cloud, target, params = {}) {
		const alarmTarget = requireTarget(putMetricAlarm.id, target, 'alarm');
		checkKnownParams(putMetricAlarm.id, putMetricAlarm.params, params);
		optionalString({alarm: alarmTarget.alarm}, 'alarm', alarmNameRule);
		const threshold = optionalNumber(params, 'threshold');
		const evaluationPeriods = optionalInteger(params, 'evaluationPeriods', {min: 1, max: 100_000});
		const periodSeconds = optionalInteger(params, 'periodSeconds', {min: 10, max: 604_800});
		const definition = {
			namespace: optionalString(params, 'namespace', {max: 255}),
			metricName: optionalString(params, 'metricName', {max: 255}),
			statistic: optionalChoice(params, 'statistic', statistics),
			comparisonOperator: optionalChoice(params, 'comparisonOperator', comparisonOperators),
			dimensions: readDimensions(params),
			description: optionalString(params, 'description', {max: 1024}),
		};
		const existing = await findAlarm(cloud, alarmTarget.alarm);
		if (existing?.kind === 'composite') {
			throw new FixInputError(`${alarmTarget.alarm} is a composite alarm; use put-composite-alarm`, 'alarm');
		}
		const warnings: string[] = [];
		let risk = putMetricAlarm.risk;
		let alarm: MetricAlarmInput;
		if (existing) {
			const previous = inputOf(existing);
			if (threshold === undefined && evaluationPeriods === undefined && periodSeconds === undefined) {
				throw new FixInputError('give threshold, evaluationPeriods and/or periodSeconds to change', 'threshold');
			}
			// This fix only tunes; values given for the other fields (a guide command writes them all) are
			// kept as they are on the alarm, and a difference is pointed out rather than silently applied.
			for (const [field, value] of Object.entries(definition)) {
				const current = previous[field as keyof MetricAlarmInput];
				if (value !== undefined && JSON.stringify(value) !== JSON.stringify(current)) {
					warnings.push(`${field} stays ${JSON.stringify(current)} (given ${JSON.stringify(value)}): this fix changes only threshold and periods.`);
				}
			}
			alarm = {
				...previous,
				threshold: threshold ?? previous.threshold,
				evaluationPeriods: evaluationPeriods ?? previous.evaluationPeriods,
				periodSeconds: periodSeconds ?? previous.periodSeconds,
			};
			if (alarm.threshold === previous.threshold && alarm.evaluationPeriods === previous.evaluationPeriods && alarm.periodSeconds === previous.periodSeconds) {
				throw new FixInputError(`${alarm.name} already has threshold ${alarm.threshold} over ${alarm.evaluationPeriods} x ${alarm.periodSeconds} s`, 'threshold');
			}
			if (existing.extra === undefined && cloud.kind === 'aws') {
				risk = raiseRisk(risk, 'high');
				warnings.push('The alarm\'s actions (notifications) were not read from AWS; PutMetricAlarm replaces the whole alarm, so they would be removed.');
			}
			const datapoints = alarm.extra?.['DatapointsToAlarm'];
			if (typeof datapoints === 'number' && datapoints > alarm.evaluationPeriods) {
				throw new FixInputError(`the alarm alarms on ${datapoints} datapoints, more than evaluationPeriods ${alarm.evaluationPeriods}`, 'evaluationPeriods');
			}
			checkAlarmWindow(alarm.periodSeconds, alarm.evaluationPeriods);
			return metricAlarmPlan(alarmTarget, previous, alarm, warnings, risk);
		}
		const missing: string[] = [];
		if (threshold === undefined) missing.push('threshold');
		for (const field of ['namespace', 'metricName', 'statistic', 'comparisonOperator'] as const) {
			if (definition[field] === undefined) missing.push(field);
		}
		if (periodSeconds === undefined) missing.push('periodSeconds');
		if (evaluationPeriods === undefined) missing.push('evaluationPeriods');
		if (missing.length > 0) {
			throw new FixInputError(`alarm ${alarmTarget.alarm} does not exist; to create it give ${missing.join(', ')}`, missing[0]);
		}
		alarm = {
			name: alarmTarget.alarm,
			...(definition.description === undefined ? {} : {description: definition.description}),
			namespace: definition.namespace!,
			metricName: definition.metricName!,
			dimensions: definition.dimensions ?? {},
			statistic: definition.statistic!,
			periodSeconds: periodSeconds!,
			evaluationPeriods: evaluationPeriods!,
			threshold: threshold!,
			comparisonOperator: definition.comparisonOperator!,
		};
		checkAlarmWindow(alarm.periodSeconds, alarm.evaluationPeriods);
		if (Object.keys(alarm.dimensions).length === 0) {
			warnings.push('The alarm has no dimensions: it watches the metric aggregated over every resource that publishes it.');
		}
		warnings.push('The new alarm has no actions: it changes state but notifies no one.');
		return metricAlarmPlan(alarmTarget, undefined, alarm, warnings, risk);
	},
};
