import {describe, expect, it} from 'vitest';
import {alarmDetailLines, alarmHeader, alarmLayout, alarmMetric, alarmRow, historyUnavailable, stateLabel} from '../../source/format/alarm-rows.js';
import {alarmsWatching, chartThresholds, comparisonSymbol, formatThreshold, thresholdText} from '../../source/format/alarm-thresholds.js';
import {lineWidth, type SegmentLine} from '../../source/format/segments.js';
import type {CompositeAlarm, MetricAlarm} from '../../source/port/types.js';

const now = Date.parse('2026-11-28T12:00:00Z');
const text = (line: SegmentLine) => line.map(s => s.text).join('');

const highMemory: MetricAlarm = {
	kind: 'metric',
	name: 'ACSO-HighMemory',
	arn: 'arn:aws:cloudwatch:eu-west-1:1:alarm:ACSO-HighMemory',
	state: 'ALARM',
	stateReason: 'Threshold Crossed: 1 datapoint [91.2 (28/11/26 11:58:00)] was greater than the threshold (85.0).',
	stateUpdatedAt: now - 12 * 60_000,
	namespace: 'AWS/ECS',
	metricName: 'MemoryUtilization',
	dimensions: {ClusterName: 'acso-production-cluster', ServiceName: 'acso-production-supervisor'},
	statistic: 'Average',
	periodSeconds: 60,
	evaluationPeriods: 3,
	threshold: 85,
	comparisonOperator: 'GreaterThanThreshold',
};

const systemHealth: CompositeAlarm = {
	kind: 'composite',
	name: 'ACSO-SystemHealth',
	arn: 'arn:aws:cloudwatch:eu-west-1:1:alarm:ACSO-SystemHealth',
	state: 'INSUFFICIENT_DATA',
	stateReason: 'Unchecked: Initial alarm creation',
	stateUpdatedAt: now - 3600_000,
	alarmRule: "(ALARM('ACSO-HighCPU') OR ALARM('ACSO-HighMemory')) AND NOT ALARM('ACSO-Maintenance')",
};

describe('thresholds', () => {
	it('writes the comparison as a symbol: > 85', () => {
		expect(thresholdText(highMemory)).toBe('> 85');
		expect(comparisonSymbol('LessThanOrEqualToThreshold')).toBe('<=');
		expect(thresholdText({...highMemory, comparisonOperator: 'GreaterThanOrEqualToThreshold', threshold: 85.5})).toBe('>= 85.5');
	});

	it('writes byte thresholds in bytes', () => {
		expect(formatThreshold(1024 ** 3, 'FreeableMemory')).toBe('1.0 GiB');
		expect(thresholdText({metricName: 'FreeableMemory', threshold: 512 * 1024 ** 2, comparisonOperator: 'LessThanThreshold'})).toBe('< 512 MiB');
	});

	it('finds the alarms on exactly the charted metric', () => {
		const metric = {namespace: 'AWS/ECS', metricName: 'MemoryUtilization', dimensions: {ServiceName: 'acso-production-supervisor', ClusterName: 'acso-production-cluster'}};
		expect(alarmsWatching([highMemory, systemHealth], metric)).toEqual([highMemory]);
		// Another service, another metric, or the cluster-wide metric (fewer dimensions): not this chart's.
		expect(alarmsWatching([highMemory], {...metric, dimensions: {...metric.dimensions, ServiceName: 'acso-production-threat-hunter'}})).toEqual([]);
		expect(alarmsWatching([highMemory], {...metric, metricName: 'CPUUtilization'})).toEqual([]);
		expect(alarmsWatching([highMemory], {...metric, dimensions: {ClusterName: 'acso-production-cluster'}})).toEqual([]);
		expect(alarmsWatching(undefined, metric)).toEqual([]);
	});

	it('colours a threshold by its alarm state', () => {
		expect(chartThresholds([highMemory, {...highMemory, state: 'OK', threshold: 70}])).toEqual([
			{value: 85, tone: 'bad'},
			{value: 70, tone: 'warn'},
		]);
	});
});

