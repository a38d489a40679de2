// FilterLogEvents on the simulated account, with CloudWatch's paging: pages of at most PAGE_SIZE
// events, each looking at no more than SCAN_BUDGET stored events (so a rare pattern gives empty
// pages that still carry a token), and events invisible until their ingestion time.

import {CloudError} from '../port/errors.js';
import type {LogFilterPage, LogFilterRequest} from '../port/types.js';
import {compileFilterPattern, type LogMatcher} from '../logs/filter-pattern.js';
import {lowerBound} from './event-log.js';
import {logEventId} from './ids.js';
import type {World} from './model.js';
import {hash32} from './random.js';

/** Events a FilterLogEvents page returns at most, and stored events one page looks at. */
export const PAGE_SIZE = 500;
export const SCAN_BUDGET = 2_000;

function invalid(message: string): CloudError {
	return new CloudError('invalid', message, {code: 'InvalidParameterException'});
}

const matcherCache = new Map<string, LogMatcher>();

/** A compiled filter pattern (cached); an invalid one is refused as CloudError 'invalid'. */
export function matcherFor(pattern: string): LogMatcher {
	const cached = matcherCache.get(pattern);
	if (cached) return cached;
	let matcher: LogMatcher;
	try {
		matcher = compileFilterPattern(pattern);
	} catch (error) {
		throw invalid(`Invalid filter pattern '${pattern}': ${error instanceof Error ? error.message : String(error)}`);
	}
	if (matcherCache.size >= 64) matcherCache.delete(matcherCache.keys().next().value as string);
	matcherCache.set(pattern, matcher);
	return matcher;
}

function encodeToken(group: string, event: {ts: number; seq: number}): string {
	return Buffer.from(`v1:${hash32(group)}:${event.ts}:${event.seq}`).toString('base64url');
}

function decodeToken(group: string, token: string): {ts: number; seq: number} {
	const match = /^v1:(\d+):(-?\d+):(\d+)$/.exec(Buffer.from(token, 'base64url').toString('utf8'));
	if (!match || Number(match[1]) !== hash32(group)) throw invalid('The specified nextToken is invalid (it does not belong to this log group and query).');
	return {ts: Number(match[2]), seq: Number(match[3])};
}

export function filterLogEvents(world: World, request: LogFilterRequest, now: number): LogFilterPage {
	const group = world.logGroups.get(request.logGroup);
	if (!group) throw new CloudError('not-found', `The specified log group does not exist: ${request.logGroup}`, {resource: request.logGroup, code: 'ResourceNotFoundException'});
	if (!Number.isFinite(request.startTime) || request.startTime < 0) throw invalid(`startTime must be a time in epoch milliseconds (got ${request.startTime}).`);
	const end = request.endTime ?? now;
	if (!Number.isFinite(end)) throw invalid(`endTime must be a time in epoch milliseconds (got ${request.endTime}).`);
	if (end < request.startTime) throw invalid(`endTime (${end}) must not be before startTime (${request.startTime}).`);
	if (request.limit !== undefined && (!Number.isInteger(request.limit) || request.limit < 1 || request.limit > 10_000)) {
		throw invalid(`limit must be a whole number from 1 to 10000 (got ${request.limit}).`);
	}
	const streams = request.logStreamNames;
	if (streams !== undefined && (streams.length === 0 || streams.length > 100)) throw invalid('logStreamNames must hold 1 to 100 stream names.');
	const streamSet = streams ? new Set(streams) : undefined;
	const matcher = request.pattern === undefined || request.pattern.trim() === '' ? undefined : matcherFor(request.pattern);
	const pageSize = Math.min(request.limit ?? 10_000, PAGE_SIZE);
	const log = group.events;
	let index: number;
	if (request.nextToken) {
		const after = decodeToken(group.name, request.nextToken);
		index = lowerBound(log, after.ts, after.seq + 1);
	} else {
		index = lowerBound(log, request.startTime, Number.NEGATIVE_INFINITY);
	}
	const events: LogFilterPage['events'] = [];
	let scanned = 0;
	for (; index < log.items.length; index++) {
		const event = log.items[index]!;
		if (event.ts > end) return {events};
		if (event.ts < request.startTime) continue;
		scanned++;
		if (event.ing <= now && (!streamSet || streamSet.has(event.stream)) && (!matcher || matcher(event.msg))) {
			events.push({
				eventId: logEventId(event.ts, event.seq),
				timestamp: event.ts,
				ingestionTime: event.ing,
				logGroup: group.name,
				logStream: event.stream,
				message: event.msg,
			});
			if (events.length >= pageSize) return {events, nextToken: index + 1 < log.items.length ? encodeToken(group.name, event) : undefined};
		}
		if (scanned >= SCAN_BUDGET) return {events, nextToken: encodeToken(group.name, event)};
	}
	return {events};
}
