import type {AlarmHistoryItem as SdkHistoryItem, CompositeAlarm as SdkCompositeAlarm, MetricAlarm as SdkMetricAlarm} from '@aws-sdk/client-cloudwatch';
import {CloudError, throwIfAborted} from '../port/errors.js';
import type {AlarmHistoryItem, AlarmReader, AlarmState, ComparisonOperator, CompositeAlarm, MetricAlarm, MetricStat} from '../port/types.js';
import type {AwsClients} from './clients.js';
import {chunk, collectPages, epochMs} from './paging.js';

/** DescribeAlarms takes up to 100 names a call. */
const namesPerRequest = 100;
/** Enough history for a screen; a flapping alarm has tens of thousands of entries a month. */
export const maxHistoryItems = 500;

const states = new Set<AlarmState>(['OK', 'ALARM', 'INSUFFICIENT_DATA']);
const portStats = new Set<MetricStat>(['Average', 'Maximum', 'Minimum', 'Sum', 'SampleCount']);

function state(value: string | undefined): AlarmState {
	return value && states.has(value as AlarmState) ? (value as AlarmState) : 'INSUFFICIENT_DATA';
}

/** Copies the fields that are set (non-empty arrays, defined values) into `extra`. */
function pick(source: Record<string, unknown>, fields: readonly string[]): Record<string, unknown> | undefined {
	const extra: Record<string, unknown> = {};
	for (const field of fields) {
		const value = source[field];
		if (value === undefined || value === null || (Array.isArray(value) && value.length === 0)) continue;
		extra[field] = value;
	}
	return Object.keys(extra).length > 0 ? extra : undefined;
}

/** PutMetricAlarm fields the port does not name; replaying them keeps notifications and math. */
export const metricAlarmExtraFields = [
	'AlarmActions',
	'OKActions',
	'InsufficientDataActions',
	'DatapointsToAlarm',
	'TreatMissingData',
	'Unit',
	'EvaluateLowSampleCountPercentile',
	'ExtendedStatistic',
	'Metrics',
	'ThresholdMetricId',
] as const;

export const compositeAlarmExtraFields = [
	'AlarmActions',
	'OKActions',
	'InsufficientDataActions',
	'ActionsEnabled',
	'ActionsSuppressor',
	'ActionsSuppressorWaitPeriod',
	'ActionsSuppressorExtensionPeriod',
] as const;

export function toMetricAlarm(alarm: SdkMetricAlarm): MetricAlarm {
	// Metric-math alarms name their metrics in Metrics; show the first plain one.
	const firstStat = alarm.Metrics?.find(m => m.MetricStat)?.MetricStat;
	const metric = firstStat?.Metric;
	const dimensions = alarm.Dimensions ?? metric?.Dimensions ?? [];
	const statistic = alarm.Statistic ?? firstStat?.Stat;
	return {
		kind: 'metric',
		name: alarm.AlarmName ?? '',
		arn: alarm.AlarmArn ?? '',
		description: alarm.AlarmDescription,
		state: state(alarm.StateValue),
		stateReason: alarm.StateReason ?? '',
		stateUpdatedAt: epochMs(alarm.StateUpdatedTimestamp) ?? 0,
		actionsEnabled: alarm.ActionsEnabled,
		namespace: alarm.Namespace ?? metric?.Namespace ?? '',
		metricName: alarm.MetricName ?? metric?.MetricName ?? '',
		dimensions: Object.fromEntries(dimensions.map(d => [d.Name ?? '', d.Value ?? ''])),
		// A percentile (ExtendedStatistic, e.g. p99) has no port name; it travels in `extra`.
		statistic: statistic && portStats.has(statistic as MetricStat) ? (statistic as MetricStat) : 'Average',
		periodSeconds: alarm.Period ?? firstStat?.Period ?? 0,
		evaluationPeriods: alarm.EvaluationPeriods ?? 0,
		// Anomaly-detection alarms compare against a band (ThresholdMetricId), not a number.
		threshold: alarm.Threshold ?? Number.NaN,
		comparisonOperator: (alarm.ComparisonOperator ?? 'GreaterThanThreshold') as ComparisonOperator,
		extra: pick(alarm as Record<string, unknown>, metricAlarmExtraFields),
	};
}

