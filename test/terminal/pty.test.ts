// The pseudo-terminal helpers, and the diff layer in a real terminal: a small Ink app (a fixture)
// run in a pty, read back through an emulator.
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {keySequence, ptyEnvironment, spawnInPty, spawnWithTerminalCheck, type PtySession} from '../helpers/pty.js';
import {buildFixture, fixtureEnv, type BuiltFixture} from './fixture-build.js';

const sessions: PtySession[] = [];
function track<T extends PtySession>(session: T): T {
	sessions.push(session);
	return session;
}

afterEach(async () => {
	await Promise.all(sessions.splice(0).map(session => session.dispose()));
});

describe('pty helpers', () => {
	it('names keys, following the application-cursor-keys mode for arrows', () => {
		expect(keySequence('up')).toBe('\u001B[A');
		expect(keySequence('up', true)).toBe('\u001BOA');
		expect(keySequence('shift-tab')).toBe('\u001B[Z');
		expect(keySequence('ctrl-c')).toBe('\u0003');
		expect(keySequence('q')).toBe('q');
		expect(keySequence('漢')).toBe('漢');
		expect(() => keySequence('hyper-x')).toThrow(/unknown key "hyper-x"; known keys: up, down/);
	});

	it('gives the program a terminal without the CI variables that silence Ink', async () => {
		const saved = {CI: process.env['CI'], CONTINUOUS_INTEGRATION: process.env['CONTINUOUS_INTEGRATION']};
		process.env['CI'] = 'true';
		process.env['CONTINUOUS_INTEGRATION'] = '1';
		try {
			expect(ptyEnvironment({EXTRA: 'x'})).toMatchObject({TERM: 'xterm-256color', EXTRA: 'x'});
			const session = track(
				spawnInPty('bash', ['-c', 'echo "CI=${CI-unset} CONT=${CONTINUOUS_INTEGRATION-unset} TERM=$TERM"; [ -t 1 ] && echo tty'], {cols: 60, rows: 5}),
			);
			await session.waitFor('tty');
			expect(session.screen.lines()[0]).toBe('CI=unset CONT=unset TERM=xterm-256color');
		} finally {
			for (const [key, value] of Object.entries(saved)) {
				if (value === undefined) delete process.env[key];
				else process.env[key] = value;
			}
		}
	});

	it('shows the screen when waitFor gives up, and says when the program exited first', async () => {
		const waiting = track(spawnInPty('bash', ['-c', 'printf "hello there"; sleep 30'], {cols: 40, rows: 4}));
		await waiting.waitFor('hello');
		await expect(waiting.waitFor('never shown', 300)).rejects.toThrow(/timed out after 300 ms; screen \(40x4\):\nhello there/);
		const done = track(spawnInPty('bash', ['-c', 'printf bye'], {cols: 40, rows: 4}));
		await expect(done.waitFor('never shown')).rejects.toThrow(/exited \(code 0\) first; screen \(40x4\):\nbye/);
	});

	it('resizes the terminal the program sees, and counts the bytes it wrote', async () => {
		const session = track(spawnInPty('bash', ['-c', 'stty size; read -r _; stty size; read -r _'], {cols: 80, rows: 24}));
		await session.waitFor('24 80');
		session.resize(50, 10);
		session.press('enter');
		await session.waitFor('10 50');
		expect(session.output.toString()).toMatch(/24 80\r\n[\s\S]*10 50\r\n/);
		session.kill('SIGTERM');
		expect((await session.exited).signal).toBe(15);
	});
});

describe('the diff layer in a real terminal', () => {
	let counter: BuiltFixture;
	beforeAll(async () => {
		counter = await buildFixture('counter-app.tsx');
	}, 60_000);
	afterAll(async () => {
		await counter?.remove();
	});

	const start = (flags: string[] = []) =>
		track(spawnInPty(process.execPath, [counter.file, ...flags], {cols: 60, rows: 12, env: fixtureEnv}));

	/** Bytes the app writes for one key press that changes the count. */
	async function bytesForOneUpdate(session: PtySession): Promise<number> {
		await session.waitFor('count: 0');
		const before = session.output.length;
		session.press('up');
		await session.waitFor('count: 1');
		return session.output.length - before;
	}

	it('draws the app on the alternate screen and gives the screen back on quit', async () => {
		const session = start();
		await session.waitFor('count: 0');
		expect(session.screen.isAlternateScreen).toBe(true);
		expect(session.screen.cursorHidden).toBe(true);
		expect(session.screen.lines().slice(0, 5)).toEqual([
			'╭──────────────────────────────────────────────────────────╮',
			'│acso counter ✅                                           │',
			'│count: 0                                                  │',
			'│↑/↓ change · c copy · q quit · 漢字                       │',
			'╰──────────────────────────────────────────────────────────╯',
		]);
		session.press('up', 'up', 'down', 'up');
		await session.waitFor('count: 2');
		session.press('c');
		await expect.poll(() => session.screen.osc52Writes).toEqual(['count=2']);
		session.press('q');
		expect((await session.exited).exitCode).toBe(0);
		await session.screen.flush();
		expect(session.screen.isAlternateScreen).toBe(false);
		expect(session.screen.cursorHidden).toBe(false);
	});

	it('sends a few bytes per update where Ink alone repaints the whole full-height frame', async () => {
		const layered = await bytesForOneUpdate(start(['--full']));
		const plain = await bytesForOneUpdate(start(['--full', '--plain']));
		expect(layered).toBeLessThan(64);
		expect(plain).toBeGreaterThan(10 * layered);
	});

	it('gives the terminal back after SIGTERM: cooked mode, main screen, cursor shown', async () => {
		const session = track(spawnWithTerminalCheck(process.execPath, [counter.file], {cols: 60, rows: 12, env: fixtureEnv}));
		await session.waitFor('count: 0');
		expect(session.screen.isAlternateScreen).toBe(true);
		session.kill('SIGTERM');
		const handBack = await session.handBack();
		expect(handBack).toMatchObject({exitCode: 143, icanon: true, echo: true, alternateScreen: false, cursorHidden: false});
	});

	it('gives the terminal back after Ctrl-C', async () => {
		const session = track(spawnWithTerminalCheck(process.execPath, [counter.file], {cols: 60, rows: 12, env: fixtureEnv}));
		await session.waitFor('count: 0');
		session.press('ctrl-c');
		const handBack = await session.handBack();
		expect(handBack).toMatchObject({exitCode: 0, icanon: true, echo: true, alternateScreen: false, cursorHidden: false});
	});

	it('notices an app that does not give the screen back (the check can fail)', async () => {
		const session = track(
			spawnWithTerminalCheck(process.execPath, [counter.file, '--no-restore'], {cols: 60, rows: 12, env: fixtureEnv}),
		);
		await session.waitFor('count: 0');
		session.kill('SIGTERM');
		const handBack = await session.handBack();
		expect(handBack.exitCode).toBe(143);
		expect(handBack.alternateScreen).toBe(true);
	});
});
