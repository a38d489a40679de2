// The ECS service-deployments API of the simulated account: each deployment DescribeServices lists
// is also a service deployment (with the circuit breaker's count where the service has one), and
// StopServiceDeployment ROLLBACK returns the service to the revision the deployment replaces.

import {CloudError} from '../port/errors.js';
import type {ServiceDeployment, StopServiceDeploymentType} from '../port/service-deployments.js';
import {ACCOUNT_ID, ARN_REGION, circuitBreakerThreshold, deploymentConfigFor} from './catalog.js';
import {findCluster} from './ecs.js';
import {nameFromArn} from './ids.js';
import type {SimDeployment, SimService, World} from './model.js';
import {addEvent, startDeployment} from './services.js';

const arnPrefix = `arn:aws:ecs:${ARN_REGION}:${ACCOUNT_ID}:service-deployment/`;

function deploymentArn(service: SimService, deployment: SimDeployment): string {
	return `${arnPrefix}${service.cluster}/${service.name}/${deployment.id.replace('ecs-svc/', '')}`;
}

function revisionArn(service: SimService, deployment: SimDeployment): string {
	return `arn:aws:ecs:${ARN_REGION}:${ACCOUNT_ID}:service-revision/${service.cluster}/${service.name}/${deployment.id.replace('ecs-svc/', '')}`;
}

function statusOf(deployment: SimDeployment, primary: boolean): string {
	if (!primary) return 'SUCCESSFUL';
	if (deployment.rollback) return deployment.rolloutState === 'COMPLETED' ? 'ROLLBACK_SUCCESSFUL' : 'ROLLBACK_IN_PROGRESS';
	return deployment.rolloutState === 'COMPLETED' ? 'SUCCESSFUL' : deployment.rolloutState === 'FAILED' ? 'ROLLBACK_FAILED' : 'IN_PROGRESS';
}

export function listServiceDeployments(world: World, clusterName: string, serviceName: string): ServiceDeployment[] {
	const cluster = findCluster(world, clusterName);
	const service = cluster.services.find(s => s.name === nameFromArn(serviceName));
	if (!service) throw new CloudError('not-found', `Service not found: ${serviceName} in cluster ${cluster.name}`, {resource: serviceName, code: 'ServiceNotFoundException'});
	const breaker = deploymentConfigFor(service.env, service.profile.short).circuitBreaker;
	return service.deployments.map((deployment, index) => {
		const primary = index === 0;
		const sources = service.deployments.slice(index + 1).map(d => revisionArn(service, d));
		return {
			arn: deploymentArn(service, deployment),
			cluster: service.cluster,
			service: service.name,
			status: statusOf(deployment, primary),
			statusReason: deployment.rolloutStateReason,
			targetRevisionArn: revisionArn(service, deployment),
			sourceRevisionArns: primary ? sources : [],
			createdAt: deployment.createdAt,
			startedAt: deployment.createdAt,
			...(deployment.rolloutState === 'COMPLETED' ? {finishedAt: deployment.updatedAt} : {}),
			...(breaker?.enable
				? {circuitBreaker: {status: deployment.failedTasks >= circuitBreakerThreshold(deployment.desiredCount) ? 'TRIGGERED' : 'MONITORING', failureCount: deployment.failedTasks, threshold: circuitBreakerThreshold(deployment.desiredCount)}}
				: {}),
			...(deployment.rollback ? {rollback: {reason: deployment.rollback.reason, startedAt: deployment.rollback.startedAt}} : {}),
		};
	});
}

export function stopServiceDeployment(world: World, arn: string, stopType: StopServiceDeploymentType): {serviceDeploymentArn: string} {
	if (typeof arn !== 'string' || !arn.startsWith(arnPrefix)) throw new CloudError('invalid', `Invalid service deployment ARN: ${arn}`, {code: 'InvalidParameterException'});
	const [clusterName, serviceName] = arn.slice(arnPrefix.length).split('/');
	const cluster = findCluster(world, clusterName ?? '');
	const service = cluster.services.find(s => s.name === serviceName);
	const deployment = service?.deployments.find(d => deploymentArn(service, d) === arn);
	if (!service || !deployment) throw new CloudError('not-found', `Service deployment not found: ${arn}`, {resource: arn, code: 'ServiceDeploymentNotFoundException'});
	if (deployment !== service.deployments[0] || deployment.rolloutState !== 'IN_PROGRESS') {
		throw new CloudError('invalid', `Service deployment ${arn} is not in progress; only a deployment in progress can be stopped.`, {code: 'ConflictException'});
	}
	if (stopType !== 'ROLLBACK') throw new CloudError('invalid', `The simulated account only rolls back (stopType ROLLBACK), got ${String(stopType)}.`, {code: 'InvalidParameterException'});
	const source = service.deployments[1];
	if (!source) throw new CloudError('invalid', `Service deployment ${arn} replaced no revision still running: nothing to roll back to.`, {code: 'ConflictException'});
	const at = world.time;
	const rollback = startDeployment(world, service, source.taskDefinition, at, true);
	rollback.rollback = {reason: 'Rollback requested by StopServiceDeployment', startedAt: at, from: deployment.taskDefinition};
	addEvent(world, service, at, `(service ${service.name}) rolling back (deployment ${deployment.id}) to ${source.taskDefinition}.`);
	return {serviceDeploymentArn: arn};
}
