// CloudWatch Logs diagnoses: searches paged to the end (with a cap), log groups and their
// retention, metric filters.
import {isCloudError} from '../port/errors.js';
import type {LogEvent, LogGroup} from '../port/types.js';
import {compileFilterPattern, patternNeedsLocalFilter, suggestFilterFix} from '../logs/filter-pattern.js';
import {type NativeCall, resolveTime} from './native-call.js';
import {bytes, type Finding, listOf, ok, plural, problem, type ReadContext, type ReadOutcome, shortTime, table, unknown} from './native-result.js';
import {logGroupFolder} from './substitute-env.js';
import {deniedCalls} from './trail-events.js';

type Call<Op extends NativeCall['op']> = Extract<NativeCall, {op: Op}>;

export const defaultMaxPages = 50;
export const defaultMaxEventsRead = 10_000;
/** Events shown under a search's verdict, newest last. */
export const shownEvents = 50;

// What an error or warning line looks like in the ACSO services' logs (plain and JSON).
const errorLike = /\b(ERROR|FATAL|CRITICAL|WARN(ING)?)\b|"level"\s*:\s*"(error|fatal|critical|warn(ing)?)"|Exception|[A-Za-z]Error\b|\btimed? ?out\b|\btimeout\b|\bfail(ed|ure|s)?\b|\brefused\b|\bdenied\b|too many|OutOfMemory/i;

export function looksLikeError(message: string): boolean {
	return errorLike.test(message.length > 2000 ? message.slice(0, 2000) : message);
}

