// The faults a drill injects into the simulated account (source/drills/ says which, when and why),
// and the check that the fault's cause is gone. Each fault changes the world the way the incident
// would, so the dashboard, the runbooks' diagnoses and the fixes see it through the port like any
// other state; the check reads the world, never what is drawn, so hiding a symptom (raising an
// alarm's threshold) does not count as fixing it.

import type {MetricAlarmInput} from '../port/types.js';
import {putMetricAlarm} from './alarms.js';
import {MINUTE, SECOND} from './clock.js';
import {logAlarmChanges} from './engine.js';
import {createLogGroup, writeEvent} from './logs.js';
import {TRAIL_LOG_GROUP} from './denied-calls.js';
import {deletedServiceFixed, type DeletedServiceFault, injectDeletedService} from './drill-service-faults.js';
import {aggregateOne, metricKey, rewriteMinute, shiftMinute} from './metric-store.js';
import {leakedConnections} from './metrics.js';
import type {AlarmStateChange, SimService, World} from './model.js';
import {judgeMetricAlarm, reasonFor, record, transition} from './alarm-evaluation.js';
import {imageFor, serviceLogGroup} from './catalog.js';
import {startDeployment} from './services.js';
import {findTaskDefinition, mainContainer, registerTaskDefinition} from './task-definitions.js';
import {taskLoad} from './tasks.js';
import {addRole} from './roles.js';
import {injectMissingRole, missingRoleFixed, type MissingRoleFault} from './role-faults.js';
import {memoryPercent, oomAfterMs, surgeCpuPercent} from './workload.js';
import {injectParameterDrift, parameterDriftFixed, type ParameterDrift} from './parameter-drift-fault.js';
import {ingressRestored, injectIngressRevoked, type IngressRevoked} from './network-faults.js';

export type SimFault =
	/**
	 * The service's running processes leak (a cache that grows without bound since a bad workflow
	 * arrived `onsetMinutes` ago): memory climbs toward the limit. Tasks started after the
	 * injection are clean, so replacing every leaking task removes the cause.
	 */
	| {kind: 'memory-leak'; service: string; leakMiBPerMin: number; onsetMinutes: number}
	/**
	 * A surge of work on the service since `onsetMinutes` ago: `cpuPercent` per task at its usual
	 * count. Fixed when its running tasks carry it at `targetPercent` or less each (more tasks, or bigger ones).
	 */
	| {kind: 'cpu-surge'; service: string; cpuPercent: number; targetPercent: number; onsetMinutes: number}
	/**
	 * A rollout of the service to `tag`: an image never pushed (`missing-image`: the new tasks stop
	 * with CannotPullContainerError) or one that logs errors at `errorShare` of its lines
	 * (`regressed`; the old tasks keep serving for `bakeMinutes`). Fixed when no task runs the new
	 * image and the service is back at its desired count on an image that works.
	 */
	| {kind: 'bad-rollout'; service: string; tag: string; problem: 'missing-image' | 'regressed'; errorShare?: number; bakeMinutes?: number}
	/**
	 * Someone "tuned" the alarm `sinceMinutes` ago: a one-minute period, one evaluation, and the
	 * threshold at the median of its metric then, so it has flapped ever since (its history is
	 * replayed on the metric's own data). Fixed when it again needs a sustained breach
	 * (`minPeriods` evaluations or more), at `minThreshold` or above, on the same dimensions.
	 */
	| {kind: 'flapping-alarm'; alarm: string; sinceMinutes: number; minPeriods: number; minThreshold: number}
	/**
	 * The service's running tasks leak database connections (opened, never returned to the pool)
	 * since `onsetMinutes` ago. Tasks started after the injection are clean: fixed when every
	 * leaking task is replaced and the service is at its desired count.
	 */
	| {kind: 'connection-leak'; service: string; perMinute: number; max: number; onsetMinutes: number}
	/**
	 * A revision of the service deployed with a task role that lacks a policy: `share` of the
	 * agent's calls fail with AccessDeniedException on `action`, in its log lines and in the trail's
	 * log group. Fixed when no task runs that revision and the service is at its desired count.
	 */
	| {kind: 'denied-role'; service: string; role: string; action: string; resource: string; share: number}
	/**
	 * A revision of the service whose container exits `afterSeconds` after it starts (logging
	 * `line`), rolled out with the old tasks stopped first: the service goes down, and the agents
	 * that call it time out. Fixed when no task runs that revision and the service is at its desired count.
	 */
	| {kind: 'crashing-rollout'; service: string; afterSeconds: number; line: string}
	/** The execution role the service's task definitions name was deleted (role-faults.ts). */
	| MissingRoleFault
	/** Someone removed the log group's retention policy: its logs never expire and storage grows. Fixed by a retention of at least `minDays`. */
	| {kind: 'no-retention'; logGroup: string; minDays: number}
	/** The metric filter that publishes the metric was deleted: the metric has no data. Fixed when a filter on the group publishes it again. */
	| {kind: 'metric-filter-deleted'; logGroup: string; filterName: string; metricName: string; metricNamespace: string}
	/**
	 * Someone changed a parameter by hand `agoMinutes` ago (as `by`), over the value the environment's
	 * automation wrote; the agent that reads it shows the effect. Fixed when it holds the automation's value again.
	 */
	| ParameterDrift
	/** The rule admitting `fromService`'s group to the service's container port was revoked (network-faults.ts). */
	| IngressRevoked
	/** The service was deleted from its cluster (drill-service-faults.ts). Fixed when it is ACTIVE again with its tasks running. */
	| DeletedServiceFault
	/** Noise: an alarm that is in ALARM and means nothing for the incident (missing data treated as breaching). */
	| {kind: 'harmless-alarm'; name: string; service: string; metricName: string; description: string}
	/** Noise: ordinary error lines of a healthy service. */
	| {kind: 'error-lines'; service: string; message: string; count: number};

