// Alarms evaluated by the sim on its own series: state changes with CloudWatch's reasons and
// history, re-evaluation when a threshold changes, composite alarms and their rule grammar.
import {describe, expect, it} from 'vitest';
import type {MetricAlarm, MetricAlarmInput} from '../../source/port/types.js';
import {evaluateRule, parseAlarmRule, ruleAlarms} from '../../source/sim/alarm-rule.js';
import {alarmState, failure, makeSim, MINUTE, T0} from './sim-helpers.js';

function inputOf(alarm: MetricAlarm, change: Partial<MetricAlarmInput> = {}): MetricAlarmInput {
	const {kind: _k, arn: _a, state: _s, stateReason: _r, stateUpdatedAt: _u, ...input} = alarm;
	return {...input, ...change};
}

describe('alarms', () => {
	it('describes the ACSO alarms of both environments by name and by prefix', async () => {
		const h = makeSim(1);
		const all = await h.sim.alarms.describeAlarms();
		const names = all.map(alarm => alarm.name);
		expect(names).toEqual(expect.arrayContaining(['ACSO-HighCPU', 'ACSO-HighMemory', 'ACSO-staging-HighCPU', 'ACSO-staging-HighMemory']));
		expect([...names].sort()).toEqual(names);
		const cpu = (await alarmState(h.sim, 'ACSO-HighCPU')) as MetricAlarm;
		expect(cpu).toMatchObject({
			kind: 'metric',
			namespace: 'AWS/ECS',
			metricName: 'CPUUtilization',
			dimensions: {ClusterName: 'acso-production-cluster', ServiceName: 'acso-production-supervisor'},
			statistic: 'Average',
			threshold: 80,
			comparisonOperator: 'GreaterThanThreshold',
			state: 'OK',
		});
		const memory = (await alarmState(h.sim, 'ACSO-HighMemory')) as MetricAlarm;
		expect(memory.threshold).toBe(85);
		const staging = await h.sim.alarms.describeAlarms({prefix: 'ACSO-staging-'});
		expect(staging.map(alarm => alarm.name)).toEqual(['ACSO-staging-HighCPU', 'ACSO-staging-HighMemory']);
		expect((staging[0] as MetricAlarm).dimensions.ClusterName).toBe('acso-staging-cluster');
		expect(await h.sim.alarms.describeAlarms({names: ['No-Such-Alarm']})).toEqual([]);
		const error = await failure(h.sim.alarms.describeAlarms({names: ['a'], prefix: 'b'}));
		expect(error.kind).toBe('invalid');
	});

	it('flips to ALARM at once when a lowered threshold is crossed, with reason and history', async () => {
		const h = makeSim(1);
		const before = (await alarmState(h.sim, 'ACSO-HighCPU')) as MetricAlarm;
		expect(before.state).toBe('OK');
		await h.sim.operator.putMetricAlarm(inputOf(before, {threshold: 5}));
		const after = (await alarmState(h.sim, 'ACSO-HighCPU')) as MetricAlarm;
		expect(after.threshold).toBe(5);
		expect(after.state).toBe('ALARM');
		expect(after.stateUpdatedAt).toBe(T0);
		expect(after.stateReason).toMatch(/^Threshold Crossed: 2 datapoints \[\d+(\.\d)? \(28\/11\/26 11:55:00\), \d+(\.\d)? \(28\/11\/26 11:50:00\)\] were greater than the threshold \(5\.0\)\.$/);
		// Everything else about the alarm was kept (PutMetricAlarm replaces the whole alarm).
		expect(after.extra).toEqual(before.extra);
		const history = await h.sim.alarms.describeAlarmHistory('ACSO-HighCPU', {start: T0, end: T0});
		expect(history.map(item => [item.type, item.summary])).toEqual([
			['StateUpdate', 'Alarm updated from OK to ALARM'],
			['ConfigurationUpdate', 'Alarm "ACSO-HighCPU" updated'],
		]);
		// Raising it again returns to OK, citing the datapoint that is not above it.
		await h.sim.operator.putMetricAlarm(inputOf(after, {threshold: 99}));
		const back = await alarmState(h.sim, 'ACSO-HighCPU');
		expect(back.state).toBe('OK');
		expect(back.stateReason).toContain('were not greater than the threshold (99.0) (minimum 1 datapoint for ALARM -> OK transition)');
	});

	it('evaluates once a minute on its own: a new alarm on a rising series goes INSUFFICIENT_DATA -> OK -> ALARM', async () => {
		const h = makeSim(1);
		const memory = (await alarmState(h.sim, 'ACSO-HighMemory')) as MetricAlarm;
		const [points] = await h.sim.metrics.getMetricData(
			[{id: 'm', namespace: 'AWS/ECS', metricName: 'MemoryUtilization', dimensions: memory.dimensions, stat: 'Average', periodSeconds: 60}],
			{start: T0 - 2 * MINUTE, end: T0},
		);
		const threshold = Math.ceil(points!.points[points!.points.length - 1]!.v) + 1;
		await h.sim.operator.putMetricAlarm(inputOf(memory, {name: 'Test-Memory-Rising', threshold, evaluationPeriods: 1}));
		expect((await alarmState(h.sim, 'Test-Memory-Rising')).state).toBe('OK');
		let state = 'OK';
		for (let minute = 0; minute < 15 && state !== 'ALARM'; minute++) {
			h.clock.advance(MINUTE);
			state = (await alarmState(h.sim, 'Test-Memory-Rising')).state;
		}
		expect(state).toBe('ALARM');
		const history = await h.sim.alarms.describeAlarmHistory('Test-Memory-Rising');
		expect(history.map(item => item.summary)).toEqual([
			'Alarm updated from OK to ALARM',
			'Alarm updated from INSUFFICIENT_DATA to OK',
			'Alarm "Test-Memory-Rising" created',
		]);
		for (let i = 1; i < history.length; i++) expect(history[i - 1]!.timestamp).toBeGreaterThanOrEqual(history[i]!.timestamp);
		// The change is also written to the alarms log group (ingested a moment later).
		h.clock.advance(5000);
		const lines = await h.sim.logs.filterLogEvents({logGroup: '/aws/cloudwatch/alarms', startTime: T0, pattern: 'Test-Memory-Rising'});
		expect(lines.events.some(event => JSON.parse(event.message).state.value === 'ALARM')).toBe(true);
	});

	it('keeps a day of history for the leaking supervisor alarm: it has flapped', async () => {
		const h = makeSim(1);
		const history = await h.sim.alarms.describeAlarmHistory('ACSO-HighMemory', {start: T0 - 24 * 60 * MINUTE, end: T0});
		const toAlarm = history.filter(item => item.summary === 'Alarm updated from OK to ALARM');
		expect(toAlarm.length).toBeGreaterThan(5);
		expect(history.every(item => item.alarmName === 'ACSO-HighMemory' && item.type === 'StateUpdate')).toBe(true);
		expect(await h.sim.alarms.describeAlarmHistory('No-Such-Alarm')).toEqual([]);
	});

	it('refuses invalid alarms with clear messages', async () => {
		const h = makeSim(1);
		const base = inputOf((await alarmState(h.sim, 'ACSO-HighCPU')) as MetricAlarm, {name: 'Bad'});
		const cases: Array<[Partial<MetricAlarmInput>, RegExp]> = [
			[{periodSeconds: 45}, /Period 45 is invalid/],
			[{evaluationPeriods: 0}, /EvaluationPeriods must be a whole number of at least 1/],
			[{threshold: Number.NaN}, /Threshold must be a number/],
			[{comparisonOperator: 'Above' as never}, /ComparisonOperator 'Above'/],
			[{name: ''}, /Alarm name '' is invalid/],
		];
		for (const [change, message] of cases) {
			const error = await failure(h.sim.operator.putMetricAlarm({...base, ...change}));
			expect(error.kind).toBe('invalid');
			expect(error.message).toMatch(message);
		}
		expect(await h.sim.alarms.describeAlarms({names: ['Bad']})).toEqual([]);
	});

	it('composite alarms: the guide\'s system-health rule is saved and evaluated; unknown alarms are refused', async () => {
		const h = makeSim(1);
		const rule = "(ALARM('ACSO-HighCPU') OR ALARM('ACSO-HighMemory')) AND NOT ALARM('ACSO-Maintenance')";
		await h.sim.operator.putCompositeAlarm({name: 'ACSO-SystemHealth', description: 'Overall system health', alarmRule: rule});
		const health = await alarmState(h.sim, 'ACSO-SystemHealth');
		expect(health).toMatchObject({kind: 'composite', alarmRule: rule, state: 'ALARM'});
		expect(health.stateReason).toContain('ACSO-HighMemory');
		const missing = await failure(h.sim.operator.putCompositeAlarm({name: 'X', alarmRule: 'ALARM("ACSO-Nope") OR ALARM(ACSO-HighCPU)'}));
		expect(missing.kind).toBe('invalid');
		expect(missing.message).toContain('alarms [ACSO-Nope] in the alarm rule do not exist');
		const syntax = await failure(h.sim.operator.putCompositeAlarm({name: 'Y', alarmRule: 'ALARM("ACSO-HighCPU") AND'}));
		expect(syntax.kind).toBe('invalid');
		expect(syntax.message).toMatch(/^Invalid alarm rule: /);
	});
});

