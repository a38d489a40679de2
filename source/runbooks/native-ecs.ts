// ECS diagnoses: does the cluster exist, does it run services, are they at their desired count,
// and why did tasks stop (CannotPullContainerError, OutOfMemoryError ...).
import type {Service, Task} from '../port/types.js';
import {type MissingService, readMissingServices} from '../model/missing-services.js';
import type {NativeCall} from './native-call.js';
import {type Finding, listOf, ok, plural, problem, type ReadContext, type ReadOutcome, shortTime, table} from './native-result.js';

type Call<Op extends NativeCall['op']> = Extract<NativeCall, {op: Op}>;

export async function describeClusters(call: Call<'ecs.describe-clusters'>, context: ReadContext): Promise<ReadOutcome> {
	// aws ecs describe-clusters --clusters NAME...
	const {clusters, missing} = await context.cloud.clusters.describeClusters(call.clusters);
	const rows = [['CLUSTER', 'STATUS', 'SERVICES', 'RUNNING', 'PENDING']];
	for (const c of clusters) rows.push([c.name, c.status, String(c.activeServicesCount), String(c.runningTasksCount), String(c.pendingTasksCount)]);
	for (const name of missing) rows.push([name, 'MISSING', '-', '-', '-']);
	let finding: Finding;
	let calls = 1;
	const inactive = clusters.filter(c => c.status !== 'ACTIVE');
	// A count of 0 is checked by listing: the counts lag behind (and emulators never fill them), and
	// "create the services" is not advice to give a cluster that runs them.
	const empty: typeof clusters = [];
	const listed = new Map<string, number>();
	for (const c of clusters.filter(c => c.status === 'ACTIVE' && c.activeServicesCount === 0)) {
		// aws ecs list-services --cluster NAME
		calls += 1;
		const count = (await context.cloud.services.listServices(c.name)).length;
		listed.set(c.name, count);
		if (count === 0) empty.push(c);
	}
	// The environment's own cluster: is every service of the environment in it (one deleted, its family left)?
	const own = clusters.find(c => c.name === context.names.cluster && c.status === 'ACTIVE' && !empty.includes(c));
	let gone: MissingService[] = [];
	if (own && missing.length === 0 && inactive.length === 0) {
		const read = await readMissingServices(context.cloud.services, own.name, context.names.servicePrefix, context.signal ? {signal: context.signal} : {});
		calls += read.calls;
		gone = read.missing;
		for (const service of gone) rows.push([`  ${service.name}`, service.last ? `service ${service.last.status}` : 'no service', '-', '-', '-']);
	}
	if (missing.length > 0) finding = problem(`Cluster ${listOf(missing)} does not exist: deploy the infrastructure first.`, 'no-cluster');
	else if (inactive.length > 0) finding = problem(`Cluster ${listOf(inactive.map(c => `${c.name} is ${c.status}`))}, not ACTIVE.`, 'no-cluster');
	else if (empty.length > 0) finding = problem(`Cluster ${listOf(empty.map(c => c.name))} exists but runs no services: create them.`, 'no-services');
	else if (gone.length > 0) finding = problem(`${listOf(gone.map(service => missingText(service, own!.name)))}: create the service.`, 'service-missing');
	else {
		finding = ok(
			clusters.map(c => `${c.name} is ACTIVE with ${plural(listed.get(c.name) ?? c.activeServicesCount, 'service')} and ${plural(c.runningTasksCount, 'running task')}`).join('; ') + '.',
		);
	}
	return {finding, lines: table(rows), notes: [], calls};
}

function missingText(service: MissingService, cluster: string): string {
	if (!service.last) return `service ${service.name} not found in cluster ${cluster} (task definition family ${service.family} has no service)`;
	const when = service.since === undefined ? '' : ` at ${shortTime(service.since)}`;
	return `service ${service.name} not found in cluster ${cluster} (${service.last.status === 'DRAINING' ? 'being deleted' : 'deleted'}${when}, ${service.last.status})`;
}

export async function listClusters(_call: Call<'ecs.list-clusters'>, context: ReadContext): Promise<ReadOutcome> {
	// aws ecs list-clusters
	const names = await context.cloud.clusters.listClusters();
	const mine = context.names.cluster;
	const finding = names.includes(mine)
		? ok(`${plural(names.length, 'cluster')}; the environment's ${mine} is among them.`)
		: problem(`${mine} is not among the account's ${plural(names.length, 'cluster')}: deploy the infrastructure first.`, 'no-cluster');
	return {finding, lines: names.length === 0 ? ['(no clusters)'] : names.map(name => (name === mine ? `${name}  <- this environment` : name)), notes: [], calls: 1};
}

