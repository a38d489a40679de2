// A program in a real pseudo-terminal, as an on-call engineer's terminal would run it, with every
// chunk it wrote kept with its arrival time: bytes are counted as the terminal (and an SSH link)
// receives them, after the tty's newline translation, and timings can be read off afterwards.
import nodePty from 'node-pty';
import {readFileSync} from 'node:fs';
import {ptyEnvironment} from '../test/helpers/pty.js';
import {createScreen, type TestScreen} from '../test/helpers/screen.js';
import type {Screen} from '../source/terminal/cells.js';

export type Chunk = {at: number; bytes: Buffer};

export type BenchPty = {
	readonly pid: number;
	/** performance.now() just before the spawn. */
	readonly spawnedAt: number;
	readonly chunks: readonly Chunk[];
	readonly screen: TestScreen;
	/** Bytes received so far. */
	bytes(): number;
	/** Everything received after byte offset `from`. */
	outputSince(from: number): Buffer;
	write(data: string): void;
	/** Resolves once nothing arrived for `quietMs`, counted from the later of the last chunk and the call. */
	quiet(quietMs: number, timeoutMs?: number): Promise<void>;
	/** Resolves once the visible text satisfies `test`; on timeout, throws with the screen. */
	waitFor(test: (text: string) => boolean, what: string, timeoutMs?: number): Promise<void>;
	cells(): Promise<Screen>;
	text(): Promise<string>;
	/** Peak and current resident set size of the process, from /proc (bytes). */
	memory(): {peakRss: number; rss: number};
	readonly exited: Promise<{exitCode: number; signal?: number}>;
	dispose(): Promise<void>;
};

export function spawnBenchPty(command: string, args: string[], options: {cols: number; rows: number; env: Record<string, string | undefined>; cwd?: string}): BenchPty {
	const screen = createScreen(options.cols, options.rows);
	const chunks: Chunk[] = [];
	let total = 0;
	let lastDataAt = performance.now();
	const spawnedAt = performance.now();
	const child = nodePty.spawn(command, args, {
		name: 'xterm-256color',
		cols: options.cols,
		rows: options.rows,
		cwd: options.cwd ?? process.cwd(),
		env: ptyEnvironment(options.env),
		encoding: null, // raw bytes, counted as they came
	});
	child.onData((data: string | Buffer) => {
		const bytes = typeof data === 'string' ? Buffer.from(data) : data;
		lastDataAt = performance.now();
		chunks.push({at: lastDataAt, bytes});
		total += bytes.length;
		screen.write(bytes);
	});
	let exit: {exitCode: number; signal?: number} | undefined;
	const exited = new Promise<{exitCode: number; signal?: number}>(resolve => {
		child.onExit(({exitCode, signal}) => {
			exit = {exitCode, ...(signal ? {signal} : {})};
			resolve(exit);
		});
	});
	const text = async () => {
		await screen.flush();
		return screen.text();
	};

	return {
		pid: child.pid,
		spawnedAt,
		chunks,
		screen,
		bytes: () => total,
		outputSince(from) {
			const parts: Buffer[] = [];
			let offset = 0;
			for (const chunk of chunks) {
				const end = offset + chunk.bytes.length;
				if (end > from) parts.push(offset >= from ? chunk.bytes : chunk.bytes.subarray(from - offset));
				offset = end;
			}
			return Buffer.concat(parts);
		},
		write(data) {
			child.write(data);
		},
		async quiet(quietMs, timeoutMs = 20_000) {
			const deadline = performance.now() + timeoutMs;
			const startedAt = performance.now();
			for (;;) {
				const now = performance.now();
				if (now - Math.max(lastDataAt, startedAt) >= quietMs) return;
				if (now > deadline) throw new Error(`the program kept writing for ${timeoutMs} ms`);
				await new Promise(resolve => setTimeout(resolve, 10));
			}
		},
		async waitFor(test, what, timeoutMs = 20_000) {
			const deadline = performance.now() + timeoutMs;
			for (;;) {
				const shown = await text();
				if (test(shown)) return;
				if (exit) throw new Error(`waiting for ${what}: the program exited (code ${exit.exitCode}); screen:\n${shown}`);
				if (performance.now() > deadline) throw new Error(`waiting for ${what}: timed out after ${timeoutMs} ms; screen:\n${shown}`);
				await new Promise(resolve => setTimeout(resolve, 15));
			}
		},
		async cells() {
			await screen.flush();
			return screen.cells();
		},
		text,
		memory() {
			const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
			const kb = (field: string) => {
				const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status);
				if (!match) throw new Error(`no ${field} in /proc/${child.pid}/status`);
				return Number(match[1]) * 1024;
			};
			return {peakRss: kb('VmHWM'), rss: kb('VmRSS')};
		},
		exited,
		async dispose() {
			if (!exit) {
				try {
					process.kill(-child.pid, 'SIGKILL'); // node-pty gives the program a session (and group) of its own
				} catch {
					child.kill('SIGKILL');
				}
				await exited;
			}
			screen.dispose();
		},
	};
}

/**
 * When the screen first satisfied `test`: replays the chunks into a fresh emulator one by one and
 * returns the arrival time (relative to the spawn) of the chunk that completed it, or undefined.
 */
export async function timeToScreen(pty: Pick<BenchPty, 'chunks' | 'spawnedAt'>, size: {cols: number; rows: number}, test: (text: string) => boolean): Promise<number | undefined> {
	const replay = createScreen(size.cols, size.rows);
	try {
		for (const chunk of pty.chunks) {
			replay.write(chunk.bytes);
			await replay.flush();
			if (test(replay.text())) return chunk.at - pty.spawnedAt;
		}
		return undefined;
	} finally {
		replay.dispose();
	}
}

/**
 * Whole-screen clears in `output`: ED 2 (erase the display) and RIS (full reset). Ink's clear is
 * ED 2 + ED 3 + home, counted once; erasing single lines is not a clear.
 */
export function countClears(output: Buffer): number {
	const text = output.toString('latin1');
	return (text.match(/\u001B\[2J|\u001Bc/g) ?? []).length;
}