function serviceOf(world: World, name: string): SimService {
	const service = world.services.get(name);
	if (!service) throw new Error(`drill fault: no service ${name} in the simulated account (known: ${[...world.services.keys()].join(', ')})`);
	return service;
}

function running(service: SimService) {
	return service.tasks.filter(task => task.lastStatus === 'RUNNING');
}

function injectLeak(world: World, fault: Extract<SimFault, {kind: 'memory-leak'}>): void {
	const service = serviceOf(world, fault.service);
	const at = world.time;
	const leakFrom = at - fault.onsetMinutes * MINUTE;
	const tasks = running(service);
	for (const task of tasks) {
		task.leakMiBPerMin = fault.leakMiBPerMin;
		task.leakFrom = Math.max(task.startedAt ?? leakFrom, leakFrom);
		const lifetime = oomAfterMs(taskLoad(task));
		task.oomAt = lifetime === undefined ? undefined : Math.max(at + MINUTE, task.leakFrom + lifetime);
		if (task.oomAt !== undefined) task.nextAt = Math.min(task.nextAt, task.oomAt);
	}
	// The leak has been building since leakFrom: the service's memory series says so, as
	// CloudWatch's would (an alarm on it then fires within a minute instead of after the onset).
	if (!service.memSeries || tasks.length === 0) return;
	// The minute in progress too, for the seconds it has had.
	for (let minute = Math.floor(leakFrom / MINUTE) * MINUTE; minute < at; minute += MINUTE) {
		const seconds = Math.min(MINUTE, at - minute) / SECOND;
		const mid = minute + (seconds * SECOND) / 2;
		const mean = tasks.reduce((sum, task) => sum + memoryPercent(taskLoad(task), mid), 0) / tasks.length;
		rewriteMinute(service.memSeries, mid, mean, seconds * tasks.length);
	}
}

function injectSurge(world: World, fault: Extract<SimFault, {kind: 'cpu-surge'}>): void {
	const service = serviceOf(world, fault.service);
	world.cpuSurges.set(service.name, fault.cpuPercent);
	const tasks = running(service);
	const at = world.time;
	if (!service.cpuSeries || tasks.length === 0) return;
	const usual = service.profile.desired[service.env];
	// The surge has been on since the onset: the CPU series says so, as CloudWatch's would.
	for (let minute = Math.floor((at - fault.onsetMinutes * MINUTE) / MINUTE) * MINUTE; minute < at; minute += MINUTE) {
		const seconds = Math.min(MINUTE, at - minute) / SECOND;
		const mid = minute + (seconds * SECOND) / 2;
		const mean = tasks.reduce((sum, task) => sum + surgeCpuPercent(fault.cpuPercent, usual, taskLoad(task), mid, tasks.length), 0) / tasks.length;
		rewriteMinute(service.cpuSeries, mid, mean, seconds * tasks.length);
	}
}

