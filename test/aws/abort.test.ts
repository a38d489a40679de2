import {CloudWatchLogsClient, CreateLogGroupCommand} from '@aws-sdk/client-cloudwatch-logs';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {createAwsCloud, type ObservedCall} from '../../source/aws/index.js';
import {createLogReader} from '../../source/aws/logs.js';
import {collectPages} from '../../source/aws/paging.js';
import {createServiceReader} from '../../source/aws/services.js';
import {isAborted, isCloudError} from '../../source/port/errors.js';
import {describeWithMoto, motoCredentials, motoRegion, startMoto, type MotoServer} from '../helpers/moto.js';
import {fakeClients} from './fake-clients.js';

// Cancelled reads on the SDK path: the caller's AbortSignal reaches client.send as abortSignal, an
// aborted paged read sends no further page, and what the caller sees is an AbortError (never a
// CloudError the UI would show, count or back off on).

async function rejection(promise: Promise<unknown>): Promise<unknown> {
	try {
		await promise;
	} catch (error) {
		return error;
	}
	throw new Error('expected the read to reject');
}

describe('abort through the adapters (SDK stand-in)', () => {
	it('hands the signal to every client.send of a batched read', async () => {
		const controller = new AbortController();
		const seen: Array<AbortSignal | undefined> = [];
		const clients = fakeClients((command, options) => {
			seen.push(options?.abortSignal);
			return {services: (command.input.services as string[]).map(name => ({serviceName: name, serviceArn: `arn:x:service/c/${name}`}))};
		});
		const names = Array.from({length: 25}, (_, i) => `svc-${i}`);
		await createServiceReader(clients).describeServices('c', names, {signal: controller.signal});
		expect(seen).toHaveLength(3);
		expect(seen.every(signal => signal === controller.signal)).toBe(true);
	});

	it('stops a paged read between pages once aborted: no further page is sent', async () => {
		const controller = new AbortController();
		const clients = fakeClients(command => {
			// The caller goes away while the first page is being answered.
			controller.abort();
			return {logGroups: [{logGroupName: `/g/${String(command.input.nextToken ?? 0)}`}], nextToken: 'page-2'};
		});
		const error = await rejection(createLogReader(clients).describeLogGroups('/g', {signal: controller.signal}));
		expect(isAborted(error)).toBe(true);
		expect(isCloudError(error)).toBe(false);
		expect(clients.sent.map(c => c.name)).toEqual(['DescribeLogGroups']);
	});

	it('sends nothing at all for a read aborted before it started', async () => {
		const clients = fakeClients(() => ({serviceArns: []}));
		const error = await rejection(createServiceReader(clients).listServices('c', {signal: AbortSignal.abort()}));
		expect(isAborted(error)).toBe(true);
		expect(clients.sent).toEqual([]);
	});

	it('collectPages checks the signal before each page', async () => {
		const controller = new AbortController();
		const tokens: Array<string | undefined> = [];
		const error = await rejection(
			collectPages('things', controller.signal, async token => {
				tokens.push(token);
				if (token === 'b') controller.abort();
				return {items: [token], next: token === undefined ? 'a' : token === 'a' ? 'b' : 'c'};
			}),
		);
		expect(isAborted(error)).toBe(true);
		expect(tokens).toEqual([undefined, 'a', 'b']);
	});
});

describeWithMoto('abort through the SDK on moto_server', () => {
	let moto: MotoServer;
	const prefix = '/acso-abort/';

	beforeAll(async () => {
		moto = await startMoto();
		const writer = new CloudWatchLogsClient({region: motoRegion, endpoint: moto.endpoint, credentials: motoCredentials});
		try {
			// More groups than one DescribeLogGroups page (moto answers 50 a page).
			for (let i = 0; i < 60; i++) {
				// aws logs create-log-group --log-group-name GROUP
				await writer.send(new CreateLogGroupCommand({logGroupName: `${prefix}${String(i).padStart(2, '0')}`}));
			}
		} finally {
			writer.destroy();
		}
	}, 60_000);

	afterAll(async () => {
		await moto?.stop();
	});

	const cloudObserving = (calls: ObservedCall[]) =>
		createAwsCloud({region: motoRegion, endpointUrl: moto.endpoint, credentials: motoCredentials, isWriteEnabled: () => false, observe: call => calls.push(call)});

	it('reads every page without a signal (the groups span two pages)', async () => {
		const calls: ObservedCall[] = [];
		const groups = await cloudObserving(calls).logs.describeLogGroups(prefix);
		expect(groups).toHaveLength(60);
		expect(calls.filter(c => c.operation === 'DescribeLogGroups').length).toBeGreaterThanOrEqual(2);
	});

	it('an already-aborted read rejects with an AbortError and sends no request', async () => {
		const calls: ObservedCall[] = [];
		const error = await rejection(cloudObserving(calls).logs.describeLogGroups(prefix, {signal: AbortSignal.abort()}));
		expect(isAborted(error)).toBe(true);
		expect(isCloudError(error)).toBe(false);
		expect(calls).toEqual([]);
	});

	/** A cloud whose every attempt aborts `controller` just before it is sent (observe runs in the SDK middleware there). */
	const cloudAbortingOnSend = (controller: AbortController, calls: ObservedCall[]) =>
		createAwsCloud({
			region: motoRegion,
			endpointUrl: moto.endpoint,
			credentials: motoCredentials,
			isWriteEnabled: () => false,
			observe: call => {
				calls.push(call);
				controller.abort();
			},
		});

	it('the signal reaches client.send: a one-page read aborted as its request goes out is cancelled, not answered and not retried', async () => {
		const controller = new AbortController();
		const calls: ObservedCall[] = [];
		const cloud = cloudAbortingOnSend(controller, calls);
		// Ten groups (…00 to …09): one page, so only the SDK's own abortSignal can stop this read.
		const error = await rejection(cloud.logs.describeLogGroups(`${prefix}0`, {signal: controller.signal}));
		expect(isAborted(error)).toBe(true);
		expect(isCloudError(error)).toBe(false);
		expect(calls).toEqual([{service: 'logs', operation: 'DescribeLogGroups'}]);
		cloud.reset();
	});

	it('a paged read aborted while its first page is on its way sends no second page', async () => {
		const controller = new AbortController();
		const calls: ObservedCall[] = [];
		const cloud = cloudAbortingOnSend(controller, calls);
		const error = await rejection(cloud.logs.describeLogGroups(prefix, {signal: controller.signal}));
		expect(isAborted(error)).toBe(true);
		expect(calls).toEqual([{service: 'logs', operation: 'DescribeLogGroups'}]);
		cloud.reset();
	});
});
