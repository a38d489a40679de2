import {createEnvironmentAlarmReader} from '../discovery/alarm-reads.js';
import {createDiscoveryCache, discoverEnvironment} from '../discovery/discover.js';
import {streamMapper} from '../discovery/stream-source.js';
import {sortAlarms} from '../model/alarms.js';
import {databaseQueries, latestValue, serviceQueries, splitSeries} from '../model/metric-queries.js';
import {healthOf, primaryDeployment, rolloutOf, sortServices, type ServiceHealth} from '../model/services.js';
import {errorMessage} from '../port/errors.js';
import type {ResourceNames} from '../port/names.js';
import type {AlarmState, Cloud} from '../port/types.js';
import {countErrors, errorWindowMs, type ErrorCount} from './error-count.js';

// One snapshot of an environment for `acso-tui status`: what the overview shows, read once through
// the same port and discovery as the dashboard, as plain data (no React). Every string here is as
// AWS gave it; the printers sanitize.

/** Bumped when a field changes meaning or goes away (adding fields keeps it). */
export const statusSchemaVersion = 1;

export type StatusService = {
	name: string;
	status: string;
	desired: number;
	running: number;
	pending: number;
	taskDefinition: string;
	rollout: string;
	rolloutReason?: string;
	health: ServiceHealth;
	/** Percent, the newest one-minute average of the last 15 minutes; null when CloudWatch has none. */
	cpu: number | null;
	memory: number | null;
};

export type StatusAlarm = {name: string; state: AlarmState; kind: 'metric' | 'composite'; why: string; reason: string; since: string};

export type StatusDatabase =
	| {id: string; found: true; status: string; instanceClass: string; engine: string; multiAz: boolean; cpu: number | null; connections: number | null; freeableMemoryBytes: number | null}
	| {id: string; found: false; error: string};

export type StatusErrors =
	| {windowMinutes: number; errors: number; fatal: number; capped: boolean; byService: Record<string, {errors: number; fatal: number}>; logGroups: string[]}
	| {windowMinutes: number; error: string; logGroups: string[]};

export type StatusSnapshot = {
	schema: number;
	at: string;
	env: string;
	region: string;
	cluster: string;
	/** True when an alarm is in ALARM or a service is below its desired count or failing its rollout. */
	attention: boolean;
	reasons: string[];
	services: StatusService[];
	alarms: StatusAlarm[];
	database: StatusDatabase;
	errors: StatusErrors;
	notes: string[];
};

const metricWindowMs = 15 * 60_000;
const periodSeconds = 60;

const wholeOrNull = (value: number | undefined): number | null => (value === undefined || !Number.isFinite(value) ? null : Math.round(value));
const round1 = (value: number | undefined): number | null => (value === undefined || !Number.isFinite(value) ? null : Math.round(value * 10) / 10);

/**
 * Reads the environment once. Throws (a CloudError) only when the cluster's services cannot be
 * read at all: that is "AWS could not be read". Alarms, metrics, the database and the logs degrade
 * to notes, as the dashboard's panels do.
 */