function serviceRows(services: readonly Service[]): string[] {
	const rows = [['SERVICE', 'DESIRED', 'RUNNING', 'PENDING', 'TASK DEFINITION', 'ROLLOUT']];
	for (const s of services) {
		const primary = s.deployments.find(d => d.status === 'PRIMARY');
		rows.push([s.name, String(s.desiredCount), String(s.runningCount), String(s.pendingCount), s.taskDefinition, primary?.rolloutState ?? '-']);
	}
	return table(rows);
}

/** What a set of services says: below their desired count, failed rollouts, pull errors in events. */
function judgeServices(cluster: string, services: readonly Service[]): Finding {
	if (services.length === 0) return problem(`Cluster ${cluster} has no services: create them.`, 'no-services');
	const pull = services.filter(s => s.events.slice(0, 20).some(e => /CannotPullContainerError/.test(e.message)));
	if (pull.length > 0) {
		return problem(`${listOf(pull.map(s => s.name))}: tasks cannot pull their image (CannotPullContainerError in the service events).`, 'pull-error', ['image']);
	}
	// ECS does not put the stop reason in its events; it says this, and the stopped tasks say why.
	// The new deployment's counts: while it rolls out, the old revision's tasks may still fill the service.
	const counts = (s: Service) => s.deployments.find(d => d.status === 'PRIMARY') ?? s;
	const failing = services.filter(s => counts(s).runningCount < counts(s).desiredCount && s.events.slice(0, 20).some(e => /unable to consistently start tasks/.test(e.message)));
	if (failing.length > 0) {
		return problem(
			`${listOf(failing.map(s => `${s.name} runs ${counts(s).runningCount} of ${counts(s).desiredCount}${counts(s) === s ? '' : ` of ${counts(s).taskDefinition}`}`))}: ECS is "unable to consistently start tasks successfully"; the stopped tasks' reasons say why.`,
			'tasks-failing-to-start',
		);
	}
	const failed = services.filter(s => s.deployments.some(d => d.status === 'PRIMARY' && d.rolloutState === 'FAILED'));
	const short = services.filter(s => s.runningCount < s.desiredCount);
	if (failed.length > 0 || short.length > 0) {
		const parts = [
			...short.map(s => `${s.name} runs ${s.runningCount} of ${s.desiredCount}`),
			...failed.filter(s => !short.includes(s)).map(s => `${s.name}'s rollout FAILED`),
		];
		return problem(`${listOf(parts, 4)}.`, 'services-degraded');
	}
	return ok(`${plural(services.length, 'service')}, each at its desired count.`);
}

export async function listServices(call: Call<'ecs.list-services'>, context: ReadContext): Promise<ReadOutcome> {
	// aws ecs list-services --cluster CLUSTER
	const names = await context.cloud.services.listServices(call.cluster);
	if (names.length === 0) return {finding: judgeServices(call.cluster, []), lines: ['(no services)'], notes: [], calls: 1};
	// aws ecs describe-services --cluster CLUSTER --services NAME...  (to tell whether each one runs)
	const services = await context.cloud.services.describeServices(call.cluster, names);
	return {
		finding: judgeServices(call.cluster, services),
		lines: serviceRows(services),
		notes: ['acso-tui also describes the services, to show whether each one runs.'],
		calls: 2,
	};
}

export async function describeServices(call: Call<'ecs.describe-services'>, context: ReadContext): Promise<ReadOutcome> {
	let calls = 0;
	let names = call.services;
	if (names.length === 0) {
		// aws ecs list-services --cluster CLUSTER
		names = await context.cloud.services.listServices(call.cluster);
		calls++;
	}
	if (names.length === 0) return {finding: judgeServices(call.cluster, []), lines: ['(no services)'], notes: [], calls};
	// aws ecs describe-services --cluster CLUSTER --services NAME...
	const services = await context.cloud.services.describeServices(call.cluster, names);
	calls++;
	const missing = names.filter(name => !services.some(s => s.name === name));
	const lines = serviceRows(services);
	if (missing.length > 0) lines.push(...missing.map(name => `${name}  MISSING`));
	const finding = missing.length > 0 ? problem(`Service ${listOf(missing)} does not exist in ${call.cluster}.`, 'no-services') : judgeServices(call.cluster, services);
	return {finding, lines, notes: [], calls};
}

function taskRows(tasks: readonly Task[]): string[] {
	const rows = [['TASK', 'SERVICE', 'STATUS', 'STOPPED', 'REASON']];
	for (const t of tasks) rows.push([t.id, t.service ?? '-', t.lastStatus, shortTime(t.stoppedAt), firstLine(t.stoppedReason ?? t.containers.find(c => c.reason)?.reason ?? '')]);
	return table(rows);
}

const firstLine = (text: string) => {
	const line = text.split('\n')[0] ?? '';
	return line.length > 160 ? `${line.slice(0, 157)}...` : line;
};

