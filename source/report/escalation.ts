import {readFileSync} from 'node:fs';
import {createDiscoveryCache, discoverEnvironment} from '../discovery/discover.js';
import {streamMapper} from '../discovery/stream-source.js';
import {compileFilterPattern} from '../logs/filter-pattern.js';
import {databaseQueries, serviceQueries, splitSeries} from '../model/metric-queries.js';
import {errorMessage} from '../port/errors.js';
import type {ResourceNames} from '../port/names.js';
import type {Cloud, MetricSeries} from '../port/types.js';
import {readStatus, type StatusSnapshot} from './status.js';

// What the guide's escalation section says to gather before escalating, read in one go for
// `acso-tui report`: the system status, the errors of the window grouped by service and message,
// a metrics snapshot, and a timeline of what changed (service events, deployments, alarm
// transitions, this machine's audit entries), newest first. Strings are as AWS gave them: the
// writers sanitize and redact.

export type ErrorGroup = {service: string; message: string; level: 'ERROR' | 'FATAL'; count: number; firstSeen: string; lastSeen: string};
export type SeriesSnapshot = {label: string; values: number[]; latest: number | null; max: number | null};
export type TimelineEntry = {time: string; kind: 'service-event' | 'deployment' | 'alarm' | 'audit'; source: string; text: string};

export type EscalationReport = {
	schema: number;
	at: string;
	since: string;
	status: StatusSnapshot;
	errors: {groups: ErrorGroup[]; total: number; capped: boolean};
	metrics: {periodSeconds: number; services: Array<{name: string; cpu: SeriesSnapshot; memory: SeriesSnapshot}>; database: {cpu: SeriesSnapshot; connections: SeriesSnapshot; freeableMemory: SeriesSnapshot}};
	timeline: TimelineEntry[];
	notes: string[];
};

const errorPattern = '?ERROR ?FATAL';
const maxPages = 50;
const groupLimit = 200;

/** Numbers, ids and timestamps vary between repeats of one error: they are not its identity. */
export function errorKey(message: string): string {
	return message
		.replace(/^\S*\d{4}-\d\d-\d\dT\S+\s*/, '')
		.replace(/\b[0-9a-f]{8,}\b/gi, '#')
		.replace(/\d+(\.\d+)?/g, '#')
		.trim();
}

function snapshot(label: string, series: MetricSeries | undefined): SeriesSnapshot {
	const values = (series?.points ?? []).map(p => p.v);
	return {label, values, latest: values.at(-1) ?? null, max: values.length > 0 ? Math.max(...values) : null};
}

export type EscalationOptions = {sinceMs: number; now: number; auditPath?: string};

