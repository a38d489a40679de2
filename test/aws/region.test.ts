import {mkdtemp, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {parseIni, resolveRegion} from '../../source/aws/region.js';
import {isCloudError} from '../../source/port/errors.js';

describe('resolveRegion', () => {
	let dir: string;
	let env: NodeJS.ProcessEnv;

	beforeAll(async () => {
		dir = await mkdtemp(join(tmpdir(), 'acso-region-'));
		await writeFile(
			join(dir, 'config'),
			['[default]', 'region = eu-west-1', '', '[profile ops]', 'region=ap-southeast-2 # comment', 's3 =', '  region = us-west-2', '', '[profile bare]', 'output = json'].join('\n'),
		);
		await writeFile(join(dir, 'credentials'), ['[bare]', 'aws_access_key_id = x', 'region = ca-central-1'].join('\n'));
		env = {HOME: dir, AWS_CONFIG_FILE: join(dir, 'config'), AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials')};
	});

	afterAll(async () => {
		await rm(dir, {recursive: true, force: true});
	});

	it('takes --region first, then AWS_REGION, then AWS_DEFAULT_REGION', async () => {
		const all = {...env, AWS_REGION: 'us-east-2', AWS_DEFAULT_REGION: 'us-west-1'};
		expect(await resolveRegion({region: 'eu-central-1', profile: 'ops'}, all)).toBe('eu-central-1');
		expect(await resolveRegion({profile: 'ops'}, all)).toBe('us-east-2');
		expect(await resolveRegion({profile: 'ops'}, {...env, AWS_DEFAULT_REGION: 'us-west-1'})).toBe('us-west-1');
	});

	it('then reads the profile region from the shared config file', async () => {
		expect(await resolveRegion({profile: 'ops'}, env)).toBe('ap-southeast-2');
		expect(await resolveRegion({}, {...env, AWS_PROFILE: 'ops'})).toBe('ap-southeast-2');
		expect(await resolveRegion({}, env)).toBe('eu-west-1');
	});

	it('falls back to the credentials file, and to undefined when no file names a region', async () => {
		expect(await resolveRegion({profile: 'bare'}, env)).toBe('ca-central-1');
		expect(await resolveRegion({profile: 'nobody'}, env)).toBeUndefined();
		expect(await resolveRegion({}, {HOME: join(dir, 'nowhere')})).toBeUndefined();
	});

	it('ignores empty values instead of treating them as a region', async () => {
		expect(await resolveRegion({region: ' '}, {...env, AWS_REGION: ''})).toBe('eu-west-1');
	});

	it('refuses a value that is not a region name, saying where it came from', async () => {
		const error = await resolveRegion({region: 'virginia'}, env).catch(e => e);
		expect(isCloudError(error) && error.kind).toBe('region');
		expect(String(error.message)).toContain('--region');
		expect(String(error.message)).toContain('virginia');
		const fromEnv = await resolveRegion({}, {...env, AWS_DEFAULT_REGION: 'us_east_1'}).catch(e => e);
		expect(String(fromEnv.message)).toContain('AWS_DEFAULT_REGION');
	});
});

describe('parseIni', () => {
	it('reads sections and keys, skipping comments and nested blocks', () => {
		const parsed = parseIni('# top\n[profile  a]\nRegion = x\n; c\nnested =\n  region = y\n[b]\nk=v');
		expect(parsed.get('profile a')?.get('region')).toBe('x');
		expect(parsed.get('profile a')?.get('nested')).toBe('');
		expect(parsed.get('b')?.get('k')).toBe('v');
	});
});
