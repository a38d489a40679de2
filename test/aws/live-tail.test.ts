import {describe, expect, it} from 'vitest';
import {logGroupNameOf, pumpLiveTail, startLiveTail} from '../../source/aws/live-tail.js';
import {isAborted, isCloudError} from '../../source/port/errors.js';
import type {LogEvent, LogGroup} from '../../source/port/types.js';
import {fakeClients} from './fake-clients.js';

const group = '/aws/acso/production/agents';
const groupArn = `arn:aws:logs:us-east-1:123456789012:log-group:${group}`;

type StreamEvent = Record<string, unknown>;

/** A stream the test feeds by hand, like the SDK's event stream iterator. */
function manualStream() {
	const queue: Array<IteratorResult<StreamEvent> | Error> = [];
	const waiting: Array<(value: IteratorResult<StreamEvent> | Error) => void> = [];
	let returned = false;
	const push = (item: IteratorResult<StreamEvent> | Error) => {
		const waiter = waiting.shift();
		if (waiter) waiter(item);
		else queue.push(item);
	};
	const iterator: AsyncIterator<StreamEvent> = {
		next: async () => {
			const item = queue.shift() ?? (await new Promise<IteratorResult<StreamEvent> | Error>(resolve => waiting.push(resolve)));
			if (item instanceof Error) throw item;
			return item;
		},
		return: async () => {
			returned = true;
			push({done: true, value: undefined});
			return {done: true, value: undefined};
		},
	};
	return {
		iterator,
		send: (event: StreamEvent) => push({done: false, value: event}),
		fail: (error: Error) => push(error),
		end: () => push({done: true, value: undefined}),
		returned: () => returned,
	};
}

const update = (messages: string[], sampled = false) => ({
	sessionUpdate: {
		sessionMetadata: {sampled},
		sessionResults: messages.map((message, index) => ({logGroupIdentifier: groupArn, logStreamName: 'acso/supervisor-agent/abc', message, timestamp: 1000 + index, ingestionTime: 2000})),
	},
});

const settle = () => new Promise(resolve => setTimeout(resolve, 0));

function recorder() {
	const batches: Array<{events: LogEvent[]; sampled: boolean}> = [];
	const errors: unknown[] = [];
	return {batches, errors, handlers: {onEvents: (events: LogEvent[], info: {sampled: boolean}) => batches.push({events, sampled: info.sampled}), onError: (e: unknown) => errors.push(e)}};
}

describe('pumpLiveTail', () => {
	it('delivers session updates as port events with the sampled flag, and skips empty ones', async () => {
		const stream = manualStream();
		const seen = recorder();
		const session = pumpLiveTail(stream.iterator as never, seen.handlers, {first: {sessionStart: {requestId: 'r'}} as never});
		stream.send(update(['INFO a', 'ERROR b']));
		stream.send(update([]));
		stream.send(update(['WARN c'], true));
		await settle();
		expect(seen.batches.map(b => [b.events.map(e => e.message), b.sampled])).toEqual([
			[['INFO a', 'ERROR b'], false],
			[['WARN c'], true],
		]);
		const first = seen.batches[0]!.events[0]!;
		expect(first).toMatchObject({logGroup: group, logStream: 'acso/supervisor-agent/abc', timestamp: 1000, ingestionTime: 2000});
		const ids = seen.batches.flatMap(b => b.events.map(e => e.eventId));
		expect(new Set(ids).size).toBe(3);
		session.stop();
		await session.done;
		expect(stream.returned()).toBe(true);
		expect(seen.errors).toEqual([]);
	});

	it('reports the 3-hour timeout and a stream that ends or fails, but nothing after stop()', async () => {
		const timeout = manualStream();
		const a = recorder();
		const s1 = pumpLiveTail(timeout.iterator as never, a.handlers);
		timeout.send({SessionTimeoutException: {message: 'Session timed out'}});
		await s1.done;
		expect(a.errors).toHaveLength(1);
		expect(isCloudError(a.errors[0]) && a.errors[0].code).toBe('SessionTimeoutException');

		const ended = manualStream();
		const b = recorder();
		const s2 = pumpLiveTail(ended.iterator as never, b.handlers);
		ended.end();
		await s2.done;
		expect(isCloudError(b.errors[0]) && b.errors[0].kind).toBe('network');

		const failed = manualStream();
		const c = recorder();
		const s3 = pumpLiveTail(failed.iterator as never, c.handlers);
		failed.fail(Object.assign(new Error('socket hang up'), {code: 'ECONNRESET'}));
		await s3.done;
		expect(isCloudError(c.errors[0]) && c.errors[0].kind).toBe('network');

		const stopped = manualStream();
		const d = recorder();
		const s4 = pumpLiveTail(stopped.iterator as never, d.handlers);
		s4.stop();
		stopped.fail(new Error('aborted'));
		await s4.done;
		expect(d.errors).toEqual([]);
		expect(d.batches).toEqual([]);
	});
});

