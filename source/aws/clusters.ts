import type {Cluster as SdkCluster} from '@aws-sdk/client-ecs';
import type {Cluster, ClusterReader} from '../port/types.js';
import type {AwsClients} from './clients.js';
import {chunk, collectPages, lastSegment} from './paging.js';

/** DescribeClusters takes at most 100 clusters a call. */
const describeBatch = 100;

export function toCluster(cluster: SdkCluster): Cluster {
	return {
		name: cluster.clusterName ?? lastSegment(cluster.clusterArn ?? ''),
		arn: cluster.clusterArn ?? '',
		status: cluster.status ?? 'UNKNOWN',
		activeServicesCount: cluster.activeServicesCount ?? 0,
		runningTasksCount: cluster.runningTasksCount ?? 0,
		pendingTasksCount: cluster.pendingTasksCount ?? 0,
	};
}

export function createClusterReader(clients: AwsClients): ClusterReader {
	return {
		describeClusters: (names, {signal} = {}) =>
			clients.call({action: 'ecs:DescribeClusters', resource: `clusters ${names.join(', ')}`, signal}, async () => {
				if (names.length === 0) return {clusters: [], missing: []};
				const {client, sdk} = await clients.get('ecs');
				const answers = await Promise.all(
					chunk(names, describeBatch).map(batch =>
						// aws ecs describe-clusters --clusters NAME...
						client.send(new sdk.DescribeClustersCommand({clusters: batch}), {abortSignal: signal}),
					),
				);
				const clusters = answers.flatMap(answer => (answer.clusters ?? []).map(toCluster));
				// A name comes back as a failure with reason MISSING; an INACTIVE (deleted) cluster is
				// still described, and the caller sees its status.
				const missingArns = answers.flatMap(answer => (answer.failures ?? []).filter(f => f.reason === 'MISSING').map(f => lastSegment(f.arn ?? '')));
				const found = new Set(clusters.flatMap(c => [c.name, c.arn]));
				const missing = names.filter(name => !found.has(name) && missingArns.includes(lastSegment(name)));
				return {clusters, missing};
			}),
		listClusters: ({signal} = {}) =>
			clients.call({action: 'ecs:ListClusters', signal}, async () => {
				const {client, sdk} = await clients.get('ecs');
				const arns = await collectPages('clusters', signal, async token => {
					// aws ecs list-clusters
					const page = await client.send(new sdk.ListClustersCommand({nextToken: token, maxResults: 100}), {abortSignal: signal});
					return {items: page.clusterArns ?? [], next: page.nextToken};
				});
				return arns.map(lastSegment);
			}),
	};
}
