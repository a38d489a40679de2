// What the rollback cockpit shows of one service, read from the port: the deployments (new =
// PRIMARY, old = the newest ACTIVE one), the service deployment ECS rolls out (circuit breaker,
// alarms; where the endpoint has the service-deployments API), and the tasks of both revisions.
import {isCloudError} from '../port/errors.js';
import type {ServiceDeployment} from '../port/service-deployments.js';
import type {Deployment, ReadOptions, Service, ServiceReader, Task} from '../port/types.js';
import {CloudError} from '../port/errors.js';

export type CockpitData = {
	service: Service;
	/** The deployment rolling out (PRIMARY). */
	fresh?: Deployment;
	/** The deployment it replaces, while it still has tasks (the newest ACTIVE one). */
	old?: Deployment;
	/** The service deployment of `fresh`, where the endpoint has the service-deployments API. */
	serviceDeployment?: ServiceDeployment;
	/** False once the endpoint said it has no service-deployments API (asked once a session). */
	deploymentsApi: boolean;
	/** Every task of the service ECS still describes (running and recently stopped). */
	tasks: Task[];
};

// The newest hundred stopped tasks: one DescribeTasks call, plenty to see why a rollout fails.
const maxStoppedTasks = 100;

/** Remembers, per reader, that the endpoint has no service-deployments API, so it is not asked again. */
export type DeploymentsApiMemo = WeakMap<ServiceReader, boolean>;

export function createDeploymentsApiMemo(): DeploymentsApiMemo {
	return new WeakMap();
}

async function readServiceDeployment(reader: ServiceReader, cluster: string, name: string, memo: DeploymentsApiMemo, options: ReadOptions): Promise<{found?: ServiceDeployment; api: boolean}> {
	if (!reader.listServiceDeployments || memo.get(reader) === false) return {api: false};
	try {
		// aws ecs list-service-deployments --cluster CLUSTER --service NAME; aws ecs describe-service-deployments --service-deployment-arns ARN...
		const list = await reader.listServiceDeployments(cluster, name, options);
		memo.set(reader, true);
		return {api: true, ...(list[0] ? {found: list[0]} : {})};
	} catch (error) {
		// No such API here (moto), or these credentials may not call it: DescribeServices says enough.
		if (isCloudError(error) && (error.kind === 'unsupported' || error.kind === 'denied')) {
			memo.set(reader, false);
			return {api: false};
		}
		throw error;
	}
}

/**
 * One refresh of the cockpit: DescribeServices, ListTasks (running and stopped) + DescribeTasks, and
 * ListServiceDeployments + DescribeServiceDeployments where implemented; the reads run side by side.
 */
export async function loadCockpit(reader: ServiceReader, cluster: string, name: string, memo: DeploymentsApiMemo, options: ReadOptions = {}): Promise<CockpitData> {
	const [services, running, stopped, deployment] = await Promise.all([
		// aws ecs describe-services --cluster CLUSTER --services NAME
		reader.describeServices(cluster, [name], options),
		// aws ecs list-tasks --cluster CLUSTER --service-name NAME --desired-status RUNNING (and STOPPED)
		reader.listTasks(cluster, {service: name, desiredStatus: 'RUNNING'}, options),
		reader.listTasks(cluster, {service: name, desiredStatus: 'STOPPED'}, options),
		readServiceDeployment(reader, cluster, name, memo, options),
	]);
	const service = services[0];
	if (!service) throw new CloudError('not-found', `service ${name} not found in cluster ${cluster}`, {resource: name});
	const ids = [...running, ...stopped.slice(0, maxStoppedTasks)];
	// aws ecs describe-tasks --cluster CLUSTER --tasks ID... (100 a call; the port batches)
	const tasks = ids.length > 0 ? await reader.describeTasks(cluster, ids, options) : [];
	const fresh = service.deployments.find(d => d.status === 'PRIMARY');
	const old = service.deployments.filter(d => d.status === 'ACTIVE').sort((a, b) => b.createdAt - a.createdAt)[0];
	return {
		service,
		...(fresh ? {fresh} : {}),
		...(old ? {old} : {}),
		...(deployment.found ? {serviceDeployment: deployment.found} : {}),
		deploymentsApi: deployment.api,
		tasks,
	};
}

/** A task's revision as family:revision (tasks carry it; the deployment names it the same way). */
export function tasksOf(data: CockpitData, revision: string | undefined): Task[] {
	if (revision === undefined) return [];
	return data.tasks.filter(task => task.taskDefinition === revision);
}

/** The deployment's service events: those since it started, newest first. */
export function eventsSince(service: Service, since: number | undefined): Service['events'] {
	if (since === undefined) return service.events;
	// ECS stamps its first event of a deployment a moment before the deployment's createdAt.
	return service.events.filter(event => event.createdAt >= since - 5_000);
}
