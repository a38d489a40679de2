import {createServer, type IncomingHttpHeaders, type Server} from 'node:http';
import type {AddressInfo} from 'node:net';
import {afterAll, afterEach, beforeAll, describe, expect, it, vi} from 'vitest';
import {clientConfig, createAwsClients, createWarningLog, toolVersion, type ObservedCall} from '../../source/aws/clients.js';
import {createAwsCloud} from '../../source/aws/index.js';

// The client plumbing against a tiny local HTTP endpoint that answers like ECS (JSON 1.1), so the
// user agent, request counting, retries and the read-only guard are seen on the wire.

type Reply = {status: number; body: unknown};

let server: Server;
let endpoint: string;
const seen: Array<{headers: IncomingHttpHeaders; target: string}> = [];
let replies: Reply[] = [];

const clustersReply: Reply = {status: 200, body: {clusterArns: ['arn:aws:ecs:us-east-1:123456789012:cluster/acso-production-cluster']}};
const dummy = {accessKeyId: 'test', secretAccessKey: 'test'};

beforeAll(async () => {
	server = createServer((request, response) => {
		request.resume();
		request.on('end', () => {
			seen.push({headers: request.headers, target: String(request.headers['x-amz-target'] ?? '')});
			const reply = replies.shift() ?? clustersReply;
			response.writeHead(reply.status, {'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': `req-${seen.length}`});
			response.end(JSON.stringify(reply.body));
		});
	});
	await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
	endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
	await new Promise(resolve => server.close(resolve));
});

afterEach(() => {
	seen.length = 0;
	replies = [];
	vi.unstubAllEnvs();
});

describe('createAwsCloud clients', () => {
	it('sends nothing until the first call, then one request with the session in the user agent', async () => {
		const calls: ObservedCall[] = [];
		const cloud = createAwsCloud({region: 'us-east-1', endpointUrl: endpoint, credentials: dummy, isWriteEnabled: () => false, sessionId: 's-42', observe: call => calls.push(call)});
		expect(cloud.kind).toBe('aws');
		expect(cloud.region).toBe('us-east-1');
		expect(seen).toHaveLength(0);
		expect(await cloud.clusters.listClusters()).toEqual(['acso-production-cluster']);
		expect(seen).toHaveLength(1);
		expect(seen[0]?.target).toContain('ListClusters');
		expect(String(seen[0]?.headers['user-agent'])).toContain(`acso-tui/${toolVersion} session/s-42`);
		expect(calls).toEqual([{service: 'ecs', operation: 'ListClusters'}]);
	});

	it('counts every attempt when the SDK retries a transient failure', async () => {
		replies = [{status: 500, body: {__type: 'InternalFailure', message: 'try again'}}, clustersReply];
		const calls: ObservedCall[] = [];
		const cloud = createAwsCloud({region: 'us-east-1', endpointUrl: endpoint, credentials: dummy, isWriteEnabled: () => false, observe: call => calls.push(call)});
		expect(await cloud.clusters.listClusters()).toEqual(['acso-production-cluster']);
		expect(calls).toHaveLength(2);
		expect(seen).toHaveLength(2);
	});

	it('maps a throttled answer to a throttled CloudError with its request id', async () => {
		replies = [{status: 400, body: {__type: 'ThrottlingException', message: 'Rate exceeded'}}];
		const cloud = createAwsCloud({region: 'us-east-1', endpointUrl: endpoint, credentials: dummy, isWriteEnabled: () => false, maxAttempts: 1});
		await expect(cloud.services.listServices('acso-production-cluster')).rejects.toMatchObject({kind: 'throttled', requestId: 'req-1', code: 'ThrottlingException'});
	});

	it('refuses writes in read-only mode without sending anything', async () => {
		const calls: ObservedCall[] = [];
		const cloud = createAwsCloud({region: 'us-east-1', endpointUrl: endpoint, credentials: dummy, isWriteEnabled: () => false, observe: call => calls.push(call)});
		await expect(cloud.operator.updateService('acso-production-cluster', 'acso-production-supervisor', {desiredCount: 3})).rejects.toMatchObject({kind: 'read-only'});
		await expect(cloud.operator.stopTask('acso-production-cluster', 'abc', 'x')).rejects.toMatchObject({kind: 'read-only'});
		expect(seen).toHaveLength(0);
		expect(calls).toHaveLength(0);
	});

	it('reports a missing region as region, before any request', async () => {
		for (const name of ['AWS_REGION', 'AWS_DEFAULT_REGION', 'AWS_PROFILE']) vi.stubEnv(name, undefined);
		vi.stubEnv('AWS_CONFIG_FILE', '/nonexistent/acso-config');
		vi.stubEnv('AWS_SHARED_CREDENTIALS_FILE', '/nonexistent/acso-credentials');
		const cloud = createAwsCloud({endpointUrl: endpoint, credentials: dummy, isWriteEnabled: () => false});
		const error = await cloud.clusters.listClusters().catch((e: unknown) => e);
		expect(error).toMatchObject({kind: 'region', message: expect.stringContaining('--region')});
		expect(seen).toHaveLength(0);
	});

	it('reports missing credentials of a profile with the sso login hint', async () => {
		for (const name of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_PROFILE', 'AWS_WEB_IDENTITY_TOKEN_FILE', 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI', 'AWS_CONTAINER_CREDENTIALS_FULL_URI']) {
			vi.stubEnv(name, undefined);
		}
		vi.stubEnv('AWS_CONFIG_FILE', '/nonexistent/acso-config');
		vi.stubEnv('AWS_SHARED_CREDENTIALS_FILE', '/nonexistent/acso-credentials');
		vi.stubEnv('AWS_EC2_METADATA_DISABLED', 'true');
		const cloud = createAwsCloud({region: 'us-east-1', endpointUrl: endpoint, profile: 'acso-nobody', isWriteEnabled: () => false});
		const error = await cloud.clusters.listClusters().catch((e: unknown) => e);
		expect(error).toMatchObject({kind: 'credentials', hint: expect.stringContaining('aws sso login --profile acso-nobody')});
		expect(seen).toHaveLength(0);
	});
});

