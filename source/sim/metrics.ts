// CloudWatch metrics of the simulated account: which series exist, the samples each step adds, and
// GetMetricData over them with CloudWatch's validation and limits.

import {CloudError} from '../port/errors.js';
import type {MetricQuery, MetricSeries, MetricStat, TimeRange} from '../port/types.js';
import {DB_PROFILES, ENVIRONMENTS} from './catalog.js';
import {MINUTE} from './clock.js';
import {addSample, aggregatePeriods, metricKey, seriesFor, type Series} from './metric-store.js';
import type {SimCluster, SimDatabase, SimService, World} from './model.js';
import {databaseReading, poolOccupancy} from './workload.js';

const MAX_QUERIES = 500;
const MAX_DATAPOINTS = 100_800;
const STATS: readonly MetricStat[] = ['Average', 'Maximum', 'Minimum', 'Sum', 'SampleCount'];

export const ecsKey = (metric: string, cluster: string, service?: string) =>
	metricKey('AWS/ECS', metric, service === undefined ? {ClusterName: cluster} : {ClusterName: cluster, ServiceName: service});
export const rdsKey = (metric: string, db: string) => metricKey('AWS/RDS', metric, {DBInstanceIdentifier: db});
export const maintenanceKey = (env: string) => metricKey('ACSO/Ops', 'MaintenanceMode', {Environment: env});

/** Creates the series ECS and RDS publish for every service, cluster and database. */
export function attachSeries(world: World): void {
	for (const cluster of world.clusters.values()) {
		cluster.cpuSeries = seriesFor(world.metrics, ecsKey('CPUUtilization', cluster.name));
		cluster.memSeries = seriesFor(world.metrics, ecsKey('MemoryUtilization', cluster.name));
		for (const service of cluster.services) {
			service.cpuSeries = seriesFor(world.metrics, ecsKey('CPUUtilization', cluster.name, service.name));
			service.memSeries = seriesFor(world.metrics, ecsKey('MemoryUtilization', cluster.name, service.name));
		}
	}
	for (const db of world.databases.values()) {
		db.cpuSeries = seriesFor(world.metrics, rdsKey('CPUUtilization', db.id));
		db.connSeries = seriesFor(world.metrics, rdsKey('DatabaseConnections', db.id));
		db.memSeries = seriesFor(world.metrics, rdsKey('FreeableMemory', db.id));
	}
	for (const env of ENVIRONMENTS) seriesFor(world.metrics, maintenanceKey(env));
}

/** One running task's utilisation over a step, as the engine measured it. */
export type TaskSample = {service: SimService; cpu: number; mem: number};

/**
 * Adds one step's samples. `weight` is the step's length in seconds: a 60 s catch-up step adds one
 * sample standing for sixty, so averages and counts match a run of one-second steps.
 */
export function recordServiceSamples(cluster: SimCluster, samples: TaskSample[], at: number, weight: number): void {
	for (const sample of samples) {
		if (sample.service.cpuSeries) addSample(sample.service.cpuSeries, at, sample.cpu, weight);
		if (sample.service.memSeries) addSample(sample.service.memSeries, at, sample.mem, weight);
		if (cluster.cpuSeries) addSample(cluster.cpuSeries, at, sample.cpu, weight);
		if (cluster.memSeries) addSample(cluster.memSeries, at, sample.mem, weight);
	}
}

/** Database connections the environment's running tasks hold at time t. */
export function clientConnections(world: World, env: string, t: number, runningByService: (service: SimService) => number): number {
	const cluster = world.clusters.get(`acso-${env}-cluster`);
	if (!cluster) return 0;
	let total = 0;
	for (const service of cluster.services) total += runningByService(service) * service.profile.databasePool;
	return total * poolOccupancy(env, t);
}

/** Connections the environment's running tasks have leaked by time t (a drill's fault; 0 otherwise). */
export function leakedConnections(world: World, env: string, t: number): number {
	const cluster = world.clusters.get(`acso-${env}-cluster`);
	if (!cluster) return 0;
	let total = 0;
	for (const service of cluster.services) {
		for (const task of service.tasks) {
			const leak = task.connectionLeak;
			if (!leak || task.lastStatus !== 'RUNNING' || t < leak.from) continue;
			total += Math.min(leak.max, (leak.perMinute * (t - leak.from)) / MINUTE);
		}
	}
	return total;
}

