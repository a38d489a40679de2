import {afterEach, beforeAll, describe, expect, it} from 'vitest';
import {spawnWithTerminalCheck, type PtySession} from '../helpers/pty.js';
import {assertBuilt, cliPath, isolatedEnv} from './cli-path.js';

// An engineer who knows the way types before the dashboard has drawn anything, over a link that
// delivers it in one read: every key must reach the dashboard, in order, once it is up, and the
// terminal must not echo them over it.

const sessions: PtySession[] = [];

afterEach(async () => {
	await Promise.all(sessions.splice(0).map(s => s.dispose()));
});

describe('keys typed while the dashboard starts', () => {
	beforeAll(assertBuilt);

	it.each([0, 250])('a command typed %i ms after launch opens its screen', async delay => {
		const app = spawnWithTerminalCheck(process.execPath, [cliPath, '--demo'], {cols: 100, rows: 30, env: isolatedEnv()});
		sessions.push(app);
		await new Promise(resolve => setTimeout(resolve, delay));
		app.write(':alarms\r');
		await app.waitFor(/│ Alarms/, 15_000);
		await app.waitFor(/ACSO-HighMemory/, 15_000);
		// Nothing the terminal echoed while the keys waited is left on the screen.
		expect(app.screen.text()).not.toContain(':alarms');
	});
});
