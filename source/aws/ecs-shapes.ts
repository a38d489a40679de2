import type {
	ContainerDefinition as SdkContainerDefinition,
	CreateServiceCommandInput,
	Deployment as SdkDeployment,
	RegisterTaskDefinitionCommandInput,
	Service as SdkService,
	Task as SdkTask,
	TaskDefinition as SdkTaskDefinition,
} from '@aws-sdk/client-ecs';
import type {ContainerDefinition, Deployment, RolloutState, Service, ServiceCreation, Task, TaskDefinition, TaskDefinitionInput} from '../port/types.js';
import {epochMs, familyRevision, lastSegment} from './paging.js';

// ECS answers -> port values, and port input -> ECS requests. Pure, so tested without a network.

const rolloutStates = new Set<RolloutState>(['COMPLETED', 'IN_PROGRESS', 'FAILED']);

export function toDeployment(deployment: SdkDeployment): Deployment {
	const state = deployment.rolloutState as RolloutState | undefined;
	return {
		id: deployment.id ?? '',
		status: deployment.status ?? 'UNKNOWN',
		rolloutState: state && rolloutStates.has(state) ? state : 'UNKNOWN',
		rolloutStateReason: deployment.rolloutStateReason,
		taskDefinition: familyRevision(deployment.taskDefinition),
		desiredCount: deployment.desiredCount ?? 0,
		runningCount: deployment.runningCount ?? 0,
		pendingCount: deployment.pendingCount ?? 0,
		failedTasks: deployment.failedTasks ?? 0,
		createdAt: epochMs(deployment.createdAt) ?? 0,
		updatedAt: epochMs(deployment.updatedAt) ?? epochMs(deployment.createdAt) ?? 0,
	};
}

export function toService(service: SdkService, cluster: string): Service {
	const deployments = (service.deployments ?? []).map(toDeployment);
	const primary = deployments.find(d => d.status === 'PRIMARY');
	return {
		name: service.serviceName ?? lastSegment(service.serviceArn ?? ''),
		arn: service.serviceArn ?? '',
		cluster: service.clusterArn ? lastSegment(service.clusterArn) : cluster,
		status: service.status ?? 'UNKNOWN',
		desiredCount: service.desiredCount ?? 0,
		runningCount: service.runningCount ?? 0,
		pendingCount: service.pendingCount ?? 0,
		// The service's own field is what it runs now; the primary deployment says the same on AWS.
		taskDefinition: familyRevision(service.taskDefinition) || primary?.taskDefinition || '',
		deployments,
		events: (service.events ?? []).map(event => ({
			id: event.id ?? '',
			createdAt: epochMs(event.createdAt) ?? 0,
			message: event.message ?? '',
		})),
		launchType: service.launchType,
		createdAt: epochMs(service.createdAt),
		...deploymentGuards(service),
		...networkOf(service),
	};
}

/** The awsvpc network of the service, when it has one (what a service recreated beside it needs). */
function networkOf(service: SdkService): Pick<Service, 'network'> {
	const vpc = service.networkConfiguration?.awsvpcConfiguration;
	if (!vpc) return {};
	const assign = vpc.assignPublicIp === 'ENABLED' || vpc.assignPublicIp === 'DISABLED' ? {assignPublicIp: vpc.assignPublicIp} : {};
	return {network: {subnets: [...(vpc.subnets ?? [])], securityGroups: [...(vpc.securityGroups ?? [])], ...assign}};
}

/** Port service creation -> CreateService (replicated, rolling updates, as the ACSO services run). */
export function toCreateServiceInput(input: ServiceCreation): CreateServiceCommandInput {
	return {
		cluster: input.cluster,
		serviceName: input.name,
		taskDefinition: input.taskDefinition,
		desiredCount: input.desiredCount,
		...(input.launchType === undefined ? {} : {launchType: input.launchType as CreateServiceCommandInput['launchType']}),
		...(input.network
			? {networkConfiguration: {awsvpcConfiguration: {subnets: input.network.subnets, securityGroups: input.network.securityGroups, ...(input.network.assignPublicIp ? {assignPublicIp: input.network.assignPublicIp} : {})}}}
			: {}),
	};
}

/** The circuit breaker and deployment alarms of the service's deploymentConfiguration, when set. */
function deploymentGuards(service: SdkService): Pick<Service, 'circuitBreaker' | 'deploymentAlarms'> {
	const breaker = service.deploymentConfiguration?.deploymentCircuitBreaker;
	const alarms = service.deploymentConfiguration?.alarms;
	return {
		...(breaker ? {circuitBreaker: {enable: breaker.enable === true, rollback: breaker.rollback === true}} : {}),
		...(alarms && (alarms.alarmNames ?? []).length > 0 ? {deploymentAlarms: {alarmNames: [...(alarms.alarmNames ?? [])], enable: alarms.enable === true, rollback: alarms.rollback === true}} : {}),
	};
}

