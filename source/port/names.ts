// How an environment's resources are named. The guide writes `production` literally; we derive
// every name from the environment so `--env staging` never touches production.

export type ResourceNames = {
	env: string;
	cluster: string;
	logGroups: string[];
	/**
	 * True when logGroups is the naming convention's guess (no flag or config file named them): the
	 * groups the task definitions name then replace it, and it counts only if it exists.
	 */
	logGroupsGuessed: boolean;
	db: string;
	/** Prefix of the environment's service names: acso-{env}- */
	servicePrefix: string;
	/**
	 * Alarms named here belong to the environment in addition to those whose dimensions name its
	 * cluster or database (how the environment's alarms are found by default).
	 */
	alarmNames: string[];
};

export function namesFor(env: string, overrides: Partial<Omit<ResourceNames, 'env' | 'logGroupsGuessed'>> = {}): ResourceNames {
	const configuredGroups = overrides.logGroups !== undefined && overrides.logGroups.length > 0;
	return {
		env,
		cluster: overrides.cluster ?? `acso-${env}-cluster`,
		logGroups: configuredGroups ? overrides.logGroups! : [`/aws/acso/${env}/agents`],
		logGroupsGuessed: !configuredGroups,
		db: overrides.db ?? `acso-${env}-db`,
		servicePrefix: overrides.servicePrefix ?? `acso-${env}-`,
		alarmNames: overrides.alarmNames ?? [],
	};
}

/** acso-production-threat-hunter -> threat-hunter; names outside the prefix are kept whole. */
export function shortServiceName(name: string, names: Pick<ResourceNames, 'servicePrefix'>): string {
	return name.startsWith(names.servicePrefix) && name.length > names.servicePrefix.length
		? name.slice(names.servicePrefix.length)
		: name;
}
