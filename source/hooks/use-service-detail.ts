import {useCallback, useRef} from 'react';
import {taskDefinitionSize} from '../format/deployments.js';
import {sortTasks} from '../format/tasks.js';
import {CloudError, errorMessage, isPermanent} from '../port/errors.js';
import type {ReadOptions, Service, ServiceReader, Task, TaskDefinition} from '../port/types.js';
import {useApp} from '../shell/app-context.js';
import {usePoll} from './use-poll.js';

export type ServiceDetail = {
	service: Service;
	/** Sorted: prominent failures first, then running, then other stopped tasks. */
	tasks: Task[];
	/** "1 vCPU · 2.0 GiB" by task definition (family:revision), or why it could not be read. */
	sizes: Record<string, string>;
};

// Stopped tasks stay listed about an hour; a crash-looping service can leave hundreds. The newest
// hundred are plenty to see the pattern, and one DescribeTasks call on AWS.
const maxStoppedTasks = 100;

/**
 * Everything the detail shows, from the port: the service, its running and stopped tasks, and the
 * size of each deployment's task definition. `definitions` caches revisions across refreshes: a
 * registered revision never changes.
 */
export async function loadServiceDetail(
	reader: ServiceReader,
	cluster: string,
	name: string,
	definitions: Map<string, TaskDefinition>,
	options: ReadOptions = {},
): Promise<ServiceDetail> {
	// aws ecs describe-services --cluster CLUSTER --services NAME
	const [service] = await reader.describeServices(cluster, [name], options);
	if (!service) throw new CloudError('not-found', `service ${name} not found in cluster ${cluster}`, {resource: name});
	// aws ecs list-tasks --cluster CLUSTER --service-name NAME --desired-status RUNNING (and STOPPED)
	const [running, stopped] = await Promise.all([
		reader.listTasks(cluster, {service: name, desiredStatus: 'RUNNING'}, options),
		reader.listTasks(cluster, {service: name, desiredStatus: 'STOPPED'}, options),
	]);
	const ids = [...running, ...stopped.slice(0, maxStoppedTasks)];
	// aws ecs describe-tasks --cluster CLUSTER --tasks ID...
	const tasks = ids.length > 0 ? await reader.describeTasks(cluster, ids, options) : [];
	const sizes: Record<string, string> = {};
	const revisions = [...new Set(service.deployments.map(d => d.taskDefinition))];
	await Promise.all(
		revisions.map(async revision => {
			try {
				// aws ecs describe-task-definition --task-definition FAMILY:REVISION
				if (!definitions.has(revision)) definitions.set(revision, await reader.describeTaskDefinition(revision, options));
				sizes[revision] = taskDefinitionSize(definitions.get(revision)) ?? '—';
			} catch (error) {
				// One unreadable revision (deregistered, denied) must not blank the whole screen.
				if (!isPermanent(error)) throw error;
				sizes[revision] = `? (${errorMessage(error)})`;
			}
		}),
	);
	return {service, tasks: sortTasks(tasks), sizes};
}

/** The service detail screen's data, polled while it is shown. */
export function useServiceDetail(name: string) {
	const {cloud, config, now, refresh} = useApp();
	const {cluster} = config.names;
	const definitions = useRef(new Map<string, TaskDefinition>());
	const fetch = useCallback((signal: AbortSignal) => loadServiceDetail(cloud.services, cluster, name, definitions.current, {signal}), [cloud, cluster, name]);
	return usePoll(fetch, {intervalMs: config.refreshMs, enabled: name !== '', key: `${cluster}/${name}`, now, refresh});
}
