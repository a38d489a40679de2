// Which services of an environment are missing from its cluster, read from the account: a
// task-definition family of the environment (ListTaskDefinitionFamilies by the services' prefix)
// that no ACTIVE service of the cluster runs, or a service of the cluster that is DRAINING or
// INACTIVE (deleted: ECS still describes it for a while, ListServices leaves it out). Shared by
// the "Check if cluster exists" verdict and the create-service fix.
import {isCloudError} from '../port/errors.js';
import type {ReadOptions, Service, ServiceReader} from '../port/types.js';

export type MissingService = {
	/** The service's name: the deleted service's own, else the family's (as the ACSO services are named). */
	name: string;
	family: string;
	/** The last description of the deleted service, while ECS still has it. */
	last?: Service;
	/** When it last changed (drained: about when it was deleted), from its deployments. */
	since?: number;
};

/** Families looked at, at most (a prefix shared by hundreds of families is not an environment's). */
export const maxFamilies = 60;

export const familyOf = (taskDefinition: string) => taskDefinition.replace(/^.*task-definition\//, '').replace(/:\d+$/, '');

function changedAt(service: Service): number | undefined {
	const times = service.deployments.map(deployment => deployment.updatedAt).filter(t => t > 0);
	return times.length > 0 ? Math.max(...times) : undefined;
}

async function families(services: Pick<ServiceReader, 'listTaskDefinitionFamilies'>, prefix: string, options: ReadOptions): Promise<string[]> {
	if (!services.listTaskDefinitionFamilies) return [];
	try {
		// aws ecs list-task-definition-families --family-prefix PREFIX --status ACTIVE
		return (await services.listTaskDefinitionFamilies(prefix, options)).slice(0, maxFamilies);
	} catch (error) {
		// Without the permission (or the API), the deleted services ECS still describes are all we know.
		if (isCloudError(error) && (error.kind === 'denied' || error.kind === 'unsupported')) return [];
		throw error;
	}
}

/** The cluster's ACTIVE services and the environment's services missing from it. */
export async function readMissingServices(services: ServiceReader, cluster: string, prefix: string, options: ReadOptions = {}): Promise<{active: Service[]; missing: MissingService[]; calls: number}> {
	// aws ecs list-services --cluster CLUSTER
	const names = await services.listServices(cluster, options);
	// aws ecs describe-services --cluster CLUSTER --services NAME...
	const listed = names.length > 0 ? await services.describeServices(cluster, names, options) : [];
	let calls = 2;
	const active = listed.filter(service => service.status === 'ACTIVE');
	const inUse = new Set(active.flatMap(service => [service.name, familyOf(service.taskDefinition)]));
	const found = await families(services, prefix, options);
	calls += services.listTaskDefinitionFamilies ? 1 : 0;
	const candidates = found.filter(family => !inUse.has(family));
	// aws ecs describe-services --cluster CLUSTER --services FAMILY... (a deleted service answers INACTIVE)
	const described = candidates.length > 0 ? await services.describeServices(cluster, candidates, options) : [];
	if (candidates.length > 0) calls += 1;
	const gone = [...listed, ...described].filter(service => service.status !== 'ACTIVE');
	const missing: MissingService[] = [];
	for (const service of gone) {
		if (missing.some(m => m.name === service.name) || active.some(a => a.name === service.name)) continue;
		const since = changedAt(service);
		missing.push({name: service.name, family: familyOf(service.taskDefinition) || service.name, last: service, ...(since === undefined ? {} : {since})});
	}
	for (const family of candidates) {
		if (!missing.some(m => m.family === family || m.name === family)) missing.push({name: family, family});
	}
	missing.sort((a, b) => a.name.localeCompare(b.name));
	return {active, missing, calls};
}