/** `?ERROR ?FATAL` -> ['ERROR', 'FATAL']; plain single terms -> [term]; anything richer -> []. */
export function countableTerms(pattern: string | undefined): string[] {
	if (pattern === undefined) return [];
	const words = pattern.trim().split(/\s+/).filter(Boolean);
	if (words.length === 0 || words.some(w => /^[{["%-]/.test(w))) return [];
	if (words.every(w => w.startsWith('?') && w.length > 1)) return words.map(w => w.slice(1));
	return words.length === 1 ? words : [];
}

function isEnvironmentGroup(logGroup: string, context: ReadContext): boolean {
	return context.names.logGroups.includes(logGroup);
}

export async function filterLogEvents(call: Call<'logs.filter-log-events'>, context: ReadContext): Promise<ReadOutcome> {
	const start = resolveTime(call.window.start, context.now);
	const end = resolveTime(call.window.end, context.now);
	const maxPages = context.maxPages ?? defaultMaxPages;
	const maxEvents = call.maxEvents ?? context.maxEvents ?? defaultMaxEventsRead;
	const notes: string[] = [];
	// Some backends (moto) answer ?/{/[/%/- patterns with every event: check each event here too.
	let local: ((message: string) => boolean) | undefined;
	if (call.pattern !== undefined && patternNeedsLocalFilter(call.pattern)) {
		try {
			local = compileFilterPattern(call.pattern);
		} catch {
			local = undefined;
		}
	}
	const events: LogEvent[] = [];
	let calls = 0;
	let token: string | undefined;
	let truncated = false;
	try {
		do {
			if (context.signal?.aborted) {
				truncated = true;
				break;
			}
			// aws logs filter-log-events --log-group-name G --filter-pattern P --start-time S --end-time E [--next-token T]
			const page = await context.cloud.logs.filterLogEvents({
				logGroup: call.logGroup,
				...(call.pattern === undefined ? {} : {pattern: call.pattern}),
				startTime: start,
				endTime: end,
				...(call.logStreamNames ? {logStreamNames: call.logStreamNames} : {}),
				...(token === undefined ? {} : {nextToken: token}),
			});
			calls++;
			for (const event of page.events) if (!local || local(event.message)) events.push(event);
			token = page.nextToken;
			if (events.length >= maxEvents || (token !== undefined && calls >= maxPages)) {
				truncated = token !== undefined || events.length > maxEvents;
				break;
			}
		} while (token !== undefined);
	} catch (error) {
		if (isCloudError(error) && error.kind === 'not-found') {
			const mine = isEnvironmentGroup(call.logGroup, context);
			return {
				finding: mine
					? problem(`The environment's log group ${call.logGroup} does not exist: create it.`, 'no-log-group')
					: unknown(`Log group ${call.logGroup} does not exist in this account and region, so it cannot tell.`, 'log-group-absent'),
				lines: [`${call.logGroup}  MISSING`],
				notes,
				calls: calls + 1,
			};
		}
		throw error;
	}
	if (events.length > maxEvents) events.length = maxEvents;
	if (truncated) notes.push(`Stopped after ${plural(events.length, 'event')} in ${plural(calls, 'page')}: counts are "at least".`);
	events.sort((a, b) => a.timestamp - b.timestamp);

	const terms = countableTerms(call.pattern);
	const counts = terms.map(term => [term, events.filter(e => e.message.includes(term)).length] as const);
	const errors = events.filter(e => looksLikeError(e.message));
	const shown = events.slice(-shownEvents);
	const lines = [
		`${truncated ? 'at least ' : ''}${plural(events.length, 'event')} match ${call.pattern === undefined ? '(no pattern)' : `"${call.pattern}"`} in ${call.logGroup}, ${shortTime(start)} to ${shortTime(end)}`,
		...(counts.length > 1 ? [counts.map(([term, n]) => `${term}: ${n}`).join('   ')] : []),
		...(events.length > shown.length ? [`(the newest ${shown.length} shown)`] : []),
		...shown.map(e => `${shortTime(e.timestamp)}  ${e.logStream}  ${oneLine(e.message)}`),
	];
	const countText = counts.length > 1 ? ` (${counts.map(([term, n]) => `${term} ${n}`).join(', ')})` : '';
	// CloudTrail records (a trail's log group) say what was refused in their errorCode, not in words.
	const denied = deniedCalls(events);
	let finding: Finding;
	if (events.length === 0) finding = ok(`No event matches${call.pattern ? ` "${call.writtenPattern ?? call.pattern}"` : ''} in the window.`);
	else if (denied.length > 0) {
		const calls = denied.map(d => `${d.principal} may not ${d.action}${d.resource === undefined ? '' : ` on ${d.resource}`} (${plural(d.count, 'time')}, last ${shortTime(d.newest)})`);
		finding = problem(`Denied calls in ${call.logGroup}: ${listOf(calls)}.`, 'denied-calls', ['access']);
	} else if (errors.length > 0) {
		const all = errors.map(e => e.message).join('\n');
		const topics = [
			...(/AccessDenied|not authori[sz]ed|UnrecognizedClient|ExpiredToken|authentication/i.test(all) ? ['access'] : []),
			...(/OutOfMemory|heap|memory/i.test(all) ? ['memory'] : []),
			...(/too many connections|connection pool|database/i.test(all) ? ['database'] : []),
			...(/timeout|timed out|slow/i.test(all) ? ['performance'] : []),
		];
		finding = problem(`${errors.length === events.length ? '' : `${errors.length} of `}${plural(events.length, 'matching event')} ${errors.length === 1 ? 'reports' : 'report'} an error or warning${countText}; newest: ${oneLine(errors[errors.length - 1]?.message ?? '', 120)}`, 'log-errors', topics);
	} else finding = ok(`${plural(events.length, 'event')} match${countText}, none of them an error or warning.`, 'log-lines');
	return {finding, lines, notes, calls};
}

function oneLine(message: string, max = 300): string {
	const flat = message.replace(/\s*\n\s*/g, ' ⏎ ');
	return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

function retentionText(group: LogGroup): string {
	return group.retentionInDays === undefined ? 'never expire' : plural(group.retentionInDays, 'day');
}

/** The shortest retention that still keeps a week of logs for an incident review. */
export const minimumRetentionDays = 7;

export async function describeLogGroups(call: Call<'logs.describe-log-groups'>, context: ReadContext): Promise<ReadOutcome> {
	// aws logs describe-log-groups --log-group-name-prefix PREFIX
	const groups = await context.cloud.logs.describeLogGroups(call.prefix);
	const rows = [['LOG GROUP', 'RETENTION', 'STORED', 'METRIC FILTERS']];
	for (const g of groups) rows.push([g.name, retentionText(g), bytes(g.storedBytes), g.metricFilterCount === undefined ? '-' : String(g.metricFilterCount)]);
	const expected = context.names.logGroups.filter(name => call.prefix === undefined || name.startsWith(call.prefix));
	const missing = expected.filter(name => !groups.some(g => g.name === name));
	for (const name of missing) rows.push([name, 'MISSING', '-', '-']);
	// Judge the environment's groups: its own, or those under its folder; other groups are only listed.
	const folders = context.names.logGroups.map(logGroupFolder);
	const mine = groups.filter(g => context.names.logGroups.includes(g.name) || folders.some(f => g.name.startsWith(f)));
	const forever = mine.filter(g => g.retentionInDays === undefined);
	const short = mine.filter(g => g.retentionInDays !== undefined && g.retentionInDays < minimumRetentionDays);
	let finding: Finding;
	if (missing.length > 0) finding = problem(`The environment's log group ${listOf(missing)} does not exist: create it.`, 'no-log-group');
	else if (forever.length > 0) {
		finding = problem(`${listOf(forever.map(g => g.name))} ${forever.length === 1 ? 'has' : 'have'} no retention set: logs never expire and storage grows (${bytes(forever.reduce((n, g) => n + (g.storedBytes ?? 0), 0))} now).`, 'no-retention');
	} else if (short.length > 0) {
		finding = problem(`${listOf(short.map(g => `${g.name} keeps ${retentionText(g)}`))}: logs disappear before an incident can be reviewed.`, 'retention-short');
	} else if (groups.length === 0) finding = unknown(`No log group starts with ${call.prefix ?? '(any prefix)'}.`);
	else finding = ok(`${plural(mine.length || groups.length, 'log group')}, each with a retention (${listOf([...new Set((mine.length > 0 ? mine : groups).map(retentionText))])}).`);
	return {finding, lines: table(rows), notes: [], calls: 1};
}

export async function describeMetricFilters(call: Call<'logs.describe-metric-filters'>, context: ReadContext): Promise<ReadOutcome> {
	try {
		// aws logs describe-metric-filters --log-group-name G
		const filters = await context.cloud.logs.describeMetricFilters(call.logGroup);
		const rows = [['FILTER', 'PATTERN', 'METRIC']];
		for (const f of filters) rows.push([f.name, f.pattern === '' ? '(every event)' : f.pattern, f.transformations.map(t => `${t.metricNamespace}/${t.metricName}`).join(', ')]);
		if (filters.length === 0) {
			return {finding: problem(`${call.logGroup} has no metric filters: no error metric is published from its logs.`, 'no-metric-filters'), lines: ['(no metric filters)'], notes: [], calls: 1};
		}
		const broken = filters.filter(f => suggestFilterFix(f.pattern) !== undefined);
		const finding = broken.length > 0
			? problem(`${listOf(broken.map(f => `${f.name} ("${f.pattern}" should be "${suggestFilterFix(f.pattern) ?? ''}")`))}: OR is read as a word, so the filter matches almost nothing.`, 'bad-filter-pattern')
			: ok(`${plural(filters.length, 'metric filter')} on ${call.logGroup}: ${listOf(filters.map(f => f.name))}.`);
		return {finding, lines: table(rows), notes: [], calls: 1};
	} catch (error) {
		if (isCloudError(error) && error.kind === 'not-found') {
			const mine = isEnvironmentGroup(call.logGroup, context);
			return {
				finding: mine ? problem(`The environment's log group ${call.logGroup} does not exist: create it.`, 'no-log-group') : unknown(`Log group ${call.logGroup} does not exist.`, 'log-group-absent'),
				lines: [`${call.logGroup}  MISSING`],
				notes: [],
				calls: 1,
			};
		}
		throw error;
	}
}