describe('startLiveTail', () => {
	const groups = async (prefix?: string): Promise<LogGroup[]> => (prefix === group ? [{name: group, arn: groupArn}] : []);

	it('resolves once the session started, sending the groups\' ARNs, and stop() aborts the request', async () => {
		const stream = manualStream();
		let signal: AbortSignal | undefined;
		const clients = fakeClients((command, options) => {
			signal = options?.abortSignal;
			return {responseStream: {[Symbol.asyncIterator]: () => stream.iterator}};
		});
		stream.send({sessionStart: {requestId: 'r1'}});
		const seen = recorder();
		const stop = await startLiveTail(clients, groups, [group], 'ERROR', seen.handlers);
		expect(clients.sent[0]).toMatchObject({name: 'StartLiveTail', input: {logGroupIdentifiers: [groupArn], logEventFilterPattern: 'ERROR'}});
		stream.send(update(['ERROR x']));
		await settle();
		expect(seen.batches).toHaveLength(1);
		stop();
		expect(signal?.aborted).toBe(true);
	});

	it('the caller\'s signal cancels the start (an AbortError, not unsupported), and not a started session', async () => {
		const waiting = manualStream();
		let sessionSignal: AbortSignal | undefined;
		const clients = fakeClients((_command, options) => {
			sessionSignal = options?.abortSignal;
			return {responseStream: {[Symbol.asyncIterator]: () => waiting.iterator}};
		});
		const controller = new AbortController();
		// No sessionStart yet: the start is still on its way when the caller goes away.
		const starting = startLiveTail(clients, groups, [group], undefined, recorder().handlers, {signal: controller.signal}).catch((error: unknown) => error);
		await settle();
		controller.abort();
		waiting.fail(Object.assign(new Error('Request aborted'), {name: 'AbortError'}));
		const error = await starting;
		expect(sessionSignal?.aborted).toBe(true);
		expect(isAborted(error)).toBe(true);
		expect(isCloudError(error)).toBe(false);

		const stream = manualStream();
		const started = fakeClients(() => ({responseStream: {[Symbol.asyncIterator]: () => stream.iterator}}));
		stream.send({sessionStart: {requestId: 'r2'}});
		const later = new AbortController();
		const seen = recorder();
		const stop = await startLiveTail(started, groups, [group], undefined, seen.handlers, {signal: later.signal});
		later.abort();
		stream.send(update(['still live']));
		await settle();
		expect(seen.batches).toHaveLength(1);
		stop();
	});

	it('rejects with unsupported when the endpoint fails to start it, keeping the cause', async () => {
		const clients = fakeClients(() => {
			throw Object.assign(new Error('Unexpected token \'<\'... Deserialization error'), {name: 'SyntaxError', $metadata: {httpStatusCode: 500}});
		});
		const error = await startLiveTail(clients, groups, [group], undefined, recorder().handlers).catch(e => e);
		expect(isCloudError(error) && error.kind).toBe('unsupported');
	});

	it('rejects with unsupported naming a log group that does not exist, and invalid for too many groups', async () => {
		const clients = fakeClients(() => ({}));
		const missing = await startLiveTail(clients, groups, ['/aws/acso/production/nope'], undefined, recorder().handlers).catch(e => e);
		expect(missing.kind).toBe('unsupported');
		expect(missing.message).toContain('/aws/acso/production/nope');
		const many = await startLiveTail(clients, groups, Array.from({length: 11}, (_, i) => `g${i}`), undefined, recorder().handlers).catch(e => e);
		expect(many.kind).toBe('invalid');
		expect(clients.sent).toHaveLength(0);
	});
});

describe('logGroupNameOf', () => {
	it('takes the name out of an ARN, with or without :*', () => {
		expect(logGroupNameOf(groupArn)).toBe(group);
		expect(logGroupNameOf(`${groupArn}:*`)).toBe(group);
		expect(logGroupNameOf(group)).toBe(group);
	});
});