describe('createAwsClients', () => {
	it('builds one client per service, reuses it, and builds a new one after reset()', async () => {
		const clients = createAwsClients({region: 'us-east-1', endpointUrl: endpoint, credentials: dummy, isWriteEnabled: () => false});
		const [first, again] = await Promise.all([clients.get('ecs'), clients.get('ecs')]);
		expect(again.client).toBe(first.client);
		const logs = await clients.get('logs');
		expect(logs.client).not.toBe(first.client);
		clients.reset();
		const rebuilt = await clients.get('ecs');
		expect(rebuilt.client).not.toBe(first.client);
	});
});

describe('clientConfig', () => {
	const log = createWarningLog().logger;

	it('uses standard retries with 3 attempts, the profile, and explicit credentials', () => {
		const config = clientConfig({profile: 'ops', credentials: dummy, isWriteEnabled: () => false}, {}, log);
		expect(config).toMatchObject({maxAttempts: 3, retryMode: 'standard', profile: 'ops', credentials: dummy, logger: log});
		expect(config).not.toHaveProperty('region');
		expect(config).not.toHaveProperty('disableHostPrefix');
		expect(clientConfig({maxAttempts: 5, isWriteEnabled: () => false}, {}, log).maxAttempts).toBe(5);
	});

	it('takes AWS_DEFAULT_REGION, which the SDK itself ignores', () => {
		expect(clientConfig({isWriteEnabled: () => false}, {AWS_DEFAULT_REGION: 'eu-west-1'}, log).region).toBe('eu-west-1');
		expect(clientConfig({region: 'us-east-2', isWriteEnabled: () => false}, {AWS_DEFAULT_REGION: 'eu-west-1'}, log).region).toBe('us-east-2');
	});

	it('disables host prefixes for a custom endpoint, from the option or AWS_ENDPOINT_URL', () => {
		expect(clientConfig({endpointUrl: 'http://127.0.0.1:5000', isWriteEnabled: () => false}, {}, log)).toMatchObject({endpoint: 'http://127.0.0.1:5000', disableHostPrefix: true});
		const fromEnv = clientConfig({isWriteEnabled: () => false}, {AWS_ENDPOINT_URL: 'http://localhost:4566'}, log);
		expect(fromEnv.disableHostPrefix).toBe(true);
		expect(fromEnv).not.toHaveProperty('endpoint');
	});
});

describe('createWarningLog', () => {
	it('keeps warnings and errors, drops info and debug, without duplicates', () => {
		const log = createWarningLog();
		log.logger.info('GetMetricData', {input: 1});
		log.logger.debug('x');
		log.logger.warn('Multiple credential sources detected');
		log.logger.warn('Multiple credential sources detected');
		log.logger.error(new Error('boom'));
		expect(log.list()).toEqual(['warn: Multiple credential sources detected', 'error: boom']);
	});

	it('keeps only the most recent 50', () => {
		const log = createWarningLog();
		for (let index = 0; index < 60; index++) log.logger.warn(`w${index}`);
		expect(log.list()).toHaveLength(50);
		expect(log.list()[0]).toBe('warn: w10');
	});
});
