import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {createAwsCloud} from '../../source/aws/index.js';
import type {CloudErrorKind} from '../../source/port/errors.js';
import type {Cloud} from '../../source/port/types.js';
import {startFaultProxy, type Fault, type FaultProxy} from '../helpers/fault-proxy.js';
import {describeWithMoto, motoCredentials, motoRegion, startMoto, type MotoServer} from '../helpers/moto.js';
import {cloudErrorOf} from '../helpers/cloud-error.js';

// Every fault the proxy injects, through the real SDK clients (four services, three wire
// protocols), must reach the port as the CloudError kind the UI acts on: throttling becomes a
// notice, credentials a banner, the network a stale marker.

type Call = {service: string; operation: string; run: (cloud: Cloud) => Promise<unknown>};

// One read per client, each in its own protocol (ECS and Logs awsJson 1.1, CloudWatch JSON 1.0 or
// rpcv2-cbor by SDK version, RDS awsQuery). None needs seeded data: moto answers them empty.
const calls: Call[] = [
	{service: 'ecs', operation: 'ListClusters', run: cloud => cloud.clusters.listClusters()},
	{service: 'logs', operation: 'DescribeLogGroups', run: cloud => cloud.logs.describeLogGroups()},
	{service: 'cloudwatch', operation: 'DescribeAlarms', run: cloud => cloud.alarms.describeAlarms()},
	{service: 'rds', operation: 'DescribeDBInstances', run: cloud => cloud.databases.describeDbInstances()},
];

const expectedKinds: Array<{fault: Fault; kind: CloudErrorKind; code?: RegExp}> = [
	{fault: {kind: 'throttle'}, kind: 'throttled', code: /^Throttling(Exception)?$/},
	{fault: {kind: 'too-many-requests'}, kind: 'throttled'},
	{fault: {kind: 'expired-token'}, kind: 'credentials', code: /^ExpiredToken(Exception)?$/},
	{fault: {kind: 'reset'}, kind: 'network'},
	// A 5xx with a proper AWS error body is a service fault: nothing the UI can name better.
	{fault: {kind: 'internal-error'}, kind: 'unknown', code: /^InternalFailure$/},
	{fault: {kind: 'unavailable'}, kind: 'unknown', code: /^ServiceUnavailable$/},
];


describeWithMoto('fault kinds at the port, through the real SDK', () => {
	let moto: MotoServer;
	let proxy: FaultProxy;

	beforeAll(async () => {
		moto = await startMoto();
		proxy = await startFaultProxy(moto.endpoint);
	});

	afterAll(async () => {
		await proxy?.stop();
		await moto?.stop();
	});

	// One attempt per call: the mapping is under test here, not the SDK's retries.
	const cloudOf = (maxAttempts = 1) =>
		createAwsCloud({region: motoRegion, endpointUrl: proxy.endpoint, credentials: motoCredentials, isWriteEnabled: () => false, maxAttempts});

	it('passes every call through untouched without a fault, each in its own protocol', async () => {
		proxy.setFault(undefined);
		const cloud = cloudOf();
		for (const call of calls) await expect(call.run(cloud)).resolves.toBeDefined();
		const seen = proxy.history.slice(-calls.length);
		expect(seen.map(r => [r.service, r.operation])).toEqual(calls.map(c => [c.service, c.operation]));
		const protocols = Object.fromEntries(seen.map(r => [r.service, r.protocol]));
		expect(protocols).toMatchObject({ecs: 'awsJson', logs: 'awsJson', rds: 'awsQuery'});
		expect(['awsJson', 'rpcv2Cbor']).toContain(protocols.cloudwatch);
		cloud.reset();
	});

	for (const {fault, kind, code} of expectedKinds) {
		it(`maps ${fault.kind} to '${kind}' on every client`, async () => {
			const cloud = cloudOf();
			proxy.setFault(fault);
			try {
				for (const call of calls) {
					const before = proxy.faulted;
					const error = await cloudErrorOf(call.run(cloud));
					expect(proxy.faulted, `${call.service} request reached the proxy`).toBe(before + 1);
					expect({service: call.service, kind: error.kind}).toEqual({service: call.service, kind});
					if (code) expect(error.code).toMatch(code);
					// Errors answered with a body carry AWS's request id, for the audit trail.
					if (fault.kind !== 'reset' && fault.kind !== 'too-many-requests') expect(error.requestId).toMatch(/^[0-9a-f-]{36}$/);
				}
			} finally {
				proxy.setFault(undefined);
				cloud.reset();
			}
		});
	}

	it("names what to run when credentials expired", async () => {
		const cloud = cloudOf();
		proxy.setFault({kind: 'expired-token', services: ['ecs']});
		try {
			const error = await cloudErrorOf(cloud.clusters.listClusters());
			expect(error.message).toMatch(/credentials are missing or expired/);
			expect(error.hint).toMatch(/aws sso login|AWS_ACCESS_KEY_ID/);
		} finally {
			proxy.setFault(undefined);
			cloud.reset();
		}
	});

	it("maps the endpoint going away to 'network', and works again once it is back", async () => {
		const cloud = cloudOf();
		// A kept-alive connection first, so going away must also drop open connections.
		await cloud.clusters.listClusters();
		await proxy.goAway();
		try {
			for (const call of calls) {
				const error = await cloudErrorOf(call.run(cloud));
				expect({service: call.service, kind: error.kind}).toEqual({service: call.service, kind: 'network'});
				expect(error.code).toMatch(/^ECONN(REFUSED|RESET)$/);
			}
		} finally {
			await proxy.comeBack();
		}
		for (const call of calls) await expect(call.run(cloud)).resolves.toBeDefined();
		cloud.reset();
	});

	it('a slow answer is only slow: the call succeeds with the same data', async () => {
		const cloud = cloudOf();
		const direct = await cloud.alarms.describeAlarms();
		proxy.setFault({kind: 'slow', delayMs: 150});
		try {
			expect(await cloud.alarms.describeAlarms()).toEqual(direct);
			expect(proxy.injected.slow).toBeGreaterThanOrEqual(1);
		} finally {
			proxy.setFault(undefined);
			cloud.reset();
		}
	});

	it("the SDK's own retry crosses the proxy: one throttle, then success on the second attempt", async () => {
		const cloud = cloudOf(2);
		proxy.setFault({kind: 'throttle', operations: ['ListClusters'], times: 1});
		const before = proxy.count({operation: 'ListClusters'});
		try {
			await expect(cloud.clusters.listClusters()).resolves.toEqual([]);
			expect(proxy.count({operation: 'ListClusters'}) - before).toBe(2);
		} finally {
			proxy.setFault(undefined);
			cloud.reset();
		}
	});

	describe('a fault aimed at one operation', () => {
		it('leaves the other services working', async () => {
			const cloud = cloudOf();
			proxy.setFault({kind: 'throttle', operations: ['DescribeDBInstances']});
			try {
				expect((await cloudErrorOf(cloud.databases.describeDbInstances())).kind).toBe('throttled');
				await expect(cloud.clusters.listClusters()).resolves.toEqual([]);
				await expect(cloud.alarms.describeAlarms()).resolves.toEqual([]);
			} finally {
				proxy.setFault(undefined);
				cloud.reset();
			}
		});
	});
});
