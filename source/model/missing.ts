import type {AppConfig, NameOrigin} from '../config/app-config.js';
import {isCloudError} from '../port/errors.js';

// Whether a panel failed because the cluster or database it names does not exist: then the
// account is asked what it has, and the engineer may pick one of those instead.

const clusterCodes = new Set(['ClusterNotFoundException']);
const databaseCodes = new Set(['DBInstanceNotFound', 'DBInstanceNotFoundFault']);

function names(error: unknown, name: string, codes: Set<string>): boolean {
	if (!isCloudError(error) || error.kind !== 'not-found') return false;
	if (error.code !== undefined && codes.has(error.code)) return true;
	// Adapters name the resource ("cluster X" or "X"); the code may be lost behind a proxy.
	const resource = error.resource ?? '';
	return resource === name || resource.endsWith(` ${name}`);
}

export function isMissingCluster(error: unknown, config: Pick<AppConfig, 'names'>): boolean {
	return names(error, config.names.cluster, clusterCodes);
}

export function isMissingDatabase(error: unknown, config: Pick<AppConfig, 'names'>): boolean {
	return names(error, config.names.db, databaseCodes);
}

/** Where a name came from, in words: said when it is missing, so the engineer knows what to fix. */
export function originWords(origin: NameOrigin | undefined, env: string, flag: '--cluster' | '--db'): string {
	switch (origin) {
		case 'flag':
			return `given with ${flag}`;
		case 'file':
			return `from the config file for ${env}`;
		case 'picked':
			return 'picked in this session';
		default:
			return `the guess for --env ${env}`;
	}
}

/** "cluster acso-qa-cluster (the guess for --env qa) does not exist". */
export function missingText(kind: 'cluster' | 'db', config: Pick<AppConfig, 'names' | 'origin' | 'env'>): string {
	if (kind === 'cluster') return `cluster ${config.names.cluster} (${originWords(config.origin?.cluster, config.env, '--cluster')}) does not exist`;
	return `database ${config.names.db} (${originWords(config.origin?.db, config.env, '--db')}) does not exist`;
}