/** Each running task's share of the surge, in CPU % of its own size. */
function surgeShare(service: SimService, fault: Extract<SimFault, {kind: 'cpu-surge'}>, tasks: ReturnType<typeof running>): number {
	const usual = service.profile.desired[service.env];
	return Math.max(...tasks.map(task => ((fault.cpuPercent * usual) / tasks.length) * (1024 / Math.max(256, task.cpuUnits))));
}

function badImage(service: SimService, tag: string): string {
	return imageFor(service.profile.short, tag);
}

function injectRollout(world: World, fault: Extract<SimFault, {kind: 'bad-rollout'}>): void {
	const service = serviceOf(world, fault.service);
	const current = findTaskDefinition(world, service.deployments[0]!.taskDefinition);
	const main = mainContainer(current);
	const image = badImage(service, fault.tag);
	const {revision: _revision, arn: _arn, status: _status, registeredAt: _at, ...input} = structuredClone(current);
	input.containers = input.containers.map(container => (container.name === main.name ? {...container, image} : container));
	if (fault.problem === 'missing-image') world.images.delete(image);
	else {
		world.images.add(image);
		world.regressedImages.set(image, fault.errorShare ?? 0.3);
	}
	const next = registerTaskDefinition(world, input);
	const deployment = startDeployment(world, service, `${next.family}:${next.revision}`, world.time);
	if (fault.bakeMinutes !== undefined) deployment.bakeUntil = world.time + fault.bakeMinutes * MINUTE;
}

function injectFlapping(world: World, fault: Extract<SimFault, {kind: 'flapping-alarm'}>): void {
	const alarm = world.alarms.get(fault.alarm);
	if (!alarm || alarm.kind !== 'metric') throw new Error(`drill fault: no metric alarm ${fault.alarm} in the simulated account`);
	const series = world.metrics.series.get(metricKey(alarm.namespace, alarm.metricName, alarm.dimensions));
	const end = Math.floor(world.time / MINUTE) * MINUTE;
	const from = end - fault.sinceMinutes * MINUTE;
	const values: number[] = [];
	for (let t = from; t < end; t += MINUTE) {
		const value = aggregateOne(series, t, MINUTE, alarm.statistic);
		if (value !== undefined) values.push(value);
	}
	values.sort((a, b) => a - b);
	alarm.threshold = Math.round((values[Math.floor(values.length / 2)] ?? alarm.threshold) * 10) / 10;
	alarm.periodSeconds = 60;
	alarm.evaluationPeriods = 1;
	record(alarm, {alarmName: alarm.name, timestamp: from, type: 'ConfigurationUpdate', summary: `Alarm "${alarm.name}" updated`});
	// Replayed minute by minute on the data it had, as CloudWatch would have judged it.
	const changes: AlarmStateChange[] = [];
	for (let t = from + MINUTE; t <= end; t += MINUTE) {
		const verdict = judgeMetricAlarm(world, alarm, t);
		if (verdict) transition(alarm, verdict.state, () => reasonFor(alarm, verdict), t, changes);
	}
	logAlarmChanges(world, changes);
}

function injectConnectionLeak(world: World, fault: Extract<SimFault, {kind: 'connection-leak'}>): void {
	const service = serviceOf(world, fault.service);
	const at = world.time;
	const from = at - fault.onsetMinutes * MINUTE;
	for (const task of running(service)) task.connectionLeak = {from: Math.max(task.startedAt ?? from, from), perMinute: fault.perMinute, max: fault.max};
	// The connections opened since the onset are in the database's series, as CloudWatch's would be.
	const db = [...world.databases.values()].find(candidate => candidate.env === service.env);
	if (!db?.connSeries) return;
	for (let minute = Math.floor(from / MINUTE) * MINUTE; minute <= at; minute += MINUTE) {
		shiftMinute(db.connSeries, minute, leakedConnections(world, service.env, Math.min(at, minute + MINUTE / 2)));
	}
}

