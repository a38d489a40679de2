// The simulated ACSO account: the whole Cloud port in memory, deterministic for a seed and a clock.
// `acso-tui --demo` runs on it, and so do most tests. See seed-account.ts for what the account
// looks like at start and engine.ts for how it moves.

import {throwIfAborted, type CloudErrorKind} from '../port/errors.js';
import {guardOperator} from '../port/read-only.js';
import type {Cloud, LogFilterRequest, ReadOptions} from '../port/types.js';
import {describeAlarmHistory, describeAlarms} from './alarms.js';
import {agentsLogGroup, ENVIRONMENTS, serviceLogGroup} from './catalog.js';
import {systemClock, type Clock} from './clock.js';
import {describeDbInstances} from './database.js';
import {describeClusters, describeServices, describeTaskDefinition, describeTasks, listClusters, listServices, listTasks} from './ecs.js';
import {listServiceDeployments} from './service-deployments.js';
import {listTaskDefinitionFamilies} from './service-lifecycle.js';
import {advanceTo} from './engine.js';
import {faultError} from './faults.js';
import {faultFixed, injectFault, type SimFault} from './drill-faults.js';
import {filterLogEvents} from './log-filter.js';
import {describeLogGroups, describeMetricFilters, storedEventCount, writeEvent} from './logs.js';
import {getMetricData} from './metrics.js';
import {describeSecurityGroups} from './security-groups.js';
import type {World} from './model.js';
import {createOperator} from './operator.js';
import {getRole} from './roles.js';
import {createWorld} from './seed-account.js';
import {getParameterHistory, getParametersByPath} from './parameters.js';

export type {Clock} from './clock.js';
export type {SimFault} from './drill-faults.js';
export {createManualClock, type ManualClock} from './clock.js';

export type SimOptions = {
	seed: number;
	clock?: Clock /* default Date.now */;
	isWriteEnabled: () => boolean;
	/** The account without its standing incidents (a drill's start: see seed-account.ts). */
	calm?: boolean;
	/**
	 * Reads wait for this before the account is first built (the CLI passes "the first frame is on
	 * the terminal"): building it is a burst of CPU that would otherwise run between Ink's first
	 * write and the output layer's paint of it.
	 */
	buildAfter?: Promise<unknown>;
};

export type SimControl = {
	/** Makes every read (and write) throw this CloudError kind until cleared; for UI fault tests. */
	setFault(kind: CloudErrorKind | undefined): void;
	/** Appends a log line now (tests use it for hostile payloads). */
	emitLog(env: string, message: string, service?: string): void;
	/** Counts of port calls made, by method name, for tests ("one refresh = N calls"). */
	calls(): Record<string, number>;
	/** Breaks the account the way a drill's scenario says, now (drill-faults.ts). */
	injectFault(fault: SimFault): void;
	/** Whether the fault's cause is gone, read from the account's state now. */
	faultFixed(fault: SimFault): boolean;
};

export type SimCloud = Cloud & {kind: 'sim'; control: SimControl};

/** Sizes of the sim's stores, for tests and the benchmark to check that they stay bounded. */
export type SimStats = {time: number; storedLogEvents: number; tasks: number; metricSeries: number; alarms: number; serviceEvents: number};

const worlds = new WeakMap<SimCloud, () => World>();

export function inspectSim(cloud: SimCloud): SimStats {
	const getWorld = worlds.get(cloud);
	if (!getWorld) throw new Error('inspectSim: this cloud was not made by createSimCloud');
	const world = getWorld();
	let events = 0;
	for (const service of world.services.values()) events += service.events.length;
	return {
		time: world.time,
		storedLogEvents: storedEventCount(world),
		tasks: world.tasksById.size,
		metricSeries: world.metrics.series.size,
		alarms: world.alarms.size,
		serviceEvents: events,
	};
}

const KNOWN_FAULTS: readonly CloudErrorKind[] = ['throttled', 'credentials', 'denied', 'not-found', 'network', 'invalid', 'unsupported', 'read-only', 'region', 'unknown'];