export async function readEscalation(cloud: Cloud, names: ResourceNames, options: EscalationOptions): Promise<EscalationReport> {
	const {now, sinceMs} = options;
	const start = now - sinceMs;
	const status = await readStatus(cloud, names, now);
	const notes: string[] = [];
	const discovery = await discoverEnvironment(cloud, names, createDiscoveryCache());
	const sourceOf = streamMapper(discovery.destinations, discovery.tasks);

	// Errors of the window, grouped.
	const matches = compileFilterPattern(errorPattern);
	const groups = new Map<string, ErrorGroup & {first: number; last: number}>();
	let total = 0;
	let capped = false;
	for (const logGroup of discovery.logGroups) {
		let nextToken: string | undefined;
		let pages = 0;
		try {
			do {
				// aws logs filter-log-events --log-group-name GROUP --filter-pattern '?ERROR ?FATAL' --start-time MS
				const page = await cloud.logs.filterLogEvents({logGroup, pattern: errorPattern, startTime: start, nextToken});
				for (const event of page.events) {
					if (!matches(event.message)) continue;
					total += 1;
					const service = sourceOf(event.logGroup, event.logStream)?.service ?? '(unknown)';
					const level = event.message.includes('FATAL') ? 'FATAL' : 'ERROR';
					const key = `${service}\u0000${level}\u0000${errorKey(event.message)}`;
					const group = groups.get(key);
					if (group) {
						group.count += 1;
						group.first = Math.min(group.first, event.timestamp);
						group.last = Math.max(group.last, event.timestamp);
					} else groups.set(key, {service, message: errorKey(event.message), level, count: 1, firstSeen: '', lastSeen: '', first: event.timestamp, last: event.timestamp});
				}
				nextToken = page.nextToken;
				pages += 1;
			} while (nextToken && pages < maxPages);
			if (nextToken) capped = true;
		} catch (error) {
			notes.push(`could not read the errors of ${logGroup}: ${errorMessage(error)}`);
		}
	}
	const errorGroups = [...groups.values()]
		.sort((a, b) => b.count - a.count || b.last - a.last)
		.slice(0, groupLimit)
		.map(({first, last, ...g}) => ({...g, firstSeen: new Date(first).toISOString(), lastSeen: new Date(last).toISOString()}));

	// Metrics: five-minute points over the window, so a two-hour sparkline has 24 cells.
	const periodSeconds = Math.max(60, Math.round(sinceMs / 1000 / 24 / 60) * 60);
	const serviceNames = status.services.map(s => s.name);
	let series: MetricSeries[] = [];
	try {
		// aws cloudwatch get-metric-data --metric-data-queries ... --start-time S --end-time E
		series = await cloud.metrics.getMetricData([...serviceQueries(names, serviceNames, periodSeconds), ...databaseQueries(names, periodSeconds)], {start, end: now});
	} catch (error) {
		notes.push(`could not read metrics: ${errorMessage(error)}`);
	}
	const split = splitSeries(serviceNames, series);

	// The timeline.
	const timeline: Array<TimelineEntry & {t: number}> = [];
	const at = (t: number) => new Date(t).toISOString();
	try {
		// aws ecs describe-services --cluster CLUSTER --services NAME...
		for (const service of await cloud.services.describeServices(names.cluster, serviceNames)) {
			for (const event of service.events) if (event.createdAt >= start) timeline.push({t: event.createdAt, time: at(event.createdAt), kind: 'service-event', source: service.name, text: event.message});
			for (const d of service.deployments) {
				if (d.createdAt >= start) timeline.push({t: d.createdAt, time: at(d.createdAt), kind: 'deployment', source: service.name, text: `deployment of ${d.taskDefinition} started (${d.status}, ${d.rolloutState})`});
				if (d.updatedAt >= start && d.updatedAt !== d.createdAt) timeline.push({t: d.updatedAt, time: at(d.updatedAt), kind: 'deployment', source: service.name, text: `deployment of ${d.taskDefinition}: ${d.rolloutState}, ${d.runningCount}/${d.desiredCount} running${d.rolloutStateReason ? ` (${d.rolloutStateReason})` : ''}`});
			}
		}
	} catch (error) {
		notes.push(`could not read the service events: ${errorMessage(error)}`);
	}
	for (const alarm of status.alarms) {
		try {
			// aws cloudwatch describe-alarm-history --alarm-name NAME --history-item-type StateUpdate --start-date S --end-date E
			const history = await cloud.alarms.describeAlarmHistory(alarm.name, {start, end: now});
			for (const item of history) if (item.type === 'StateUpdate') timeline.push({t: item.timestamp, time: at(item.timestamp), kind: 'alarm', source: alarm.name, text: item.summary});
		} catch (error) {
			notes.push(`could not read the history of ${alarm.name}: ${errorMessage(error)}`);
			break; // one note: the endpoint likely has no alarm history at all
		}
	}
	timeline.push(...auditEntries(options.auditPath, names.env, start, notes));
	timeline.sort((a, b) => b.t - a.t);

	return {
		schema: 1,
		at: at(now),
		since: at(start),
		status,
		errors: {groups: errorGroups, total, capped},
		metrics: {
			periodSeconds,
			services: serviceNames.map(name => ({name, cpu: snapshot(`${name} CPU %`, split.perService.get(name)?.cpu), memory: snapshot(`${name} memory %`, split.perService.get(name)?.memory)})),
			database: {cpu: snapshot(`${names.db} CPU %`, split.db.cpu), connections: snapshot(`${names.db} connections`, split.db.connections), freeableMemory: snapshot(`${names.db} freeable memory`, split.db.freeableMemory)},
		},
		timeline: timeline.map(({t: _t, ...entry}) => entry),
		notes: [...status.notes, ...notes],
	};
}

/** This machine's audit entries (audit.jsonl) of the environment in the window; a missing file is none. */
function auditEntries(path: string | undefined, env: string, start: number, notes: string[]): Array<TimelineEntry & {t: number}> {
	if (path === undefined) return [];
	let text: string;
	try {
		text = readFileSync(path, 'utf8');
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'ENOENT') notes.push(`could not read the audit log ${path}: ${errorMessage(error)}`);
		return [];
	}
	const entries: Array<TimelineEntry & {t: number}> = [];
	for (const line of text.split('\n')) {
		if (line.trim() === '') continue;
		let record: {time?: string; env?: string; phase?: string; title?: string; cliCommand?: string; outcome?: string; resource?: string};
		try {
			record = JSON.parse(line) as typeof record;
		} catch {
			continue; // a torn last line from a crash: the rest is still worth reading
		}
		const t = Date.parse(record.time ?? '');
		if (record.env !== env || !(t >= start)) continue;
		entries.push({t, time: new Date(t).toISOString(), kind: 'audit', source: record.resource ?? '', text: `${record.phase === 'outcome' ? `outcome ${record.outcome}` : 'intent'}: ${record.title ?? ''} (${record.cliCommand ?? ''})`});
	}
	return entries;
}
