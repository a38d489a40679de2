import {randomUUID} from 'node:crypto';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {render as inkTestRender} from 'ink-testing-library';
import {useEffect, type ReactElement, type ReactNode} from 'react';
import {App, type AppProps} from '../../source/app.js';
import {KeyRouter} from '../../source/input/key-router.js';
import type {AppConfig} from '../../source/config/app-config.js';
import {parseFlags, type RawFlags} from '../../source/config/parse-flags.js';
import {createSimCloud, type SimCloud} from '../../source/sim/index.js';

// The render harness, once: ink-testing-library (Ink in debug mode: whole frames, fine for asserting
// what is on screen) given a fixed terminal size, and press() that waits for the next frame.

function OnUnmount({run, children}: {run: () => void; children: ReactNode}) {
	useEffect(() => run, [run]);
	return <>{children}</>;
}

export const keys = {
	enter: '\r',
	esc: '\u001B',
	tab: '\t',
	shiftTab: '\u001B[Z',
	up: '\u001B[A',
	down: '\u001B[B',
	ctrlC: '\u0003',
	pageDown: '\u001B[6~',
} as const;

/**
 * Lets React 19 and Ink flush: the render a key caused, then the effects of what it mounted. (The
 * key router holds a key until the one before it has committed: see source/input/key-router.tsx.)
 */
export async function tick(times = 2): Promise<void> {
	for (let i = 0; i < times; i++) {
		await new Promise(resolve => setImmediate(resolve));
		await new Promise(resolve => setTimeout(resolve, 10));
	}
}

export type Harness = {
	lastFrame(): string;
	frames: string[];
	press(...inputs: string[]): Promise<string>;
	/** Sends the keys one after another in one go, with no frame between them (typed ahead, pasted). */
	typeAhead(...inputs: string[]): Promise<string>;
	type(text: string): Promise<string>;
	resize(columns: number, rows: number): Promise<void>;
	waitFor(predicate: RegExp | string | ((frame: string) => boolean), timeoutMs?: number): Promise<string>;
	unmount(): void;
	exited: Promise<void>;
};

export function renderTui(tree: ReactElement, size: {columns?: number; rows?: number} = {}): Harness {
	let unmounted: () => void = () => {};
	// Resolves when Ink unmounts the tree: the app quit (useApp().exit()) or the test unmounted it.
	const exited = new Promise<void>(resolve => (unmounted = resolve));
	// The app has its own key router; a component rendered alone gets one here.
	// First an empty tree: ink-testing-library fixes 100 columns and no rows, and a first render at
	// another size would start the screens' polls with the wrong sizes (an extra request, a frame that
	// never fits). The tree mounts once the terminal has its size, in one synchronous render.
	const instance = inkTestRender(<></>);
	const {stdout, stdin} = instance;
	// ink-testing-library's terminal is 100 columns with no rows and no TTY flag: give it ours.
	let columns = size.columns ?? 100;
	let rows = size.rows ?? 30;
	Object.defineProperties(stdout, {
		columns: {get: () => columns, configurable: true},
		rows: {get: () => rows, configurable: true},
		isTTY: {value: true, configurable: true},
	});
	instance.rerender(
		<OnUnmount run={() => unmounted()}>
			<KeyRouter>{tree}</KeyRouter>
		</OnUnmount>,
	);
	const setSize = (c: number, r: number) => {
		columns = c;
		rows = r;
	};
	const lastFrame = () => stdout.frames[stdout.frames.length - 1] ?? '';
	const harness: Harness = {
		lastFrame,
		frames: stdout.frames,
		async press(...inputs) {
			for (const input of inputs) {
				stdin.write(input);
				await tick();
			}
			return lastFrame();
		},
		async typeAhead(...inputs) {
			for (const input of inputs) stdin.write(input);
			await tick();
			return lastFrame();
		},
		async type(text) {
			for (const ch of text) {
				stdin.write(ch);
				await tick(1);
			}
			await tick();
			return lastFrame();
		},
		async resize(columns, rows) {
			setSize(columns, rows);
			stdout.emit('resize');
			await tick();
		},
		async waitFor(predicate, timeoutMs = 5000) {
			const test = typeof predicate === 'function' ? predicate : (f: string) => (typeof predicate === 'string' ? f.includes(predicate) : predicate.test(f));
			const deadline = Date.now() + timeoutMs;
			while (Date.now() < deadline) {
				if (test(lastFrame())) return lastFrame();
				await new Promise(resolve => setTimeout(resolve, 10));
			}
			throw new Error(`timed out waiting for ${String(predicate)}; last frame:\n${lastFrame()}`);
		},
		unmount: () => instance.unmount(),
		exited,
	};
	return harness;
}

/** A config as the CLI would build it from these flags (demo by default), with no config file. */
export function testConfig(flags: RawFlags = {demo: true}): AppConfig {
	// A test never writes the developer's own audit trail (~/.local/state/acso-tui/audit.jsonl).
	const auditLog = flags.auditLog ?? path.join(tmpdir(), `acso-tui-test-${process.pid}-${randomUUID().slice(0, 8)}`, 'audit.jsonl');
	const parsed = parseFlags({...flags, auditLog}, {}, {});
	if (!parsed.ok) throw new Error(parsed.error);
	return parsed.config;
}

/** A manual clock that tests move by hand. */
export function manualClock(start = Date.parse('2026-11-28T12:00:00Z')) {
	let t = start;
	return {now: () => t, advance: (ms: number) => void (t += ms), set: (ms: number) => void (t = ms)};
}

export type AppHarness = Harness & {cloud: SimCloud; config: AppConfig};

/** The whole app on the simulated account. */
export function renderApp(options: {flags?: RawFlags; size?: {columns?: number; rows?: number}; now?: () => number; seed?: number} & Partial<Pick<AppProps, 'initialScreen'>> = {}): AppHarness {
	const config = testConfig(options.flags ?? {demo: true});
	const cloud = createSimCloud({seed: options.seed ?? 7, clock: options.now ? {now: options.now} : undefined, isWriteEnabled: () => config.write});
	const harness = renderTui(<App cloud={cloud} config={config} now={options.now} initialScreen={options.initialScreen} />, options.size);
	return {...harness, cloud, config};
}