/** Why tasks stopped: the first reason that names a known failure wins. */
export function judgeStoppedTasks(tasks: readonly Task[]): Finding {
	const stopped = tasks.filter(t => t.lastStatus === 'STOPPED');
	const reasonOf = (t: Task) => [t.stoppedReason ?? '', ...t.containers.map(c => c.reason ?? '')].join(' ');
	const pull = stopped.filter(t => /CannotPullContainerError/.test(reasonOf(t)));
	if (pull.length > 0) {
		const denied = pull.some(t => /AccessDenied|not authorized|403|denied/i.test(reasonOf(t)));
		return problem(
			`${plural(pull.length, 'task')} of ${listOf([...new Set(pull.map(t => t.service ?? t.taskDefinition))])} could not pull the image: ${firstLine(reasonOf(pull[0] as Task).trim())}`,
			denied ? 'pull-denied' : 'pull-error',
			['image'],
		);
	}
	const oom = stopped.filter(t => /OutOfMemory/i.test(reasonOf(t)));
	if (oom.length > 0) {
		return problem(`${plural(oom.length, 'task')} of ${listOf([...new Set(oom.map(t => t.service ?? t.taskDefinition))])} ran out of memory (OutOfMemoryError).`, 'oom', ['memory']);
	}
	// ECS could not assume the execution or task role the task definition names (gone, or its trust changed).
	const role = stopped.filter(t => /unable to assume the role/i.test(reasonOf(t)));
	if (role.length > 0) {
		const arn = /role '([^']+)'/.exec(reasonOf(role[0] as Task))?.[1];
		return problem(
			`${plural(role.length, 'task')} of ${listOf([...new Set(role.map(t => t.service ?? t.taskDefinition))])} could not start: ECS was unable to assume the role${arn ? ` ${arn}` : ''} (check that it exists and trusts ecs-tasks.amazonaws.com).`,
			'role-unassumable',
			['role'],
		);
	}
	const init = stopped.filter(t => /ResourceInitializationError/.test(reasonOf(t)));
	if (init.length > 0) return problem(`${plural(init.length, 'task')} failed to initialise: ${firstLine(reasonOf(init[0] as Task).trim())}`, 'task-start-failed');
	const crashed = stopped.filter(t => t.containers.some(c => c.exitCode !== undefined && c.exitCode !== 0) && t.stopCode === 'EssentialContainerExited');
	if (crashed.length > 0) {
		return problem(`${plural(crashed.length, 'task')} exited with an error (${listOf([...new Set(crashed.map(t => t.service ?? t.taskDefinition))])}).`, 'task-crashed');
	}
	if (stopped.length === 0) return ok(tasks.length === 0 ? 'No tasks.' : `${plural(tasks.length, 'task')}, none stopped.`);
	return ok(`${plural(stopped.length, 'stopped task')}, none for a failure (deployments and scaling).`);
}

export async function listTasks(call: Call<'ecs.list-tasks'>, context: ReadContext): Promise<ReadOutcome> {
	// aws ecs list-tasks --cluster CLUSTER [--service-name S] [--desired-status STATUS]
	const ids = await context.cloud.services.listTasks(call.cluster, {
		...(call.service === undefined ? {} : {service: call.service}),
		...(call.desiredStatus === undefined ? {} : {desiredStatus: call.desiredStatus}),
	});
	if (ids.length === 0) {
		const what = call.desiredStatus === 'STOPPED' ? 'No recently stopped tasks (ECS keeps them about an hour).' : 'No tasks.';
		return {finding: call.desiredStatus === 'STOPPED' ? ok(what) : problem(`${what} Nothing runs in ${call.cluster}${call.service ? ` for ${call.service}` : ''}.`, 'no-tasks'), lines: ['(no tasks)'], notes: [], calls: 1};
	}
	// aws ecs describe-tasks --cluster CLUSTER --tasks ID...  (at most 100 a call; the port batches)
	const tasks = await context.cloud.services.describeTasks(call.cluster, ids.slice(0, 100));
	const notes = ids.length > 100 ? [`${ids.length} tasks; acso-tui describes the first 100.`] : [];
	return {finding: judgeStoppedTasks(tasks), lines: taskRows(tasks), notes, calls: 2};
}

export async function describeTasks(call: Call<'ecs.describe-tasks'>, context: ReadContext): Promise<ReadOutcome> {
	// aws ecs describe-tasks --cluster CLUSTER --tasks ID...
	const tasks = await context.cloud.services.describeTasks(call.cluster, call.tasks);
	const missing = call.tasks.filter(id => !tasks.some(t => t.id === id || t.arn === id));
	const lines = taskRows(tasks);
	if (missing.length > 0) lines.push(...missing.map(id => `${id}  MISSING`));
	return {finding: judgeStoppedTasks(tasks), lines, notes: [], calls: 1};
}
