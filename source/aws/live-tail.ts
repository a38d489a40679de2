import type {LiveTailSessionUpdate, StartLiveTailResponseStream} from '@aws-sdk/client-cloudwatch-logs';
import {abortError, CloudError, isAborted, isCloudError} from '../port/errors.js';
import type {LiveTailHandlers, LogEvent, LogGroup, ReadOptions} from '../port/types.js';
import type {AwsClients} from './clients.js';
import {toCloudError} from './errors.js';

// CloudWatch Logs Live Tail: a push stream (sessionStart, then a sessionUpdate about every second
// with up to 500 events, sampled above that). Any failure to start becomes 'unsupported', which
// tells the caller to follow the log by polling FilterLogEvents instead.

/** StartLiveTail takes up to 10 log groups. */
export const maxLiveTailGroups = 10;

const context = {action: 'logs:StartLiveTail'};

/** `arn:aws:logs:REGION:ACCOUNT:log-group:NAME[:*]` -> NAME; a plain name passes through. */
export function logGroupNameOf(identifier: string): string {
	const match = /:log-group:(.+?)(?::\*)?$/.exec(identifier);
	return match?.[1] ?? identifier;
}

let sessionCounter = 0;

/** One sessionUpdate -> port events. Live Tail events carry no event id, so one is made up. */
export function liveTailEvents(update: LiveTailSessionUpdate, session: number, nextSeq: () => number): LogEvent[] {
	return (update.sessionResults ?? []).map(result => {
		const timestamp = result.timestamp ?? 0;
		return {
			eventId: `live-${session}-${nextSeq()}`,
			timestamp,
			ingestionTime: result.ingestionTime,
			logGroup: logGroupNameOf(result.logGroupIdentifier ?? ''),
			logStream: result.logStreamName ?? '',
			message: result.message ?? '',
		};
	});
}

export type LiveTailSession = {stop(): void; done: Promise<void>};

/**
 * Feeds a started stream to the handlers until it ends, fails or is stopped. Errors after stop()
 * (the aborted request) are expected and not reported.
 */
export function pumpLiveTail(
	stream: AsyncIterator<StartLiveTailResponseStream>,
	handlers: LiveTailHandlers,
	options: {first?: StartLiveTailResponseStream; onStop?: () => void} = {},
): LiveTailSession {
	const session = ++sessionCounter;
	let seq = 0;
	let stopped = false;
	const nextSeq = () => ++seq;

	// Returns false when the stream said it is over.
	const deliver = (event: StartLiveTailResponseStream): boolean => {
		if (event.sessionUpdate) {
			const events = liveTailEvents(event.sessionUpdate, session, nextSeq);
			if (events.length > 0) handlers.onEvents(events, {sampled: event.sessionUpdate.sessionMetadata?.sampled === true});
			return true;
		}
		if (event.SessionTimeoutException) {
			handlers.onError(new CloudError('unknown', 'Live Tail session reached its 3-hour limit; start it again to keep following', {code: 'SessionTimeoutException'}));
			return false;
		}
		if (event.SessionStreamingException) {
			handlers.onError(new CloudError('network', `Live Tail stream failed: ${event.SessionStreamingException.message ?? 'streaming error'}`, {code: 'SessionStreamingException'}));
			return false;
		}
		return true; // sessionStart and members this SDK does not know
	};

	const done = (async () => {
		try {
			if (options.first && !deliver(options.first)) return;
			while (!stopped) {
				const next = await stream.next();
				if (stopped) return;
				if (next.done) {
					handlers.onError(new CloudError('network', 'Live Tail stream was closed by the server', {code: 'StreamEnded'}));
					return;
				}
				if (!deliver(next.value)) return;
			}
		} catch (error) {
			if (!stopped) handlers.onError(toCloudError(error, context));
		}
	})();

	return {
		stop() {
			if (stopped) return;
			stopped = true;
			options.onStop?.();
			void stream.return?.()?.catch(() => {});
		},
		done,
	};
}

function asUnsupported(error: unknown): CloudError {
	const mapped = isCloudError(error) ? error : toCloudError(error, context);
	if (mapped.kind === 'unsupported') return mapped;
	return new CloudError('unsupported', `Live Tail could not start (${mapped.message}); follow the log by polling instead`, {
		code: mapped.code,
		requestId: mapped.requestId,
		hint: mapped.hint,
		cause: mapped,
	});
}

export async function startLiveTail(
	clients: AwsClients,
	describeLogGroups: (prefix?: string, options?: ReadOptions) => Promise<LogGroup[]>,
	logGroups: string[],
	pattern: string | undefined,
	handlers: LiveTailHandlers,
	{signal}: ReadOptions = {},
): Promise<() => void> {
	if (logGroups.length === 0 || logGroups.length > maxLiveTailGroups) {
		throw new CloudError('invalid', `Live Tail follows 1 to ${maxLiveTailGroups} log groups, got ${logGroups.length}`);
	}
	// The session's own controller: the caller's signal aborts it until the session started; after
	// that only the returned stop function ends it.
	const abort = new AbortController();
	const cancelStart = () => abort.abort();
	signal?.addEventListener('abort', cancelStart, {once: true});
	try {
		return await clients.call({...context, signal}, async () => {
			// Live Tail wants ARNs; the names' ARNs come from DescribeLogGroups.
			const arns = await Promise.all(
				logGroups.map(async name => {
					const group = (await describeLogGroups(name, {signal})).find(g => g.name === name);
					if (!group?.arn) throw new CloudError('not-found', `Not found: log group ${name}`, {resource: `log group ${name}`});
					return group.arn;
				}),
			);
			const {client, sdk} = await clients.get('logs');
			// aws logs start-live-tail --log-group-identifiers ARN... [--log-event-filter-pattern P]
			const response = await client.send(
				new sdk.StartLiveTailCommand({logGroupIdentifiers: arns, logEventFilterPattern: pattern || undefined}),
				{abortSignal: abort.signal},
			);
			if (!response.responseStream) throw new CloudError('unsupported', 'Live Tail answered without a stream');
			const stream = response.responseStream[Symbol.asyncIterator]();
			// "Started" means the first event (sessionStart) arrived, not just that headers did.
			const first = await stream.next();
			if (first.done) throw new CloudError('unsupported', 'Live Tail stream ended before the session started');
			if (first.value.SessionStreamingException || first.value.SessionTimeoutException) {
				const failure = first.value.SessionStreamingException ?? first.value.SessionTimeoutException;
				throw new CloudError('unsupported', `Live Tail refused to start: ${failure?.message ?? 'stream error'}`);
			}
			if (signal?.aborted) {
				abort.abort();
				throw abortError();
			}
			const session = pumpLiveTail(stream, handlers, {first: first.value, onStop: () => abort.abort()});
			return () => session.stop();
		});
	} catch (error) {
		if (isAborted(error)) throw error;
		throw asUnsupported(error);
	} finally {
		signal?.removeEventListener('abort', cancelStart);
	}
}
