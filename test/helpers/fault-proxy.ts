import {randomUUID} from 'node:crypto';
import {Agent, createServer, request as httpRequest, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse} from 'node:http';
import type {Socket} from 'node:net';

// A fault-injecting HTTP proxy between the AWS SDK and moto_server, on 127.0.0.1 and a free port.
// It answers faults the way AWS would, in the protocol the request spoke (the SDK parses errors
// per protocol, so a JSON body sent to a query client would test nothing), or breaks the
// connection, or goes away entirely and comes back on the same port, which is what the app's
// stale and recovery paths must survive. Everything it waits for is bounded, and it stops itself
// after `lifetimeMs` should a test forget to.

/** What a faulted request gets. */
export type FaultKind =
	| 'throttle' // HTTP 400, ThrottlingException (awsJson, rpcv2-cbor) or Throttling (awsQuery)
	| 'too-many-requests' // HTTP 429, which every client treats as throttling
	| 'internal-error' // HTTP 500, InternalFailure
	| 'unavailable' // HTTP 503, ServiceUnavailable
	| 'slow' // forwarded after delayMs
	| 'reset' // the socket is destroyed before any answer
	| 'expired-token'; // ExpiredTokenException (awsJson, rpcv2-cbor) or ExpiredToken (awsQuery)

export const faultKinds: readonly FaultKind[] = ['throttle', 'too-many-requests', 'internal-error', 'unavailable', 'slow', 'reset', 'expired-token'];

/** Which requests a fault hits. Unset fields match everything. */
export type FaultTarget = {
	/** Operation names: the X-Amz-Target suffix, the awsQuery Action, or the rpcv2 path's operation. */
	operations?: string[];
	/** SDK service names: ecs, logs, cloudwatch, rds (read from the SigV4 credential scope). */
	services?: string[];
	/** Only every Nth matching request (the Nth, 2Nth, ...). Default 1: all of them. */
	every?: number;
	/** Fault at most this many requests, then let everything through. */
	times?: number;
};

export type Fault = {kind: FaultKind; delayMs?: number} & FaultTarget;

export type WireProtocol = 'awsJson' | 'awsQuery' | 'rpcv2Cbor' | 'unknown';

/** One request the proxy saw. */
export type ProxiedRequest = {
	service: string;
	operation: string;
	protocol: WireProtocol;
	/** The fault it got, if any. */
	fault?: FaultKind;
	at: number;
};

export type FaultProxy = {
	endpoint: string;
	port: number;
	/** Sets (or with undefined clears) the fault; its every/times counters start again. */
	setFault(fault: Fault | undefined): void;
	/** Stops listening and drops every open connection: the SDK gets ECONNREFUSED / ECONNRESET. */
	goAway(): Promise<void>;
	/** Listens again on the same port. */
	comeBack(): Promise<void>;
	readonly away: boolean;
	/** Requests received (faulted or not). Connections refused while away are not seen. */
	readonly requests: number;
	/** Requests that got a fault. */
	readonly faulted: number;
	/** Faulted requests by kind, plus `gone`: how many times the proxy went away. */
	readonly injected: Readonly<Record<FaultKind | 'gone', number>>;
	/** The newest requests (at most historyLimit), oldest first. */
	readonly history: readonly ProxiedRequest[];
	/** Requests seen matching the filter. */
	count(filter?: {operation?: string; service?: string; faulted?: boolean}): number;
	stop(): Promise<void>;
};

export type FaultProxyOptions = {
	/** The proxy stops itself after this long, in case a test never called stop(). Default 5 minutes. */
	lifetimeMs?: number;
};

export const maxDelayMs = 30_000;
const historyLimit = 20_000;
const maxBodyBytes = 16 * 1024 * 1024;
/** How long a forwarded request may wait for the target before the proxy answers 504. */
const upstreamTimeoutMs = 30_000;
const listenAttempts = 20;
const listenRetryMs = 50;
// Hop-by-hop headers belong to one connection; `expect: 100-continue` was already answered here.
const hopByHop = new Set(['connection', 'keep-alive', 'transfer-encoding', 'proxy-connection', 'upgrade', 'te', 'trailer', 'expect']);

