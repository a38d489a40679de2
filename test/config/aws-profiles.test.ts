import {mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {awsConfigPath, parseAwsProfiles, readAwsProfiles} from '../../source/config/aws-profiles.js';

const root = mkdtempSync(join(tmpdir(), 'acso-aws-config-'));
afterAll(() => rmSync(root, {recursive: true, force: true}));

const sample = `
# a comment
[default]
region = us-east-1
output = json

[profile acso-oncall]
sso_session = corp
sso_account_id = 123456789012
region=eu-west-1

[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = us-east-1

[profile evil\u001B]2;owned\u0007]
region = us-east-1
[profile with space]
[services local]
[profile ci]
role_arn = arn:aws:iam::123456789012:role/ci
source_profile = default
region = not a region
`;

describe('the AWS config file', () => {
	it('yields profile names and regions only: [default] and [profile NAME]', () => {
		expect(parseAwsProfiles(sample)).toEqual([{name: 'default', region: 'us-east-1'}, {name: 'acso-oncall', region: 'eu-west-1'}, {name: 'ci'}]);
	});

	it('keeps nothing else of the file', () => {
		const text = JSON.stringify(parseAwsProfiles(sample));
		for (const secret of ['123456789012', 'awsapps', 'role', 'corp', 'owned']) expect(text).not.toContain(secret);
	});

	it('reads $AWS_CONFIG_FILE, else ~/.aws/config; a missing file is no profiles', () => {
		const file = join(root, 'config');
		writeFileSync(file, sample);
		expect(awsConfigPath({AWS_CONFIG_FILE: file})).toBe(file);
		expect(awsConfigPath({HOME: '/home/x'})).toBe('/home/x/.aws/config');
		expect(readAwsProfiles({AWS_CONFIG_FILE: file}).map(p => p.name)).toEqual(['default', 'acso-oncall', 'ci']);
		expect(readAwsProfiles({AWS_CONFIG_FILE: join(root, 'missing')})).toEqual([]);
		expect(readAwsProfiles({AWS_CONFIG_FILE: root})).toEqual([]); // a directory
	});
});
