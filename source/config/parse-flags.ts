import {buildNames, checkEnvName, defaults, demoEnvironments, type AppConfig} from './app-config.js';
import {limits} from './limits.js';
import type {FileConfig} from './config-file.js';

/** The flags as meow hands them over: every value a string (validated here), booleans as booleans. */
export type RawFlags = {
	env?: string;
	region?: string;
	profile?: string;
	endpointUrl?: string;
	demo?: boolean;
	write?: boolean;
	refresh?: string;
	seed?: string;
	cluster?: string;
	logGroup?: string[];
	db?: string;
	guide?: string;
	auditLog?: string;
	logBuffer?: string;
};

export type ParseResult = {ok: true; config: AppConfig} | {ok: false; error: string};

function wholeNumber(flag: string, text: string | undefined, range: {min: number; max: number}): number | string | undefined {
	if (text === undefined) return undefined;
	const value = Number(text);
	if (text.trim() === '' || !Number.isInteger(value) || value < range.min || value > range.max) {
		return `--${flag} must be a whole number from ${range.min} to ${range.max}, got ${JSON.stringify(text)}`;
	}
	return value;
}

function present(flag: string, text: string | undefined): string | undefined {
	if (text !== undefined && text.trim() === '') return `--${flag} needs a value`;
	return undefined;
}

/**
 * Merges flags over the config file over the built-in defaults. Pure: the caller reads the
 * environment and the file. Returns the first problem as one line for the engineer.
 */
export function parseFlags(flags: RawFlags, env: NodeJS.ProcessEnv, file: FileConfig): ParseResult {
	for (const name of ['env', 'region', 'profile', 'endpointUrl', 'cluster', 'db', 'guide', 'auditLog'] as const) {
		const problem = present(name.replace(/[A-Z]/g, c => `-${c.toLowerCase()}`), flags[name]);
		if (problem) return {ok: false, error: problem};
	}
	if (flags.logGroup?.some(g => g.trim() === '')) return {ok: false, error: '--log-group needs a value'};

	const envName = flags.env ?? defaults.env;
	const envProblem = checkEnvName(envName);
	if (envProblem) return {ok: false, error: envProblem};

	const refresh = wholeNumber('refresh', flags.refresh, limits.refreshSeconds);
	if (typeof refresh === 'string') return {ok: false, error: refresh};
	const seed = wholeNumber('seed', flags.seed, limits.seed);
	if (typeof seed === 'string') return {ok: false, error: seed};
	const buffer = wholeNumber('log-buffer', flags.logBuffer, limits.logBufferLines);
	if (typeof buffer === 'string') return {ok: false, error: buffer};

	const endpointUrl = flags.endpointUrl ?? (env.AWS_ENDPOINT_URL || undefined);
	if (endpointUrl !== undefined) {
		let url: URL | undefined;
		try {
			url = new URL(endpointUrl);
		} catch {
			url = undefined;
		}
		if (!url || !['http:', 'https:'].includes(url.protocol)) {
			return {ok: false, error: `--endpoint-url must be an http(s) URL, got ${JSON.stringify(endpointUrl)}`};
		}
	}

	const fromFile = file.environments?.[envName] ?? {};
	const demo = flags.demo === true;
	if (demo && !demoEnvironments.includes(envName)) {
		return {ok: false, error: `the simulated account (--demo) has the environments ${demoEnvironments.join(' and ')}, not ${JSON.stringify(envName)}`};
	}
	const refreshSeconds = refresh ?? file.refreshSeconds ?? (demo ? defaults.demoRefreshSeconds : defaults.refreshSeconds);
	const config: AppConfig = {
		mode: demo ? 'demo' : 'aws',
		env: envName,
		names: buildNames(envName, {
			cluster: flags.cluster ?? fromFile.cluster,
			logGroups: flags.logGroup && flags.logGroup.length > 0 ? flags.logGroup : fromFile.logGroups,
			db: flags.db ?? fromFile.db,
			alarmNames: fromFile.alarmNames,
		}),
		region: flags.region ?? fromFile.region,
		profile: flags.profile ?? fromFile.profile,
		endpointUrl,
		write: flags.write === true,
		refreshMs: refreshSeconds * 1000,
		seed: seed ?? defaults.seed,
		guidePath: flags.guide,
		auditLogPath: flags.auditLog,
		productionEnvs: file.productionEnvironments ?? defaults.productionEnvs,
		logBufferLines: buffer ?? file.logBufferLines ?? defaults.logBufferLines,
		notices: [],
		sources: {
			flagsEnv: envName,
			flags: {
				...(flags.cluster === undefined ? {} : {cluster: flags.cluster}),
				...(flags.db === undefined ? {} : {db: flags.db}),
				...(flags.logGroup && flags.logGroup.length > 0 ? {logGroups: flags.logGroup} : {}),
			},
			...(flags.region === undefined ? {} : {flagRegion: flags.region}),
			...(flags.profile === undefined ? {} : {flagProfile: flags.profile}),
			environments: file.environments ?? {},
		},
		origin: {
			cluster: flags.cluster !== undefined ? 'flag' : fromFile.cluster !== undefined ? 'file' : 'convention',
			db: flags.db !== undefined ? 'flag' : fromFile.db !== undefined ? 'file' : 'convention',
		},
	};
	return {ok: true, config};
}
