import type {ServiceDeployment as SdkServiceDeployment} from '@aws-sdk/client-ecs';
import type {ServiceDeployment} from '../port/service-deployments.js';
import type {ReadOptions} from '../port/types.js';
import type {AwsClients} from './clients.js';
import {chunk, epochMs, lastSegment, requireText} from './paging.js';

// The ECS service-deployments API: what real AWS tells about a rollout beyond DescribeServices
// (the circuit breaker's count and threshold, the deployment alarms, a rollback in progress).
// moto 5.2.1 does not implement it; its "not implemented" answer becomes CloudError 'unsupported'
// (aws/errors.ts), which the cockpit and the rollback fix read as "fall back to DescribeServices".

/** DescribeServiceDeployments takes 20 ARNs a call; the cockpit needs the few newest. */
export const describeServiceDeploymentsBatch = 20;
const recentDeployments = 5;

export function toServiceDeployment(deployment: SdkServiceDeployment, cluster: string, service: string): ServiceDeployment {
	const breaker = deployment.deploymentCircuitBreaker;
	const alarms = deployment.alarms;
	return {
		arn: deployment.serviceDeploymentArn ?? '',
		cluster: deployment.clusterArn ? lastSegment(deployment.clusterArn) : cluster,
		service: deployment.serviceArn ? lastSegment(deployment.serviceArn) : service,
		status: deployment.status ?? 'UNKNOWN',
		...(deployment.statusReason ? {statusReason: deployment.statusReason} : {}),
		...(deployment.targetServiceRevision?.arn ? {targetRevisionArn: deployment.targetServiceRevision.arn} : {}),
		sourceRevisionArns: (deployment.sourceServiceRevisions ?? []).flatMap(r => (r.arn ? [r.arn] : [])),
		...optionalTime('createdAt', deployment.createdAt),
		...optionalTime('startedAt', deployment.startedAt),
		...optionalTime('finishedAt', deployment.finishedAt),
		...optionalTime('stoppedAt', deployment.stoppedAt),
		...(breaker ? {circuitBreaker: {status: breaker.status ?? 'UNKNOWN', failureCount: breaker.failureCount ?? 0, threshold: breaker.threshold ?? 0}} : {}),
		...(alarms ? {alarms: {status: alarms.status ?? 'UNKNOWN', alarmNames: [...(alarms.alarmNames ?? [])], triggeredAlarmNames: [...(alarms.triggeredAlarmNames ?? [])]}} : {}),
		...(deployment.rollback ? {rollback: {...(deployment.rollback.reason ? {reason: deployment.rollback.reason} : {}), ...optionalTime('startedAt', deployment.rollback.startedAt)}} : {}),
	};
}

function optionalTime<K extends string>(key: K, value: Date | undefined): Partial<Record<K, number>> {
	const ms = epochMs(value);
	return ms === undefined ? {} : ({[key]: ms} as Record<K, number>);
}

export function createServiceDeploymentReader(clients: AwsClients): (cluster: string, service: string, options?: ReadOptions) => Promise<ServiceDeployment[]> {
	return (cluster, service, {signal} = {}) =>
		clients.call({action: 'ecs:ListServiceDeployments', resource: `deployments of service ${service}`, cluster, signal}, async () => {
			requireText(cluster, 'cluster name');
			requireText(service, 'service name');
			const {client, sdk} = await clients.get('ecs');
			// aws ecs list-service-deployments --cluster CLUSTER --service SERVICE --max-results 5
			const listed = await client.send(new sdk.ListServiceDeploymentsCommand({cluster, service, maxResults: recentDeployments}), {abortSignal: signal});
			const arns = (listed.serviceDeployments ?? []).flatMap(brief => (brief.serviceDeploymentArn ? [brief.serviceDeploymentArn] : []));
			if (arns.length === 0) return [];
			const answers = await Promise.all(
				chunk(arns, describeServiceDeploymentsBatch).map(batch =>
					// aws ecs describe-service-deployments --service-deployment-arns ARN...
					client.send(new sdk.DescribeServiceDeploymentsCommand({serviceDeploymentArns: batch}), {abortSignal: signal}),
				),
			);
			const found = answers.flatMap(answer => (answer.serviceDeployments ?? []).map(d => toServiceDeployment(d, cluster, service)));
			return found.sort((a, b) => (b.createdAt ?? 0) - (a.createdAt ?? 0));
		});
}
