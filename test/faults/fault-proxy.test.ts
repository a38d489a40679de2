import {createServer, type IncomingHttpHeaders, type Server} from 'node:http';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {checkFault, cborTextMap, errorAnswer, operationOf, protocolOf, serviceOf, startFaultProxy, type FaultProxy} from '../helpers/fault-proxy.js';

// The proxy itself, against a tiny echo server (no emulator needed): what it forwards, how it
// recognises each client's protocol, which requests a fault hits, and going away and coming back
// on the same port. That its answers mean the right thing to the real SDK is proven in
// error-kinds.test.ts.

const sigv4 = (service: string) => `AWS4-HMAC-SHA256 Credential=test/20260101/us-east-1/${service}/aws4_request, SignedHeaders=host, Signature=00`;

const requests = {
	ecs: {'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AmazonEC2ContainerServiceV20141113.ListServices', authorization: sigv4('ecs')},
	logs: {'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'Logs_20140328.FilterLogEvents', authorization: sigv4('logs')},
	cloudwatch: {'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'GraniteServiceVersion20100801.GetMetricData', authorization: sigv4('monitoring')},
	rds: {'content-type': 'application/x-www-form-urlencoded; charset=utf-8', authorization: sigv4('rds')},
	cbor: {'content-type': 'application/cbor', 'smithy-protocol': 'rpc-v2-cbor', authorization: sigv4('monitoring')},
};

describe('reading a request', () => {
	it('tells the four clients\' protocols, services and operations apart', () => {
		expect(protocolOf(requests.ecs)).toBe('awsJson');
		expect(protocolOf(requests.cloudwatch)).toBe('awsJson');
		expect(protocolOf(requests.rds)).toBe('awsQuery');
		expect(protocolOf(requests.cbor)).toBe('rpcv2Cbor');
		expect(protocolOf({'content-type': 'text/plain'})).toBe('unknown');
		expect(serviceOf(requests.ecs)).toBe('ecs');
		expect(serviceOf(requests.logs)).toBe('logs');
		expect(serviceOf(requests.cloudwatch)).toBe('cloudwatch');
		expect(serviceOf(requests.rds)).toBe('rds');
		expect(serviceOf({})).toBe('unknown');
		expect(operationOf('awsJson', requests.logs, '/', Buffer.alloc(0))).toBe('FilterLogEvents');
		expect(operationOf('awsQuery', requests.rds, '/', Buffer.from('Action=DescribeDBInstances&Version=2014-10-31'))).toBe('DescribeDBInstances');
		expect(operationOf('rpcv2Cbor', requests.cbor, '/service/GraniteServiceVersion20100801/operation/GetMetricData', Buffer.alloc(0))).toBe('GetMetricData');
		expect(operationOf('unknown', {}, '/', Buffer.alloc(0))).toBe('unknown');
	});
});

describe('answering in the request\'s protocol', () => {
	it('throttles awsJson with 400 and a ThrottlingException body in the request\'s content type', () => {
		const answer = errorAnswer('throttle', 'awsJson', requests.cloudwatch, 'req-1');
		expect(answer.status).toBe(400);
		expect(answer.headers['content-type']).toBe('application/x-amz-json-1.0');
		expect(JSON.parse(answer.body.toString())).toEqual({__type: 'ThrottlingException', message: 'Rate exceeded'});
	});

	it('throttles awsQuery with an XML ErrorResponse whose Code is Throttling', () => {
		const answer = errorAnswer('throttle', 'awsQuery', requests.rds, 'req-2');
		expect(answer.status).toBe(400);
		expect(answer.headers['content-type']).toBe('text/xml');
		const xml = answer.body.toString();
		expect(xml).toMatch(/^<ErrorResponse[^>]*><Error><Type>Sender<\/Type><Code>Throttling<\/Code><Message>Rate exceeded<\/Message><\/Error><RequestId>req-2<\/RequestId><\/ErrorResponse>$/);
	});

	it('answers an expired token with 400 ExpiredTokenException (JSON) and 403 ExpiredToken (query)', () => {
		const json = errorAnswer('expired-token', 'awsJson', requests.ecs);
		expect(json.status).toBe(400);
		expect(JSON.parse(json.body.toString()).__type).toBe('ExpiredTokenException');
		const query = errorAnswer('expired-token', 'awsQuery', requests.rds);
		expect(query.status).toBe(403);
		expect(query.body.toString()).toContain('<Code>ExpiredToken</Code>');
	});

	it('answers 5xx with InternalFailure and ServiceUnavailable, and 429 with a bare body', () => {
		expect(errorAnswer('internal-error', 'awsJson', requests.ecs).status).toBe(500);
		expect(JSON.parse(errorAnswer('unavailable', 'awsJson', requests.ecs).body.toString()).__type).toBe('ServiceUnavailable');
		expect(errorAnswer('unavailable', 'awsQuery', requests.rds).body.toString()).toContain('<Code>ServiceUnavailable</Code>');
		expect(errorAnswer('too-many-requests', 'awsQuery', requests.rds).status).toBe(429);
		expect(() => errorAnswer('slow', 'awsJson', requests.ecs)).toThrow(/not answered with an error body/);
	});

	it('encodes rpcv2-cbor errors as a CBOR map of text strings', () => {
		const answer = errorAnswer('throttle', 'rpcv2Cbor', requests.cbor);
		expect(answer.headers['smithy-protocol']).toBe('rpc-v2-cbor');
		// RFC 8949: 0xa2 = map of 2; 0x66 = text of 6 bytes; 0x73 = text of 19 bytes; 0x6d = text of 13.
		const expected = Buffer.concat([
			Buffer.from([0xa2, 0x66]),
			Buffer.from('__type'),
			Buffer.from([0x73]),
			Buffer.from('ThrottlingException'),
			Buffer.from([0x67]),
			Buffer.from('message'),
			Buffer.from([0x6d]),
			Buffer.from('Rate exceeded'),
		]);
		expect(answer.body.equals(expected)).toBe(true);
		// Lengths from 24 up take a one-byte (0x78) or two-byte (0x79) length after the head.
		expect([...cborTextMap({k: 'x'.repeat(30)}).subarray(0, 4)]).toEqual([0xa1, 0x61, 0x6b, 0x78]);
		expect([...cborTextMap({k: 'x'.repeat(300)}).subarray(3, 6)]).toEqual([0x79, 0x01, 0x2c]);
	});
});

describe('checking a fault', () => {
	it('refuses bad faults with a message that says what is wrong', () => {
		expect(() => checkFault({kind: 'explode' as never})).toThrow(/unknown fault kind "explode"/);
		expect(() => checkFault({kind: 'throttle', every: 0})).toThrow(/every must be a whole number of at least 1, got 0/);
		expect(() => checkFault({kind: 'throttle', times: 1.5})).toThrow(/times must be/);
		expect(() => checkFault({kind: 'slow'})).toThrow(/slow fault needs delayMs/);
		expect(() => checkFault({kind: 'slow', delayMs: 60_000})).toThrow(/from 0 to 30000/);
		expect(() => checkFault({kind: 'reset', delayMs: 5})).toThrow(/only applies to the slow fault/);
		expect(() => checkFault({kind: 'throttle', operations: []})).toThrow(/operations must list/);
		expect(() => checkFault({kind: 'throttle', services: [' ']})).toThrow(/services must list/);
		expect(() => checkFault({kind: 'slow', delayMs: 10, operations: ['FilterLogEvents'], every: 2, times: 3})).not.toThrow();
	});

	it('refuses a target that is not an http URL', async () => {
		await expect(startFaultProxy('not a url')).rejects.toThrow(/must be an http URL/);
		await expect(startFaultProxy('https://127.0.0.1:1')).rejects.toThrow(/only http targets/);
	});
});

describe('the proxy on the wire', () => {
	let echo: Server;
	let echoEndpoint: string;
	let proxy: FaultProxy;
	const received: Array<{headers: IncomingHttpHeaders; body: string; url: string}> = [];

	beforeAll(async () => {
		echo = createServer((req, res) => {
			const chunks: Buffer[] = [];
			req.on('data', (c: Buffer) => chunks.push(c));
			req.on('end', () => {
				const body = Buffer.concat(chunks).toString();
				received.push({headers: req.headers, body, url: req.url ?? ''});
				res.writeHead(200, {'content-type': 'application/json', 'x-echo': 'yes'});
				res.end(JSON.stringify({echo: body}));
			});
		});
		await new Promise<void>(resolve => echo.listen(0, '127.0.0.1', resolve));
		const address = echo.address();
		echoEndpoint = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
	});

	afterEach(async () => {
		await proxy?.stop();
		received.length = 0;
	});

	afterAll(async () => {
		await new Promise<void>(resolve => echo.close(() => resolve()));
	});

	const post = (headers: Record<string, string>, body = '{}') => fetch(`${proxy.endpoint}/`, {method: 'POST', headers, body});

	it('forwards requests untouched when no fault is set', async () => {
		proxy = await startFaultProxy(echoEndpoint);
		const response = await post(requests.ecs, '{"cluster":"c"}');
		expect(response.status).toBe(200);
		expect(response.headers.get('x-echo')).toBe('yes');
		expect(await response.json()).toEqual({echo: '{"cluster":"c"}'});
		expect(received[0]?.headers['x-amz-target']).toBe('AmazonEC2ContainerServiceV20141113.ListServices');
		expect(proxy.requests).toBe(1);
		expect(proxy.faulted).toBe(0);
		expect(proxy.history[0]).toMatchObject({service: 'ecs', operation: 'ListServices', protocol: 'awsJson'});
	});

	it('faults only the targeted operation, every Nth time, at most `times` times', async () => {
		proxy = await startFaultProxy(echoEndpoint);
		proxy.setFault({kind: 'throttle', operations: ['FilterLogEvents'], every: 2, times: 2});
		const statuses: number[] = [];
		for (let i = 0; i < 8; i++) statuses.push((await post(requests.logs)).status);
		const other = await post(requests.ecs);
		expect(statuses).toEqual([200, 400, 200, 400, 200, 200, 200, 200]);
		expect(other.status).toBe(200);
		expect(proxy.faulted).toBe(2);
		expect(proxy.injected.throttle).toBe(2);
		expect(proxy.count({operation: 'FilterLogEvents', faulted: true})).toBe(2);
		expect(proxy.count({operation: 'ListServices'})).toBe(1);
		expect(received).toHaveLength(7);
	});

	it('targets by service, and clearing the fault lets everything through', async () => {
		proxy = await startFaultProxy(echoEndpoint);
		proxy.setFault({kind: 'internal-error', services: ['rds']});
		const rds = await post(requests.rds, 'Action=DescribeDBInstances&Version=2014-10-31');
		expect(rds.status).toBe(500);
		expect(await rds.text()).toContain('<Code>InternalFailure</Code>');
		expect((await post(requests.cloudwatch)).status).toBe(200);
		proxy.setFault(undefined);
		expect((await post(requests.rds, 'Action=DescribeDBInstances')).status).toBe(200);
		expect(proxy.history.map(r => [r.service, r.operation, r.fault ?? '-'])).toEqual([
			['rds', 'DescribeDBInstances', 'internal-error'],
			['cloudwatch', 'GetMetricData', '-'],
			['rds', 'DescribeDBInstances', '-'],
		]);
	});

	it('resets the connection without an answer', async () => {
		proxy = await startFaultProxy(echoEndpoint);
		proxy.setFault({kind: 'reset'});
		await expect(post(requests.ecs)).rejects.toThrow();
		expect(proxy.injected.reset).toBe(1);
		expect(received).toHaveLength(0);
	});

	it('delays a slow request and then forwards it', async () => {
		proxy = await startFaultProxy(echoEndpoint);
		proxy.setFault({kind: 'slow', delayMs: 50});
		const response = await post(requests.ecs, '"late"');
		expect(await response.json()).toEqual({echo: '"late"'});
		expect(proxy.injected.slow).toBe(1);
	});

	it('goes away (connections refused, kept-alive ones dropped) and comes back on the same port', async () => {
		proxy = await startFaultProxy(echoEndpoint);
		const {port, endpoint} = proxy;
		expect((await post(requests.ecs)).status).toBe(200);
		await proxy.goAway();
		expect(proxy.away).toBe(true);
		const refused = await post(requests.ecs).then(
			() => 'answered',
			(error: Error & {cause?: {code?: string}}) => error.cause?.code,
		);
		expect(refused).toBe('ECONNREFUSED');
		await proxy.comeBack();
		expect(proxy.away).toBe(false);
		expect(proxy.port).toBe(port);
		expect(proxy.endpoint).toBe(endpoint);
		expect((await post(requests.ecs)).status).toBe(200);
		expect(proxy.injected.gone).toBe(1);
		expect(proxy.requests).toBe(2);
	});

	it('answers 502 naming the target when the target is gone', async () => {
		const dead = createServer();
		await new Promise<void>(resolve => dead.listen(0, '127.0.0.1', resolve));
		const address = dead.address();
		await new Promise<void>(resolve => dead.close(() => resolve()));
		const deadEndpoint = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
		proxy = await startFaultProxy(deadEndpoint);
		const response = await post(requests.ecs);
		expect(response.status).toBe(502);
		expect(await response.text()).toContain(`cannot reach ${deadEndpoint}`);
	});

	it('stops itself when its lifetime is over', async () => {
		proxy = await startFaultProxy(echoEndpoint, {lifetimeMs: 20});
		const deadline = Date.now() + 5000;
		let refused = false;
		while (!refused && Date.now() < deadline) {
			refused = await post(requests.ecs).then(
				() => false,
				() => true,
			);
			if (!refused) await new Promise(resolve => setTimeout(resolve, 20));
		}
		expect(refused).toBe(true);
		await expect(proxy.comeBack()).rejects.toThrow(/stopped/);
	});
});
