import {describe, expect, it} from 'vitest';
import {configForContext, createContextReducer, initialContext, needsNewCloud, planSwitch} from '../../source/config/active-context.js';
import type {FileConfig} from '../../source/config/config-file.js';
import {parseFlags, type RawFlags} from '../../source/config/parse-flags.js';
import {confirmRules} from '../../source/fixes/ui/confirm-rules.js';

// The active context as a reducer: what :ctx, :region, :profile and the pickers change, and the
// names every screen reads derived from it the way they were at start.

const file: FileConfig = {
	productionEnvironments: ['production', 'prod-eu'],
	environments: {
		'prod-eu': {cluster: 'ledger-live', db: 'ledger-db', logGroups: ['/ecs/ledger'], region: 'eu-west-1', profile: 'eu-oncall', alarmNames: ['Ledger-Errors']},
		staging: {profile: 'staging-ro'},
	},
};

function configOf(flags: RawFlags, fileConfig: FileConfig = file) {
	const parsed = parseFlags(flags, {}, fileConfig);
	if (!parsed.ok) throw new Error(parsed.error);
	return parsed.config;
}

describe('the context reducer', () => {
	const config = configOf({env: 'production', region: 'us-east-1', cluster: 'acso-main'});
	const reduce = createContextReducer(config);
	const start = initialContext(config);

	it('starts where the flags and the file say', () => {
		expect(start).toEqual({env: 'production', region: 'us-east-1', picked: {}, generation: 0});
	});

	it('switches environment, taking its region and profile from the file, and drops picks', () => {
		const picked = reduce(start, {type: 'pick-db', db: 'other-db'});
		const next = reduce(picked, {type: 'switch-env', env: 'prod-eu'});
		expect(next).toEqual({env: 'prod-eu', region: 'eu-west-1', profile: 'eu-oncall', picked: {}, generation: 2});
		expect(needsNewCloud(picked, next)).toBe(true);
		// Back to the start environment: the flags' region wins again over where we were.
		const back = reduce(next, {type: 'switch-env', env: 'production'});
		expect(back).toMatchObject({env: 'production', region: 'us-east-1', profile: 'eu-oncall'});
	});

	it('keeps the region of an environment the file does not place', () => {
		const next = reduce(start, {type: 'switch-env', env: 'staging'});
		expect(next).toMatchObject({env: 'staging', region: 'us-east-1', profile: 'staging-ro'});
	});

	it('switches region or profile alone, which needs another Cloud; an environment switch in one place does not', () => {
		const region = reduce(start, {type: 'switch-region', region: 'eu-central-1'});
		expect(region).toMatchObject({env: 'production', region: 'eu-central-1', generation: 1});
		expect(needsNewCloud(start, region)).toBe(true);
		const profile = reduce(start, {type: 'switch-profile', profile: 'ops'});
		expect(profile).toMatchObject({region: 'us-east-1', profile: 'ops'});
		const demo = configOf({demo: true});
		const demoReduce = createContextReducer(demo);
		const demoStart = initialContext(demo);
		expect(needsNewCloud(demoStart, demoReduce(demoStart, {type: 'switch-env', env: 'staging'}))).toBe(false);
	});

	it('returns the same state for a switch to where it already is', () => {
		expect(reduce(start, {type: 'switch-env', env: 'production'})).toBe(start);
		expect(reduce(start, {type: 'switch-region', region: 'us-east-1'})).toBe(start);
		const picked = reduce(start, {type: 'pick-cluster', cluster: 'a'});
		expect(reduce(picked, {type: 'pick-cluster', cluster: 'a'})).toBe(picked);
	});
});

