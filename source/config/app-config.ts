import {namesFor, type ResourceNames} from '../port/names.js';
import type {EnvironmentConfig} from './config-file.js';

/** Everything the app needs to know about how it was started, after flags, env and file are merged. */
export type AppConfig = {
	mode: 'demo' | 'aws';
	env: string;
	names: ResourceNames;
	region?: string;
	profile?: string;
	endpointUrl?: string;
	write: boolean;
	refreshMs: number;
	seed: number;
	guidePath?: string;
	auditLogPath?: string;
	/** Environments where a change must be confirmed by typing the resource's name. */
	productionEnvs: string[];
	logBufferLines: number;
	/** Warnings about the config file, shown in the app (never printed over the screen). */
	notices: string[];
	/**
	 * What the names were derived from, so switching environment in the app (`:ctx`) derives them
	 * again the same way (source/config/active-context.ts). Absent: no overrides beyond `names`.
	 */
	sources?: NameSources;
	/** Where the cluster and database names came from: the header and the pickers say so. */
	origin?: {cluster: NameOrigin; db: NameOrigin};
};

/** flag: --cluster/--db; file: the config file; convention: acso-{env}-*; picked: chosen in the app. */
export type NameOrigin = 'flag' | 'file' | 'convention' | 'picked';

export type NameSources = {
	/** The environment the flags were given for: --cluster, --db and --log-group name its resources only. */
	flagsEnv: string;
	flags: {cluster?: string; db?: string; logGroups?: string[]};
	/** Flags --region/--profile, which win over the file's for the environment they were given with. */
	flagRegion?: string;
	flagProfile?: string;
	/** The config file's environments. */
	environments: Record<string, EnvironmentConfig>;
};

/** The environments the simulated account (--demo) holds. */
export const demoEnvironments = ['production', 'staging'];

export const defaults = {
	env: 'production',
	refreshSeconds: 5,
	demoRefreshSeconds: 2,
	seed: 42,
	logBufferLines: 10_000,
	productionEnvs: ['production'],
};

/** An environment name is used inside resource names (acso-{env}-cluster): keep it to what AWS allows. */
export function checkEnvName(env: string): string | undefined {
	if (!/^[a-z0-9][a-z0-9-]{0,30}$/i.test(env)) {
		return `--env must be letters, digits and dashes (at most 31), got ${JSON.stringify(env)}`;
	}
	return undefined;
}

export function buildNames(env: string, overrides: {cluster?: string; logGroups?: string[]; db?: string; alarmNames?: string[]}): ResourceNames {
	return namesFor(env, overrides);
}