/** SigV4 signing names of the four clients, as the SDK's own service names. */
const signingNames: Record<string, string> = {ecs: 'ecs', logs: 'logs', monitoring: 'cloudwatch', rds: 'rds'};

export function checkFault(fault: Fault): void {
	if (!faultKinds.includes(fault.kind)) throw new Error(`fault proxy: unknown fault kind ${JSON.stringify(fault.kind)}; use one of ${faultKinds.join(', ')}`);
	const whole = (name: string, value: number | undefined) => {
		if (value !== undefined && !(Number.isInteger(value) && value >= 1)) throw new Error(`fault proxy: ${name} must be a whole number of at least 1, got ${value}`);
	};
	whole('every', fault.every);
	whole('times', fault.times);
	if (fault.kind === 'slow') {
		const delay = fault.delayMs;
		if (delay === undefined || !Number.isFinite(delay) || delay < 0 || delay > maxDelayMs) {
			throw new Error(`fault proxy: a slow fault needs delayMs from 0 to ${maxDelayMs}, got ${delay}`);
		}
	} else if (fault.delayMs !== undefined) {
		throw new Error(`fault proxy: delayMs only applies to the slow fault, not ${fault.kind}`);
	}
	for (const [name, list] of [['operations', fault.operations], ['services', fault.services]] as const) {
		if (list !== undefined && (list.length === 0 || list.some(item => typeof item !== 'string' || item.trim() === ''))) {
			throw new Error(`fault proxy: ${name} must list at least one non-empty name, got ${JSON.stringify(list)}`);
		}
	}
}

// ---- Reading a request: protocol, service, operation ----

function header(headers: IncomingHttpHeaders, name: string): string {
	const value = headers[name];
	return Array.isArray(value) ? (value[0] ?? '') : (value ?? '');
}

export function protocolOf(headers: IncomingHttpHeaders): WireProtocol {
	const type = header(headers, 'content-type').toLowerCase();
	if (header(headers, 'smithy-protocol') === 'rpc-v2-cbor' || type.startsWith('application/cbor')) return 'rpcv2Cbor';
	if (header(headers, 'x-amz-target') !== '' || type.startsWith('application/x-amz-json')) return 'awsJson';
	if (type.startsWith('application/x-www-form-urlencoded')) return 'awsQuery';
	return 'unknown';
}

/** The service from the SigV4 scope `Credential=KEY/DATE/REGION/SERVICE/aws4_request`. */
export function serviceOf(headers: IncomingHttpHeaders): string {
	const scope = /Credential=[^/,]+\/\d{8}\/[^/,]+\/([^/,]+)\/aws4_request/.exec(header(headers, 'authorization'))?.[1];
	if (scope === undefined) return 'unknown';
	return signingNames[scope] ?? scope;
}

export function operationOf(protocol: WireProtocol, headers: IncomingHttpHeaders, url: string, body: Buffer): string {
	if (protocol === 'awsJson') return header(headers, 'x-amz-target').split('.').pop() || 'unknown';
	if (protocol === 'rpcv2Cbor') return /\/operation\/([^/?]+)/.exec(url)?.[1] ?? 'unknown';
	if (protocol === 'awsQuery') return new URLSearchParams(body.toString('utf8')).get('Action') ?? 'unknown';
	return 'unknown';
}

// ---- Writing an AWS error in the request's own protocol ----

type ErrorAnswer = {status: number; code: {json: string; query: string}; message: string; type: 'Sender' | 'Receiver'};

