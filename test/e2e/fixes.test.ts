import {existsSync, mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import type {AuditRecord} from '../../source/fixes/audit.js';
import {spawnWithTerminalCheck, type PtySession} from '../helpers/pty.js';
import {assertBuilt, cliPath, isolatedEnv} from './cli-path.js';

// The fix flow in the built CLI, in a real pseudo-terminal on the demo: the keys an on-call engineer
// presses, the screen they read, the audit file left behind, and the terminal they get back.

const root = mkdtempSync(join(tmpdir(), 'acso-e2e-fixes-'));
afterAll(() => rmSync(root, {recursive: true, force: true}));
const sessions: PtySession[] = [];

function startDemo(args: string[]) {
	const session = spawnWithTerminalCheck(process.execPath, [cliPath, '--demo', ...args], {cols: 120, rows: 32, env: isolatedEnv()});
	sessions.push(session);
	return session;
}

/** Moves the overview's cursor onto the supervisor and opens its fix menu. */
async function supervisorActions(app: PtySession): Promise<void> {
	await app.waitFor('ACSO-HighMemory ALARM', 15_000);
	for (let row = 0; row < 8; row++) {
		app.press('a');
		await app.waitFor('Fixes for service');
		if (app.screen.text().includes('Fixes for service acso-production-supervisor')) return;
		app.press('esc');
		// A key right behind Esc would read as Alt+key: wait for the menu to close first.
		await app.waitFor('RUN/DES/PEN');
		app.press('j');
	}
	throw new Error(`never reached the supervisor's actions:\n${app.screen.text()}`);
}

describe('the fix flow in a real terminal', () => {
	beforeAll(assertBuilt);
	afterEach(async () => {
		await Promise.all(sessions.splice(0).map(s => s.dispose()));
	});

	it('--write: previews, asks for the name, sends, audits and watches the rollout', async () => {
		const auditPath = join(root, 'audit-write.jsonl');
		const app = startDemo(['--write', '--audit-log', auditPath]);
		await supervisorActions(app);
		app.press('enter');
		await app.waitFor('aws ecs update-service');
		await app.waitFor('type acso-production-supervisor to confirm');
		// Typed in one burst, as a paste or a fast typist would: no key may be lost.
		app.write('acso-production-supervisor');
		await app.waitFor('⏎ sends', 10_000);
		app.press('enter');
		await app.waitFor('✓ Done: Force a new deployment of acso-production-supervisor', 10_000);
		await app.waitFor('Rollout of acso-production-supervisor', 10_000);
		const records = readFileSync(auditPath, 'utf8').trimEnd().split('\n').map(line => JSON.parse(line) as AuditRecord);
		expect(records.map(r => `${r.phase}:${r.outcome}`)).toEqual(['intent:pending', 'outcome:ok']);
		expect(records[0]).toMatchObject({action: 'force-new-deployment', resource: 'acso-production-supervisor', env: 'production'});
		// The same session id the SDK's user agent would carry: eight hex digits from cloud.ts.
		expect(records[0]!.sessionId).toMatch(/^[0-9a-f]{8}$/);
		app.press('esc');
		await app.waitFor('RUN/DES/PEN');
		app.press('q');
		const back = await app.handBack();
		expect(back).toMatchObject({exitCode: 0, icanon: true, echo: true, alternateScreen: false, cursorHidden: false});
	});

	it('read-only: the same preview, the confirm refused with how to enable writes, nothing audited', async () => {
		const auditPath = join(root, 'audit-read-only.jsonl');
		const app = startDemo(['--audit-log', auditPath]);
		await supervisorActions(app);
		app.press('enter');
		await app.waitFor('Confirm disabled: read-only: start acso-tui with --write to allow changes');
		app.press('y');
		// The status line under the header says why (the confirm row said so before the key, too).
		await app.waitFor(/^read-only: start acso-tui with --write to allow changes\s*$/m);
		expect(app.screen.text()).toContain('aws ecs update-service');
		expect(existsSync(auditPath)).toBe(false);
		app.press('ctrl-c');
		const back = await app.handBack();
		expect(back).toMatchObject({icanon: true, echo: true, alternateScreen: false, cursorHidden: false});
	});
});
