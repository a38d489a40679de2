// Reading a service before a change and the one UpdateService call most ECS fixes send.
import type {Service, ServiceUpdate} from '../port/types.js';
import {FixInputError} from './errors.js';
import type {CallStep} from './plan.js';
import type {CloudReaders} from './types.js';

export async function readService(cloud: CloudReaders, cluster: string, service: string): Promise<Service> {
	// aws ecs describe-services --cluster CLUSTER --services SERVICE
	const [found] = await cloud.services.describeServices(cluster, [service]);
	if (!found || found.status === 'INACTIVE') {
		throw new FixInputError(`service ${service} not found in cluster ${cluster}`, 'service');
	}
	return found;
}

export function updateServiceStep(cluster: string, service: string, update: ServiceUpdate): CallStep {
	const parameters: Record<string, unknown> = {cluster, service};
	const cliArgs = ['aws', 'ecs', 'update-service', '--cluster', cluster, '--service', service];
	if (update.desiredCount !== undefined) {
		parameters['desiredCount'] = update.desiredCount;
		cliArgs.push('--desired-count', String(update.desiredCount));
	}
	if (update.taskDefinition !== undefined) {
		parameters['taskDefinition'] = update.taskDefinition;
		cliArgs.push('--task-definition', update.taskDefinition);
	}
	if (update.forceNewDeployment) {
		parameters['forceNewDeployment'] = true;
		cliArgs.push('--force-new-deployment');
	}
	return {
		apiCall: 'ecs:UpdateService',
		parameters,
		cliArgs,
		// aws ecs update-service --cluster CLUSTER --service SERVICE [--desired-count N] [--task-definition TD] [--force-new-deployment]
		send: operator => operator.updateService(cluster, service, {...update}),
	};
}

/** What the audit trail records of a service after an update. */
export function serviceAfter(service: Service): Record<string, unknown> {
	const primary = service.deployments.find(deployment => deployment.status === 'PRIMARY');
	return {
		desiredCount: service.desiredCount,
		runningCount: service.runningCount,
		taskDefinition: service.taskDefinition,
		...(primary ? {deploymentId: primary.id, rolloutState: primary.rolloutState} : {}),
	};
}

export function isService(value: unknown): value is Service {
	return typeof value === 'object' && value !== null && 'deployments' in value && 'taskDefinition' in value;
}
