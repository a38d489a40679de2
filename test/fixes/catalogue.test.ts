import {describe, expect, it} from 'vitest';
import {catalogue, fixById, fixesFor} from '../../source/fixes/catalogue.js';
import {fixFromRunbook} from '../../source/fixes/runbook-hints.js';
import {fakeReaders, productionAccount} from './fake-cloud.js';

describe('catalogue', () => {
	it('lists each fix once, with params described, per target kind', () => {
		expect(new Set(catalogue.map(fix => fix.id)).size).toBe(catalogue.length);
		expect(fixesFor('service').map(fix => fix.id)).toEqual(['force-new-deployment', 'set-desired-count', 'rollback', 'new-revision', 'deploy-revision', 'authorize-ingress', 'create-service']);
		expect(fixesFor('task').map(fix => fix.id)).toEqual(['stop-task']);
		expect(fixesFor('logGroup').map(fix => fix.id)).toEqual(['put-retention', 'create-log-group', 'put-metric-filter']);
		expect(fixesFor('alarm').map(fix => fix.id)).toEqual(['put-metric-alarm', 'put-composite-alarm']);
		expect(fixesFor('db').map(fix => fix.id)).toEqual(['modify-db-class']);
		for (const fix of catalogue) {
			expect(fix.title.length).toBeGreaterThan(0);
			for (const param of fix.params) expect(param.help.length, `${fix.id}.${param.name}`).toBeGreaterThan(0);
		}
		expect(fixById('rollback')?.risk).toBe('high');
		expect(fixById('nope')).toBeUndefined();
	});
});

describe('fixFromRunbook', () => {
	const kinds = [
		['force-new-deployment', 'force-new-deployment'],
		['set-desired-count', 'set-desired-count'],
		['rollback', 'rollback'],
		['new-revision', 'new-revision'],
		['deploy-revision', 'deploy-revision'],
		['stop-task', 'stop-task'],
		['put-retention', 'put-retention'],
		['create-log-group', 'create-log-group'],
		['put-metric-filter', 'put-metric-filter'],
		['put-metric-alarm', 'put-metric-alarm'],
		['put-composite-alarm', 'put-composite-alarm'],
		['modify-db-class', 'modify-db-class'],
	] as const;

	it.each(kinds)('maps %s to the %s fix', (kind, id) => {
		expect(fixFromRunbook(kind).fix.id).toBe(id);
	});

	it('takes the CLI spellings of the guide and builds the target from them', () => {
		expect(fixFromRunbook('set-desired-count', {cluster: 'acso-staging-cluster', service: 'acso-staging-supervisor', 'desired-count': ['3']})).toEqual({
			fix: fixById('set-desired-count'),
			target: {kind: 'service', cluster: 'acso-staging-cluster', service: 'acso-staging-supervisor'},
			params: {desiredCount: ['3']},
			notes: [],
		});
		expect(fixFromRunbook('put-retention', {'log-group-name': '/aws/acso/staging/agents', days: 30})).toMatchObject({
			target: {kind: 'logGroup', logGroup: '/aws/acso/staging/agents'},
			params: {retentionInDays: 30},
		});
		expect(fixFromRunbook('modify-db-class', {'db-instance-identifier': 'acso-staging-db', 'db-instance-class': 'db.t3.large', 'apply-immediately': true})).toMatchObject({
			target: {kind: 'db', db: 'acso-staging-db'},
			params: {instanceClass: 'db.t3.large', applyImmediately: true},
		});
		expect(
			fixFromRunbook('put-metric-filter', {
				'log-group-name': '/aws/acso/staging/agents',
				'filter-name': 'ErrorCount',
				'filter-pattern': 'ERROR',
				'metric-transformations': 'metricName=ErrorCount,metricNamespace=ACSO/Errors,metricValue=1',
			}).params,
		).toEqual({filterName: 'ErrorCount', filterPattern: 'ERROR', metricName: 'ErrorCount', metricNamespace: 'ACSO/Errors', metricValue: '1'});
	});

	it('takes the hint target as is, and notes what the fix does not use', () => {
		const hint = fixFromRunbook('new-revision', {cpu: 1024, memory: 2048, family: 'acso-production-supervisor', containerDefinitions: 'file://updated-container-def.json'}, {kind: 'service', cluster: 'c', service: 's'});
		expect(hint.target).toEqual({kind: 'service', cluster: 'c', service: 's'});
		expect(hint.params).toEqual({cpu: 1024, memory: 2048});
		expect(hint.notes).toEqual(['ignored parameter family: new-revision does not take it', 'ignored parameter containerDefinitions: new-revision does not take it']);
	});

	it('asks for a service when the hint names a whole cluster (environment rollback) or a placeholder task', () => {
		const rollback = fixFromRunbook('rollback', {}, {kind: 'cluster', cluster: 'acso-production-cluster'});
		expect(rollback.target).toBeUndefined();
		expect(rollback.needs).toEqual({kind: 'service', cluster: 'acso-production-cluster', reason: 'Emergency rollback acts on one service: choose one in acso-production-cluster (repeat for each that needs it)'});
		expect(fixFromRunbook('stop-task', {cluster: 'acso-production-cluster'}).needs).toMatchObject({kind: 'task', cluster: 'acso-production-cluster'});
	});

	it('refuses unknown kinds and mismatched targets', () => {
		expect(() => fixFromRunbook('delete-everything')).toThrow('no fix for runbook step kind "delete-everything" (known: force-new-deployment,');
		expect(() => fixFromRunbook('put-retention', {}, {kind: 'db', db: 'x'})).toThrow('runbook step "put-retention" names a db, but put-retention acts on a logGroup');
	});

	it('hands the fix values it validates and plans from', async () => {
		const hint = fixFromRunbook('put-metric-alarm', {
			'alarm-name': 'ACSO-HighCPU',
			'alarm-description': 'High CPU utilization',
			'metric-name': 'CPUUtilization',
			namespace: 'AWS/ECS',
			statistic: 'Average',
			period: '300',
			threshold: '85',
			'comparison-operator': 'GreaterThanThreshold',
			'evaluation-periods': '3',
		});
		const plan = await hint.fix.plan(fakeReaders(productionAccount()), hint.target!, hint.params);
		expect(plan.changes).toEqual([{field: 'threshold', from: 80, to: 85}]);
		expect(plan.warnings).toEqual([]);
	});
});
