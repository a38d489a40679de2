// Request and CLI shapes shared by the two alarm fixes. PutMetricAlarm and PutCompositeAlarm replace
// the whole alarm, so the fields the port does not model travel in `extra` (SDK field names) and go
// back into the request and the CLI twin unchanged.
import type {CompositeAlarmInput, MetricAlarmInput} from '../port/types.js';

/** AlarmActions -> --alarm-actions, OKActions -> --ok-actions, DatapointsToAlarm -> --datapoints-to-alarm. */
export function cliFlag(field: string): string {
	return `--${field
		.replace(/([a-z0-9])([A-Z])/g, '$1-$2')
		.replace(/([A-Z]+)([A-Z][a-z])/g, '$1-$2')
		.toLowerCase()}`;
}

/** CLI arguments for fields the port does not model, in the AWS CLI's conventions; `modelled` are skipped. */
export function extraCliArgs(extra: Record<string, unknown> | undefined, modelled: readonly string[]): string[] {
	const argv: string[] = [];
	for (const [field, value] of Object.entries(extra ?? {})) {
		if (value === undefined || value === null || modelled.includes(field)) continue;
		const flag = cliFlag(field);
		if (typeof value === 'boolean') argv.push(value ? flag : flag.replace(/^--/, '--no-'));
		else if (typeof value === 'string' || typeof value === 'number') argv.push(flag, String(value));
		else if (Array.isArray(value) && value.every(v => typeof v === 'string')) {
			if (value.length > 0) argv.push(flag, ...value);
		} else argv.push(flag, JSON.stringify(value)); // structures: the CLI takes JSON for any of them
	}
	return argv;
}

const metricModelled = [
	'AlarmName', 'AlarmDescription', 'ActionsEnabled', 'Namespace', 'MetricName', 'Dimensions',
	'Statistic', 'Period', 'EvaluationPeriods', 'Threshold', 'ComparisonOperator',
];

export function metricAlarmRequest(alarm: MetricAlarmInput): Record<string, unknown> {
	return {
		...alarm.extra,
		AlarmName: alarm.name,
		...(alarm.description === undefined ? {} : {AlarmDescription: alarm.description}),
		...(alarm.actionsEnabled === undefined ? {} : {ActionsEnabled: alarm.actionsEnabled}),
		Namespace: alarm.namespace,
		MetricName: alarm.metricName,
		Dimensions: Object.entries(alarm.dimensions).map(([Name, Value]) => ({Name, Value})),
		Statistic: alarm.statistic,
		Period: alarm.periodSeconds,
		EvaluationPeriods: alarm.evaluationPeriods,
		Threshold: alarm.threshold,
		ComparisonOperator: alarm.comparisonOperator,
	};
}

export function metricAlarmCli(alarm: MetricAlarmInput): string[] {
	const argv = ['aws', 'cloudwatch', 'put-metric-alarm', '--alarm-name', alarm.name];
	if (alarm.description !== undefined) argv.push('--alarm-description', alarm.description);
	if (alarm.actionsEnabled !== undefined) argv.push(alarm.actionsEnabled ? '--actions-enabled' : '--no-actions-enabled');
	argv.push('--namespace', alarm.namespace, '--metric-name', alarm.metricName);
	const dimensions = Object.entries(alarm.dimensions);
	if (dimensions.length > 0) argv.push('--dimensions', ...dimensions.map(([name, value]) => `Name=${name},Value=${value}`));
	argv.push(
		'--statistic', alarm.statistic,
		'--period', String(alarm.periodSeconds),
		'--evaluation-periods', String(alarm.evaluationPeriods),
		'--threshold', String(alarm.threshold),
		'--comparison-operator', alarm.comparisonOperator,
	);
	return [...argv, ...extraCliArgs(alarm.extra, metricModelled)];
}

export function compositeAlarmRequest(alarm: CompositeAlarmInput): Record<string, unknown> {
	return {
		...alarm.extra,
		AlarmName: alarm.name,
		AlarmRule: alarm.alarmRule,
		...(alarm.description === undefined ? {} : {AlarmDescription: alarm.description}),
	};
}

export function compositeAlarmCli(alarm: CompositeAlarmInput): string[] {
	const argv = ['aws', 'cloudwatch', 'put-composite-alarm', '--alarm-name', alarm.name, '--alarm-rule', alarm.alarmRule];
	if (alarm.description !== undefined) argv.push('--alarm-description', alarm.description);
	return [...argv, ...extraCliArgs(alarm.extra, ['AlarmName', 'AlarmRule', 'AlarmDescription'])];
}