describe('composite alarm rules', () => {
	const states: Record<string, 'OK' | 'ALARM' | 'INSUFFICIENT_DATA'> = {a: 'ALARM', b: 'OK', c: 'INSUFFICIENT_DATA'};
	const value = (rule: string) => evaluateRule(parseAlarmRule(rule), name => states[name]);

	it('follows the grammar: AND binds tighter than OR, NOT, parentheses, quoting and ARNs', () => {
		expect(value('ALARM(a)')).toBe(true);
		expect(value('ALARM("b")')).toBe(false);
		expect(value("OK('b') AND INSUFFICIENT_DATA(c)")).toBe(true);
		expect(value('ALARM(b) AND ALARM(b) OR ALARM(a)')).toBe(true);
		expect(value('ALARM(b) AND (ALARM(b) OR ALARM(a))')).toBe(false);
		expect(value('NOT ALARM(b)')).toBe(true);
		expect(value('TRUE AND NOT FALSE')).toBe(true);
		expect(value('ALARM(arn:aws:cloudwatch:us-east-1:123456789012:alarm:a)')).toBe(true);
		expect([...ruleAlarms(parseAlarmRule('(ALARM(a) OR OK(b)) AND NOT ALARM("c")'))].sort()).toEqual(['a', 'b', 'c']);
	});

	it('says where a rule is wrong', () => {
		expect(() => parseAlarmRule('')).toThrow(/empty/);
		expect(() => parseAlarmRule('ALARM(a')).toThrow(/expected '\)'/);
		expect(() => parseAlarmRule('ALARM(a) XOR ALARM(b)')).toThrow(/unexpected 'XOR ALARM\(b\)' at position 10/);
		expect(() => parseAlarmRule('ALARM("a)')).toThrow(/unterminated quoted alarm name/);
		expect(() => parseAlarmRule('ALARM()')).toThrow(/alarm name is missing/);
		expect(() => parseAlarmRule('ALARM(a) AND')).toThrow(/rule ended/);
	});
});
