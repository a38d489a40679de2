import {describe, expect, it} from 'vitest';
import {modifyDatabaseClass} from '../../source/fixes/database.js';
import type {Plan} from '../../source/fixes/types.js';
import type {DbInstance} from '../../source/port/types.js';
import {checkedOperator} from './checked-operator.js';
import {databaseId, fakeReaders, productionAccount} from './fake-cloud.js';

const target = {kind: 'db', db: databaseId} as const;
const db = (changes: Partial<DbInstance>): DbInstance => ({...productionAccount().databases[0]!, ...changes});

describe('modify-db-class', () => {
	it('applies now (high risk, failover warning) and undoes to the previous class, now', async () => {
		const plan = await modifyDatabaseClass.plan(fakeReaders(productionAccount()), target, {instanceClass: 'db.t3.large', applyImmediately: 'yes'});
		expect(plan.risk).toBe('high');
		expect(plan.parameters).toEqual({DBInstanceIdentifier: databaseId, DBInstanceClass: 'db.t3.large', ApplyImmediately: true});
		expect(plan.cliCommand).toBe(`aws rds modify-db-instance --db-instance-identifier ${databaseId} --db-instance-class db.t3.large --apply-immediately`);
		expect(plan.warnings[0]).toMatch(/fails over to its standby/);
		const fake = checkedOperator([
			{method: 'modifyDbInstance', args: [databaseId, {instanceClass: 'db.t3.large', applyImmediately: true}], result: {value: db({status: 'modifying'}), requestId: 'r-m'}},
			{method: 'modifyDbInstance', args: [databaseId, {instanceClass: 'db.t3.medium', applyImmediately: true}], result: {value: db({status: 'modifying'}), requestId: 'r-u'}},
		]);
		const outcome = await plan.run(fake.operator);
		expect(outcome).toMatchObject({ok: true, after: {status: 'modifying'}, requestId: 'r-m'});
		const undo = plan.undo(outcome) as Plan;
		expect(undo.changes[0]).toEqual({field: 'instanceClass', from: 'db.t3.large', to: 'db.t3.medium'});
		await undo.run(fake.operator);
		fake.verify();
	});

	it('defaults to the maintenance window (medium risk)', async () => {
		const plan = await modifyDatabaseClass.plan(fakeReaders(productionAccount()), target, {instanceClass: 'db.r6g.xlarge'});
		expect(plan.risk).toBe('medium');
		expect(plan.parameters).toEqual({DBInstanceIdentifier: databaseId, DBInstanceClass: 'db.r6g.xlarge', ApplyImmediately: false});
		expect(plan.cliCommand).toMatch(/--no-apply-immediately$/);
	});

	it.each([
		[{instanceClass: 't3.large'}, 'instanceClass "t3.large" is not valid: an RDS instance class looks like db.t3.large or db.r6g.xlarge'],
		[{instanceClass: 'db.T3.large'}, 'instanceClass "db.T3.large" is not valid'],
		[{instanceClass: 'db.t3.medium'}, `${databaseId} is already db.t3.medium`],
		[{instanceClass: 'db.t3.large', applyImmediately: 'maybe'}, 'applyImmediately must be true or false, got "maybe"'],
		[{}, 'instanceClass is required'],
	])('refuses %j', async (params, message) => {
		await expect(modifyDatabaseClass.plan(fakeReaders(productionAccount()), target, params)).rejects.toThrow(message);
	});

	it('refuses while the instance is not available', async () => {
		const account = productionAccount();
		account.databases[0]!.status = 'modifying';
		await expect(modifyDatabaseClass.plan(fakeReaders(account), target, {instanceClass: 'db.t3.large'})).rejects.toThrow(
			`${databaseId} is modifying; RDS accepts a class change only while it is available`,
		);
	});
});
