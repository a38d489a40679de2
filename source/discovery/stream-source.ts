import type {LogDestination} from './log-destinations.js';

// Which service, container, task and revision wrote a log stream. An awslogs stream is
// PREFIX/CONTAINER/TASK-ID; a FireLens stream is PREFIX followed by a tag that holds the task id.
// The task id names the task for sure (and through the task list, its service and revision); the
// destination (group, prefix, container) names the service when only one service writes there.

export type StreamSource = {
	service: string;
	container?: string;
	taskId?: string;
	/** family:revision of the task's task definition, when the task is known. */
	revision?: string;
};

export type TaskOrigin = {service: string; taskDefinition: string};

/** An ECS task id: 32 hex digits (new ARN format), or the older 36-character UUID. */
const taskIdPattern = /(?:^|[^0-9a-f])([0-9a-f]{32}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?:$|[^0-9a-f])/;

export type StreamMapper = (logGroup: string, logStream: string) => StreamSource | undefined;

/**
 * Builds the mapper from the environment's destinations and its tasks (task id -> service and
 * task definition). Lookups are a few map reads and one short regex: cheap enough per drawn line.
 */
export function streamMapper(destinations: readonly LogDestination[], tasks: ReadonlyMap<string, TaskOrigin>): StreamMapper {
	// group -> destinations writing there, longest prefix first so the most specific wins.
	const byGroup = new Map<string, LogDestination[]>();
	for (const destination of destinations) {
		const list = byGroup.get(destination.logGroup) ?? [];
		list.push(destination);
		byGroup.set(destination.logGroup, list);
	}
	for (const list of byGroup.values()) list.sort((a, b) => (b.streamPrefix?.length ?? 0) - (a.streamPrefix?.length ?? 0));

	return (logGroup, logStream) => {
		const candidates = byGroup.get(logGroup);
		if (!candidates) return undefined;
		const taskId = taskIdPattern.exec(logStream)?.[1];
		const origin = taskId === undefined ? undefined : tasks.get(taskId);
		const matching = candidates.filter(d => matches(d, logStream));
		const services = new Set(matching.map(d => d.service));
		const service = origin?.service ?? (services.size === 1 ? matching[0]!.service : undefined);
		if (service === undefined) return undefined;
		const container = matching.find(d => d.service === service)?.container ?? awslogsContainer(logStream);
		return {
			service,
			...(container === undefined ? {} : {container}),
			...(taskId === undefined ? {} : {taskId}),
			...(origin ? {revision: origin.taskDefinition} : {}),
		};
	};
}

function matches(destination: LogDestination, logStream: string): boolean {
	const prefix = destination.streamPrefix;
	if (destination.driver === 'awslogs') {
		// PREFIX/CONTAINER/TASK-ID, or (no prefix, EC2 launch type) the container id alone.
		return prefix === undefined ? !logStream.includes('/') || logStream.split('/')[0] === destination.container : logStream.startsWith(`${prefix}/${destination.container}/`);
	}
	return prefix === undefined || logStream.startsWith(prefix);
}

function awslogsContainer(logStream: string): string | undefined {
	const parts = logStream.split('/');
	return parts.length === 3 ? parts[1] : undefined;
}

/** The first 8 characters of a task id, as the ECS console shortens them. */
export function shortTaskId(taskId: string): string {
	return taskId.slice(0, 8);
}