export function toCompositeAlarm(alarm: SdkCompositeAlarm): CompositeAlarm {
	return {
		kind: 'composite',
		name: alarm.AlarmName ?? '',
		arn: alarm.AlarmArn ?? '',
		description: alarm.AlarmDescription,
		state: state(alarm.StateValue),
		stateReason: alarm.StateReason ?? '',
		stateUpdatedAt: epochMs(alarm.StateUpdatedTimestamp) ?? 0,
		alarmRule: alarm.AlarmRule ?? '',
		extra: pick(alarm as Record<string, unknown>, compositeAlarmExtraFields),
	};
}

export function toHistoryItem(item: SdkHistoryItem): AlarmHistoryItem {
	return {
		alarmName: item.AlarmName ?? '',
		timestamp: epochMs(item.Timestamp) ?? 0,
		type: item.HistoryItemType ?? '',
		summary: item.HistorySummary ?? '',
	};
}

export function createAlarmReader(clients: AwsClients): AlarmReader {
	return {
		describeAlarms: (filter = {}, {signal} = {}) =>
			clients.call({action: 'cloudwatch:DescribeAlarms', resource: filter.names ? `alarms ${filter.names.join(', ')}` : 'alarms', signal}, async () => {
				if (filter.names && filter.prefix) {
					throw new CloudError('invalid', 'Describe alarms by names or by prefix, not both (CloudWatch accepts one)');
				}
				if (filter.names?.length === 0) return [];
				const {client, sdk} = await clients.get('cloudwatch');
				const nameBatches = filter.names ? chunk(filter.names, namesPerRequest) : [undefined];
				const pages = await Promise.all(
					nameBatches.map(names =>
						collectPages('alarms', signal, async token => {
							// aws cloudwatch describe-alarms --alarm-types MetricAlarm CompositeAlarm [--alarm-names N...|--alarm-name-prefix P]
							const page = await client.send(
								new sdk.DescribeAlarmsCommand({
									AlarmTypes: ['MetricAlarm', 'CompositeAlarm'],
									AlarmNames: names,
									AlarmNamePrefix: filter.prefix || undefined,
									NextToken: token,
								}),
								{abortSignal: signal},
							);
							const alarms = [...(page.MetricAlarms ?? []).map(toMetricAlarm), ...(page.CompositeAlarms ?? []).map(toCompositeAlarm)];
							return {items: alarms, next: page.NextToken};
						}),
					),
				);
				return pages.flat();
			}),

		describeAlarmHistory: (name, range, {signal} = {}) =>
			clients.call({action: 'cloudwatch:DescribeAlarmHistory', resource: `alarm ${name}`, signal}, async () => {
				if (!name) throw new CloudError('invalid', 'Alarm history needs an alarm name');
				if (range && !(range.start < range.end)) throw new CloudError('invalid', 'Alarm history range must have start before end');
				const {client, sdk} = await clients.get('cloudwatch');
				const items: AlarmHistoryItem[] = [];
				let token: string | undefined;
				let pages = 0;
				// Newest first, stopping at maxHistoryItems (or as many pages, should they come back
				// empty): the screen shows the recent story.
				do {
					throwIfAborted(signal); // a cancelled read stops between pages
					// aws cloudwatch describe-alarm-history --alarm-name NAME [--start-date S --end-date E] --scan-by TimestampDescending
					const page = await client.send(
						new sdk.DescribeAlarmHistoryCommand({
							AlarmName: name,
							StartDate: range ? new Date(range.start) : undefined,
							EndDate: range ? new Date(range.end) : undefined,
							ScanBy: 'TimestampDescending',
							MaxRecords: 100,
							NextToken: token,
						}),
						{abortSignal: signal},
					);
					items.push(...(page.AlarmHistoryItems ?? []).map(toHistoryItem));
					token = page.NextToken || undefined;
					pages++;
				} while (token && items.length < maxHistoryItems && pages < maxHistoryItems / 100 + 5);
				return items.slice(0, maxHistoryItems);
			}),
	};
}