function injectDeniedRole(world: World, fault: Extract<SimFault, {kind: 'denied-role'}>): void {
	const service = serviceOf(world, fault.service);
	const current = findTaskDefinition(world, service.deployments[0]!.taskDefinition);
	const {revision: _revision, arn: _arn, status: _status, registeredAt: _at, ...input} = structuredClone(current);
	// The role exists (ECS can assume it); it only lacks the policy.
	addRole(world, fault.role, world.time);
	const next = registerTaskDefinition(world, {...input, taskRoleArn: fault.role});
	const ref = `${next.family}:${next.revision}`;
	world.deniedCalls.set(ref, {action: fault.action, resource: fault.resource, role: fault.role, share: fault.share});
	if (!world.logGroups.has(TRAIL_LOG_GROUP)) createLogGroup(world, TRAIL_LOG_GROUP);
	startDeployment(world, service, ref, world.time);
}

function injectCrashingRollout(world: World, fault: Extract<SimFault, {kind: 'crashing-rollout'}>): void {
	const service = serviceOf(world, fault.service);
	const current = findTaskDefinition(world, service.deployments[0]!.taskDefinition);
	const {revision: _revision, arn: _arn, status: _status, registeredAt: _at, ...input} = structuredClone(current);
	const next = registerTaskDefinition(world, input);
	const ref = `${next.family}:${next.revision}`;
	world.crashingTaskDefinitions.set(ref, {afterMs: fault.afterSeconds * SECOND, line: fault.line});
	// Someone saved money on this service: its old tasks stop before the new ones start.
	world.deploymentOverrides.set(service.name, {minimumHealthyPercent: 0, maximumPercent: 100});
	startDeployment(world, service, ref, world.time);
}

function injectHarmlessAlarm(world: World, fault: Extract<SimFault, {kind: 'harmless-alarm'}>): void {
	const service = serviceOf(world, fault.service);
	const input: MetricAlarmInput = {
		name: fault.name,
		description: fault.description,
		namespace: 'ACSO/Agents',
		metricName: fault.metricName,
		dimensions: {ServiceName: service.name},
		statistic: 'Maximum',
		periodSeconds: 60,
		evaluationPeriods: 1,
		threshold: 1,
		comparisonOperator: 'GreaterThanThreshold',
		actionsEnabled: false,
		extra: {TreatMissingData: 'breaching'},
	};
	logAlarmChanges(world, putMetricAlarm(world, input));
}

function injectErrorLines(world: World, fault: Extract<SimFault, {kind: 'error-lines'}>): void {
	const service = serviceOf(world, fault.service);
	const task = running(service)[0];
	const stream = task ? task.logStream : `${service.profile.short}/${service.profile.container}/drill`;
	for (let i = 0; i < fault.count; i++) {
		const at = world.time - (fault.count - i) * 7 * SECOND;
		writeEvent(world, serviceLogGroup(service.env, service.profile.short), at, world.time, stream, `ERROR [${service.profile.short}] ${fault.message}`);
	}
}

function groupOf(world: World, name: string) {
	const group = world.logGroups.get(name);
	if (!group) throw new Error(`drill fault: no log group ${name} in the simulated account`);
	return group;
}

export function injectFault(world: World, fault: SimFault): void {
	switch (fault.kind) {
		case 'cpu-surge':
			injectSurge(world, fault);
			return;
		case 'crashing-rollout':
			injectCrashingRollout(world, fault);
			return;
		case 'denied-role':
			injectDeniedRole(world, fault);
			return;
		case 'missing-execution-role':
			injectMissingRole(world, serviceOf(world, fault.service), fault);
			return;
		case 'connection-leak':
			injectConnectionLeak(world, fault);
			return;
		case 'flapping-alarm':
			injectFlapping(world, fault);
			return;
		case 'bad-rollout':
			injectRollout(world, fault);
			return;
		case 'no-retention':
			groupOf(world, fault.logGroup).retentionInDays = undefined;
			return;
		case 'metric-filter-deleted':
			groupOf(world, fault.logGroup).filters.delete(fault.filterName);
			return;
		case 'memory-leak':
			injectLeak(world, fault);
			return;
		case 'parameter-drift':
			injectParameterDrift(world, fault);
			return;
		case 'ingress-revoked':
			injectIngressRevoked(world, fault);
			return;
		case 'harmless-alarm':
			injectHarmlessAlarm(world, fault);
			return;
		case 'error-lines':
			injectErrorLines(world, fault);
			return;
		case 'service-deleted':
			injectDeletedService(world, fault);
	}
}

