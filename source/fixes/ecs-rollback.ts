// The emergency rollback's ECS path: with the service-deployments API and a deployment in progress, ECS's own
// rollback (StopServiceDeployment --stop-type ROLLBACK, which returns to the revision the deployment
// replaces, keeping its tasks); otherwise UpdateService to the previous revision: the one the old
// (ACTIVE) deployment still runs, or the previous ACTIVE revision of the family.
import {CloudError, isCloudError} from '../port/errors.js';
import type {ServiceDeployment} from '../port/service-deployments.js';
import type {Service} from '../port/types.js';
import {makePlan} from './plan.js';
import type {CloudReaders, Plan, Target} from './types.js';

type ServiceTarget = Extract<Target, {kind: 'service'}>;

const inProgress = new Set(['PENDING', 'IN_PROGRESS']);

/**
 * The service deployment ECS is rolling out now, if the endpoint has the service-deployments API.
 * Where it has none (moto), or these credentials may not read it, undefined: the rollback then
 * deploys the previous revision, which every endpoint can do.
 */
export async function deploymentInProgress(cloud: CloudReaders, cluster: string, service: string): Promise<ServiceDeployment | undefined> {
	const list = cloud.services.listServiceDeployments;
	if (!list) return undefined;
	try {
		// aws ecs list-service-deployments --cluster CLUSTER --service SERVICE (+ describe-service-deployments)
		const deployments = await list.call(cloud.services, cluster, service);
		return deployments.find(d => inProgress.has(d.status));
	} catch (error) {
		if (isCloudError(error) && (error.kind === 'unsupported' || error.kind === 'denied' || error.kind === 'not-found')) return undefined;
		throw error;
	}
}

/** StopServiceDeployment ROLLBACK of `deployment`, returning `service` to `to`; `undo` builds the plan deploying the current revision again. */
export function stopRollbackPlan(target: ServiceTarget, service: Service, deployment: ServiceDeployment, to: string, undo: (from: string, to: string) => Plan): Plan {
	const arn = deployment.arn;
	const from = service.taskDefinition;
	return makePlan({
		fixId: 'rollback',
		title: `Roll back ${service.name} from ${from} to ${to} (stop the deployment in progress)`,
		risk: 'high',
		target,
		resourceName: service.name,
		changes: [
			{field: 'taskDefinition', from, to},
			{field: 'deployment', from: deployment.status, to: 'ROLLBACK_REQUESTED'},
		],
		warnings: [`ECS stops the deployment of ${from} and returns ${service.name} to ${to}; the tasks of ${from} are stopped.`],
		undoSummary: `Undo deploys ${from} again (UpdateService).`,
		steps: [
			{
				apiCall: 'ecs:StopServiceDeployment',
				parameters: {serviceDeploymentArn: arn, stopType: 'ROLLBACK'},
				cliArgs: ['aws', 'ecs', 'stop-service-deployment', '--service-deployment-arn', arn, '--stop-type', 'ROLLBACK'],
				// aws ecs stop-service-deployment --service-deployment-arn ARN --stop-type ROLLBACK
				send: operator => {
					if (!operator.stopServiceDeployment) throw new CloudError('unsupported', 'this backend has no StopServiceDeployment', {action: 'ecs:StopServiceDeployment'});
					return operator.stopServiceDeployment(arn, 'ROLLBACK');
				},
			},
		],
		after: () => ({serviceDeploymentArn: arn, stopType: 'ROLLBACK', taskDefinition: to}),
		undo: () => undo(to, from),
	});
}
