// CloudWatch Logs of the simulated account: log groups with retention and stored bytes, the lines
// written into them, and metric filters that turn matching lines into metrics. FilterLogEvents is
// in log-filter.ts.

import {CloudError} from '../port/errors.js';
import type {LogGroup, MetricFilter} from '../port/types.js';
import type {LogMatcher} from '../logs/filter-pattern.js';
import {matcherFor} from './log-filter.js';
import {agentsLogGroup, ALARMS_LOG_GROUP, LOG_RETENTION_DAYS, serviceLogGroup} from './catalog.js';
import {DAY, HOUR} from './clock.js';
import {appendEvent, createEventLog, eventCount, trimEvents, type StoredEvent} from './event-log.js';
import {logGroupArn} from './ids.js';
import {addSample, metricKey, seriesFor} from './metric-store.js';
import type {SimLogGroup, SimMetricFilter, World} from './model.js';

/** The sim keeps the last three hours of events, and at most this many per group. */
export const LOG_WINDOW = 3 * HOUR;
export const MAX_EVENTS_PER_GROUP = 60_000;
const MAX_GROUPS = 100;
const MAX_FILTERS_PER_GROUP = 100;

function notFoundGroup(name: string): CloudError {
	return new CloudError('not-found', `The specified log group does not exist: ${name}`, {resource: name, code: 'ResourceNotFoundException'});
}

function invalid(message: string, code = 'InvalidParameterException'): CloudError {
	return new CloudError('invalid', message, {code});
}

function newGroup(name: string, createdAt: number, dailyBytes: number, retentionInDays?: number): SimLogGroup {
	const group: SimLogGroup = {
		name,
		arn: logGroupArn(name),
		createdAt,
		retentionInDays,
		baseStoredBytes: 0,
		dailyBytes,
		bytesWritten: 0,
		events: createEventLog(),
		filters: new Map(),
	};
	return group;
}

/** Bytes kept before the sim started: a day's volume times the days the retention keeps. */
function resetStoredBytes(group: SimLogGroup, now: number): void {
	const ageDays = Math.max(0, (now - group.createdAt) / DAY);
	const keptDays = group.retentionInDays === undefined ? ageDays : Math.min(ageDays, group.retentionInDays);
	group.baseStoredBytes = Math.round(group.dailyBytes * keptDays);
}

export function seedLogGroups(world: World, now: number): void {
	const groups = [
		newGroup(agentsLogGroup('production'), now - 412 * DAY, 186 * 1024 ** 2, 30),
		// Staging was never given a retention policy: it keeps everything, and it shows in the bytes.
		newGroup(agentsLogGroup('staging'), now - 397 * DAY, 41 * 1024 ** 2),
		newGroup(ALARMS_LOG_GROUP, now - 380 * DAY, 0.3 * 1024 ** 2, 14),
		// financial-intelligence logs to a group of its own (its task definition says so).
		newGroup(serviceLogGroup('production', 'financial-intelligence'), now - 210 * DAY, 22 * 1024 ** 2, 30),
		newGroup(serviceLogGroup('staging', 'financial-intelligence'), now - 205 * DAY, 5 * 1024 ** 2, 14),
	];
	for (const group of groups) {
		resetStoredBytes(group, now);
		world.logGroups.set(group.name, group);
	}
	// An alarm watches this filter's metric: the metric names no cluster or service, only the filter
	// on the service's log group says what it is about.
	putFilter(world, {
		name: 'FinancialIntelligenceErrors',
		logGroup: serviceLogGroup('production', 'financial-intelligence'),
		pattern: 'ERROR',
		transformations: [{metricName: 'FinancialIntelligenceErrors', metricNamespace: 'ACSO/Agents', metricValue: '1', defaultValue: 0}],
	});
	putFilter(world, {
		name: 'ErrorCount',
		logGroup: agentsLogGroup('production'),
		pattern: 'ERROR',
		transformations: [{metricName: 'ErrorCount', metricNamespace: 'ACSO/Errors', metricValue: '1'}],
	});
}

/** The numeric value a transformation publishes for a line, or undefined when it has none. */
function transformValue(metricValue: string, message: string): number | undefined {
	const literal = Number(metricValue);
	if (metricValue.trim() !== '' && Number.isFinite(literal)) return literal;
	const path = /^\$\.([A-Za-z0-9_.]+)$/.exec(metricValue.trim());
	if (!path || !message.startsWith('{')) return undefined;
	try {
		let value: unknown = JSON.parse(message);
		for (const part of path[1]!.split('.')) value = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[part] : undefined;
		return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
	} catch {
		return undefined;
	}
}

/** Stores one line and feeds the group's metric filters. */
export function writeEvent(world: World, groupName: string, ts: number, ingestion: number, stream: string, message: string): void {
	const group = world.logGroups.get(groupName);
	if (!group) return;
	const event: StoredEvent = {seq: world.nextEventSeq++, ts, ing: ingestion, stream, msg: message};
	appendEvent(group.events, event);
	group.bytesWritten += message.length + 26;
	for (const filter of group.filters.values()) {
		if (!filter.series || !filter.matcher(message)) continue;
		const value = transformValue(filter.transformations[0]?.metricValue ?? '1', message);
		if (value !== undefined) addSample(filter.series, ts, value, 1);
	}
}

