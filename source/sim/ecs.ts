// ECS reads and writes of the simulated account, with ECS's answers for unknown names: missing
// clusters are listed (DescribeClusters) or refused (everything else), unknown services and tasks
// are left out of Describe* answers and refused by the calls that need them.

import {CloudError} from '../port/errors.js';
import type {Cluster, Service, ServiceUpdate, Task, TaskDefinition, TaskListFilter} from '../port/types.js';
import {nameFromArn} from './ids.js';
import type {SimCluster, SimService, World} from './model.js';
import {startDeployment} from './services.js';
import {findTaskDefinition} from './task-definitions.js';
import {requestStop} from './tasks.js';
import {clusterView, serviceView, taskView} from './views.js';

/** The most tasks one service may ask for in the simulated account (memory stays bounded). */
export const MAX_DESIRED = 50;

function invalid(message: string, code = 'InvalidParameterException'): CloudError {
	return new CloudError('invalid', message, {code});
}

export function findCluster(world: World, nameOrArn: string): SimCluster {
	if (typeof nameOrArn !== 'string' || nameOrArn.trim() === '') throw invalid('A cluster name or ARN is required.');
	const cluster = world.clusters.get(nameFromArn(nameOrArn));
	if (!cluster) throw new CloudError('not-found', `Cluster not found: ${nameOrArn}`, {resource: nameOrArn, code: 'ClusterNotFoundException'});
	return cluster;
}

function findService(world: World, cluster: SimCluster, nameOrArn: string): SimService {
	const name = nameFromArn(nameOrArn);
	const service = cluster.services.find(candidate => candidate.name === name);
	if (!service) throw new CloudError('not-found', `Service not found: ${nameOrArn} in cluster ${cluster.name}`, {resource: nameOrArn, code: 'ServiceNotFoundException'});
	return service;
}

export function describeClusters(world: World, names: string[]): {clusters: Cluster[]; missing: string[]} {
	if (!Array.isArray(names)) throw invalid('Cluster names must be a list.');
	if (names.length > 100) throw invalid(`DescribeClusters takes at most 100 clusters (got ${names.length}).`);
	const clusters: Cluster[] = [];
	const missing: string[] = [];
	for (const name of names) {
		const cluster = world.clusters.get(nameFromArn(name));
		if (cluster) clusters.push(clusterView(cluster));
		else missing.push(name);
	}
	return {clusters, missing};
}

export function listClusters(world: World): string[] {
	return [...world.clusters.keys()];
}

export function listServices(world: World, cluster: string): string[] {
	// ECS lists ACTIVE and DRAINING services; an INACTIVE (deleted) one only answers DescribeServices.
	return findCluster(world, cluster).services.filter(service => service.status !== 'INACTIVE').map(service => service.name);
}

export function describeServices(world: World, clusterName: string, names: string[]): Service[] {
	const cluster = findCluster(world, clusterName);
	if (!Array.isArray(names)) throw invalid('Service names must be a list.');
	const out: Service[] = [];
	for (const name of names) {
		const service = cluster.services.find(candidate => candidate.name === nameFromArn(name));
		if (service) out.push(serviceView(service)); // unknown names are failures (MISSING), not errors
	}
	return out;
}

export function listTasks(world: World, clusterName: string, filter: TaskListFilter = {}): string[] {
	const cluster = findCluster(world, clusterName);
	const desired = filter.desiredStatus ?? 'RUNNING';
	if (desired !== 'RUNNING' && desired !== 'STOPPED') throw invalid(`desiredStatus must be RUNNING or STOPPED (got ${desired}).`);
	const services = filter.service === undefined ? cluster.services : [findService(world, cluster, filter.service)];
	const ids: string[] = [];
	for (const service of services) {
		for (const task of service.tasks) if (task.desiredStatus === desired) ids.push(task.id);
	}
	return ids;
}

export function describeTasks(world: World, clusterName: string, ids: string[]): Task[] {
	const cluster = findCluster(world, clusterName);
	if (!Array.isArray(ids)) throw invalid('Task ids must be a list.');
	if (ids.length > 100) throw invalid(`DescribeTasks takes at most 100 tasks (got ${ids.length}).`);
	const out: Task[] = [];
	for (const id of ids) {
		const task = world.tasksById.get(nameFromArn(id));
		if (task && task.cluster === cluster.name) out.push(taskView(task));
	}
	return out;
}

export function describeTaskDefinition(world: World, familyOrArn: string): TaskDefinition {
	if (typeof familyOrArn !== 'string' || familyOrArn.trim() === '') throw invalid('A task definition family, family:revision or ARN is required.');
	return structuredClone(findTaskDefinition(world, familyOrArn));
}

export function updateService(world: World, clusterName: string, serviceName: string, update: ServiceUpdate): Service {
	const cluster = findCluster(world, clusterName);
	const service = findService(world, cluster, serviceName);
	if (service.status !== undefined) throw invalid(`Service ${service.name} is ${service.status}: it cannot be updated.`, 'ServiceNotActiveException');
	if (update === null || typeof update !== 'object') throw invalid('An update is required.');
	const {desiredCount, taskDefinition, forceNewDeployment} = update;
	if (desiredCount !== undefined && (!Number.isInteger(desiredCount) || desiredCount < 0)) {
		throw invalid(`Invalid desiredCount ${desiredCount}: it must be a whole number of 0 or more.`);
	}
	if (desiredCount !== undefined && desiredCount > MAX_DESIRED) {
		throw invalid(`desiredCount ${desiredCount} is above the simulated account's limit of ${MAX_DESIRED} tasks per service.`, 'LimitExceededException');
	}
	if (forceNewDeployment !== undefined && typeof forceNewDeployment !== 'boolean') throw invalid('forceNewDeployment must be true or false.');
	const definition = taskDefinition === undefined ? undefined : findTaskDefinition(world, taskDefinition);
	if (definition && definition.status !== 'ACTIVE') throw invalid(`TaskDefinition ${definition.family}:${definition.revision} is inactive.`, 'ClientException');

	if (desiredCount !== undefined && desiredCount !== service.desiredCount) {
		service.desiredCount = desiredCount;
		service.dirty = true;
	}
	const primary = service.deployments[0];
	const ref = definition ? `${definition.family}:${definition.revision}` : primary?.taskDefinition;
	const changed = definition !== undefined && ref !== primary?.taskDefinition;
	// Back to a revision an old deployment still runs: ECS keeps its healthy tasks.
	const returning = changed && service.deployments.some(d => d.taskDefinition === ref);
	if (ref && (changed || forceNewDeployment === true)) startDeployment(world, service, ref, world.time, returning);
	return serviceView(service);
}

export function stopTask(world: World, clusterName: string, taskId: string, reason: string): Task {
	const cluster = findCluster(world, clusterName);
	if (typeof taskId !== 'string' || taskId.trim() === '') throw invalid('A task id or ARN is required.');
	if (reason !== undefined && (typeof reason !== 'string' || reason.length > 255)) throw invalid('The stop reason must be text of at most 255 characters.');
	const task = world.tasksById.get(nameFromArn(taskId));
	if (!task || task.cluster !== cluster.name) {
		throw new CloudError('not-found', `The referenced task was not found: ${taskId} in cluster ${cluster.name}`, {resource: taskId, code: 'InvalidParameterException'});
	}
	requestStop(world, task, world.time, 'user', 'UserInitiated', reason?.trim() ? reason : 'Task stopped by user');
	const service = world.services.get(task.service);
	if (service) service.dirty = true;
	return taskView(task);
}
