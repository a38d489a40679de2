import type {TaskDefinition} from '../port/types.js';

// Where a task definition's containers send their logs, read from the task definition itself
// (containerDefinitions[].logConfiguration, carried in the port's `extra` in SDK field names):
//  - the awslogs driver: options awslogs-group and awslogs-stream-prefix; streams are
//    PREFIX/CONTAINER/TASK-ID (without a prefix, on EC2, the stream is the Docker container id);
//  - FireLens (awsfirelens) with a CloudWatch output (Name cloudwatch or cloudwatch_logs):
//    options log_group_name and log_stream_prefix; streams are PREFIX + a tag holding the task id.
// Other drivers (splunk, fluentd, json-file ...) send nothing to CloudWatch Logs and are skipped.

export type LogDestination = {
	/** The service whose task definition names this destination. */
	service: string;
	/** family:revision of the task definition. */
	taskDefinition: string;
	container: string;
	logGroup: string;
	streamPrefix?: string;
	driver: 'awslogs' | 'awsfirelens';
};

type LogConfiguration = {logDriver?: unknown; options?: unknown};

function optionsOf(configuration: LogConfiguration): Record<string, string> {
	const options = configuration.options;
	if (options === null || typeof options !== 'object') return {};
	const out: Record<string, string> = {};
	for (const [key, value] of Object.entries(options as Record<string, unknown>)) if (typeof value === 'string') out[key] = value;
	return out;
}

const fireLensCloudWatchOutputs = new Set(['cloudwatch', 'cloudwatch_logs']);

/** The CloudWatch Logs destinations of every container of `definition`, in container order. */
export function logDestinationsOf(definition: TaskDefinition, service: string): LogDestination[] {
	const taskDefinition = `${definition.family}:${definition.revision}`;
	const out: LogDestination[] = [];
	for (const container of definition.containers) {
		const configuration = container.extra?.logConfiguration as LogConfiguration | undefined;
		if (!configuration || typeof configuration !== 'object') continue;
		const options = optionsOf(configuration);
		const base = {service, taskDefinition, container: container.name};
		if (configuration.logDriver === 'awslogs' && options['awslogs-group']) {
			const prefix = options['awslogs-stream-prefix'];
			out.push({...base, logGroup: options['awslogs-group'], ...(prefix ? {streamPrefix: prefix} : {}), driver: 'awslogs'});
		} else if (configuration.logDriver === 'awsfirelens' && fireLensCloudWatchOutputs.has((options.Name ?? options.name ?? '').toLowerCase()) && options.log_group_name) {
			const prefix = options.log_stream_prefix;
			out.push({...base, logGroup: options.log_group_name, ...(prefix ? {streamPrefix: prefix} : {}), driver: 'awsfirelens'});
		}
	}
	return out;
}
