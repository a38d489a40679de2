import type {FilteredLogEvent, LogGroup as SdkLogGroup, MetricFilter as SdkMetricFilter} from '@aws-sdk/client-cloudwatch-logs';
import {CloudError} from '../port/errors.js';
import type {LogEvent, LogFilterRequest, LogGroup, LogReader, MetricFilter, ReadOptions} from '../port/types.js';
import type {AwsClients} from './clients.js';
import {startLiveTail} from './live-tail.js';
import {collectPages, requireText} from './paging.js';

/** FilterLogEvents returns at most 10,000 events a page. */
export const maxFilterLimit = 10_000;

export function toLogEvent(event: FilteredLogEvent, logGroup: string, index: number): LogEvent {
	const timestamp = event.timestamp ?? 0;
	return {
		// AWS always sends an id; the fallback only keeps a malformed answer from colliding.
		eventId: event.eventId ?? `${event.logStreamName ?? ''}/${timestamp}/${index}`,
		timestamp,
		ingestionTime: event.ingestionTime,
		logGroup,
		logStream: event.logStreamName ?? '',
		message: event.message ?? '',
	};
}

export function toLogGroup(group: SdkLogGroup): LogGroup {
	return {
		name: group.logGroupName ?? '',
		// `arn` ends in ":*"; Live Tail wants the bare ARN, which newer answers carry as logGroupArn.
		arn: group.logGroupArn ?? (group.arn ?? '').replace(/:\*$/, ''),
		retentionInDays: group.retentionInDays,
		storedBytes: group.storedBytes,
		createdAt: group.creationTime,
		metricFilterCount: group.metricFilterCount,
	};
}

export function toMetricFilter(filter: SdkMetricFilter, logGroup: string): MetricFilter {
	return {
		name: filter.filterName ?? '',
		logGroup: filter.logGroupName ?? logGroup,
		pattern: filter.filterPattern ?? '',
		transformations: (filter.metricTransformations ?? []).map(t => ({
			metricName: t.metricName ?? '',
			metricNamespace: t.metricNamespace ?? '',
			metricValue: t.metricValue ?? '',
			defaultValue: t.defaultValue,
		})),
	};
}

export function validateFilterRequest(request: LogFilterRequest): void {
	requireText(request.logGroup, 'log group name');
	if (!Number.isFinite(request.startTime) || request.startTime < 0) {
		throw new CloudError('invalid', `Log filter start time must be epoch milliseconds, got ${request.startTime}`);
	}
	if (request.endTime !== undefined && !(Number.isFinite(request.endTime) && request.endTime >= request.startTime)) {
		throw new CloudError('invalid', `Log filter end time ${request.endTime} is before its start time ${request.startTime}`);
	}
	if (request.limit !== undefined && !(Number.isInteger(request.limit) && request.limit >= 1 && request.limit <= maxFilterLimit)) {
		throw new CloudError('invalid', `Log filter limit must be a whole number from 1 to ${maxFilterLimit}, got ${request.limit}`);
	}
}

export function createLogReader(clients: AwsClients): LogReader {
	const describeLogGroups = (prefix?: string, {signal}: ReadOptions = {}) =>
		clients.call({action: 'logs:DescribeLogGroups', resource: prefix ? `log groups under ${prefix}` : 'log groups', signal}, async () => {
			const {client, sdk} = await clients.get('logs');
			const groups = await collectPages('log groups', signal, async token => {
				// aws logs describe-log-groups [--log-group-name-prefix PREFIX]
				const page = await client.send(new sdk.DescribeLogGroupsCommand({logGroupNamePrefix: prefix || undefined, nextToken: token}), {abortSignal: signal});
				return {items: page.logGroups ?? [], next: page.nextToken};
			});
			return groups.map(toLogGroup);
		});

	return {
		filterLogEvents: (request, {signal} = {}) =>
			clients.call({action: 'logs:FilterLogEvents', resource: `log group ${request.logGroup}`, signal}, async () => {
				validateFilterRequest(request);
				const {client, sdk} = await clients.get('logs');
				// aws logs filter-log-events --log-group-name GROUP --start-time S [--end-time E] [--filter-pattern P] [--log-stream-names ...]
				const page = await client.send(
					new sdk.FilterLogEventsCommand({
						logGroupName: request.logGroup,
						filterPattern: request.pattern || undefined,
						startTime: request.startTime,
						endTime: request.endTime,
						logStreamNames: request.logStreamNames && request.logStreamNames.length > 0 ? request.logStreamNames : undefined,
						limit: request.limit,
						nextToken: request.nextToken,
					}),
					{abortSignal: signal},
				);
				return {
					events: (page.events ?? []).map((event, index) => toLogEvent(event, request.logGroup, index)),
					nextToken: page.nextToken || undefined,
				};
			}),

		describeLogGroups,

		describeMetricFilters: (logGroup, {signal} = {}) =>
			clients.call({action: 'logs:DescribeMetricFilters', resource: `log group ${logGroup}`, signal}, async () => {
				requireText(logGroup, 'log group name');
				const {client, sdk} = await clients.get('logs');
				const filters = await collectPages('metric filters', signal, async token => {
					// aws logs describe-metric-filters --log-group-name GROUP
					const page = await client.send(new sdk.DescribeMetricFiltersCommand({logGroupName: logGroup, nextToken: token}), {abortSignal: signal});
					return {items: page.metricFilters ?? [], next: page.nextToken};
				});
				return filters.map(filter => toMetricFilter(filter, logGroup));
			}),

		startLiveTail: (logGroups, pattern, handlers, options) => startLiveTail(clients, describeLogGroups, logGroups, pattern, handlers, options),
	};
}
