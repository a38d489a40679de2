import type {AwsProfile} from '../config/aws-profiles.js';
import type {AppConfig} from '../config/app-config.js';
import type {Cluster, DbInstance} from '../port/types.js';
import {sanitize} from './sanitize.js';

// What each picker lists, as rows: pure, tested without Ink. Every name from AWS or a file is
// sanitized here, before it is drawn.

export type PickRow = {value: string; label: string; detail: string; current: boolean};

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Clusters with the most active services first (the one an engineer is most likely after), then the most running tasks, then by name. */
export function clusterRows(clusters: readonly Cluster[], current: string): PickRow[] {
	return [...clusters]
		.sort((a, b) => b.activeServicesCount - a.activeServicesCount || b.runningTasksCount - a.runningTasksCount || a.name.localeCompare(b.name))
		.map(c => ({
			value: c.name,
			label: sanitize(c.name),
			detail: `${plural(c.activeServicesCount, 'active service')}  ${plural(c.runningTasksCount, 'running task')}${c.pendingTasksCount > 0 ? `  ${c.pendingTasksCount} pending` : ''}${c.status === 'ACTIVE' ? '' : `  ${sanitize(c.status)}`}`,
			current: c.name === current,
		}));
}

export function databaseRows(instances: readonly DbInstance[], current: string): PickRow[] {
	return [...instances]
		.sort((a, b) => a.id.localeCompare(b.id))
		.map(db => ({
			value: db.id,
			label: sanitize(db.id),
			detail: sanitize(`${db.status}  ${db.instanceClass}  ${db.engine}${db.engineVersion ? ` ${db.engineVersion}` : ''}`),
			current: db.id === current,
		}));
}

/** The environments `:ctx` can name: the config file's, the simulated account's, and the current one. */
export function environmentNames(config: AppConfig, demoEnvironments: readonly string[]): string[] {
	const names = config.mode === 'demo' ? [...demoEnvironments] : Object.keys(config.sources?.environments ?? {});
	return [...new Set([config.env, ...names])].sort();
}

export function environmentRows(config: AppConfig, demoEnvironments: readonly string[]): PickRow[] {
	const file = config.sources?.environments ?? {};
	return environmentNames(config, demoEnvironments).map(env => {
		const place = config.mode === 'demo' ? 'simulated' : [file[env]?.region, file[env]?.profile && `profile ${file[env]?.profile}`].filter(Boolean).join('  ');
		const production = config.productionEnvs.includes(env) ? 'production rules' : '';
		return {value: env, label: sanitize(env), detail: sanitize([place, production].filter(Boolean).join('  ')), current: env === config.env};
	});
}

export function profileRows(profiles: readonly AwsProfile[], current: string | undefined): PickRow[] {
	return profiles.map(p => ({value: p.name, label: sanitize(p.name), detail: p.region ? sanitize(p.region) : '', current: p.name === current}));
}
