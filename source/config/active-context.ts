import {buildNames, checkEnvName, demoEnvironments, type AppConfig, type NameOrigin} from './app-config.js';

// Where the app is looking, as app-level state: the environment, region and profile (switched in
// place with :ctx / :env / :region / :profile) and the cluster or database picked when the one
// named did not exist. The config every screen reads is derived from it (configForContext), so
// polls, the log tail, the fix rules and the runbook all follow a switch.

export type ActiveContext = {
	env: string;
	/** As given (flag, file or :region); undefined: the SDK's chain resolves it (env vars, profile). */
	region?: string;
	profile?: string;
	/** Chosen in the pickers: replaces the missing name for this run only. */
	picked: {cluster?: string; db?: string};
	/** Bumped by every change: the shell remounts the screen, so every panel fetches anew. */
	generation: number;
};

export type ContextAction =
	| {type: 'switch-env'; env: string}
	| {type: 'switch-region'; region: string}
	| {type: 'switch-profile'; profile: string}
	| {type: 'pick-cluster'; cluster: string}
	| {type: 'pick-db'; db: string};

export function initialContext(config: AppConfig): ActiveContext {
	return {
		env: config.env,
		...(config.region === undefined ? {} : {region: config.region}),
		...(config.profile === undefined ? {} : {profile: config.profile}),
		picked: {},
		generation: 0,
	};
}

/** The region and profile an environment runs in: the flags for the one they were given with, then the file's, else where we are. */
function placeOf(config: AppConfig, env: string, current: ActiveContext): {region?: string; profile?: string} {
	// The simulated account has no regions or profiles: whatever the file says of them is not for it.
	if (config.mode === 'demo') return {...(current.region === undefined ? {} : {region: current.region}), ...(current.profile === undefined ? {} : {profile: current.profile})};
	const sources = config.sources;
	const file = sources?.environments[env] ?? {};
	const isFlagsEnv = sources?.flagsEnv === env;
	const region = (isFlagsEnv ? sources?.flagRegion : undefined) ?? file.region ?? current.region;
	const profile = (isFlagsEnv ? sources?.flagProfile : undefined) ?? file.profile ?? current.profile;
	return {...(region === undefined ? {} : {region}), ...(profile === undefined ? {} : {profile})};
}

/** The reducer, given the config the app started with (which knows the flags and the file). */
export function createContextReducer(config: AppConfig) {
	return (state: ActiveContext, action: ContextAction): ActiveContext => {
		const generation = state.generation + 1;
		switch (action.type) {
			case 'switch-env': {
				if (action.env === state.env) return state;
				// Another environment is another cluster and database: earlier picks do not carry over.
				return {env: action.env, ...placeOf(config, action.env, state), picked: {}, generation};
			}

			case 'switch-region': {
				if (action.region === state.region) return state;
				return {...state, region: action.region, picked: {}, generation};
			}

			case 'switch-profile': {
				if (action.profile === state.profile) return state;
				// Another profile is maybe another account: picks go; a region the old profile implied is
				// re-resolved from the new one unless one was given.
				return {...state, profile: action.profile, picked: {}, generation};
			}

			case 'pick-cluster': {
				if (action.cluster === state.picked.cluster) return state;
				return {...state, picked: {...state.picked, cluster: action.cluster}, generation};
			}

			case 'pick-db': {
				if (action.db === state.picked.db) return state;
				return {...state, picked: {...state.picked, db: action.db}, generation};
			}
		}
	};
}

/** Whether going from one context to the other needs another Cloud (other region or credentials). */
export function needsNewCloud(from: ActiveContext, to: ActiveContext): boolean {
	return from.region !== to.region || from.profile !== to.profile;
}

/**
 * The config the screens read for a context. Names are derived as at start: a picked name, then the
 * flags (for the environment they were given with), then the config file, then the convention.
 */
export function configForContext(config: AppConfig, context: ActiveContext): AppConfig {
	// A config built without sources (by hand) keeps its names for its own environment.
	const sources = config.sources ?? {flagsEnv: config.env, flags: {cluster: config.names.cluster, db: config.names.db, logGroups: config.names.logGroups}, environments: {}};
	const file = sources.environments[context.env] ?? {};
	const flags = sources.flagsEnv === context.env ? sources.flags : {};
	const originOf = (kind: 'cluster' | 'db'): NameOrigin => {
		if (context.picked[kind] !== undefined) return 'picked';
		if (flags[kind] !== undefined) return config.sources ? 'flag' : (config.origin?.[kind] ?? 'flag');
		return file[kind] === undefined ? 'convention' : 'file';
	};
	const names = buildNames(context.env, {
		cluster: context.picked.cluster ?? flags.cluster ?? file.cluster,
		logGroups: flags.logGroups ?? file.logGroups,
		db: context.picked.db ?? flags.db ?? file.db,
		alarmNames: file.alarmNames ?? (config.sources ? undefined : config.names.alarmNames),
	});
	const {region: _region, profile: _profile, ...rest} = config;
	return {
		...rest,
		env: context.env,
		...(context.region === undefined ? {} : {region: context.region}),
		...(context.profile === undefined ? {} : {profile: context.profile}),
		names,
		origin: {cluster: originOf('cluster'), db: originOf('db')},
	};
}

/** What the `:ctx`-family commands may name: checked before anything is switched. */
export type SwitchRequest = {kind: 'env' | 'region' | 'profile'; value: string};

export type SwitchPlan = {ok: true; action: ContextAction} | {ok: false; error: string};

const regionPattern = /^[a-z]{2}(?:-[a-z]+)+-\d{1,2}$/;

/** A profile name as ~/.aws/config spells them; anything else is refused, not passed to the SDK. */
export const profilePattern = /^[A-Za-z0-9][A-Za-z0-9_.+@-]{0,63}$/;

export function planSwitch(config: AppConfig, request: SwitchRequest): SwitchPlan {
	const value = request.value.trim();
	if (config.mode === 'demo' && request.kind !== 'env') {
		return {ok: false, error: `the simulated account (--demo) has no ${request.kind}s: switch its environment with :ctx ${demoEnvironments.join(' or :ctx ')}`};
	}
	if (value === '') return {ok: false, error: `:${request.kind} needs a name, e.g. :${request.kind} ${request.kind === 'region' ? 'eu-west-1' : request.kind === 'profile' ? 'default' : 'staging'}`};
	switch (request.kind) {
		case 'env': {
			const problem = checkEnvName(value);
			if (problem) return {ok: false, error: problem.replace('--env', 'an environment')};
			if (config.mode === 'demo' && !demoEnvironments.includes(value)) {
				return {ok: false, error: `the simulated account has the environments ${demoEnvironments.join(' and ')}, not ${JSON.stringify(value)}`};
			}
			return {ok: true, action: {type: 'switch-env', env: value}};
		}

		case 'region': {
			if (!regionPattern.test(value)) return {ok: false, error: `not a region name: ${JSON.stringify(value.slice(0, 40))} (e.g. eu-west-1)`};
			return {ok: true, action: {type: 'switch-region', region: value}};
		}

		case 'profile': {
			if (!profilePattern.test(value)) return {ok: false, error: `not a profile name: ${JSON.stringify(value.slice(0, 40))}`};
			return {ok: true, action: {type: 'switch-profile', profile: value}};
		}
	}
}
