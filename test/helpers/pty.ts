// Run a program in a real pseudo-terminal and read its screen through an emulator, the way an
// on-call engineer's terminal would show it. For end-to-end tests of the built CLI and fixtures.
import {existsSync, mkdtempSync, readFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import nodePty from 'node-pty';
import {createScreen, type TestScreen} from './screen.js';

export interface PtyOptions {
	cols?: number;
	rows?: number;
	/** Added to the inherited environment; `undefined` removes a variable. */
	env?: Record<string, string | undefined>;
	cwd?: string;
}

export interface PtyExit {
	exitCode: number;
	signal: number | undefined;
}

export type KeyName =
	| 'enter' | 'esc' | 'tab' | 'shift-tab' | 'space' | 'backspace' | 'delete'
	| 'up' | 'down' | 'left' | 'right' | 'home' | 'end' | 'pageup' | 'pagedown'
	| `ctrl-${string}` | `f${number}`
	| (string & {}); // a single character is sent as it is

export interface PtySession {
	readonly pid: number;
	readonly screen: TestScreen;
	/** Everything the program wrote, as raw bytes (for byte counting). */
	readonly output: Buffer;
	/** Send raw input, as typed or pasted. */
	write(data: string): void;
	/** Send keys by name: press('down', 'down', 'enter'). */
	press(...keys: KeyName[]): void;
	/** Wait until the screen shows `pattern`; on timeout, throws with the screen as it is. */
	waitFor(pattern: string | RegExp, timeoutMs?: number): Promise<void>;
	resize(cols: number, rows: number): void;
	/** Signal the program's process group (default SIGTERM). */
	kill(signal?: NodeJS.Signals): void;
	readonly exited: Promise<PtyExit>;
	/** Kill the program if it still runs and free the emulator. */
	dispose(): Promise<void>;
}

const KEYS: Record<string, string> = {
	enter: '\r',
	esc: '\u001B',
	tab: '\t',
	'shift-tab': '\u001B[Z',
	space: ' ',
	backspace: '\u007F',
	delete: '\u001B[3~',
	home: '\u001B[H',
	end: '\u001B[F',
	pageup: '\u001B[5~',
	pagedown: '\u001B[6~',
	f1: '\u001BOP',
	f2: '\u001BOQ',
	f3: '\u001BOR',
	f4: '\u001BOS',
	f5: '\u001B[15~',
};

const ARROWS: Record<string, string> = {up: 'A', down: 'B', right: 'C', left: 'D'};

/** The bytes a terminal sends for a key; arrows follow the application-cursor-keys mode. */
export function keySequence(key: KeyName, applicationCursorKeys = false): string {
	const arrow = ARROWS[key];
	if (arrow) return `\u001B${applicationCursorKeys ? 'O' : '['}${arrow}`;
	const named = KEYS[key];
	if (named) return named;
	const ctrl = /^ctrl-([a-z@[\\\]^_])$/.exec(key);
	if (ctrl) return String.fromCharCode(ctrl[1]!.toUpperCase().charCodeAt(0) & 0x1f);
	if ([...key].length === 1) return key;
	const known = [...Object.keys(ARROWS), ...Object.keys(KEYS), 'ctrl-<letter>', 'a single character'];
	throw new Error(`press: unknown key ${JSON.stringify(key)}; known keys: ${known.join(', ')}`);
}

/** The environment a program gets in the pty: Ink's CI traps removed, a 256-colour terminal. */
export function ptyEnvironment(extra: Record<string, string | undefined> = {}): Record<string, string> {
	const env: Record<string, string | undefined> = {...process.env};
	// Ink draws nothing until exit when CI or CONTINUOUS_INTEGRATION is set (as `.ci/run` does).
	delete env['CI'];
	delete env['CONTINUOUS_INTEGRATION'];
	env['TERM'] = 'xterm-256color';
	Object.assign(env, extra);
	return Object.fromEntries(Object.entries(env).filter((entry): entry is [string, string] => entry[1] !== undefined));
}

export function spawnInPty(command: string, args: string[], options: PtyOptions = {}): PtySession {
	const cols = options.cols ?? 100;
	const rows = options.rows ?? 40;
	const screen = createScreen(cols, rows, {scrollback: 1000});
	const child = nodePty.spawn(command, args, {
		name: 'xterm-256color',
		cols,
		rows,
		cwd: options.cwd ?? process.cwd(),
		env: ptyEnvironment(options.env),
		encoding: null, // raw bytes: counted as they came, decoded by the emulator
	});
	const chunks: Buffer[] = [];
	child.onData((data: string | Buffer) => {
		const bytes = typeof data === 'string' ? Buffer.from(data) : data;
		chunks.push(bytes);
		screen.write(bytes);
	});

	let exit: PtyExit | undefined;
	const exited = new Promise<PtyExit>(resolve => {
		child.onExit(({exitCode, signal}) => {
			exit = {exitCode, signal: signal || undefined};
			resolve(exit);
		});
	});

	const dump = () => `screen (${screen.cols}x${screen.rows}):\n${screen.text().replace(/\n+$/, '')}`;

	return {
		pid: child.pid,
		screen,
		get output() {
			return Buffer.concat(chunks);
		},
		write(data) {
			child.write(data);
		},
		press(...keys) {
			for (const key of keys) child.write(keySequence(key, screen.applicationCursorKeys));
		},
		async waitFor(pattern, timeoutMs = 10_000) {
			const matches = () => (typeof pattern === 'string' ? screen.text().includes(pattern) : pattern.test(screen.text()));
			const deadline = Date.now() + timeoutMs;
			for (;;) {
				const exitedBefore = exit !== undefined; // node-pty reports exit after the last output
				await screen.flush();
				if (matches()) return;
				if (exitedBefore && exit) {
					throw new Error(`waitFor(${String(pattern)}): the program exited (code ${exit.exitCode}) first; ${dump()}`);
				}

				if (Date.now() > deadline) {
					throw new Error(`waitFor(${String(pattern)}) timed out after ${timeoutMs} ms; ${dump()}`);
				}

				await new Promise(resolve => setTimeout(resolve, 20));
			}
		},
		resize(nextCols, nextRows) {
			child.resize(nextCols, nextRows);
			screen.resize(nextCols, nextRows);
		},
		kill(signal = 'SIGTERM') {
			if (exit) return;
			try {
				// node-pty starts the program in a session of its own, so its pid is its process group.
				process.kill(-child.pid, signal);
			} catch {
				child.kill(signal);
			}
		},
		exited,
		async dispose() {
			if (!exit) {
				this.kill('SIGKILL');
				await exited;
			}

			screen.dispose();
		},
	};
}

export interface TerminalHandBack {
	/** The program's exit status as the shell saw it (128 + n after signal n). */
	exitCode: number;
	/** The tty is back in cooked mode: line editing and echo on (raw mode turns both off). */
	icanon: boolean;
	echo: boolean;
	/** The emulator's state after the program: alternate screen left, cursor shown. */
	alternateScreen: boolean;
	cursorHidden: boolean;
	stty: string;
}

// Runs "$0" "$@" and then reports the tty's settings. The shell survives the signals a test sends
// to the program's process group ('true' traps are reset to the default in the program itself).
// The report goes to a file, not the pty: what a shell writes right before the pty closes can be
// lost on the way to node-pty (seen once in a few hundred runs), and with it the exit status.
const CHECK_SCRIPT = `trap 'true' INT TERM HUP
"$0" "$@"
status=$?
{ printf '__STTY__ %s\\n' "$status"; stty -a; printf '__DONE__\\n'; } > "$ACSO_TTY_REPORT" 2>&1`;

/**
 * Run a program in a pty so that, after it exits, we can tell whether it gave the terminal back:
 * `handBack` resolves with the tty mode (from `stty -a` run after it) and the emulator's state.
 */
export function spawnWithTerminalCheck(
	command: string,
	args: string[],
	options: PtyOptions = {},
): PtySession & {handBack: () => Promise<TerminalHandBack>} {
	const reportPath = path.join(mkdtempSync(path.join(tmpdir(), 'acso-tty-')), 'report.txt');
	const session = spawnInPty('bash', ['-c', CHECK_SCRIPT, command, ...args], {...options, env: {...options.env, ACSO_TTY_REPORT: reportPath}});
	return Object.assign(session, {
		async handBack(): Promise<TerminalHandBack> {
			await session.exited;
			await session.screen.flush();
			const report = existsSync(reportPath) ? readFileSync(reportPath, 'utf8') : '';
			if (!report.includes('__DONE__')) throw new Error(`spawnWithTerminalCheck: the shell wrote no report; screen:\n${session.screen.text()}`);
			const status = /__STTY__ (\d+)/.exec(report);
			if (!status) throw new Error(`spawnWithTerminalCheck: no exit status in the output:\n${report}`);
			const stty = report.slice(report.indexOf('\n') + 1, report.indexOf('__DONE__'));
			const flag = (name: string) => new RegExp(`(^|\\s)${name}(?=\\s|$)`).test(stty);
			return {
				exitCode: Number(status[1]),
				icanon: flag('icanon'),
				echo: flag('echo'),
				alternateScreen: session.screen.isAlternateScreen,
				cursorHidden: session.screen.cursorHidden,
				stty,
			};
		},
	});
}