describe('the config of a context', () => {
	const config = configOf({env: 'production', cluster: 'acso-main', logGroup: ['/custom/prod']});
	const reduce = createContextReducer(config);
	const start = initialContext(config);

	it('derives the start names again for the start context', () => {
		const same = configForContext(config, start);
		expect(same.names).toEqual(config.names);
		expect(same.origin).toEqual({cluster: 'flag', db: 'convention'});
	});

	it('names another environment from the file, then the convention; flags stay with their environment', () => {
		const eu = configForContext(config, reduce(start, {type: 'switch-env', env: 'prod-eu'}));
		expect(eu.names).toMatchObject({env: 'prod-eu', cluster: 'ledger-live', db: 'ledger-db', logGroups: ['/ecs/ledger'], alarmNames: ['Ledger-Errors']});
		expect(eu).toMatchObject({env: 'prod-eu', region: 'eu-west-1', profile: 'eu-oncall', origin: {cluster: 'file', db: 'file'}});
		const staging = configForContext(config, reduce(start, {type: 'switch-env', env: 'staging'}));
		expect(staging.names).toMatchObject({cluster: 'acso-staging-cluster', db: 'acso-staging-db', logGroups: ['/aws/acso/staging/agents']});
		expect(staging.origin).toEqual({cluster: 'convention', db: 'convention'});
	});

	it('lets a picked name replace the missing one, and says it was picked', () => {
		const picked = configForContext(config, reduce(reduce(start, {type: 'pick-cluster', cluster: 'other'}), {type: 'pick-db', db: 'other-db'}));
		expect(picked.names).toMatchObject({cluster: 'other', db: 'other-db', logGroups: ['/custom/prod']});
		expect(picked.origin).toEqual({cluster: 'picked', db: 'picked'});
	});

	it('carries the production rule to the new environment', () => {
		const writing = configOf({env: 'staging', write: true});
		const writeReduce = createContextReducer(writing);
		expect(confirmRules(writing).production).toBe(false);
		const prod = configForContext(writing, writeReduce(initialContext(writing), {type: 'switch-env', env: 'prod-eu'}));
		expect(confirmRules(prod)).toMatchObject({write: true, production: true, env: 'prod-eu'});
	});
});

describe('planSwitch', () => {
	const aws = configOf({env: 'production'});
	const demo = configOf({demo: true});

	it('turns :ctx, :region and :profile into actions', () => {
		expect(planSwitch(aws, {kind: 'env', value: ' staging '})).toEqual({ok: true, action: {type: 'switch-env', env: 'staging'}});
		expect(planSwitch(aws, {kind: 'region', value: 'eu-west-1'})).toEqual({ok: true, action: {type: 'switch-region', region: 'eu-west-1'}});
		expect(planSwitch(aws, {kind: 'profile', value: 'acso-oncall'})).toEqual({ok: true, action: {type: 'switch-profile', profile: 'acso-oncall'}});
	});

	it('refuses bad names with a reason', () => {
		expect(planSwitch(aws, {kind: 'env', value: 'no/slash'})).toMatchObject({ok: false, error: expect.stringContaining('letters, digits and dashes')});
		expect(planSwitch(aws, {kind: 'region', value: 'mars'})).toMatchObject({ok: false, error: expect.stringContaining('not a region name')});
		expect(planSwitch(aws, {kind: 'profile', value: 'a b\u001B[2J'})).toMatchObject({ok: false, error: expect.stringContaining('not a profile name')});
		expect(planSwitch(aws, {kind: 'region', value: ''})).toMatchObject({ok: false, error: ':region needs a name, e.g. :region eu-west-1'});
	});

	it('keeps the demo to its environments, without regions or profiles', () => {
		expect(planSwitch(demo, {kind: 'env', value: 'staging'})).toMatchObject({ok: true});
		expect(planSwitch(demo, {kind: 'env', value: 'qa'})).toMatchObject({ok: false, error: expect.stringContaining('production and staging')});
		expect(planSwitch(demo, {kind: 'region', value: 'eu-west-1'})).toMatchObject({ok: false, error: expect.stringContaining('has no regions')});
		expect(planSwitch(demo, {kind: 'profile', value: 'x'})).toMatchObject({ok: false, error: expect.stringContaining('has no profiles')});
	});
});
