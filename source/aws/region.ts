import {readFile} from 'node:fs/promises';
import {homedir} from 'node:os';
import {join} from 'node:path';
import {CloudError} from '../port/errors.js';

// Region resolution the way AWS CLI users expect it. The SDK reads AWS_REGION and the profile but
// ignores AWS_DEFAULT_REGION, which is what many shells and runbooks set; reading the profile here
// ourselves (a few lines of INI) keeps the SDK out of start-up.

/** us-east-1, eu-central-2, us-gov-west-1, cn-north-1, us-isob-east-1 ... */
const regionPattern = /^[a-z]{2}(?:-[a-z]+)+-\d{1,2}$/;

export async function resolveRegion(
	flags: {region?: string; profile?: string},
	env: NodeJS.ProcessEnv,
): Promise<string | undefined> {
	const candidates: Array<[string | undefined, string]> = [
		[flags.region, '--region'],
		[env.AWS_REGION, 'AWS_REGION'],
		[env.AWS_DEFAULT_REGION, 'AWS_DEFAULT_REGION'],
	];
	for (const [value, source] of candidates) {
		const region = value?.trim();
		if (region) return checked(region, source);
	}
	const profile = flags.profile?.trim() || env.AWS_PROFILE?.trim() || 'default';
	const fromProfile = await profileRegion(profile, env);
	return fromProfile ? checked(fromProfile, `profile ${profile}`) : undefined;
}

function checked(region: string, source: string): string {
	if (!regionPattern.test(region)) {
		throw new CloudError('region', `"${region}" (from ${source}) is not an AWS region name such as us-east-1`, {hint: 'Pass --region with a region name, e.g. --region eu-west-1'});
	}
	return region;
}

function home(env: NodeJS.ProcessEnv): string {
	return env.HOME ?? env.USERPROFILE ?? homedir();
}

/** The profile's `region`, from the config file, else the credentials file (the SDK reads both). */
export async function profileRegion(profile: string, env: NodeJS.ProcessEnv): Promise<string | undefined> {
	const configFile = env.AWS_CONFIG_FILE ?? join(home(env), '.aws', 'config');
	const credentialsFile = env.AWS_SHARED_CREDENTIALS_FILE ?? join(home(env), '.aws', 'credentials');
	// In the config file a named profile's section is `[profile NAME]`; `[default]` stays bare.
	const configSections = profile === 'default' ? ['default', 'profile default'] : [`profile ${profile}`];
	const fromConfig = await readSectionKey(configFile, configSections, 'region');
	return fromConfig ?? (await readSectionKey(credentialsFile, [profile], 'region'));
}

async function readSectionKey(file: string, sections: string[], key: string): Promise<string | undefined> {
	let content: string;
	try {
		content = await readFile(file, 'utf8');
	} catch {
		return undefined; // no file is the common case, not an error
	}
	const parsed = parseIni(content);
	for (const section of sections) {
		const value = parsed.get(section)?.get(key);
		if (value) return value;
	}
	return undefined;
}

/**
 * A small INI reader for the AWS shared files: `[section]`, `key = value`, `#`/`;` comments.
 * Indented lines continue a nested block (e.g. `s3 =` settings) and are skipped, as the SDK does
 * for top-level keys.
 */
export function parseIni(content: string): Map<string, Map<string, string>> {
	const sections = new Map<string, Map<string, string>>();
	let current: Map<string, string> | undefined;
	for (const raw of content.split(/\r?\n/)) {
		if (/^\s*[#;]/.test(raw) || raw.trim() === '') continue;
		const header = /^\s*\[([^\]]+)\]/.exec(raw);
		if (header?.[1] !== undefined) {
			const name = header[1].trim().replace(/\s+/g, ' ');
			current = sections.get(name) ?? new Map();
			sections.set(name, current);
			continue;
		}
		if (/^\s/.test(raw) || !current) continue;
		const pair = /^([^=]+?)\s*=\s*(.*)$/.exec(raw);
		if (pair?.[1] !== undefined && pair[2] !== undefined) {
			current.set(pair[1].trim().toLowerCase(), pair[2].replace(/\s+[#;].*$/, '').trim());
		}
	}
	return sections;
}
