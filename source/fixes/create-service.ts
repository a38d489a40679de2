// Recreates a service missing from its cluster (deleted, or never created) from what the account
// says: the deleted service's last description while ECS still has it (its task definition,
// launch type and network), else the family's latest ACTIVE revision and the network of its
// sibling services. Undo deletes the service again, through the same confirmation.
import {isCloudError} from '../port/errors.js';
import type {Service, ServiceCreation, TaskDefinition} from '../port/types.js';
import {familyOf, readMissingServices} from '../model/missing-services.js';
import {isService, serviceAfter} from './ecs-common.js';
import {FixInputError} from './errors.js';
import {checkKnownParams, optionalInteger, optionalString} from './params.js';
import {type CallStep, makePlan, raiseRisk} from './plan.js';
import {requireTarget} from './targets.js';
import type {Change, CloudReaders, Fix, Plan, Target} from './types.js';

type ServiceTarget = Extract<Target, {kind: 'service'}>;

const afterFromService = (results: readonly unknown[]) => {
	const service = results[0];
	return isService(service) ? {status: service.status, ...serviceAfter(service)} : {};
};

/** The prefix the environment's services share: the service's name up to its last word (acso-production-). */
function prefixOf(name: string): string {
	const at = name.lastIndexOf('-', name.length - 2);
	return at > 0 ? name.slice(0, at + 1) : name;
}

async function definitionFor(cloud: CloudReaders, wanted: string | undefined, last: Service | undefined, family: string): Promise<{definition: TaskDefinition; why: string}> {
	const read = async (ref: string) => {
		try {
			// aws ecs describe-task-definition --task-definition REF
			return await cloud.services.describeTaskDefinition(ref);
		} catch (error) {
			if (isCloudError(error) && error.kind === 'not-found') return undefined;
			throw error;
		}
	};
	if (wanted !== undefined) {
		const definition = await read(/^\d+$/.test(wanted) ? `${family}:${wanted}` : wanted);
		if (!definition || definition.status !== 'ACTIVE') throw new FixInputError(`task definition ${wanted} is not an ACTIVE revision`, 'taskDefinition');
		return {definition, why: 'as chosen'};
	}
	if (last?.taskDefinition) {
		const definition = await read(last.taskDefinition);
		if (definition?.status === 'ACTIVE') return {definition, why: 'the revision the deleted service ran'};
	}
	const latest = await read(family);
	if (!latest) throw new FixInputError(`task definition family ${family} has no ACTIVE revision: register one first`, 'taskDefinition');
	return {definition: latest, why: `the latest ACTIVE revision of ${family}`};
}

function median(values: readonly number[]): number | undefined {
	if (values.length === 0) return undefined;
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor((sorted.length - 1) / 2)];
}

function createServiceStep(input: ServiceCreation): CallStep {
	const cliArgs = ['aws', 'ecs', 'create-service', '--cluster', input.cluster, '--service-name', input.name, '--task-definition', input.taskDefinition, '--desired-count', String(input.desiredCount)];
	if (input.launchType !== undefined) cliArgs.push('--launch-type', input.launchType);
	if (input.network) {
		const ip = input.network.assignPublicIp ? `,assignPublicIp=${input.network.assignPublicIp}` : '';
		cliArgs.push('--network-configuration', `awsvpcConfiguration={subnets=[${input.network.subnets.join(',')}],securityGroups=[${input.network.securityGroups.join(',')}]${ip}}`);
	}
	return {
		apiCall: 'ecs:CreateService',
		parameters: {
			cluster: input.cluster,
			serviceName: input.name,
			taskDefinition: input.taskDefinition,
			desiredCount: input.desiredCount,
			...(input.launchType === undefined ? {} : {launchType: input.launchType}),
			...(input.network ? {networkConfiguration: {awsvpcConfiguration: {...input.network}}} : {}),
		},
		cliArgs,
		// aws ecs create-service --cluster C --service-name S --task-definition TD --desired-count N --network-configuration ...
		send: operator => operator.createService(input),
	};
}

function deleteServiceStep(cluster: string, service: string): CallStep {
	return {
		apiCall: 'ecs:DeleteService',
		parameters: {cluster, service, force: true},
		cliArgs: ['aws', 'ecs', 'delete-service', '--cluster', cluster, '--service', service, '--force'],
		// aws ecs delete-service --cluster C --service S --force
		send: operator => operator.deleteService(cluster, service),
	};
}

/** Undo of a creation: delete the service again (its tasks stop). */
function deletePlan(target: ServiceTarget, created: ServiceCreation, undoOf: string): Plan {
	return makePlan({
		fixId: 'create-service',
		title: `Undo: delete service ${target.service} from ${target.cluster}`,
		risk: 'high',
		target,
		resourceName: target.service,
		changes: [{field: 'service', from: `ACTIVE, ${created.desiredCount} × ${created.taskDefinition}`, to: 'deleted (INACTIVE)'}],
		warnings: [`Every task of ${target.service} stops: it stops serving, as before it was created.`],
		undoSummary: `No undo of the undo: create the service again with this fix.`,
		undoOf,
		steps: [deleteServiceStep(target.cluster, target.service)],
		after: afterFromService,
	});
}

