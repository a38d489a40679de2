import {afterEach, beforeAll, describe, expect, it} from 'vitest';
import {spawnWithTerminalCheck, type PtySession} from '../helpers/pty.js';
import {assertBuilt, cliPath, isolatedEnv} from './cli-path.js';

// The built CLI on the simulated account, in a real pseudo-terminal read through a terminal
// emulator: what an engineer sees after `npm start`, and the terminal they get back.

const sessions: PtySession[] = [];

function startDemo(args: string[] = [], size = {cols: 100, rows: 30}, env: Record<string, string> = {}) {
	const session = spawnWithTerminalCheck(process.execPath, [cliPath, '--demo', ...args], {...size, env: isolatedEnv(env)});
	sessions.push(session);
	return session;
}

const percentages = (text: string) => text.match(/\d+\.\d%/g) ?? [];

describe('acso-tui --demo in a real terminal', () => {
	beforeAll(assertBuilt);
	afterEach(async () => {
		await Promise.all(sessions.splice(0).map(s => s.dispose()));
	});

	it('shows the production overview with five or more services, and its numbers move', async () => {
		const app = startDemo();
		await app.waitFor('supervisor', 15_000);
		await app.waitFor(/ERRORS\s+\d+/, 15_000);
		const first = app.screen.text();
		expect(first).toContain('production');
		expect(first).toContain('READ-ONLY');
		for (const name of ['supervisor', 'threat-hunter', 'incident-response', 'service-orchestration', 'financial-intellig']) {
			expect(first).toContain(name);
		}
		expect(first).toMatch(/ACSO-HighMemory ALARM/);
		expect(first).toContain('acso-production-db');
		// "Numbers visibly moving within 3 s": some CPU or memory figure differs 3 s later.
		await new Promise(resolve => setTimeout(resolve, 3000));
		await app.screen.flush();
		expect(percentages(app.screen.text())).not.toEqual(percentages(first));
		app.press('q');
		const back = await app.handBack();
		expect(back).toMatchObject({exitCode: 0, icanon: true, echo: true, alternateScreen: false, cursorHidden: false});
	});

	it('lists every binding of the screen in ? help, and :logs reaches the logs', async () => {
		const app = startDemo();
		await app.waitFor('supervisor', 15_000);
		app.press('?');
		await app.waitFor('Everywhere');
		const help = app.screen.text();
		for (const description of ['open service detail', 'next service', 'go to screen', 'next screen', 'quit', 'help']) {
			expect(help).toContain(description);
		}
		app.press('esc');
		// A key right behind Esc would read as Alt+key, as in any terminal: wait for help to close.
		await app.waitFor('RUN/DES/PEN');
		app.write(':logs\r');
		await app.waitFor('following', 10_000);
		await app.waitFor(/\d\d:\d\d:\d\d (ERROR|FATAL)/, 10_000);
		app.press('ctrl-c');
		const back = await app.handBack();
		expect(back).toMatchObject({icanon: true, echo: true, alternateScreen: false, cursorHidden: false});
	});

	it('honours NO_COLOR: no colour sequence reaches the terminal, yet the alarm still stands out', async () => {
		// Foreground/background colours: 30-37, 39-47, 49, 90-97, 100-107, and 38;/48; forms.
		const colour = /\u001B\[(?:[0-9;]*;)?(?:3[0-9]|4[0-9]|9[0-7]|10[0-7])(?:;[0-9;]*)?m/;
		const plain = startDemo([], {cols: 100, rows: 30}, {NO_COLOR: '1'});
		await plain.waitFor('ACSO-HighMemory ALARM', 15_000);
		expect(plain.output.toString('utf8')).not.toMatch(colour);
		plain.press('q');
		await plain.handBack();
		const coloured = startDemo();
		await coloured.waitFor('ACSO-HighMemory ALARM', 15_000);
		expect(coloured.output.toString('utf8')).toMatch(colour);
		coloured.press('q');
		await coloured.handBack();
	});

	it('says the terminal is too small below 60x20, and how big it must be', async () => {
		const app = startDemo([], {cols: 50, rows: 15});
		await app.waitFor('too small', 10_000);
		// The two lines of the message may reach the terminal in two writes.
		await app.waitFor('60x20', 10_000);
		app.resize(100, 30);
		await app.waitFor('supervisor', 10_000);
		app.press('q');
		await app.handBack();
	});

	it.each(['SIGTERM', 'SIGHUP'] as const)('gives the terminal back when killed with %s', async signal => {
		const app = startDemo();
		await app.waitFor('supervisor', 15_000);
		expect(app.screen.isAlternateScreen).toBe(true);
		app.kill(signal);
		const back = await app.handBack();
		expect(back).toMatchObject({icanon: true, echo: true, alternateScreen: false, cursorHidden: false});
		expect(back.exitCode).toBe(signal === 'SIGTERM' ? 143 : 129);
	});
});