describe('alarm rows', () => {
	const layout = alarmLayout(120);

	it('shows state, name, metric, threshold, time in state and reason, exactly as wide as the table', () => {
		const row = alarmRow(highMemory, now, layout, s => s.replace('acso-production-', ''));
		const line = text(row);
		expect(lineWidth(row)).toBe(lineWidth([{text: alarmHeader(layout)}]));
		expect(line).toMatch(/^ALARM +ACSO-HighMemory +MemoryUtilization supervisor +> 85 +12m +Threshold Crossed/);
		expect(alarmMetric(highMemory)).toBe('MemoryUtilization acso-production-supervisor');
		expect(row[0]).toMatchObject({tone: 'bad', bold: true});
	});

	it('shows composite alarms as such', () => {
		expect(alarmMetric(systemHealth)).toBe('composite');
		expect(text(alarmRow(systemHealth, now, layout))).toMatch(/^NO DATA +ACSO-SystemHealth +composite +rule/);
		expect(stateLabel('OK')).toBe('OK');
	});

	it('sanitizes what AWS returned', () => {
		const hostile = {...highMemory, name: 'x\u001B[2Jy', stateReason: 'a\u009B31mb'};
		const line = text(alarmRow(hostile, now, layout));
		expect(line).toContain('x\\x1b[2Jy');
		expect(line).not.toContain('\u001B');
	});

	it('gives the name its room first when narrow', () => {
		const l = alarmLayout(60, [highMemory, systemHealth]);
		expect(l.nameWidth).toBe('ACSO-SystemHealth'.length);
		expect(text(alarmRow(highMemory, now, l))).toMatch(/^ALARM +ACSO-HighMemory +Memory/);
	});

	it('keeps the columns at every width', () => {
		for (const width of [60, 80, 100, 200]) {
			const l = alarmLayout(width, [highMemory, systemHealth]);
			expect(lineWidth(alarmRow(highMemory, now, l))).toBe(width);
			expect(alarmHeader(l)).toHaveLength(width);
		}
	});
});

describe('alarm detail', () => {
	it('shows the whole reason, wrapped, and the condition', () => {
		const lines = alarmDetailLines(highMemory, {status: 'ok', items: []}, now, 50).map(text);
		expect(lines[0]).toMatch(/^ACSO-HighMemory {2}ALARM {2}for 12m 00s/);
		expect(lines.join('\n')).toContain('Average > 85 for 3 × 1m 00s');
		const reason = lines.filter((l, i) => i >= lines.findIndex(x => x.startsWith('reason'))).slice(0, 3).join(' ');
		expect(reason.replace(/\s+/g, ' ')).toContain('was greater than the threshold');
		for (const line of lines) expect(line.length).toBeLessThanOrEqual(50);
	});

	it('lists history newest first', () => {
		const items = [
			{alarmName: 'ACSO-HighMemory', timestamp: now - 3600_000, type: 'StateUpdate', summary: 'Alarm updated from ALARM to OK'},
			{alarmName: 'ACSO-HighMemory', timestamp: now - 600_000, type: 'StateUpdate', summary: 'Alarm updated from OK to ALARM'},
		];
		const lines = alarmDetailLines(highMemory, {status: 'ok', items}, now, 90).map(text);
		const at = lines.findIndex(l => l.startsWith('HISTORY'));
		expect(lines[at + 1]).toMatch(/^10m +StateUpdate +Alarm updated from OK to ALARM/);
		expect(lines[at + 2]).toMatch(/^1h +StateUpdate +Alarm updated from ALARM to OK/);
	});

	it('says when the endpoint has no history, or why it failed', () => {
		expect(alarmDetailLines(highMemory, {status: 'unsupported'}, now, 80).map(text).join('\n')).toContain(historyUnavailable);
		expect(historyUnavailable).toBe('history not available from this endpoint');
		expect(alarmDetailLines(highMemory, {status: 'error', message: 'denied: cloudwatch:DescribeAlarmHistory'}, now, 80).map(text).join('\n')).toContain('denied');
		expect(alarmDetailLines(highMemory, {status: 'loading'}, now, 80).map(text).join('\n')).toContain('loading…');
	});

	it('shows a composite alarm rule', () => {
		expect(alarmDetailLines(systemHealth, {status: 'ok', items: []}, now, 200).map(text).join('\n')).toContain("ALARM('ACSO-HighCPU') OR ALARM('ACSO-HighMemory')");
	});
});