export const createService: Fix = {
	id: 'create-service',
	title: 'Create a missing service',
	risk: 'medium',
	targetKind: 'service',
	summary: 'Recreate a service deleted from (or never created in) its cluster, from its last description or its family\u2019s latest revision and its siblings\u2019 network.',
	params: [
		{name: 'desiredCount', label: 'Desired count', kind: 'integer', required: false, help: 'Tasks to run; empty: what the deleted service ran, else what its sibling services run (the median).'},
		{name: 'taskDefinition', label: 'Task definition', kind: 'string', required: false, help: 'family:revision or a revision number; empty: the revision the deleted service ran if still ACTIVE, else the family\u2019s latest ACTIVE one.'},
	],
	async plan(cloud, target, params = {}) {
		const serviceTarget = requireTarget(createService.id, target, 'service');
		const {cluster, service: name} = serviceTarget;
		checkKnownParams(createService.id, createService.params, params);
		const count = optionalInteger(params, 'desiredCount', {min: 0, max: 1000});
		const wanted = optionalString(params, 'taskDefinition', {max: 1024});
		// aws ecs describe-services --cluster C --services NAME
		const [existing] = await cloud.services.describeServices(cluster, [name]);
		if (existing && existing.status !== 'INACTIVE') throw new FixInputError(`service ${name} exists in ${cluster} (${existing.status}): nothing to create`, 'service');
		const {active, missing} = await readMissingServices(cloud.services, cluster, prefixOf(name));
		const last = existing ?? missing.find(m => m.name === name)?.last;
		const family = last ? familyOf(last.taskDefinition) || name : (missing.find(m => m.name === name)?.family ?? name);
		const {definition, why} = await definitionFor(cloud, wanted, last, family);
		// What the service ran before it drained (its deployments say), else what its siblings run.
		const before = last ? Math.max(0, ...last.deployments.map(d => d.desiredCount), last.desiredCount) : 0;
		const siblings = median(active.map(s => s.desiredCount).filter(n => n > 0));
		const desiredCount = count ?? (before > 0 ? before : (siblings ?? 1));
		const sibling = active.find(s => s.network !== undefined);
		const network = last?.network ?? sibling?.network;
		const launchType = last?.launchType ?? sibling?.launchType;
		const needsNetwork = definition.networkMode === 'awsvpc' || (definition.requiresCompatibilities ?? []).includes('FARGATE');
		if (needsNetwork && !network) throw new FixInputError(`${definition.family} runs awsvpc tasks, and neither the deleted service nor a sibling in ${cluster} says which subnets and security groups: create it with the aws CLI`, 'service');
		const creation: ServiceCreation = {cluster, name, taskDefinition: `${definition.family}:${definition.revision}`, desiredCount, ...(launchType ? {launchType} : {}), ...(network ? {network} : {})};
		const changes: Change[] = [
			{field: 'service', from: existing ? 'INACTIVE (deleted)' : '(none)', to: `ACTIVE in ${cluster}`},
			{field: 'taskDefinition', from: last?.taskDefinition || '(none)', to: `${creation.taskDefinition} (${why})`},
			{field: 'desiredCount', from: 0, to: count !== undefined ? desiredCount : `${desiredCount} (${before > 0 ? 'what it ran' : siblings !== undefined ? 'what its siblings run' : 'one task'})`},
		];
		if (network) changes.push({field: 'network', from: '(none)', to: `${network.subnets.join(', ')}; ${network.securityGroups.join(', ')} (${last?.network ? 'as it had' : `as ${sibling?.name ?? 'a sibling'} has`})`});
		const warnings: string[] = [];
		let risk = createService.risk;
		if (desiredCount === 0) warnings.push('Desired count 0: the service exists but runs no task.');
		if (!last) {
			risk = raiseRisk(risk, 'high');
			warnings.push(`ECS no longer describes a deleted ${name}: load balancers, service discovery and autoscaling it had are not known, and the new service has none; the guide's deploy script sets them up.`);
		} else warnings.push('Load balancers, service discovery and autoscaling of the deleted service are not recreated (the port does not read them): check them after.');
		const title = `Create service ${name} in ${cluster} (${desiredCount} × ${creation.taskDefinition})`;
		return makePlan({
			fixId: 'create-service',
			title,
			risk,
			target: serviceTarget,
			resourceName: name,
			changes,
			warnings,
			undoSummary: `Undo deletes ${name} again (after a confirmation): its tasks stop.`,
			steps: [createServiceStep(creation)],
			after: afterFromService,
			undo: () => deletePlan(serviceTarget, creation, title),
		});
	},
};
