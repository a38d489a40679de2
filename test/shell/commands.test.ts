import {describe, expect, it} from 'vitest';
import {completeCommand, findCommand} from '../../source/shell/screen-ids.js';

describe('the :ctx family of commands', () => {
	it('takes an argument; screens take none', () => {
		expect(findCommand(':ctx staging')).toMatchObject({ok: true, command: {name: 'ctx', arg: 'env'}, arg: 'staging'});
		expect(findCommand('env prod-eu')).toMatchObject({ok: true, command: {name: 'env'}, arg: 'prod-eu'});
		expect(findCommand('region  eu-west-1 ')).toMatchObject({ok: true, command: {name: 'region'}, arg: 'eu-west-1'});
		expect(findCommand('profile')).toEqual({ok: true, command: expect.objectContaining({name: 'profile'})});
		expect(findCommand('logs now')).toEqual({ok: false, error: ':logs takes no argument'});
	});

	it('keeps short prefixes meaning the screens they meant', () => {
		expect(findCommand('r')).toMatchObject({ok: true, command: {name: 'runbooks'}});
		expect(findCommand('reg x')).toMatchObject({ok: true, command: {name: 'region'}});
	});

	it('completes command names, then known values', () => {
		expect(completeCommand('c')).toEqual(['ctx']);
		const choices = {env: ['production', 'prod-eu', 'staging'], profile: ['default', 'acso-oncall']};
		expect(completeCommand('ctx ', choices)).toEqual(['ctx production', 'ctx prod-eu', 'ctx staging']);
		expect(completeCommand('ctx pro', choices)).toEqual(['ctx production', 'ctx prod-eu']);
		expect(completeCommand('profile a', choices)).toEqual(['profile acso-oncall']);
		expect(completeCommand('region e', choices)).toEqual([]);
		expect(completeCommand('logs ', choices)).toEqual([]);
	});
});
