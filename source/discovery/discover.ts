import type {ResourceNames} from '../port/names.js';
import {isAborted} from '../port/errors.js';
import type {Cloud, MetricFilter, ReadOptions, TaskDefinition} from '../port/types.js';
import {logDestinationsOf, type LogDestination} from './log-destinations.js';
import type {TaskOrigin} from './stream-source.js';

// Reads what an environment is made of, the way the account describes it: the cluster's services,
// the log groups their task definitions name, the tasks (so a log stream names its revision), and
// the metric filters on those log groups (so an alarm on a filter's metric is attributed). Run
// about once a minute (useDiscovery); what cannot change is cached for the session.

export type Discovery = {
	services: string[];
	/** The groups to read: the configured ones, plus those the task definitions name. */
	logGroups: string[];
	destinations: LogDestination[];
	/** Task id -> its service and task definition (running tasks, at the last discovery). */
	tasks: Map<string, TaskOrigin>;
	metricFilters: MetricFilter[];
	/** What the engineer should know: a named log group that does not exist, a read that failed. */
	notes: string[];
};

/** Kept across discoveries: task definitions are immutable, so each is read once a session. */
export type DiscoveryCache = {
	taskDefinitions: Map<string, TaskDefinition>;
	/** Log groups known to exist; missing ones are checked again at every discovery. */
	existingGroups: Set<string>;
};

export function createDiscoveryCache(): DiscoveryCache {
	return {taskDefinitions: new Map(), existingGroups: new Set()};
}

async function taskDefinitionOf(cloud: Cloud, ref: string, cache: DiscoveryCache, notes: string[], options: ReadOptions): Promise<TaskDefinition | undefined> {
	const hit = cache.taskDefinitions.get(ref);
	if (hit) return hit;
	try {
		// aws ecs describe-task-definition --task-definition FAMILY:REVISION
		const definition = await cloud.services.describeTaskDefinition(ref, options);
		cache.taskDefinitions.set(ref, definition);
		return definition;
	} catch (error) {
		if (isAborted(error)) throw error;
		notes.push(`could not read task definition ${ref}: ${(error as Error).message}`);
		return undefined;
	}
}

async function groupExists(cloud: Cloud, group: string, cache: DiscoveryCache, options: ReadOptions): Promise<boolean> {
	if (cache.existingGroups.has(group)) return true;
	// aws logs describe-log-groups --log-group-name-prefix GROUP
	const found = await cloud.logs.describeLogGroups(group, options);
	const exists = found.some(g => g.name === group);
	if (exists) cache.existingGroups.add(group);
	return exists;
}

/**
 * One discovery of `names`' environment. Requests: ListServices and DescribeServices (10 a call);
 * DescribeTaskDefinition once per revision a session; ListTasks and DescribeTasks (100 a call);
 * DescribeLogGroups for each group not yet known to exist; DescribeMetricFilters per log group.
 * A missing cluster throws (the services panel says so); everything after it degrades to notes.
 * A cancelled discovery (`signal` aborted) rejects with the AbortError, never a note.
 */
export async function discoverEnvironment(cloud: Cloud, names: ResourceNames, cache: DiscoveryCache, options: ReadOptions = {}): Promise<Discovery> {
	const notes: string[] = [];
	const serviceNames = await cloud.services.listServices(names.cluster, options);
	const services = await cloud.services.describeServices(names.cluster, serviceNames, options);

	// Every revision a deployment runs, old and new: during a rollout both write logs.
	const refs = new Map<string, string>(); // family:revision -> service
	for (const service of services) {
		for (const ref of [service.taskDefinition, ...service.deployments.map(d => d.taskDefinition)]) if (ref) refs.set(ref, service.name);
	}
	const definitions = await Promise.all([...refs].map(async ([ref, service]) => ({service, definition: await taskDefinitionOf(cloud, ref, cache, notes, options)})));
	const destinations = definitions.flatMap(({service, definition}) => (definition ? logDestinationsOf(definition, service) : []));

	const tasks = new Map<string, TaskOrigin>();
	try {
		// aws ecs list-tasks --cluster CLUSTER ; aws ecs describe-tasks --cluster CLUSTER --tasks ID...
		const ids = await cloud.services.listTasks(names.cluster, undefined, options);
		for (const task of await cloud.services.describeTasks(names.cluster, ids, options)) {
			if (task.service) tasks.set(task.id, {service: task.service, taskDefinition: task.taskDefinition});
		}
	} catch (error) {
		if (isAborted(error)) throw error;
		notes.push(`could not list the cluster's tasks (log lines will name their service, not their revision): ${(error as Error).message}`);
	}

	const logGroups = await groupsToRead(cloud, names, destinations, cache, notes, options);
	const metricFilters: MetricFilter[] = [];
	for (const group of logGroups) {
		try {
			// aws logs describe-metric-filters --log-group-name GROUP
			metricFilters.push(...(await cloud.logs.describeMetricFilters(group, options)));
		} catch (error) {
			if (isAborted(error)) throw error;
			notes.push(`could not read the metric filters of ${group}: ${(error as Error).message}`);
		}
	}
	return {services: services.map(s => s.name).sort(), logGroups, destinations, tasks, metricFilters, notes};
}

/**
 * Configured groups are read as given (a missing one is an error the logs screen shows). The
 * conventional guess is kept only when it exists or nothing else was found, so an account named
 * otherwise is not told its /aws/acso/{env}/agents is missing. Named groups that do not exist are
 * left out with a note: one missing group must not stall the tail of the others.
 */
async function groupsToRead(
	cloud: Cloud,
	names: ResourceNames,
	destinations: readonly LogDestination[],
	cache: DiscoveryCache,
	notes: string[],
	options: ReadOptions,
): Promise<string[]> {
	const named = [...new Set(destinations.map(d => d.logGroup))].filter(g => !names.logGroups.includes(g));
	const found: string[] = [];
	for (const group of named) {
		try {
			if (await groupExists(cloud, group, cache, options)) found.push(group);
			else notes.push(`log group ${group}, named by a task definition, does not exist`);
		} catch (error) {
			if (isAborted(error)) throw error;
			found.push(group); // could not check: read it, and let the tail say what is wrong
			notes.push(`could not check log group ${group}: ${(error as Error).message}`);
		}
	}
	if (!names.logGroupsGuessed) return [...names.logGroups, ...found];
	const guesses: string[] = [];
	for (const group of names.logGroups) {
		try {
			if (found.length === 0 || (await groupExists(cloud, group, cache, options))) guesses.push(group);
		} catch (error) {
			if (isAborted(error)) throw error;
			guesses.push(group);
		}
	}
	return [...new Set([...guesses, ...found])];
}
