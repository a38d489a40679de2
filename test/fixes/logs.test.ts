import {describe, expect, it} from 'vitest';
import {createLogGroup, putMetricFilter, putRetention, retentionDays} from '../../source/fixes/logs.js';
import type {Plan} from '../../source/fixes/types.js';
import {checkedOperator} from './checked-operator.js';
import {fakeReaders, logGroupName, productionAccount} from './fake-cloud.js';

const target = {kind: 'logGroup', logGroup: logGroupName} as const;
const archive = {kind: 'logGroup', logGroup: '/aws/acso/production/agents-archive'} as const;

describe('put-retention', () => {
	it('raises retention (low risk) and undoes to the previous value', async () => {
		const plan = await putRetention.plan(fakeReaders(productionAccount()), target, {retentionInDays: 90});
		expect(plan.risk).toBe('low');
		expect(plan.parameters).toEqual({logGroupName, retentionInDays: 90});
		expect(plan.cliCommand).toBe(`aws logs put-retention-policy --log-group-name ${logGroupName} --retention-in-days 90`);
		expect(plan.changes).toEqual([{field: 'retentionInDays', from: 30, to: 90}]);
		const fake = checkedOperator([
			{method: 'putRetentionPolicy', args: [logGroupName, 90]},
			{method: 'putRetentionPolicy', args: [logGroupName, 30]},
		]);
		const outcome = await plan.run(fake.operator);
		expect(outcome).toMatchObject({ok: true, after: {retentionInDays: 90}});
		const undo = plan.undo(outcome) as Plan;
		expect(undo.risk).toBe('high'); // going back from 90 to 30 days deletes data
		await undo.run(fake.operator);
		fake.verify();
	});

	it('deletes the policy on undo when there was none (never expire), and shortening is high risk', async () => {
		const plan = await putRetention.plan(fakeReaders(productionAccount()), archive, {retentionInDays: '7'});
		expect(plan.risk).toBe('high');
		expect(plan.warnings[0]).toMatch(/older than 7 days are deleted and cannot be recovered/);
		expect(plan.changes).toEqual([{field: 'retentionInDays', from: 'never expire', to: 7}]);
		const fake = checkedOperator([
			{method: 'putRetentionPolicy', args: [archive.logGroup, 7]},
			{method: 'deleteRetentionPolicy', args: [archive.logGroup]},
		]);
		const outcome = await plan.run(fake.operator);
		const undo = plan.undo(outcome) as Plan;
		expect(undo.apiCall).toBe('logs:DeleteRetentionPolicy');
		expect(undo.parameters).toEqual({logGroupName: archive.logGroup});
		expect(undo.cliCommand).toBe(`aws logs delete-retention-policy --log-group-name ${archive.logGroup}`);
		expect(undo.changes).toEqual([{field: 'retentionInDays', from: 7, to: 'never expire'}]);
		await undo.run(fake.operator);
		fake.verify();
	});

	it.each([
		[{retentionInDays: 10}, `retentionInDays 10 is not allowed; CloudWatch Logs accepts ${retentionDays.join(', ')}`],
		[{retentionInDays: 0}, 'retentionInDays must be between 1 and 3653, got 0'],
		[{retentionInDays: 30}, `the retention of ${logGroupName} is already 30 days`],
		[{}, 'retentionInDays is required'],
	])('refuses %j', async (params, message) => {
		await expect(putRetention.plan(fakeReaders(productionAccount()), target, params)).rejects.toThrow(message);
	});

	it('refuses a log group that does not exist', async () => {
		await expect(putRetention.plan(fakeReaders(productionAccount()), {kind: 'logGroup', logGroup: '/aws/acso/production/nope'}, {retentionInDays: 30})).rejects.toThrow(
			'log group /aws/acso/production/nope not found (create it first with create-log-group)',
		);
	});
});

describe('create-log-group', () => {
	it('creates a missing group, without undo', async () => {
		const name = '/aws/acso/production/new';
		const plan = await createLogGroup.plan(fakeReaders(productionAccount()), {kind: 'logGroup', logGroup: name});
		expect(plan.parameters).toEqual({logGroupName: name});
		expect(plan.cliCommand).toBe(`aws logs create-log-group --log-group-name ${name}`);
		const fake = checkedOperator([{method: 'createLogGroup', args: [name], result: {value: undefined, requestId: 'r-c'}}]);
		const outcome = await plan.run(fake.operator);
		fake.verify();
		expect(outcome).toMatchObject({ok: true, requestId: 'r-c'});
		expect(plan.undo(outcome)).toBeUndefined();
	});

	it('refuses an existing group and a bad name', async () => {
		await expect(createLogGroup.plan(fakeReaders(productionAccount()), target)).rejects.toThrow(`log group ${logGroupName} already exists`);
		await expect(createLogGroup.plan(fakeReaders(productionAccount()), {kind: 'logGroup', logGroup: 'bad name!'})).rejects.toThrow(
			'logGroup "bad name!" is not valid: use letters, digits and . - _ / #',
		);
	});
});

