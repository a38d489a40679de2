// Alarm evaluation on the sim's own series, once a minute the way CloudWatch does it: the last N
// complete periods; all N breaching -> ALARM, any not breaching -> OK, no data -> INSUFFICIENT_DATA;
// with AWS-style state reasons and a bounded history.

import type {AlarmHistoryItem, AlarmState, ComparisonOperator, MetricAlarm} from '../port/types.js';
import {evaluateRule, parseAlarmRule, ruleAlarms} from './alarm-rule.js';
import {alarmReasonTime} from './clock.js';
import {aggregateOne, metricKey} from './metric-store.js';
import type {AlarmStateChange, SimAlarm, World} from './model.js';

const MAX_HISTORY = 200;
const WORDS: Record<ComparisonOperator, string> = {
	GreaterThanThreshold: 'greater than',
	GreaterThanOrEqualToThreshold: 'greater than or equal to',
	LessThanThreshold: 'less than',
	LessThanOrEqualToThreshold: 'less than or equal to',
};

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
	if (points.length === 0) {
		// TreatMissingData, as CloudWatch applies it when no datapoint is there at all.
		const treat = alarm.extra?.TreatMissingData;
		if (treat === 'notBreaching') return {state: 'OK', points, clear: []};
		if (treat === 'breaching') return {state: 'ALARM', points, clear: []};
		if (treat === 'ignore') return undefined;
		return {state: 'INSUFFICIENT_DATA', points, clear: []};
	}
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
	if (verdict.points.length === 0) return `Threshold Crossed: no datapoints were received for ${n} ${plural(n, 'period', 'periods')} and ${n} missing ${plural(n, 'datapoint was', 'datapoints were')} treated as [${verdict.state === 'OK' ? 'NonBreaching' : 'Breaching'}].`;
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

export function record(alarm: SimAlarm, item: AlarmHistoryItem): void {
	alarm.history.unshift(item);
	if (alarm.history.length > MAX_HISTORY) alarm.history.length = MAX_HISTORY;
}

export function transition(alarm: SimAlarm, state: AlarmState, reason: string | (() => string), at: number, changes: AlarmStateChange[]): void {
	if (state === alarm.state) return;
	if (typeof reason === 'function') reason = reason();
	const from = alarm.state;
	alarm.state = state;
	alarm.stateReason = reason;
	alarm.stateUpdatedAt = at;
	record(alarm, {alarmName: alarm.name, timestamp: at, type: 'StateUpdate', summary: `Alarm updated from ${from} to ${state}`});
	changes.push({name: alarm.name, from, to: state, reason, at});
}

export function evaluateComposites(world: World, at: number, changes: AlarmStateChange[]): void {
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
