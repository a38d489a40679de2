import {describe, expect, it} from 'vitest';
import {attributeAlarms, childrenOf, type AlarmScope} from '../../source/discovery/alarm-attribution.js';
import {sortAlarms} from '../../source/model/alarms.js';
import type {Alarm, MetricAlarm} from '../../source/port/types.js';

const metric = (name: string, dimensions: Record<string, string>, more: Partial<MetricAlarm> = {}): MetricAlarm => ({
	kind: 'metric',
	name,
	arn: `arn:aws:cloudwatch:us-east-1:1:alarm:${name}`,
	state: 'OK',
	stateReason: '',
	stateUpdatedAt: 0,
	namespace: 'AWS/ECS',
	metricName: 'CPUUtilization',
	dimensions,
	statistic: 'Average',
	periodSeconds: 60,
	evaluationPeriods: 1,
	threshold: 80,
	comparisonOperator: 'GreaterThanThreshold',
	...more,
});

const composite = (name: string, alarmRule: string): Alarm => ({kind: 'composite', name, arn: `arn:${name}`, state: 'OK', stateReason: '', stateUpdatedAt: 0, alarmRule});

const scope: AlarmScope = {
	cluster: 'ledger-live',
	services: ['writer', 'reconciler'],
	db: 'ledger-pg',
	metricFilters: [
		{name: 'reconciler-errors', logGroup: '/ecs/ledger-live/reconciler', pattern: 'ERROR', transformations: [{metricName: 'ReconcilerErrors', metricNamespace: 'Ledger', metricValue: '1'}]},
	],
	alarmNames: [],
};

const whyOf = (alarms: Alarm[], s: AlarmScope = scope) => Object.fromEntries(attributeAlarms(alarms, s).map(a => [a.name, a.why]));

describe('attributeAlarms', () => {
	it('attributes by ServiceName alone, by ClusterName, by the database, and says why', () => {
		expect(
			whyOf([
				metric('writer-cpu', {ServiceName: 'writer'}),
				metric('cluster-mem', {ClusterName: 'ledger-live'}, {metricName: 'MemoryUtilization'}),
				metric('both', {ClusterName: 'ledger-live', ServiceName: 'reconciler'}),
				metric('db-conn', {DBInstanceIdentifier: 'ledger-pg'}, {namespace: 'AWS/RDS', metricName: 'DatabaseConnections'}),
			]),
		).toEqual({
			'writer-cpu': 'ServiceName=writer',
			'cluster-mem': 'ClusterName=ledger-live',
			both: 'ClusterName=ledger-live ServiceName=reconciler',
			'db-conn': 'DBInstanceIdentifier=ledger-pg',
		});
	});

	it('attributes an alarm on a metric that a metric filter on one of the log groups produces', () => {
		expect(whyOf([metric('recon-errors', {}, {namespace: 'Ledger', metricName: 'ReconcilerErrors'})])).toEqual({
			'recon-errors': 'metric filter reconciler-errors on /ecs/ledger-live/reconciler',
		});
		// The same metric name in another namespace is another metric.
		expect(whyOf([metric('other', {}, {namespace: 'Other', metricName: 'ReconcilerErrors'})])).toEqual({});
	});

	it('does not attribute alarms on something else: another cluster, billing, a same-named service elsewhere', () => {
		expect(
			whyOf([
				metric('billing', {Currency: 'USD'}, {namespace: 'AWS/Billing', metricName: 'EstimatedCharges'}),
				metric('other-cluster', {ClusterName: 'payments'}),
				metric('writer-elsewhere', {ClusterName: 'payments', ServiceName: 'writer'}),
				metric('other-service', {ServiceName: 'frontend'}),
				metric('other-db', {DBInstanceIdentifier: 'payments-pg'}),
			]),
		).toEqual({});
	});

	it('reads the metrics of a metric-math expression', () => {
		const math = metric('error-ratio', {}, {
			namespace: '',
			metricName: '',
			extra: {
				Metrics: [
					{Id: 'e1', Expression: 'm1 / m2 * 100'},
					{Id: 'm1', MetricStat: {Metric: {Namespace: 'Custom', MetricName: 'Errors', Dimensions: [{Name: 'ServiceName', Value: 'writer'}]}, Stat: 'Sum', Period: 60}},
					{Id: 'm2', MetricStat: {Metric: {Namespace: 'Custom', MetricName: 'Requests', Dimensions: []}, Stat: 'Sum', Period: 60}},
				],
			},
		});
		expect(whyOf([math])).toEqual({'error-ratio': 'ServiceName=writer'});
	});

	it('takes composite alarms whose children belong, through nesting and ARN references', () => {
		const alarms = [
			metric('writer-cpu', {ServiceName: 'writer'}),
			metric('billing', {Currency: 'USD'}, {namespace: 'AWS/Billing'}),
			composite('ledger-health', 'ALARM("writer-cpu") OR ALARM(billing)'),
			composite('top', 'ALARM(arn:aws:cloudwatch:us-east-1:1:alarm:ledger-health) AND NOT OK(\'x\')'),
			composite('billing-only', 'ALARM(billing)'),
		];
		expect(whyOf(alarms)).toEqual({'writer-cpu': 'ServiceName=writer', 'ledger-health': 'composite of writer-cpu', top: 'composite of ledger-health'});
	});

	it('adds alarms the config lists by name or by prefix', () => {
		const alarms = [metric('Ops-Maintenance', {Environment: 'live'}), metric('Ops-Paging', {}), metric('Unrelated', {})];
		expect(whyOf(alarms, {...scope, alarmNames: ['Ops-*']})).toEqual({'Ops-Maintenance': 'listed in the config (Ops-*)', 'Ops-Paging': 'listed in the config (Ops-*)'});
		expect(whyOf(alarms, {...scope, alarmNames: ['Ops-Paging']})).toEqual({'Ops-Paging': 'listed in the config (Ops-Paging)'});
	});

	it('keeps ALARM first when sorted', () => {
		const alarms = attributeAlarms([metric('a', {ServiceName: 'writer'}), metric('b', {ServiceName: 'writer'}, {state: 'ALARM'})], scope);
		expect(sortAlarms(alarms).map(a => a.name)).toEqual(['b', 'a']);
	});
});

describe('childrenOf', () => {
	it('reads every state function, quoted or not', () => {
		expect(childrenOf('ALARM("a") OR (OK(b) AND INSUFFICIENT_DATA( \'c d\' )) OR ALARM(arn:aws:cloudwatch:eu-west-1:1:alarm:e)')).toEqual(['a', 'b', 'c d', 'e']);
	});
});