const errorAnswers: Partial<Record<FaultKind, ErrorAnswer>> = {
	throttle: {status: 400, code: {json: 'ThrottlingException', query: 'Throttling'}, message: 'Rate exceeded', type: 'Sender'},
	'internal-error': {status: 500, code: {json: 'InternalFailure', query: 'InternalFailure'}, message: 'The request processing has failed because of an unknown error.', type: 'Receiver'},
	unavailable: {status: 503, code: {json: 'ServiceUnavailable', query: 'ServiceUnavailable'}, message: 'The service is unavailable. Please try again shortly.', type: 'Receiver'},
	// AWS answers an expired token with 400 in the JSON protocols and 403 in the query protocol.
	'expired-token': {status: 400, code: {json: 'ExpiredTokenException', query: 'ExpiredToken'}, message: 'The security token included in the request is expired', type: 'Sender'},
};

/** CBOR (RFC 8949) for a map of text strings: all an rpcv2-cbor error body needs. */
export function cborTextMap(entries: Record<string, string>): Buffer {
	const head = (major: number, length: number): Buffer => {
		if (length < 24) return Buffer.from([(major << 5) | length]);
		if (length < 0x100) return Buffer.from([(major << 5) | 24, length]);
		if (length < 0x10000) return Buffer.from([(major << 5) | 25, length >> 8, length & 0xff]);
		const big = Buffer.alloc(5);
		big[0] = (major << 5) | 26;
		big.writeUInt32BE(length, 1);
		return big;
	};
	const text = (value: string) => {
		const bytes = Buffer.from(value, 'utf8');
		return Buffer.concat([head(3, bytes.length), bytes]);
	};
	const pairs = Object.entries(entries);
	return Buffer.concat([head(5, pairs.length), ...pairs.flatMap(([key, value]) => [text(key), text(value)])]);
}

function xmlEscape(value: string): string {
	return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export type WireAnswer = {status: number; headers: Record<string, string>; body: Buffer};

/** The answer AWS would give for `kind` to a request in `protocol`; 429 has no protocol-specific body. */
export function errorAnswer(kind: FaultKind, protocol: WireProtocol, requestHeaders: IncomingHttpHeaders, requestId: string = randomUUID()): WireAnswer {
	if (kind === 'too-many-requests') {
		return {status: 429, headers: {'content-type': 'text/plain', 'x-amzn-requestid': requestId}, body: Buffer.from('Too Many Requests')};
	}
	const answer = errorAnswers[kind];
	if (!answer) throw new Error(`fault proxy: ${kind} is not answered with an error body`);
	if (protocol === 'awsQuery') {
		const body = [
			'<ErrorResponse xmlns="http://rds.amazonaws.com/doc/2014-10-31/">',
			`<Error><Type>${answer.type}</Type><Code>${answer.code.query}</Code><Message>${xmlEscape(answer.message)}</Message></Error>`,
			`<RequestId>${requestId}</RequestId>`,
			'</ErrorResponse>',
		].join('');
		const status = kind === 'expired-token' ? 403 : answer.status;
		return {status, headers: {'content-type': 'text/xml', 'x-amzn-requestid': requestId}, body: Buffer.from(body)};
	}
	if (protocol === 'rpcv2Cbor') {
		return {
			status: answer.status,
			headers: {'content-type': 'application/cbor', 'smithy-protocol': 'rpc-v2-cbor', 'x-amzn-requestid': requestId},
			body: cborTextMap({__type: answer.code.json, message: answer.message}),
		};
	}
	// awsJson, and the fallback for a request we could not place: JSON is what most of AWS speaks.
	const contentType = header(requestHeaders, 'content-type') || 'application/x-amz-json-1.1';
	return {
		status: answer.status,
		headers: {'content-type': contentType, 'x-amzn-requestid': requestId},
		body: Buffer.from(JSON.stringify({__type: answer.code.json, message: answer.message})),
	};
}

// ---- The proxy ----

function readBody(req: IncomingMessage): Promise<Buffer> {
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		req.on('data', (chunk: Buffer) => {
			size += chunk.length;
			if (size > maxBodyBytes) {
				reject(new Error(`request body over ${maxBodyBytes} bytes`));
				req.destroy();
				return;
			}
			chunks.push(chunk);
		});
		req.on('end', () => resolve(Buffer.concat(chunks)));
		req.on('error', reject);
	});
}

