import {afterEach, beforeAll, describe, expect, it} from 'vitest';
import {spawnWithTerminalCheck, type PtySession} from '../helpers/pty.js';
import {assertBuilt, cliPath, isolatedEnv} from './cli-path.js';

// The rollback cockpit in the built CLI, in a real pseudo-terminal: from the staging demo's
// overview, the failing rollout's cockpit is one key away (`t`), and Esc returns.

const sessions: PtySession[] = [];
afterEach(async () => {
	await Promise.all(sessions.splice(0).map(s => s.dispose()));
});

describe('the rollback cockpit, in a real terminal', () => {
	beforeAll(assertBuilt);

	it('reaches the cockpit of the failing rollout from the overview in at most 3 keys', async () => {
		const app = spawnWithTerminalCheck(process.execPath, [cliPath, '--demo', '--env', 'staging'], {cols: 140, rows: 40, env: isolatedEnv()});
		sessions.push(app);
		await app.waitFor(/t → rollout cockpit of acso-staging-threat-hunter/, 20_000);
		let keys = 0;
		app.write('t');
		keys++;
		await app.waitFor(/Deploy · threat-hunter/, 15_000);
		await app.waitFor(/FAILING \d+ new tasks of acso-staging-threat-hunter:13 stopped: CannotPullContainerError/, 15_000);
		expect(keys).toBeLessThanOrEqual(3);
		const screen = app.screen.text();
		expect(screen).toContain('NEW PRIMARY acso-staging-threat-hunter:13');
		expect(screen).toContain('OLD ACTIVE acso-staging-threat-hunter:12');
		expect(screen).toContain('→ press R to roll back to acso-staging-threat-hunter:12');
		app.press('esc');
		await app.waitFor(/DATABASE acso-staging-db\s+available/, 10_000);
		app.press('q');
		expect(await app.handBack()).toMatchObject({exitCode: 0});
	});
});