export function trimLogs(world: World, now: number): void {
	for (const group of world.logGroups.values()) trimEvents(group.events, now - LOG_WINDOW, MAX_EVENTS_PER_GROUP);
}

export function storedEventCount(world: World): number {
	let total = 0;
	for (const group of world.logGroups.values()) total += eventCount(group.events);
	return total;
}

function groupView(world: World, group: SimLogGroup): LogGroup {
	return {
		name: group.name,
		arn: group.arn,
		retentionInDays: group.retentionInDays,
		storedBytes: group.baseStoredBytes + group.bytesWritten,
		createdAt: group.createdAt,
		metricFilterCount: group.filters.size,
	};
}

export function describeLogGroups(world: World, prefix?: string): LogGroup[] {
	if (prefix !== undefined && (typeof prefix !== 'string' || prefix.length > 512)) throw invalid('logGroupNamePrefix must be a string of at most 512 characters.');
	return [...world.logGroups.values()]
		.filter(group => prefix === undefined || group.name.startsWith(prefix))
		.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
		.map(group => groupView(world, group));
}

export function describeMetricFilters(world: World, logGroup: string): MetricFilter[] {
	const group = world.logGroups.get(logGroup);
	if (!group) throw notFoundGroup(logGroup);
	return [...group.filters.values()]
		.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
		.map(filter => ({name: filter.name, logGroup: filter.logGroup, pattern: filter.pattern, transformations: filter.transformations.map(t => ({...t}))}));
}

// ---- writes ----

export function createLogGroup(world: World, name: string): void {
	if (typeof name !== 'string' || !/^[.\-_/#A-Za-z0-9]{1,512}$/.test(name)) {
		throw invalid(`Log group name '${name}' is invalid: use 1 to 512 characters from a-z, A-Z, 0-9, '_', '-', '/', '.' and '#'.`);
	}
	if (world.logGroups.has(name)) throw invalid(`The specified log group already exists: ${name}`, 'ResourceAlreadyExistsException');
	if (world.logGroups.size >= MAX_GROUPS) throw invalid(`The simulated account holds at most ${MAX_GROUPS} log groups.`, 'LimitExceededException');
	world.logGroups.set(name, newGroup(name, world.time, 0));
}

export function putRetentionPolicy(world: World, logGroup: string, days: number): void {
	const group = world.logGroups.get(logGroup);
	if (!group) throw notFoundGroup(logGroup);
	if (!LOG_RETENTION_DAYS.includes(days)) {
		throw invalid(`1 validation error detected: Value '${days}' at 'retentionInDays' failed to satisfy constraint: Member must satisfy enum value set: [${LOG_RETENTION_DAYS.join(', ')}]`);
	}
	group.retentionInDays = days;
	resetStoredBytes(group, world.time);
}

export function deleteRetentionPolicy(world: World, logGroup: string): void {
	const group = world.logGroups.get(logGroup);
	if (!group) throw notFoundGroup(logGroup);
	group.retentionInDays = undefined;
	resetStoredBytes(group, world.time);
}

function putFilter(world: World, filter: MetricFilter): void {
	const group = world.logGroups.get(filter.logGroup);
	if (!group) throw notFoundGroup(filter.logGroup);
	if (typeof filter.name !== 'string' || !/^[^:*]{1,512}$/.test(filter.name)) {
		throw invalid(`Metric filter name '${filter.name}' is invalid: 1 to 512 characters, without ':' or '*'.`);
	}
	if (typeof filter.pattern !== 'string' || filter.pattern.length > 1024) throw invalid('A filter pattern is a string of at most 1024 characters.');
	const matcher: LogMatcher = filter.pattern.trim() === '' ? () => true : matcherFor(filter.pattern);
	if (!Array.isArray(filter.transformations) || filter.transformations.length !== 1) {
		throw invalid('A metric filter needs exactly one metric transformation.');
	}
	const transformation = filter.transformations[0]!;
	if (!transformation.metricName || !transformation.metricNamespace || transformation.metricName.length > 255 || transformation.metricNamespace.length > 255) {
		throw invalid('A metric transformation needs a metric name and namespace of 1 to 255 characters.');
	}
	if (transformation.metricNamespace.startsWith('AWS/')) throw invalid(`Namespace '${transformation.metricNamespace}' is reserved for AWS services.`);
	const value = transformation.metricValue;
	if (typeof value !== 'string' || !(Number.isFinite(Number(value)) || /^\$\.?[A-Za-z0-9_.]+$/.test(value.trim()))) {
		throw invalid(`metricValue '${value}' must be a number or a field selector such as $.latency.`);
	}
	if (!group.filters.has(filter.name) && group.filters.size >= MAX_FILTERS_PER_GROUP) {
		throw invalid(`Log group ${group.name} already has ${MAX_FILTERS_PER_GROUP} metric filters.`, 'LimitExceededException');
	}
	const stored: SimMetricFilter = {
		name: filter.name,
		logGroup: group.name,
		pattern: filter.pattern,
		transformations: [{...transformation}],
		matcher,
		series: seriesFor(world.metrics, metricKey(transformation.metricNamespace, transformation.metricName, {})),
	};
	group.filters.set(filter.name, stored);
}

export function putMetricFilter(world: World, filter: MetricFilter): void {
	putFilter(world, filter);
}
