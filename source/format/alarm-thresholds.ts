// Which alarms watch a charted metric, and how their thresholds read: `> 85`.

import type {Alarm, ComparisonOperator, MetricAlarm} from '../port/types.js';
import type {ChartThreshold} from './chart.js';
import {formatBytes} from './numbers.js';

export type WatchedMetric = {namespace: string; metricName: string; dimensions: Record<string, string>};

function sameDimensions(a: Record<string, string>, b: Record<string, string>): boolean {
	const keys = Object.keys(a);
	return keys.length === Object.keys(b).length && keys.every(k => b[k] === a[k]);
}

/**
 * The metric alarms on exactly this metric: same namespace, name and dimension set (an alarm on
 * the cluster-wide CPU is not this service's threshold). Composite alarms watch no metric.
 */
export function alarmsWatching(alarms: readonly Alarm[] | undefined, metric: WatchedMetric): MetricAlarm[] {
	return (alarms ?? []).filter(
		(a): a is MetricAlarm =>
			a.kind === 'metric' && a.namespace === metric.namespace && a.metricName === metric.metricName && sameDimensions(a.dimensions, metric.dimensions),
	);
}

const symbols: Record<ComparisonOperator, string> = {
	GreaterThanThreshold: '>',
	GreaterThanOrEqualToThreshold: '>=',
	LessThanThreshold: '<',
	LessThanOrEqualToThreshold: '<=',
};

export function comparisonSymbol(operator: ComparisonOperator): string {
	// An operator this build does not know (anomaly-detection bands) is shown by name, not hidden.
	return symbols[operator] ?? String(operator);
}

/** Metrics whose values are bytes, so a threshold of 1073741824 reads "1.0 GiB". */
export function isBytesMetric(metricName: string): boolean {
	return /(Memory|Space|Bytes)$/.test(metricName);
}

/** 85 -> "85", 85.25 -> "85.25", bytes -> "1.0 GiB". */
export function formatThreshold(value: number, metricName: string): string {
	if (!Number.isFinite(value)) return String(value);
	if (isBytesMetric(metricName)) return formatBytes(value, {binary: true});
	return Number.isInteger(value) ? String(value) : String(Number(value.toFixed(2)));
}

/** `> 85`: the comparison the alarm makes, as the alarms screen and the charts show it. */
export function thresholdText(alarm: Pick<MetricAlarm, 'comparisonOperator' | 'threshold' | 'metricName'>): string {
	return `${comparisonSymbol(alarm.comparisonOperator)} ${formatThreshold(alarm.threshold, alarm.metricName)}`;
}

/** The threshold lines a chart draws: red for an alarm in ALARM, yellow otherwise. */
export function chartThresholds(alarms: readonly MetricAlarm[]): ChartThreshold[] {
	return alarms.filter(a => Number.isFinite(a.threshold)).map(a => ({value: a.threshold, tone: a.state === 'ALARM' ? 'bad' : 'warn'}));
}
