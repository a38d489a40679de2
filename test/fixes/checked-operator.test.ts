// The fake must itself fail when it should, or every test built on it proves nothing.
import {describe, expect, it} from 'vitest';
import {checkedOperator} from './checked-operator.js';

describe('checkedOperator', () => {
	it('passes when exactly the expected calls came', async () => {
		const fake = checkedOperator([{method: 'putRetentionPolicy', args: ['/g', 30], result: {value: undefined, requestId: 'x'}}]);
		await expect(fake.operator.putRetentionPolicy('/g', 30)).resolves.toEqual({value: undefined, requestId: 'x'});
		expect(() => fake.verify()).not.toThrow();
	});

	it('fails on an unexpected call even when the caller swallowed the error', async () => {
		const fake = checkedOperator([]);
		await fake.operator.createLogGroup('/g').catch(() => undefined);
		expect(() => fake.verify()).toThrow("unexpected call createLogGroup([ '/g' ])");
	});

	it('fails on other arguments', async () => {
		const fake = checkedOperator([{method: 'putRetentionPolicy', args: ['/g', 30]}]);
		await fake.operator.putRetentionPolicy('/g', 31).catch(() => undefined);
		expect(() => fake.verify()).toThrow("expected putRetentionPolicy([ '/g', 30 ]), got putRetentionPolicy([ '/g', 31 ])");
	});

	it('fails when an expected call never came', () => {
		const fake = checkedOperator([{method: 'deleteRetentionPolicy', args: ['/g']}]);
		expect(() => fake.verify()).toThrow("expected call never came: deleteRetentionPolicy([ '/g' ])");
	});

	it('throws the scripted error', async () => {
		const fake = checkedOperator([{method: 'createLogGroup', args: ['/g'], error: new Error('boom')}]);
		await expect(fake.operator.createLogGroup('/g')).rejects.toThrow('boom');
		fake.verify();
	});
});
