// DeleteService and CreateService in the simulated account, as ECS does them: a deleted service
// drains (desired count 0, its tasks stopped by the scheduler), is INACTIVE once they are gone,
// still answers DescribeServices as INACTIVE for an hour and is left out of ListServices; then
// ECS forgets it. CreateService of a name whose service is INACTIVE makes a new service.
import {CloudError} from '../port/errors.js';
import type {Service, ServiceCreation} from '../port/types.js';
import {SERVICE_PROFILES, serviceName} from './catalog.js';
import {MINUTE} from './clock.js';
import {findCluster, MAX_DESIRED} from './ecs.js';
import {nameFromArn, serviceArn} from './ids.js';
import type {SimCluster, SimService, World} from './model.js';
import {addEvent, createDeployment, settleDeleted} from './services.js';
import {findTaskDefinition} from './task-definitions.js';
import {serviceView} from './views.js';

/** How long ECS keeps answering for an INACTIVE service. */
export const INACTIVE_KEPT_MS = 60 * MINUTE;

function invalid(message: string, code = 'InvalidParameterException'): CloudError {
	return new CloudError('invalid', message, {code});
}

export function deleteService(world: World, clusterName: string, name: string): Service {
	const cluster = findCluster(world, clusterName);
	const service = cluster.services.find(candidate => candidate.name === nameFromArn(name));
	if (!service || service.status === 'INACTIVE') {
		throw new CloudError('not-found', `Service not found: ${name} in cluster ${cluster.name}`, {resource: name, code: 'ServiceNotFoundException'});
	}
	// --force: no need to scale to 0 first; the scheduler stops the tasks.
	service.desiredCount = 0;
	service.status = 'DRAINING';
	service.deletedAt = world.time;
	service.dirty = true;
	for (const deployment of service.deployments) deployment.updatedAt = world.time;
	settleDeleted(service, world.time);
	return serviceView(service);
}

/** Forgets services INACTIVE for longer than ECS answers for them. */
export function forgetDeleted(world: World, now: number): void {
	for (const cluster of world.clusters.values()) {
		const gone = cluster.services.filter(service => service.status === 'INACTIVE' && service.deletedAt !== undefined && now - service.deletedAt >= INACTIVE_KEPT_MS);
		for (const service of gone) remove(world, cluster, service);
	}
}

function remove(world: World, cluster: SimCluster, service: SimService): void {
	cluster.services.splice(cluster.services.indexOf(service), 1);
	if (world.services.get(service.name) === service) world.services.delete(service.name);
	for (const task of service.tasks) world.tasksById.delete(task.id);
}

export function createService(world: World, input: ServiceCreation): Service {
	if (input === null || typeof input !== 'object') throw invalid('A service to create is required.');
	const cluster = findCluster(world, input.cluster);
	const name = input.name;
	if (typeof name !== 'string' || !/^[A-Za-z][A-Za-z0-9_-]{0,254}$/.test(name)) throw invalid(`Invalid service name "${String(name)}".`);
	if (!Number.isInteger(input.desiredCount) || input.desiredCount < 0) throw invalid(`Invalid desiredCount ${input.desiredCount}: it must be a whole number of 0 or more.`);
	if (input.desiredCount > MAX_DESIRED) throw invalid(`desiredCount ${input.desiredCount} is above the simulated account's limit of ${MAX_DESIRED} tasks per service.`, 'LimitExceededException');
	const existing = cluster.services.find(candidate => candidate.name === name);
	if (existing && existing.status !== 'INACTIVE') throw invalid('Creation of service was not idempotent.');
	const definition = findTaskDefinition(world, input.taskDefinition);
	if (definition.status !== 'ACTIVE') throw invalid(`TaskDefinition ${definition.family}:${definition.revision} is inactive.`, 'ClientException');
	if (input.launchType !== undefined && input.launchType !== 'FARGATE') throw invalid(`The simulated account runs Fargate services only, not ${input.launchType}.`);
	if (!input.network || input.network.subnets.length === 0) throw invalid('Network Configuration must be provided when networkMode \'awsvpc\' is specified.');
	// The workload is the ACSO service whose task definition it runs (the account runs no other).
	const profile = existing?.profile ?? SERVICE_PROFILES.find(candidate => serviceName(cluster.env, candidate.short) === definition.family);
	if (!profile) throw invalid(`The simulated account runs only the ACSO services of ${cluster.env}; it has no workload for task definition ${definition.family}.`);
	if (existing) remove(world, cluster, existing);
	const service: SimService = {
		env: cluster.env,
		name,
		arn: serviceArn(cluster.name, name),
		cluster: cluster.name,
		profile,
		desiredCount: input.desiredCount,
		createdAt: world.time,
		deployments: [],
		events: [],
		steady: false,
		dirty: true,
		lastSteadyEventAt: world.time,
		tasks: [],
		network: {subnets: [...input.network.subnets], securityGroups: [...input.network.securityGroups], ...(input.network.assignPublicIp ? {assignPublicIp: input.network.assignPublicIp} : {})},
		...(existing?.cpuSeries ? {cpuSeries: existing.cpuSeries} : {}),
		...(existing?.memSeries ? {memSeries: existing.memSeries} : {}),
	};
	service.deployments.push(createDeployment(world, service, `${definition.family}:${definition.revision}`, world.time));
	addEvent(world, service, world.time, `(service ${name}) was created.`);
	world.services.set(name, service);
	cluster.services.push(service);
	return serviceView(service);
}

/** ListTaskDefinitionFamilies --status ACTIVE: families with an ACTIVE revision, by prefix. */
export function listTaskDefinitionFamilies(world: World, prefix: string): string[] {
	return [...world.taskDefinitions.entries()].filter(([family, revisions]) => family.startsWith(prefix ?? '') && revisions.some(revision => revision.status === 'ACTIVE')).map(([family]) => family).sort();
}