function withoutHopByHop(headers: IncomingHttpHeaders): Record<string, string | string[]> {
	const out: Record<string, string | string[]> = {};
	for (const [name, value] of Object.entries(headers)) {
		if (value === undefined || hopByHop.has(name.toLowerCase())) continue;
		out[name] = value;
	}
	return out;
}

function send(res: ServerResponse, answer: WireAnswer): void {
	res.writeHead(answer.status, {...answer.headers, 'content-length': String(answer.body.length)});
	res.end(answer.body);
}

export async function startFaultProxy(targetEndpoint: string, options: FaultProxyOptions = {}): Promise<FaultProxy> {
	let target: URL;
	try {
		target = new URL(targetEndpoint);
	} catch {
		throw new Error(`startFaultProxy: the target must be an http URL such as http://127.0.0.1:5000, got ${JSON.stringify(targetEndpoint)}`);
	}
	if (target.protocol !== 'http:') throw new Error(`startFaultProxy: only http targets are proxied, got ${target.protocol}`);
	const lifetimeMs = options.lifetimeMs ?? 5 * 60_000;
	if (!(Number.isFinite(lifetimeMs) && lifetimeMs > 0)) throw new Error(`startFaultProxy: lifetimeMs must be positive, got ${lifetimeMs}`);

	const upstream = new Agent({keepAlive: true, maxSockets: 32});
	const sockets = new Set<Socket>();
	const timers = new Set<NodeJS.Timeout>();
	const history: ProxiedRequest[] = [];
	const injected: Record<FaultKind | 'gone', number> = {throttle: 0, 'too-many-requests': 0, 'internal-error': 0, unavailable: 0, slow: 0, reset: 0, 'expired-token': 0, gone: 0};
	let requests = 0;
	let faulted = 0;
	let fault: Fault | undefined;
	let matched = 0; // requests the current fault's target matched
	let hits = 0; // requests the current fault hit
	let away = false;
	let stopped = false;

	/** Whether the current fault hits this request; counts it either way. */
	const pick = (service: string, operation: string): Fault | undefined => {
		if (!fault) return undefined;
		if (fault.operations && !fault.operations.includes(operation)) return undefined;
		if (fault.services && !fault.services.includes(service)) return undefined;
		matched++;
		if (matched % (fault.every ?? 1) !== 0) return undefined;
		if (fault.times !== undefined && hits >= fault.times) return undefined;
		hits++;
		return fault;
	};

	const later = (ms: number) =>
		new Promise<void>(resolve => {
			const timer = setTimeout(() => {
				timers.delete(timer);
				resolve();
			}, ms);
			timers.add(timer);
		});

	const forward = (req: IncomingMessage, res: ServerResponse, body: Buffer) => {
		const headers = {...withoutHopByHop(req.headers), 'content-length': String(body.length)};
		const outgoing = httpRequest(
			{host: target.hostname, port: target.port || 80, method: req.method, path: req.url, headers, agent: upstream, timeout: upstreamTimeoutMs},
			answer => {
				res.writeHead(answer.statusCode ?? 502, withoutHopByHop(answer.headers));
				answer.pipe(res);
				answer.on('error', () => res.destroy());
			},
		);
		outgoing.on('timeout', () => outgoing.destroy(new Error(`no answer from ${targetEndpoint} within ${upstreamTimeoutMs} ms`)));
		outgoing.on('error', error => {
			if (res.headersSent) res.destroy();
			else send(res, {status: 502, headers: {'content-type': 'text/plain'}, body: Buffer.from(`fault proxy: cannot reach ${targetEndpoint}: ${error.message}`)});
		});
		outgoing.end(body);
	};

	const handle = async (req: IncomingMessage, res: ServerResponse) => {
		let body: Buffer;
		try {
			body = await readBody(req);
		} catch (error) {
			if (!res.headersSent && !res.destroyed) send(res, {status: 413, headers: {'content-type': 'text/plain'}, body: Buffer.from(String(error))});
			return;
		}
		requests++;
		const protocol = protocolOf(req.headers);
		const service = serviceOf(req.headers);
		const operation = operationOf(protocol, req.headers, req.url ?? '/', body);
		const hit = pick(service, operation);
		history.push({service, operation, protocol, fault: hit?.kind, at: Date.now()});
		if (history.length > historyLimit) history.splice(0, history.length - historyLimit);
		if (hit) {
			faulted++;
			injected[hit.kind]++;
		}
		if (!hit) {
			forward(req, res, body);
			return;
		}
		switch (hit.kind) {
			case 'reset': {
				req.socket.destroy();
				return;
			}
			case 'slow': {
				await later(hit.delayMs ?? 0);
				if (stopped || res.destroyed) return;
				forward(req, res, body);
				return;
			}
			default: {
				send(res, errorAnswer(hit.kind, protocol, req.headers));
			}
		}
	};

	const server = createServer((req, res) => {
		handle(req, res).catch(() => res.destroy());
	});
	server.on('connection', socket => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
		// While going away, a connection that slipped in is dropped at once.
		if (away || stopped) socket.destroy();
	});
	// Never the reason the test process stays alive.
	server.unref();

	const listen = async (port: number) => {
		let lastError: unknown;
		for (let attempt = 0; attempt < listenAttempts; attempt++) {
			try {
				await new Promise<void>((resolve, reject) => {
					const onError = (error: Error) => {
						server.off('listening', onListening);
						reject(error);
					};
					const onListening = () => {
						server.off('error', onError);
						resolve();
					};
					server.once('error', onError);
					server.once('listening', onListening);
					server.listen(port, '127.0.0.1');
				});
				return;
			} catch (error) {
				lastError = error;
				// Only a port still held (by our own closing sockets, or by a stranger) is worth a retry.
				if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || port === 0) break;
				await later(listenRetryMs);
			}
		}
		throw new Error(`fault proxy: cannot listen on 127.0.0.1:${port}: ${String(lastError)}`);
	};

	const close = async () => {
		const closed = new Promise<void>(resolve => server.close(() => resolve()));
		for (const socket of sockets) socket.destroy();
		server.closeAllConnections();
		await closed;
	};

	await listen(0);
	const address = server.address();
	if (address === null || typeof address !== 'object') throw new Error('fault proxy: no port assigned');
	const {port} = address;
	const endpoint = `http://127.0.0.1:${port}`;

	const lifetime = setTimeout(() => void proxy.stop(), lifetimeMs);
	lifetime.unref();

	const proxy: FaultProxy = {
		endpoint,
		port,
		setFault(next) {
			if (next) checkFault(next);
			fault = next ? {...next} : undefined;
			matched = 0;
			hits = 0;
		},
		async goAway() {
			if (stopped) throw new Error('fault proxy: stopped; it cannot go away');
			if (away) return;
			away = true;
			injected.gone++;
			await close();
		},
		async comeBack() {
			if (stopped) throw new Error('fault proxy: stopped; it cannot come back');
			if (!away) return;
			await listen(port);
			away = false;
		},
		get away() {
			return away;
		},
		get requests() {
			return requests;
		},
		get faulted() {
			return faulted;
		},
		get injected() {
			return {...injected};
		},
		get history() {
			return history;
		},
		count(filter = {}) {
			return history.filter(
				r =>
					(filter.operation === undefined || r.operation === filter.operation) &&
					(filter.service === undefined || r.service === filter.service) &&
					(filter.faulted === undefined || (r.fault !== undefined) === filter.faulted),
			).length;
		},
		async stop() {
			if (stopped) return;
			stopped = true;
			clearTimeout(lifetime);
			for (const timer of timers) clearTimeout(timer);
			timers.clear();
			if (!away) await close();
			upstream.destroy();
		},
	};
	return proxy;
}
