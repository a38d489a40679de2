// Port-shaped copies of the sim's ECS records. Every answer is a fresh object: callers may keep or
// change what they get without touching the simulation.

import {serviceNetwork} from './security-groups.js';
import type {Cluster, Deployment, Service, Task} from '../port/types.js';
import {deploymentConfigFor} from './catalog.js';
import type {SimCluster, SimDeployment, SimService, SimTask} from './model.js';
import {isAlive} from './tasks.js';

function containerStatus(task: SimTask): string {
	switch (task.lastStatus) {
		case 'PROVISIONING':
		case 'PENDING':
			return 'PENDING';
		case 'STOPPED':
			return 'STOPPED';
		default:
			return 'RUNNING';
	}
}

export function taskView(task: SimTask): Task {
	return {
		id: task.id,
		arn: task.arn,
		cluster: task.cluster,
		service: task.service,
		taskDefinition: task.taskDefinition,
		lastStatus: task.lastStatus,
		desiredStatus: task.desiredStatus,
		healthStatus: task.healthStatus,
		cpu: task.cpu,
		memory: task.memory,
		createdAt: task.createdAt,
		startedAt: task.startedAt,
		stoppedAt: task.stoppedAt,
		stopCode: task.stopCode,
		stoppedReason: task.stoppedReason,
		containers: [
			{
				name: task.container,
				lastStatus: containerStatus(task),
				exitCode: task.exitCode,
				reason: task.containerReason,
				image: task.image,
			},
		],
	};
}

function deploymentView(service: SimService, deployment: SimDeployment): Deployment {
	let running = 0;
	let pending = 0;
	for (const task of service.tasks) {
		if (task.deploymentId !== deployment.id || !isAlive(task)) continue;
		if (task.lastStatus === 'RUNNING') running++;
		else if (task.lastStatus === 'PENDING' || task.lastStatus === 'PROVISIONING') pending++;
	}
	return {
		id: deployment.id,
		status: deployment.status,
		rolloutState: deployment.rolloutState,
		rolloutStateReason: deployment.rolloutStateReason,
		taskDefinition: deployment.taskDefinition,
		desiredCount: deployment.desiredCount,
		runningCount: running,
		pendingCount: pending,
		failedTasks: deployment.failedTasks,
		createdAt: deployment.createdAt,
		updatedAt: deployment.updatedAt,
	};
}

export function serviceView(service: SimService): Service {
	let running = 0;
	let pending = 0;
	for (const task of service.tasks) {
		if (task.lastStatus === 'RUNNING') running++;
		else if (task.lastStatus === 'PENDING' || task.lastStatus === 'PROVISIONING') pending++;
	}
	return {
		name: service.name,
		arn: service.arn,
		cluster: service.cluster,
		status: service.status ?? 'ACTIVE',
		desiredCount: service.desiredCount,
		runningCount: running,
		pendingCount: pending,
		taskDefinition: service.deployments[0]?.taskDefinition ?? '',
		deployments: service.deployments.map(deployment => deploymentView(service, deployment)),
		events: service.events.map(event => ({...event})),
		launchType: 'FARGATE',
		createdAt: service.createdAt,
		...circuitBreakerOf(service),
		network: structuredClone(serviceNetwork(service)),
	};
}

function circuitBreakerOf(service: SimService): Pick<Service, 'circuitBreaker'> {
	const breaker = deploymentConfigFor(service.env, service.profile.short).circuitBreaker;
	return breaker ? {circuitBreaker: {...breaker}} : {};
}

export function clusterView(cluster: SimCluster): Cluster {
	let running = 0;
	let pending = 0;
	for (const service of cluster.services) {
		for (const task of service.tasks) {
			if (task.lastStatus === 'RUNNING') running++;
			else if (task.lastStatus === 'PENDING' || task.lastStatus === 'PROVISIONING') pending++;
		}
	}
	return {
		name: cluster.name,
		arn: cluster.arn,
		status: 'ACTIVE',
		activeServicesCount: cluster.services.filter(service => service.status === undefined).length,
		runningTasksCount: running,
		pendingTasksCount: pending,
	};
}
