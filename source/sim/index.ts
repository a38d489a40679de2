// The simulated ACSO account: the whole Cloud port in memory, deterministic for a seed and a clock.
// `acso-tui --demo` runs on it, and so do most tests. See seed-account.ts for what the account
// looks like at start and engine.ts for how it moves.

import {CloudError, type CloudErrorKind} from '../port/errors.js';
import {guardOperator} from '../port/read-only.js';
import type {Cloud} from '../port/types.js';
import {describeAlarmHistory, describeAlarms} from './alarms.js';
import {agentsLogGroup, ENVIRONMENTS} from './catalog.js';
import {systemClock, type Clock} from './clock.js';
import {describeDbInstances} from './database.js';
import {describeClusters, describeServices, describeTaskDefinition, describeTasks, listClusters, listServices, listTasks} from './ecs.js';
import {advanceTo} from './engine.js';
import {faultError} from './faults.js';
import {describeLogGroups, describeMetricFilters, filterLogEvents, storedEventCount, writeEvent} from './logs.js';
import {getMetricData} from './metrics.js';
import type {World} from './model.js';
import {createOperator} from './operator.js';
import {createWorld} from './seed-account.js';

export type {Clock} from './clock.js';
export {createManualClock, type ManualClock} from './clock.js';

export type SimOptions = {seed: number; clock?: Clock /* default Date.now */; isWriteEnabled: () => boolean};

export type SimControl = {
	/** Makes every read (and write) throw this CloudError kind until cleared; for UI fault tests. */
	setFault(kind: CloudErrorKind | undefined): void;
	/** Appends a log line now (tests use it for hostile payloads). */
	emitLog(env: string, message: string, service?: string): void;
	/** Counts of port calls made, by method name, for tests ("one refresh = N calls"). */
	calls(): Record<string, number>;
};

export type SimCloud = Cloud & {kind: 'sim'; control: SimControl};

/** Sizes of the sim's stores, for tests and the benchmark to check that they stay bounded. */
export type SimStats = {time: number; storedLogEvents: number; tasks: number; metricSeries: number; alarms: number; serviceEvents: number};

const worlds = new WeakMap<SimCloud, World>();

export function inspectSim(cloud: SimCloud): SimStats {
	const world = worlds.get(cloud);
	if (!world) throw new Error('inspectSim: this cloud was not made by createSimCloud');
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
	const world = createWorld(options.seed, start);
	let fault: CloudErrorKind | undefined;
	const counts: Record<string, number> = {};

	const enter = (method: string): void => {
		counts[method] = (counts[method] ?? 0) + 1;
		advanceTo(world, clock.now());
		if (fault) throw faultError(fault, method);
	};
	const now = () => Math.max(world.time, clock.now());

	const control: SimControl = {
		setFault(kind) {
			if (kind !== undefined && !KNOWN_FAULTS.includes(kind)) throw new Error(`setFault: unknown CloudError kind '${kind}' (known: ${KNOWN_FAULTS.join(', ')})`);
			fault = kind;
		},
		emitLog(env, message, service) {
			if (!(ENVIRONMENTS as readonly string[]).includes(env)) throw new Error(`emitLog: unknown environment '${env}' (known: ${ENVIRONMENTS.join(', ')})`);
			if (typeof message !== 'string') throw new Error('emitLog: message must be a string');
			advanceTo(world, clock.now());
			let stream = 'acso/emitted';
			if (service !== undefined) {
				const full = service.startsWith(`acso-${env}-`) ? service : `acso-${env}-${service}`;
				const found = world.services.get(full);
				if (!found) throw new Error(`emitLog: unknown service '${service}' in ${env}`);
				const task = found.tasks.find(candidate => candidate.lastStatus === 'RUNNING');
				stream = task ? task.logStream : `${found.profile.short}/${found.profile.container}/emitted`;
			}
			const at = now();
			// Visible at once: tests emit a line and expect the next read to return it.
			writeEvent(world, agentsLogGroup(env), at, at, stream, message);
		},
		calls: () => ({...counts}),
	};

	const read = <A extends unknown[], R>(method: string, body: (...args: A) => R) =>
		async (...args: A): Promise<Awaited<R>> => {
			enter(method);
			return body(...args) as Awaited<R>;
		};

	const cloud: SimCloud = {
		kind: 'sim',
		region: 'simulated',
		clusters: {
			describeClusters: read('describeClusters', (names: string[]) => describeClusters(world, names)),
			listClusters: read('listClusters', () => listClusters(world)),
		},
		services: {
			listServices: read('listServices', (cluster: string) => listServices(world, cluster)),
			describeServices: read('describeServices', (cluster: string, names: string[]) => describeServices(world, cluster, names)),
			listTasks: read('listTasks', (cluster: string, filter?: Parameters<typeof listTasks>[2]) => listTasks(world, cluster, filter)),
			describeTasks: read('describeTasks', (cluster: string, ids: string[]) => describeTasks(world, cluster, ids)),
			describeTaskDefinition: read('describeTaskDefinition', (familyOrArn: string) => describeTaskDefinition(world, familyOrArn)),
		},
		metrics: {
			getMetricData: read('getMetricData', (queries: Parameters<typeof getMetricData>[1], range: Parameters<typeof getMetricData>[2]) => getMetricData(world, queries, range)),
		},
		logs: {
			filterLogEvents: read('filterLogEvents', (request: Parameters<typeof filterLogEvents>[1]) => filterLogEvents(world, request, now())),
			describeLogGroups: read('describeLogGroups', (prefix?: string) => describeLogGroups(world, prefix)),
			describeMetricFilters: read('describeMetricFilters', (logGroup: string) => describeMetricFilters(world, logGroup)),
			// No startLiveTail: callers poll filterLogEvents, as they must on endpoints without it.
		},
		alarms: {
			describeAlarms: read('describeAlarms', (filter?: {names?: string[]; prefix?: string}) => describeAlarms(world, filter)),
			describeAlarmHistory: read('describeAlarmHistory', (name: string, range?: Parameters<typeof describeAlarmHistory>[2]) => describeAlarmHistory(world, name, range)),
		},
		databases: {
			describeDbInstances: read('describeDbInstances', (id?: string) => describeDbInstances(world, id)),
		},
		operator: guardOperator(createOperator(world, enter), options.isWriteEnabled),
		warnings: () => [],
		reset: () => {},
		control,
	};
	worlds.set(cloud, world);
	return cloud;
}

export {CloudError};