export function toTask(task: SdkTask, cluster: string): Task {
	const arn = task.taskArn ?? '';
	const group = task.group ?? '';
	return {
		id: lastSegment(arn),
		arn,
		cluster: task.clusterArn ? lastSegment(task.clusterArn) : cluster,
		service: group.startsWith('service:') ? group.slice('service:'.length) : undefined,
		taskDefinition: familyRevision(task.taskDefinitionArn),
		lastStatus: task.lastStatus ?? 'UNKNOWN',
		desiredStatus: task.desiredStatus ?? 'UNKNOWN',
		healthStatus: task.healthStatus,
		cpu: task.cpu,
		memory: task.memory,
		createdAt: epochMs(task.createdAt),
		startedAt: epochMs(task.startedAt),
		stoppedAt: epochMs(task.stoppedAt),
		stopCode: task.stopCode,
		stoppedReason: task.stoppedReason || undefined,
		containers: (task.containers ?? []).map(container => ({
			name: container.name ?? '',
			lastStatus: container.lastStatus ?? 'UNKNOWN',
			exitCode: container.exitCode,
			reason: container.reason,
			image: container.image,
		})),
	};
}

export function toContainerDefinition(definition: SdkContainerDefinition): ContainerDefinition {
	const {name, image, cpu, memory, memoryReservation, essential, ...extra} = definition;
	return {
		name: name ?? '',
		image: image ?? '',
		cpu,
		memory,
		memoryReservation,
		essential,
		extra: Object.keys(extra).length > 0 ? (extra as Record<string, unknown>) : undefined,
	};
}

/**
 * Fields DescribeTaskDefinition returns that RegisterTaskDefinition refuses: they describe a
 * revision rather than define one. Everything else not named by the port travels in `extra`.
 */
const describedOnlyFields = new Set(['taskDefinitionArn', 'revision', 'status', 'requiresAttributes', 'compatibilities', 'registeredAt', 'registeredBy', 'deregisteredAt', 'deleteRequestedAt']);
const portTaskFields = new Set(['family', 'cpu', 'memory', 'networkMode', 'requiresCompatibilities', 'executionRoleArn', 'taskRoleArn', 'containerDefinitions']);

function taskExtra(fields: Record<string, unknown>): Record<string, unknown> {
	const extra: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(fields)) {
		if (describedOnlyFields.has(key) || portTaskFields.has(key) || value === undefined) continue;
		extra[key] = value;
	}
	return extra;
}

export function toTaskDefinition(definition: SdkTaskDefinition): TaskDefinition {
	const extra = taskExtra(definition as Record<string, unknown>);
	return {
		family: definition.family ?? '',
		revision: definition.revision ?? 0,
		arn: definition.taskDefinitionArn ?? '',
		status: definition.status ?? 'UNKNOWN',
		cpu: definition.cpu,
		memory: definition.memory,
		networkMode: definition.networkMode,
		requiresCompatibilities: definition.requiresCompatibilities,
		executionRoleArn: definition.executionRoleArn,
		taskRoleArn: definition.taskRoleArn,
		containers: (definition.containerDefinitions ?? []).map(toContainerDefinition),
		registeredAt: epochMs(definition.registeredAt),
		extra: Object.keys(extra).length > 0 ? extra : undefined,
	};
}

function withoutUndefined<T extends Record<string, unknown>>(value: T): T {
	return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/** Port input -> RegisterTaskDefinition request; extra fields first, so named fields win. */
export function toRegisterInput(input: TaskDefinitionInput): RegisterTaskDefinitionCommandInput {
	const extra = taskExtra(input.extra ?? {});
	return withoutUndefined({
		...extra,
		family: input.family,
		cpu: input.cpu,
		memory: input.memory,
		networkMode: input.networkMode,
		requiresCompatibilities: input.requiresCompatibilities,
		executionRoleArn: input.executionRoleArn,
		taskRoleArn: input.taskRoleArn,
		containerDefinitions: input.containers.map(container =>
			withoutUndefined({
				...(container.extra ?? {}),
				name: container.name,
				image: container.image,
				cpu: container.cpu,
				memory: container.memory,
				memoryReservation: container.memoryReservation,
				essential: container.essential,
			}) as SdkContainerDefinition,
		),
	}) as RegisterTaskDefinitionCommandInput;
}
