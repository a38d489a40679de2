import {CloudError} from '../port/errors.js';
import type {ServiceReader} from '../port/types.js';
import type {AwsClients} from './clients.js';
import {toService, toTask, toTaskDefinition} from './ecs-shapes.js';
import {chunk, collectPages, lastSegment, requireText} from './paging.js';
import {createServiceDeploymentReader} from './service-deployments.js';

/** ECS limits: DescribeServices takes 10 services a call, DescribeTasks 100 tasks. */
export const describeServicesBatch = 10;
export const describeTasksBatch = 100;

export function createServiceReader(clients: AwsClients): ServiceReader {
	return {
		listServices: (cluster, {signal} = {}) =>
			clients.call({action: 'ecs:ListServices', resource: `cluster ${cluster}`, cluster, signal}, async () => {
				requireText(cluster, 'cluster name');
				const {client, sdk} = await clients.get('ecs');
				const arns = await collectPages(`services of ${cluster}`, signal, async token => {
					// aws ecs list-services --cluster CLUSTER
					const page = await client.send(new sdk.ListServicesCommand({cluster, nextToken: token, maxResults: 100}), {abortSignal: signal});
					return {items: page.serviceArns ?? [], next: page.nextToken};
				});
				return arns.map(lastSegment);
			}),

		describeServices: (cluster, names, {signal} = {}) =>
			clients.call({action: 'ecs:DescribeServices', resource: `services in cluster ${cluster}`, cluster, signal}, async () => {
				requireText(cluster, 'cluster name');
				if (names.length === 0) return [];
				const {client, sdk} = await clients.get('ecs');
				// Batches run in parallel: 25 services are 3 requests, answered in the time of one.
				const answers = await Promise.all(
					chunk(names, describeServicesBatch).map(batch =>
						// aws ecs describe-services --cluster CLUSTER --services NAME...
						client.send(new sdk.DescribeServicesCommand({cluster, services: batch}), {abortSignal: signal}),
					),
				);
				// Unknown names come back as failures (reason MISSING) and are simply absent here.
				return answers.flatMap(answer => (answer.services ?? []).map(service => toService(service, cluster)));
			}),

		listTasks: (cluster, filter = {}, {signal} = {}) =>
			clients.call({action: 'ecs:ListTasks', resource: filter.service ? `tasks of service ${filter.service}` : `tasks in cluster ${cluster}`, cluster, signal}, async () => {
				requireText(cluster, 'cluster name');
				const {client, sdk} = await clients.get('ecs');
				const arns = await collectPages(`tasks of ${cluster}`, signal, async token => {
					// aws ecs list-tasks --cluster CLUSTER [--service-name NAME] [--desired-status RUNNING|STOPPED]
					const page = await client.send(
						new sdk.ListTasksCommand({cluster, serviceName: filter.service, desiredStatus: filter.desiredStatus, nextToken: token, maxResults: 100}),
						{abortSignal: signal},
					);
					return {items: page.taskArns ?? [], next: page.nextToken};
				});
				return arns.map(lastSegment);
			}),

		describeTasks: (cluster, ids, {signal} = {}) =>
			clients.call({action: 'ecs:DescribeTasks', resource: `tasks in cluster ${cluster}`, cluster, signal}, async () => {
				requireText(cluster, 'cluster name');
				if (ids.length === 0) return [];
				const {client, sdk} = await clients.get('ecs');
				const answers = await Promise.all(
					chunk(ids, describeTasksBatch).map(batch =>
						// aws ecs describe-tasks --cluster CLUSTER --tasks ID...
						client.send(new sdk.DescribeTasksCommand({cluster, tasks: batch}), {abortSignal: signal}),
					),
				);
				return answers.flatMap(answer => (answer.tasks ?? []).map(task => toTask(task, cluster)));
			}),

		describeTaskDefinition: (familyOrArn, {signal} = {}) =>
			clients.call({action: 'ecs:DescribeTaskDefinition', resource: `task definition ${familyOrArn}`, signal}, async () => {
				requireText(familyOrArn, 'task definition (family, family:revision or ARN)');
				const {client, sdk} = await clients.get('ecs');
				// aws ecs describe-task-definition --task-definition FAMILY[:REVISION]
				const answer = await client.send(new sdk.DescribeTaskDefinitionCommand({taskDefinition: familyOrArn}), {abortSignal: signal});
				if (!answer.taskDefinition) {
					throw new CloudError('not-found', `Not found: task definition ${familyOrArn}`, {resource: `task definition ${familyOrArn}`});
				}
				return toTaskDefinition(answer.taskDefinition);
			}),

		listServiceDeployments: createServiceDeploymentReader(clients),

		listTaskDefinitionFamilies: (prefix, {signal} = {}) =>
			clients.call({action: 'ecs:ListTaskDefinitionFamilies', resource: `task definition families ${prefix}*`, signal}, async () => {
				const {client, sdk} = await clients.get('ecs');
				return collectPages(`task definition families ${prefix}*`, signal, async token => {
					// aws ecs list-task-definition-families --family-prefix PREFIX --status ACTIVE
					const page = await client.send(new sdk.ListTaskDefinitionFamiliesCommand({familyPrefix: prefix || undefined, status: 'ACTIVE', nextToken: token, maxResults: 100}), {abortSignal: signal});
					return {items: page.families ?? [], next: page.nextToken};
				});
			}),
	};
}