export function createSimCloud(options: SimOptions): SimCloud {
	if (!options || !Number.isInteger(options.seed)) throw new Error(`createSimCloud: seed must be an integer, got ${options?.seed}`);
	if (typeof options.isWriteEnabled !== 'function') throw new Error('createSimCloud: isWriteEnabled must be a function');
	const clock = options.clock ?? systemClock;
	const start = clock.now();
	if (!Number.isFinite(start)) throw new Error(`createSimCloud: the clock must give epoch milliseconds, got ${start}`);
	// The account is built on first use, not here: the dashboard can draw its first frame while the
	// sim fills in its day of history. It is built as of the moment it was created, so answers do
	// not depend on when the first call came.
	let built: World | undefined;
	const seed = options.seed;
	const getWorld = (): World => (built ??= createWorld(seed, start, {calm: options.calm === true}));
	let fault: CloudErrorKind | undefined;
	const counts: Record<string, number> = {};
	// Cleared once passed, so later reads answer in the same turn as before.
	let buildAfter = options.buildAfter;
	const waitForBuild = async (): Promise<void> => {
		if (!buildAfter) return;
		await buildAfter.catch(() => undefined);
		buildAfter = undefined;
	};

	const enter = (method: string): World => {
		counts[method] = (counts[method] ?? 0) + 1;
		const world = getWorld();
		advanceTo(world, clock.now());
		if (fault) throw faultError(fault, method);
		return world;
	};
	const now = (world: World) => Math.max(world.time, clock.now());

	const control: SimControl = {
		setFault(kind) {
			if (kind !== undefined && !KNOWN_FAULTS.includes(kind)) throw new Error(`setFault: unknown CloudError kind '${kind}' (known: ${KNOWN_FAULTS.join(', ')})`);
			fault = kind;
		},
		emitLog(env, message, service) {
			if (!(ENVIRONMENTS as readonly string[]).includes(env)) throw new Error(`emitLog: unknown environment '${env}' (known: ${ENVIRONMENTS.join(', ')})`);
			if (typeof message !== 'string') throw new Error('emitLog: message must be a string');
			const world = getWorld();
			advanceTo(world, clock.now());
			let stream = 'acso/emitted';
			let group = agentsLogGroup(env);
			if (service !== undefined) {
				const full = service.startsWith(`acso-${env}-`) ? service : `acso-${env}-${service}`;
				const found = world.services.get(full);
				if (!found) throw new Error(`emitLog: unknown service '${service}' in ${env}`);
				const task = found.tasks.find(candidate => candidate.lastStatus === 'RUNNING');
				stream = task ? task.logStream : `${found.profile.short}/${found.profile.container}/emitted`;
				group = serviceLogGroup(env, found.profile.short);
			}
			const at = now(world);
			// Visible at once: tests emit a line and expect the next read to return it.
			writeEvent(world, group, at, at, stream, message);
		},
		calls: () => ({...counts}),
		injectFault(fault) {
			const world = getWorld();
			advanceTo(world, clock.now());
			injectFault(world, fault);
		},
		faultFixed(fault) {
			const world = getWorld();
			advanceTo(world, clock.now());
			return faultFixed(world, fault);
		},
	};

	// Each read takes the port's arguments (`arity` of them, optional ones included) and then the
	// ReadOptions. The sim answers at once, so a signal matters only when it is already aborted: the
	// read then rejects, as the SDK does, before it is counted or answered.
	const read = <A extends unknown[], R>(method: string, arity: number, body: (world: World, ...args: A) => R) => {
		// A required argument past `arity` would be dropped as if it were the options.
		if (body.length - 1 > arity) throw new Error(`sim read ${method}: arity ${arity} is less than its ${body.length - 1} required arguments`);
		return async (...args: [...A, ReadOptions?]): Promise<Awaited<R>> => {
			const signal = (args[arity] as ReadOptions | undefined)?.signal;
			throwIfAborted(signal);
			if (buildAfter) {
				await waitForBuild();
				throwIfAborted(signal);
			}
			return body(enter(method), ...(args.slice(0, arity) as A)) as Awaited<R>;
		};
	};

	const cloud: SimCloud = {
		kind: 'sim',
		region: 'simulated',
		clusters: {
			describeClusters: read('describeClusters', 1, describeClusters),
			listClusters: read('listClusters', 0, listClusters),
		},
		services: {
			listServices: read('listServices', 1, listServices),
			describeServices: read('describeServices', 2, describeServices),
			listTasks: read('listTasks', 2, listTasks),
			describeTasks: read('describeTasks', 2, describeTasks),
			describeTaskDefinition: read('describeTaskDefinition', 1, describeTaskDefinition),
			listServiceDeployments: read('listServiceDeployments', 2, listServiceDeployments),
			listTaskDefinitionFamilies: read('listTaskDefinitionFamilies', 1, listTaskDefinitionFamilies),
		},
		metrics: {
			getMetricData: read('getMetricData', 2, getMetricData),
		},
		logs: {
			filterLogEvents: read('filterLogEvents', 1, (world: World, request: LogFilterRequest) => filterLogEvents(world, request, now(world))),
			describeLogGroups: read('describeLogGroups', 1, describeLogGroups),
			describeMetricFilters: read('describeMetricFilters', 1, describeMetricFilters),
			// No startLiveTail: callers poll filterLogEvents, as they must on endpoints without it.
		},
		alarms: {
			describeAlarms: read('describeAlarms', 1, describeAlarms),
			describeAlarmHistory: read('describeAlarmHistory', 2, describeAlarmHistory),
		},
		databases: {
			describeDbInstances: read('describeDbInstances', 1, describeDbInstances),
		},
		parameters: {
			getParametersByPath: read('getParametersByPath', 2, (world: World, path: string, recursive: boolean) => getParametersByPath(world.parameters, path, recursive)),
			getParameterHistory: read('getParameterHistory', 1, (world: World, name: string) => getParameterHistory(world.parameters, name)),
		},
		roles: {
			getRole: read('getRole', 1, getRole),
		},
		network: {
			describeSecurityGroups: read('describeSecurityGroups', 1, describeSecurityGroups),
		},
		operator: guardOperator(createOperator(enter), options.isWriteEnabled),
		warnings: () => [],
		reset: () => {},
		control,
	};
	worlds.set(cloud, getWorld);
	return cloud;
}

