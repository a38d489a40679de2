import {closeSync, openSync, readSync} from 'node:fs';
import {homedir} from 'node:os';
import path from 'node:path';
import {profilePattern} from './active-context.js';

// The profile names of ~/.aws/config (or $AWS_CONFIG_FILE), for `:profile` completion. Only section
// headers (`[default]`, `[profile NAME]`) and their `region` are read; nothing else of the file
// (keys, role ARNs, SSO URLs) is kept, shown or logged. A name that is not a plain profile name is
// skipped, so nothing odd from the file reaches the screen.

export type AwsProfile = {name: string; region?: string};

/** More than any real config file; a bigger one is read only this far. */
const maxBytes = 256 * 1024;
const maxProfiles = 200;
const regionPattern = /^[a-z]{2}(?:-[a-z]+)+-\d{1,2}$/;

export function awsConfigPath(env: NodeJS.ProcessEnv): string {
	const given = env.AWS_CONFIG_FILE;
	if (given !== undefined && given !== '') return given.startsWith('~/') ? path.join(env.HOME ?? homedir(), given.slice(2)) : given;
	return path.join(env.HOME ?? homedir(), '.aws', 'config');
}

/** The profiles the text names, in file order, each once. */
export function parseAwsProfiles(text: string): AwsProfile[] {
	const profiles = new Map<string, AwsProfile>();
	let current: AwsProfile | undefined;
	for (const raw of text.split(/\r?\n/)) {
		const line = raw.trim();
		if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
		const section = /^\[\s*([^\]]*?)\s*\]$/.exec(line);
		if (section) {
			current = undefined;
			const header = section[1] ?? '';
			const name = header === 'default' ? 'default' : /^profile\s+(\S+)$/.exec(header)?.[1];
			// [sso-session x], [services x] and malformed headers are not profiles.
			if (name === undefined || !profilePattern.test(name) || profiles.size >= maxProfiles) continue;
			current = profiles.get(name) ?? {name};
			profiles.set(name, current);
			continue;
		}
		if (!current) continue;
		const setting = /^region\s*=\s*(\S+)\s*$/.exec(line);
		if (setting?.[1] && regionPattern.test(setting[1])) current.region = setting[1];
	}
	return [...profiles.values()];
}

/** Reads the profiles; a missing or unreadable file is no profiles (never an error on screen). */
export function readAwsProfiles(env: NodeJS.ProcessEnv): AwsProfile[] {
	let fd: number | undefined;
	try {
		fd = openSync(awsConfigPath(env), 'r');
		const buffer = Buffer.alloc(maxBytes);
		const length = readSync(fd, buffer, 0, maxBytes, 0);
		return parseAwsProfiles(buffer.subarray(0, length).toString('utf8'));
	} catch {
		return [];
	} finally {
		if (fd !== undefined) closeSync(fd);
	}
}