/** Whether the fault's cause is gone from the world (noise is never the cause: always true). */
export function faultFixed(world: World, fault: SimFault): boolean {
	switch (fault.kind) {
		case 'memory-leak': {
			const service = serviceOf(world, fault.service);
			const tasks = running(service);
			// Every leaking process replaced, and the service serving at its desired count (stopping it is no fix).
			return service.desiredCount > 0 && tasks.length >= service.desiredCount && tasks.every(task => task.leakFrom === undefined);
		}
		case 'cpu-surge': {
			const service = serviceOf(world, fault.service);
			const tasks = running(service);
			// Enough capacity for the work, at the count the service asks for (not a task or two on the way).
			return tasks.length > 0 && tasks.length >= service.desiredCount && surgeShare(service, fault, tasks) <= fault.targetPercent;
		}
		case 'bad-rollout': {
			const service = serviceOf(world, fault.service);
			const image = badImage(service, fault.tag);
			const live = service.tasks.filter(task => task.lastStatus !== 'STOPPED' && task.desiredStatus === 'RUNNING');
			const primary = service.deployments[0];
			const primaryImage = primary ? mainContainer(findTaskDefinition(world, primary.taskDefinition)).image : image;
			return primaryImage !== image && live.every(task => task.image !== image) && running(service).length >= service.desiredCount && service.desiredCount > 0;
		}
		case 'flapping-alarm': {
			const alarm = world.alarms.get(fault.alarm);
			if (!alarm || alarm.kind !== 'metric') return false;
			// Still watching what it watched: an alarm without its dimensions has no data and never fires.
			const same = alarm.dimensions.ServiceName !== undefined && world.services.has(alarm.dimensions.ServiceName);
			return same && alarm.evaluationPeriods >= fault.minPeriods && alarm.threshold >= fault.minThreshold;
		}
		case 'connection-leak': {
			const service = serviceOf(world, fault.service);
			const tasks = running(service);
			return service.desiredCount > 0 && tasks.length >= service.desiredCount && tasks.every(task => task.connectionLeak === undefined);
		}
		case 'denied-role': {
			const service = serviceOf(world, fault.service);
			const live = service.tasks.filter(task => task.lastStatus !== 'STOPPED' && task.desiredStatus === 'RUNNING');
			const primary = service.deployments[0];
			return primary !== undefined && !world.deniedCalls.has(primary.taskDefinition) && live.every(task => !world.deniedCalls.has(task.taskDefinition)) && running(service).length >= service.desiredCount && service.desiredCount > 0;
		}
		case 'crashing-rollout': {
			const service = serviceOf(world, fault.service);
			const bad = (td: string) => world.crashingTaskDefinitions.has(td);
			const live = service.tasks.filter(task => task.lastStatus !== 'STOPPED' && task.desiredStatus === 'RUNNING');
			const primary = service.deployments[0];
			return primary !== undefined && !bad(primary.taskDefinition) && live.every(task => !bad(task.taskDefinition)) && running(service).length >= service.desiredCount && service.desiredCount > 0;
		}
		case 'missing-execution-role':
			return missingRoleFixed(world, serviceOf(world, fault.service), fault);
		case 'no-retention': {
			const days = world.logGroups.get(fault.logGroup)?.retentionInDays;
			return days !== undefined && days >= fault.minDays;
		}
		case 'metric-filter-deleted': {
			const group = world.logGroups.get(fault.logGroup);
			return [...(group?.filters.values() ?? [])].some(filter => filter.transformations.some(t => t.metricName === fault.metricName && t.metricNamespace === fault.metricNamespace));
		}
		case 'parameter-drift':
			return parameterDriftFixed(world, fault);
		case 'ingress-revoked':
			return ingressRestored(world, fault);
		case 'service-deleted':
			return deletedServiceFixed(world, fault);
		case 'harmless-alarm':
		case 'error-lines':
			return true;
	}
}
