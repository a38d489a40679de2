// Which IAM roles matter to an environment, read from the account: the execution and task roles
// the task definitions its services deploy name (the account has no list of "its" roles). Shared
// by the get-role check and the role picker of the execution-role fix.
import {roleNameOf} from '../port/roles.js';
import type {ReadOptions, ServiceReader} from '../port/types.js';

export type RoleUse = {as: 'execution role' | 'task role'; taskDefinition: string};

/** Task definitions read per call: a cluster of hundreds of services costs a bounded number of calls. */
export const maxTaskDefinitions = 60;

/** The roles (by name) the cluster's deployed task definitions name, every deployment's; `calls` made, `skipped` definitions not read. */
export async function readRoleUses(services: Pick<ServiceReader, 'listServices' | 'describeServices' | 'describeTaskDefinition'>, cluster: string, options: ReadOptions = {}): Promise<{uses: Map<string, RoleUse[]>; calls: number; skipped: number}> {
	// aws ecs list-services --cluster CLUSTER
	const names = await services.listServices(cluster, options);
	// aws ecs describe-services --cluster CLUSTER --services NAME...
	const described = names.length > 0 ? await services.describeServices(cluster, names, options) : [];
	let calls = names.length > 0 ? 2 : 1;
	const refs = [...new Set(described.flatMap(service => [service.taskDefinition, ...service.deployments.map(deployment => deployment.taskDefinition)]).filter(Boolean))];
	const uses = new Map<string, RoleUse[]>();
	const add = (arn: string | undefined, use: RoleUse) => {
		if (!arn) return;
		const name = roleNameOf(arn);
		uses.set(name, [...(uses.get(name) ?? []), use]);
	};
	for (const ref of refs.slice(0, maxTaskDefinitions)) {
		// aws ecs describe-task-definition --task-definition FAMILY:REVISION
		const definition = await services.describeTaskDefinition(ref, options);
		calls += 1;
		const taskDefinition = `${definition.family}:${definition.revision}`;
		add(definition.executionRoleArn, {as: 'execution role', taskDefinition});
		add(definition.taskRoleArn, {as: 'task role', taskDefinition});
	}
	return {uses, calls, skipped: Math.max(0, refs.length - maxTaskDefinitions)};
}
