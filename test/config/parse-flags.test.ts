import {describe, expect, it} from 'vitest';
import {parseFlags} from '../../source/config/parse-flags.js';

const parse = (flags: Parameters<typeof parseFlags>[0], env: NodeJS.ProcessEnv = {}, file = {}) => parseFlags(flags, env, file);

describe('parseFlags', () => {
	it('derives every name from the environment', () => {
		const r = parse({env: 'staging'});
		expect(r.ok && r.config.names).toMatchObject({
			cluster: 'acso-staging-cluster',
			logGroups: ['/aws/acso/staging/agents'],
			db: 'acso-staging-db',
		});
		expect(r.ok && r.config.mode).toBe('aws');
		expect(r.ok && r.config.write).toBe(false);
	});

	it('lets flags override names, and repeats --log-group', () => {
		const r = parse({cluster: 'c', db: 'd', logGroup: ['/a', '/b']});
		expect(r.ok && r.config.names).toMatchObject({cluster: 'c', db: 'd', logGroups: ['/a', '/b']});
	});

	it('takes names from the config file below the flags', () => {
		const file = {environments: {production: {cluster: 'file-cluster', db: 'file-db', region: 'eu-west-1'}}};
		const r = parse({db: 'flag-db'}, {}, file);
		expect(r.ok && r.config.names.cluster).toBe('file-cluster');
		expect(r.ok && r.config.names.db).toBe('flag-db');
		expect(r.ok && r.config.region).toBe('eu-west-1');
	});

	it.each([
		[{refresh: '-1'}, '--refresh must be a whole number from 1 to 3600, got "-1"'],
		[{refresh: 'abc'}, '--refresh must be a whole number'],
		[{refresh: '0.5'}, '--refresh must be a whole number'],
		[{seed: '-3'}, '--seed must be a whole number'],
		[{env: ''}, '--env needs a value'],
		[{env: 'prod;rm'}, '--env must be letters, digits and dashes'],
		[{endpointUrl: 'not a url'}, '--endpoint-url must be an http(s) URL'],
		[{logGroup: ['']}, '--log-group needs a value'],
		[{demo: true, env: 'qa'}, 'the simulated account (--demo) has the environments production and staging'],
	])('refuses %j with one clear line', (flags, message) => {
		const r = parse(flags);
		expect(r.ok).toBe(false);
		expect(!r.ok && r.error).toContain(message);
		expect(!r.ok && r.error).not.toContain('\n');
	});

	it('reads AWS_ENDPOINT_URL when no flag is given', () => {
		const r = parse({}, {AWS_ENDPOINT_URL: 'http://127.0.0.1:5000'});
		expect(r.ok && r.config.endpointUrl).toBe('http://127.0.0.1:5000');
	});

	it('refreshes faster in the demo unless told otherwise', () => {
		expect(parse({demo: true}).ok && (parse({demo: true}) as {config: {refreshMs: number}}).config.refreshMs).toBe(2000);
		expect((parse({refresh: '30'}) as {config: {refreshMs: number}}).config.refreshMs).toBe(30_000);
	});
});