export function recordDatabaseSamples(db: SimDatabase, connections: number, at: number, weight: number, jitter: () => number): void {
	const reading = databaseReading(DB_PROFILES[db.env], db.env, db.instanceClass, connections, at);
	if (db.connSeries) addSample(db.connSeries, at, Math.max(0, Math.round(reading.connections + jitter() * 2)), weight);
	if (db.cpuSeries) addSample(db.cpuSeries, at, Math.min(100, Math.max(0.1, reading.cpu + jitter() * 1.5)), weight);
	if (db.memSeries) addSample(db.memSeries, at, reading.freeableBytes + jitter() * 8 * 1024 ** 2, weight);
}

function invalid(message: string): CloudError {
	return new CloudError('invalid', message, {code: 'ValidationError'});
}

function validateQueries(queries: MetricQuery[], range: TimeRange): void {
	if (!Array.isArray(queries)) throw invalid('MetricDataQueries must be a list of queries.');
	if (queries.length > MAX_QUERIES) throw invalid(`The collection MetricDataQueries must not have a size greater than ${MAX_QUERIES} (got ${queries.length}).`);
	if (!Number.isFinite(range?.start) || !Number.isFinite(range?.end)) throw invalid('StartTime and EndTime must be valid times.');
	if (range.start >= range.end) throw invalid('The parameter StartTime must be less than the parameter EndTime.');
	const ids = new Set<string>();
	queries.forEach((query, index) => {
		const at = `MetricDataQueries.member.${index + 1}`;
		if (typeof query.id !== 'string' || !/^[a-z][a-zA-Z0-9_]*$/.test(query.id) || query.id.length > 255) {
			throw invalid(`The value '${query.id}' for parameter ${at}.Id is invalid: it must start with a lowercase letter and hold only letters, numbers and underscores.`);
		}
		if (ids.has(query.id)) throw invalid(`The values for parameter Id in MetricDataQueries are not unique: '${query.id}' appears more than once.`);
		ids.add(query.id);
		if (!query.namespace || !query.metricName) throw invalid(`${at}.MetricStat.Metric needs a namespace and a metric name.`);
		if (!STATS.includes(query.stat)) throw invalid(`The value '${query.stat}' for parameter ${at}.MetricStat.Stat is not a supported statistic.`);
		const period = query.periodSeconds;
		if (!Number.isInteger(period) || period <= 0 || !([1, 5, 10, 30].includes(period) || period % 60 === 0)) {
			throw invalid(`The parameter ${at}.MetricStat.Period must be 1, 5, 10, 30 or a multiple of 60 (got ${period}).`);
		}
		const dims = Object.entries(query.dimensions ?? {});
		if (dims.length > 30) throw invalid(`${at}.MetricStat.Metric.Dimensions holds at most 30 dimensions.`);
		for (const [name, value] of dims) {
			if (!name || typeof value !== 'string' || value === '') throw invalid(`Dimension '${name}' in ${at} needs a non-empty value.`);
		}
	});
}

export function getMetricData(world: World, queries: MetricQuery[], range: TimeRange): MetricSeries[] {
	validateQueries(queries, range);
	let budget = MAX_DATAPOINTS;
	return queries.map(query => {
		const series: Series | undefined = world.metrics.series.get(metricKey(query.namespace, query.metricName, query.dimensions ?? {}));
		let points = series ? aggregatePeriods(series, range.start, range.end, query.periodSeconds * 1000, query.stat) : [];
		let complete = true;
		if (points.length > budget) {
			points = points.slice(0, budget);
			complete = false;
		}
		budget -= points.length;
		return {id: query.id, label: query.label ?? query.metricName, points, complete};
	});
}

/** The maintenance flag the ACSO-Maintenance alarm watches: 0 every minute (no maintenance). */
const MAINTENANCE_KEYS = ENVIRONMENTS.map(maintenanceKey);

export function recordMaintenance(world: World, at: number): void {
	for (const key of MAINTENANCE_KEYS) {
		const series = world.metrics.series.get(key);
		if (series) addSample(series, Math.floor(at / MINUTE) * MINUTE, 0, 1);
	}
}