describe('put-metric-filter', () => {
	const params = {filterName: 'FatalCount', filterPattern: 'FATAL', metricName: 'FatalCount', metricNamespace: 'ACSO/Errors'};

	it('creates a filter with metricValue 1 and the CLI twin of the guide', async () => {
		const plan = await putMetricFilter.plan(fakeReaders(productionAccount()), target, params);
		expect(plan.parameters).toEqual({
			logGroupName,
			filterName: 'FatalCount',
			filterPattern: 'FATAL',
			metricTransformations: [{metricName: 'FatalCount', metricNamespace: 'ACSO/Errors', metricValue: '1'}],
		});
		expect(plan.cliCommand).toBe(
			`aws logs put-metric-filter --log-group-name ${logGroupName} --filter-name FatalCount --filter-pattern FATAL --metric-transformations metricName=FatalCount,metricNamespace=ACSO/Errors,metricValue=1`,
		);
		const fake = checkedOperator([
			{method: 'putMetricFilter', args: [{name: 'FatalCount', logGroup: logGroupName, pattern: 'FATAL', transformations: [{metricName: 'FatalCount', metricNamespace: 'ACSO/Errors', metricValue: '1'}]}]},
		]);
		const outcome = await plan.run(fake.operator);
		fake.verify();
		expect(plan.undo(outcome)).toBeUndefined();
	});

	it('replacing a filter undoes to the previous one, and warns about a literal OR', async () => {
		const plan = await putMetricFilter.plan(fakeReaders(productionAccount()), target, {...params, filterName: 'ErrorCount', filterPattern: 'ERROR OR FATAL', metricName: 'ErrorCount', defaultValue: '0'});
		expect(plan.warnings.join('\n')).toMatch(/"OR" in a plain-text pattern is matched as a word; to match either term write \?ERROR \?FATAL/);
		expect(plan.warnings.join('\n')).toMatch(/Replaces the existing filter ErrorCount/);
		expect(plan.cliCommand).toContain(`--filter-pattern 'ERROR OR FATAL' --metric-transformations metricName=ErrorCount,metricNamespace=ACSO/Errors,metricValue=1,defaultValue=0`);
		const previous = productionAccount().metricFilters[0]!;
		const fake = checkedOperator([
			{method: 'putMetricFilter', args: [{name: 'ErrorCount', logGroup: logGroupName, pattern: 'ERROR OR FATAL', transformations: [{metricName: 'ErrorCount', metricNamespace: 'ACSO/Errors', metricValue: '1', defaultValue: 0}]}]},
			{method: 'putMetricFilter', args: [previous]},
		]);
		const outcome = await plan.run(fake.operator);
		await (plan.undo(outcome) as Plan).run(fake.operator);
		fake.verify();
	});

	it.each([
		[{...params, metricNamespace: 'AWS/ECS'}, 'metricNamespace "AWS/ECS" is not valid: it must not contain : * $ nor start with AWS/ (reserved)'],
		[{...params, filterName: 'a:b'}, 'filterName "a:b" is not valid: it must not contain : or *'],
		// The parser's own wording belongs to source/logs; only the prefix is this fix's.
		[{...params, filterPattern: '"unterminated'}, /^filterPattern "\\"unterminated" is not valid: ./],
		[{...params, metricValue: 'one'}, 'metricValue "one" is not valid: use a number or $.field'],
		[{...params, filterPattern: undefined}, 'filterPattern is required'],
		[{...params, filterName: 'ErrorCount', filterPattern: 'ERROR', metricName: 'ErrorCount'}, `metric filter ErrorCount on ${logGroupName} is already exactly this`],
	] as Array<[Record<string, unknown>, string | RegExp]>)('refuses %j', async (bad, message) => {
		await expect(putMetricFilter.plan(fakeReaders(productionAccount()), target, bad)).rejects.toThrow(message);
	});
});
