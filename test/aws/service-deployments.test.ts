// The service-deployments adapter has no emulator here (moto 5.2.1 does not implement
// ListServiceDeployments, DescribeServiceDeployments or StopServiceDeployment), so it is tested
// through the whole SDK stack (serialisation, signing, retries, deserialisation) against a loopback
// HTTP endpoint that answers with response shapes recorded from the ECS API reference.
import {createServer, type IncomingMessage, type Server} from 'node:http';
import type {AddressInfo} from 'node:net';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {createAwsCloud} from '../../source/aws/index.js';
import type {Cloud} from '../../source/port/types.js';

const cluster = 'acso-production-cluster';
const service = 'acso-production-supervisor';
const arn = (id: string) => `arn:aws:ecs:us-east-1:123456789012:service-deployment/${cluster}/${service}/${id}`;

// Recorded shapes (the ECS API reference's examples, with this account's names).
const listAnswer = {
	serviceDeployments: [
		{serviceDeploymentArn: arn('NCWGC2ZR-taawPAYrIaU5'), serviceArn: `arn:aws:ecs:us-east-1:123456789012:service/${cluster}/${service}`, clusterArn: `arn:aws:ecs:us-east-1:123456789012:cluster/${cluster}`, startedAt: 1.7338e9, createdAt: 1.7338e9, status: 'IN_PROGRESS', targetServiceRevisionArn: 'arn:aws:ecs:us-east-1:123456789012:service-revision/x/y/7'},
		{serviceDeploymentArn: arn('0p6AzDKWZFRdqUnpv6ZUq'), status: 'SUCCESSFUL', createdAt: 1.7337e9, finishedAt: 1.73371e9},
	],
};
const describeAnswer = {
	serviceDeployments: [
		{
			serviceDeploymentArn: arn('NCWGC2ZR-taawPAYrIaU5'),
			serviceArn: `arn:aws:ecs:us-east-1:123456789012:service/${cluster}/${service}`,
			clusterArn: `arn:aws:ecs:us-east-1:123456789012:cluster/${cluster}`,
			createdAt: 1.7338e9,
			startedAt: 1.7338e9,
			sourceServiceRevisions: [{arn: 'arn:aws:ecs:us-east-1:123456789012:service-revision/x/y/6', requestedTaskCount: 2, runningTaskCount: 2, pendingTaskCount: 0}],
			targetServiceRevision: {arn: 'arn:aws:ecs:us-east-1:123456789012:service-revision/x/y/7', requestedTaskCount: 2, runningTaskCount: 0, pendingTaskCount: 2},
			status: 'IN_PROGRESS',
			statusReason: 'ECS deployment in progress',
			deploymentConfiguration: {deploymentCircuitBreaker: {enable: true, rollback: true}, maximumPercent: 200, minimumHealthyPercent: 100},
			deploymentCircuitBreaker: {status: 'MONITORING', failureCount: 2, threshold: 3},
			alarms: {status: 'MONITORING', alarmNames: ['ACSO-HighMemory'], triggeredAlarmNames: []},
		},
		{serviceDeploymentArn: arn('0p6AzDKWZFRdqUnpv6ZUq'), status: 'SUCCESSFUL', createdAt: 1.7337e9, finishedAt: 1.73371e9},
	],
	failures: [],
};

type Received = {target: string; body: Record<string, unknown>};

describe('the service-deployments adapter through the SDK stack', () => {
	let server: Server;
	let endpoint = '';
	const received: Received[] = [];
	let answer: (target: string) => {status: number; body: unknown} = () => ({status: 500, body: {}});

	beforeAll(async () => {
		server = createServer((request: IncomingMessage, response) => {
			let text = '';
			request.on('data', chunk => (text += String(chunk)));
			request.on('end', () => {
				const target = String(request.headers['x-amz-target'] ?? '').split('.').pop() ?? '';
				received.push({target, body: JSON.parse(text || '{}') as Record<string, unknown>});
				const {status, body} = answer(target);
				response.writeHead(status, {'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': `req-${received.length}`});
				response.end(JSON.stringify(body));
			});
		});
		await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
		endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	});

	afterAll(() => new Promise<void>(resolve => server.close(() => resolve())));

	const cloud = (write = false): Cloud =>
		createAwsCloud({region: 'us-east-1', endpointUrl: endpoint, credentials: {accessKeyId: 'test', secretAccessKey: 'test'}, isWriteEnabled: () => write, maxAttempts: 1});

	it('lists, then describes, the service deployments, newest first, with circuit breaker and alarms', async () => {
		received.length = 0;
		answer = target => ({status: 200, body: target === 'ListServiceDeployments' ? listAnswer : describeAnswer});
		const found = await cloud().services.listServiceDeployments!(cluster, service);
		expect(received.map(r => r.target)).toEqual(['ListServiceDeployments', 'DescribeServiceDeployments']);
		expect(received[0]!.body).toEqual({cluster, service, maxResults: 5});
		expect(received[1]!.body).toEqual({serviceDeploymentArns: [arn('NCWGC2ZR-taawPAYrIaU5'), arn('0p6AzDKWZFRdqUnpv6ZUq')]});
		expect(found[0]).toEqual({
			arn: arn('NCWGC2ZR-taawPAYrIaU5'),
			cluster,
			service,
			status: 'IN_PROGRESS',
			statusReason: 'ECS deployment in progress',
			targetRevisionArn: 'arn:aws:ecs:us-east-1:123456789012:service-revision/x/y/7',
			sourceRevisionArns: ['arn:aws:ecs:us-east-1:123456789012:service-revision/x/y/6'],
			createdAt: 1.7338e12,
			startedAt: 1.7338e12,
			circuitBreaker: {status: 'MONITORING', failureCount: 2, threshold: 3},
			alarms: {status: 'MONITORING', alarmNames: ['ACSO-HighMemory'], triggeredAlarmNames: []},
		});
		expect(found[1]).toMatchObject({status: 'SUCCESSFUL', finishedAt: 1.73371e12});
	});

	it('an endpoint without the API is CloudError kind unsupported (the cockpit then reads DescribeServices only)', async () => {
		answer = () => ({status: 501, body: {__type: 'NotImplemented', message: 'not implemented'}});
		await expect(cloud().services.listServiceDeployments!(cluster, service)).rejects.toMatchObject({kind: 'unsupported'});
	});

	it('StopServiceDeployment sends the ARN and stopType ROLLBACK, only with --write', async () => {
		received.length = 0;
		answer = () => ({status: 200, body: {serviceDeploymentArn: arn('NCWGC2ZR-taawPAYrIaU5')}});
		await expect(cloud(false).operator.stopServiceDeployment!(arn('NCWGC2ZR-taawPAYrIaU5'), 'ROLLBACK')).rejects.toMatchObject({kind: 'read-only'});
		expect(received).toEqual([]);
		const result = await cloud(true).operator.stopServiceDeployment!(arn('NCWGC2ZR-taawPAYrIaU5'), 'ROLLBACK');
		expect(received).toEqual([{target: 'StopServiceDeployment', body: {serviceDeploymentArn: arn('NCWGC2ZR-taawPAYrIaU5'), stopType: 'ROLLBACK'}}]);
		expect(result).toEqual({value: {serviceDeploymentArn: arn('NCWGC2ZR-taawPAYrIaU5')}, requestId: 'req-1'});
	});
});
