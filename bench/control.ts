// The bench's control channel: JSON lines over a Unix socket between the bench (which listens)
// and the scenario app in the pseudo-terminal (which connects). The pty carries only what a user
// types and sees; this channel carries what no user can do: change the simulated account by
// exactly one value, read the app's own CPU time, and wait until a refresh has finished.
import {createConnection, createServer, type Server, type Socket} from 'node:net';
import {rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';

type Request = {id: number; op: string; args?: Record<string, unknown>};
type Reply = {id: number; ok: true; result: unknown} | {id: number; ok: false; error: string};

export type Handlers = Record<string, (args: Record<string, unknown>) => unknown>;

/** Splits a stream into lines and hands each parsed JSON value to `onMessage`. */
function readLines(socket: Socket, onMessage: (value: unknown) => void, timed: (work: () => void) => void = work => work()): void {
	let pending = '';
	socket.setEncoding('utf8');
	socket.on('data', (text: string) => {
		const lines: unknown[] = [];
		timed(() => {
			pending += text;
			let newline = pending.indexOf('\n');
			while (newline >= 0) {
				const line = pending.slice(0, newline);
				pending = pending.slice(newline + 1);
				if (line.trim() !== '') lines.push(JSON.parse(line));
				newline = pending.indexOf('\n');
			}
		});
		for (const value of lines) onMessage(value);
	});
}

let sockets = 0;

/** A fresh socket path in the temp directory (a Unix socket never touches the network). */
export function controlPath(): string {
	sockets += 1;
	return path.join(tmpdir(), `acso-bench-${process.pid}-${sockets}.sock`);
}

export type ControlServer = {
	readonly path: string;
	/** Resolves once the scenario app connected. */
	connected(timeoutMs: number): Promise<void>;
	call<T = unknown>(op: string, args?: Record<string, unknown>, timeoutMs?: number): Promise<T>;
	close(): void;
};

/** The bench's side: listen, then send requests to the app once it connected. */
export async function listenForApp(socketPath = controlPath()): Promise<ControlServer> {
	rmSync(socketPath, {force: true});
	let peer: Socket | undefined;
	let onPeer: (() => void) | undefined;
	let nextId = 1;
	const waiting = new Map<number, {resolve: (value: unknown) => void; reject: (error: Error) => void; timer: NodeJS.Timeout}>();
	const server: Server = createServer(socket => {
		peer = socket;
		readLines(socket, value => {
			const reply = value as Reply;
			const entry = waiting.get(reply.id);
			if (!entry) return;
			waiting.delete(reply.id);
			clearTimeout(entry.timer);
			if (reply.ok) entry.resolve(reply.result);
			else entry.reject(new Error(reply.error));
		});
		socket.on('close', () => {
			for (const [id, entry] of waiting) {
				clearTimeout(entry.timer);
				entry.reject(new Error(`the scenario app closed the control channel before answering request ${id}`));
			}
			waiting.clear();
		});
		onPeer?.();
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(socketPath, () => resolve());
	});
	return {
		path: socketPath,
		connected(timeoutMs) {
			if (peer) return Promise.resolve();
			return new Promise((resolve, reject) => {
				const timer = setTimeout(() => reject(new Error(`the scenario app did not connect to ${socketPath} within ${timeoutMs} ms`)), timeoutMs);
				onPeer = () => {
					clearTimeout(timer);
					resolve();
				};
			});
		},
		call<T>(op: string, args: Record<string, unknown> = {}, timeoutMs = 30_000): Promise<T> {
			const socket = peer;
			if (!socket) return Promise.reject(new Error(`control: no app connected yet (op ${op})`));
			const id = nextId++;
			return new Promise<T>((resolve, reject) => {
				const timer = setTimeout(() => {
					waiting.delete(id);
					reject(new Error(`control: the app did not answer ${op} within ${timeoutMs} ms`));
				}, timeoutMs);
				waiting.set(id, {resolve: value => resolve(value as T), reject, timer});
				socket.write(`${JSON.stringify({id, op, args} satisfies Request)}\n`);
			});
		},
		close() {
			peer?.destroy();
			server.close();
			rmSync(socketPath, {force: true});
		},
	};
}

export type BenchPeer = {
	socket: Socket;
	/**
	 * Time the channel itself took in this process: reading requests and writing replies (a write
	 * to a socket is a system call). It is the bench's cost, not the app's, and runs inside every
	 * measured update; synchronous, so its wall time is its CPU time.
	 */
	channelMicros(): number;
};

/** The app's side: connect and answer each request with its handler's (awaited) result. */
export function answerBench(socketPath: string, handlers: Handlers): Promise<BenchPeer> {
	let busy = 0;
	const timed = (work: () => void) => {
		const started = performance.now();
		try {
			work();
		} finally {
			busy += (performance.now() - started) * 1000;
		}
	};
	return new Promise((resolve, reject) => {
		const socket = createConnection(socketPath, () => resolve({socket, channelMicros: () => busy}));
		socket.once('error', reject);
		readLines(socket, value => {
			const request = value as Request;
			const handler = handlers[request.op];
			const send = (reply: Reply) => {
				timed(() => {
					if (!socket.destroyed) socket.write(`${JSON.stringify(reply)}\n`);
				});
			};
			if (!handler) {
				send({id: request.id, ok: false, error: `unknown control op "${request.op}" (known: ${Object.keys(handlers).join(', ')})`});
				return;
			}
			Promise.resolve()
				.then(() => handler(request.args ?? {}))
				.then(
					result => send({id: request.id, ok: true, result: result ?? null}),
					(error: unknown) => send({id: request.id, ok: false, error: error instanceof Error ? error.message : String(error)}),
				);
		}, timed);
	});
}