export async function readStatus(cloud: Cloud, names: ResourceNames, now: number): Promise<StatusSnapshot> {
	const discovery = await discoverEnvironment(cloud, names, createDiscoveryCache());
	const notes = [...discovery.notes];
	const logGroups = discovery.logGroups;
	// aws ecs describe-services --cluster CLUSTER --services NAME... (discovery listed them)
	const described = sortServices(await cloud.services.describeServices(names.cluster, discovery.services));
	const serviceNames = described.map(s => s.name);
	const range = {start: now - metricWindowMs, end: now};

	const [series, alarms, db, errors] = await Promise.all([
		// aws cloudwatch get-metric-data --metric-data-queries ... (one call, every series)
		cloud.metrics.getMetricData([...serviceQueries(names, serviceNames, periodSeconds), ...databaseQueries(names, periodSeconds)], range).catch((error: unknown) => {
			notes.push(`could not read metrics: ${errorMessage(error)}`);
			return [];
		}),
		createEnvironmentAlarmReader(cloud.alarms)
			.read({cluster: names.cluster, services: serviceNames, db: names.db, metricFilters: discovery.metricFilters, alarmNames: names.alarmNames}, now)
			.catch((error: unknown) => {
				notes.push(`could not read alarms: ${errorMessage(error)}`);
				return [];
			}),
		// aws rds describe-db-instances --db-instance-identifier DB
		cloud.databases.describeDbInstances(names.db).then(
			list => ({db: list.find(d => d.id === names.db) ?? list[0]}),
			(error: unknown) => ({error: errorMessage(error)}),
		),
		logGroups.length === 0
			? Promise.resolve<ErrorCount | {error: string}>({error: 'no log group to read'})
			: countErrors(cloud, logGroups, now - errorWindowMs, streamMapper(discovery.destinations, discovery.tasks)).catch((error: unknown) => ({error: errorMessage(error)})),
	]);
	const split = splitSeries(serviceNames, series);

	const services: StatusService[] = described.map(service => {
		const primary = primaryDeployment(service);
		const metrics = split.perService.get(service.name);
		return {
			name: service.name,
			status: service.status,
			desired: service.desiredCount,
			running: service.runningCount,
			pending: service.pendingCount,
			taskDefinition: service.taskDefinition,
			rollout: rolloutOf(service),
			...(primary?.rolloutStateReason ? {rolloutReason: primary.rolloutStateReason} : {}),
			health: healthOf(service),
			cpu: round1(latestValue(metrics?.cpu)),
			memory: round1(latestValue(metrics?.memory)),
		};
	});
	const statusAlarms: StatusAlarm[] = sortAlarms(alarms).map(alarm => ({
		name: alarm.name,
		state: alarm.state,
		kind: alarm.kind,
		why: alarm.why,
		reason: alarm.stateReason,
		since: new Date(alarm.stateUpdatedAt).toISOString(),
	}));
	const database: StatusDatabase =
		'db' in db && db.db
			? {
					id: db.db.id,
					found: true,
					status: db.db.status,
					instanceClass: db.db.instanceClass,
					engine: db.db.engine,
					multiAz: db.db.multiAz,
					cpu: round1(latestValue(split.db.cpu)),
					connections: round1(latestValue(split.db.connections)),
					freeableMemoryBytes: wholeOrNull(latestValue(split.db.freeableMemory)),
				}
			: {id: names.db, found: false, error: 'error' in db ? db.error : `no database ${names.db}`};
	const windowMinutes = errorWindowMs / 60_000;
	const errorsOut: StatusErrors =
		'error' in errors
			? {windowMinutes, error: errors.error, logGroups}
			: {windowMinutes, errors: errors.errors, fatal: errors.fatal, capped: errors.capped, byService: errors.byService ?? {}, logGroups};

	const reasons = attentionReasons(services, statusAlarms);
	return {
		schema: statusSchemaVersion,
		at: new Date(now).toISOString(),
		env: names.env,
		region: cloud.region,
		cluster: names.cluster,
		attention: reasons.length > 0,
		reasons,
		services,
		alarms: statusAlarms,
		database,
		errors: errorsOut,
		notes,
	};
}

/** What makes `status` exit 1: an alarm in ALARM, a service below its desired count or failing its rollout. */
export function attentionReasons(services: readonly StatusService[], alarms: readonly StatusAlarm[]): string[] {
	const reasons: string[] = [];
	for (const alarm of alarms) if (alarm.state === 'ALARM') reasons.push(`alarm ${alarm.name} is in ALARM`);
	for (const service of services) {
		if (service.running < service.desired) reasons.push(`${service.name} runs ${service.running} of ${service.desired} tasks`);
		if (service.rollout === 'FAILED') reasons.push(`${service.name}'s rollout failed`);
	}
	return reasons;
}
