import {existsSync, mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, afterEach, describe, expect, it} from 'vitest';
import type {AuditRecord} from '../../../source/fixes/audit.js';
import {keys, manualClock, renderApp, tick, type AppHarness} from '../../helpers/render.js';

// The demo triaged end to end through keys, on the simulated account with a manual clock: the
// supervisor leaks memory (ACSO-HighMemory in ALARM); a forced deployment replaces its tasks, the
// rollout is watched to completion, and the alarm returns to OK.

const root = mkdtempSync(join(tmpdir(), 'acso-fixes-ui-'));
afterAll(() => rmSync(root, {recursive: true, force: true}));
const open: AppHarness[] = [];
afterEach(() => {
	for (const h of open.splice(0)) h.unmount();
});

let files = 0;
function start(write: boolean) {
	const clock = manualClock();
	const auditPath = join(root, `audit-${++files}.jsonl`);
	// Wide enough that the overview's ALARMS line shows every alarm by name.
	const h = renderApp({flags: {demo: true, write, auditLog: auditPath}, now: clock.now, size: {columns: 200, rows: 32}});
	open.push(h);
	return {h, clock, auditPath};
}

/** Moves the overview's cursor onto the supervisor and opens its fix menu, through keys only. */
async function actionsOnSupervisor(h: AppHarness): Promise<string> {
	await h.waitFor('ACSO-HighMemory ALARM');
	for (let row = 0; row < 8; row++) {
		const frame = await h.press('a');
		if (frame.includes('Fixes for service acso-production-supervisor')) return frame;
		await h.press(keys.esc, 'j');
	}
	throw new Error(`never reached the supervisor's actions:\n${h.lastFrame()}`);
}

/** Advances the manual clock and presses r (refresh now: screens and watches poll) until `done`. */
async function advanceUntil(h: AppHarness, clock: ReturnType<typeof manualClock>, stepMs: number, done: (frame: string) => boolean, maxSteps: number): Promise<string> {
	for (let i = 0; i < maxSteps; i++) {
		if (done(h.lastFrame())) return h.lastFrame();
		clock.advance(stepMs);
		await h.press('r');
	}
	return h.waitFor(done, 2000);
}

describe('triage on the demo', () => {
	it('forces a new deployment of the leaking supervisor, watches it complete, and sees ACSO-HighMemory return to OK', async () => {
		const {h, clock, auditPath} = start(true);
		const menu = await actionsOnSupervisor(h);
		expect(menu).toMatch(/Force a new deployment\s+medium/);
		expect(menu).toMatch(/Emergency rollback\s+high/);

		// The first fix of the menu; its preview informs before anything is sent.
		await h.press(keys.enter);
		const preview = await h.waitFor('aws ecs update-service');
		expect(preview).toMatch(/Call\s+ecs:UpdateService/);
		expect(preview).toContain('forceNewDeployment = true');
		expect(preview).toMatch(/Risk\s+MEDIUM/);
		expect(preview).toMatch(/Changes\s+tasks: 2 running of acso-production-supervisor:\d+ → 2 fresh tasks/);
		expect(preview).toContain('type acso-production-supervisor to confirm');

		// Production: y is not enough, nor is Enter before the name is typed. (A tick first: the name
		// field subscribes to keys in an effect after the frame that shows it.)
		await tick();
		expect(await h.press('y')).toContain('› y');
		await h.press(keys.enter);
		expect(h.lastFrame()).toContain('"y" is not acso-production-supervisor: type the name exactly');
		await h.press('\u007f');
		await h.type('acso-production-supervisor');
		expect(h.lastFrame()).toContain('⏎ sends');
		await h.press(keys.enter);

		const sent = await h.waitFor('✓ Done: Force a new deployment of acso-production-supervisor');
		expect(sent).toMatch(/Request\s+\S+/);
		expect(sent).toContain('Rollout of acso-production-supervisor');
		const watched = await advanceUntil(h, clock, 15_000, f => f.includes('rollout completed'), 20);
		expect(watched).toMatch(/Result\s+✓ rollout completed: acso-production-supervisor is steady/);
		expect(watched).toContain('has reached a steady state');

		// Leave the flow; the watch stays listed under w.
		const overview = await h.press(keys.esc);
		expect(overview).toContain('RUN/DES/PEN');
		const list = await h.press('w');
		expect(list).toMatch(/acso-production-supervisor\s+completed/);
		expect(await h.press(keys.enter)).toContain('Rollout of acso-production-supervisor: completed');
		await h.press(keys.esc);
		await h.press(keys.esc);

		// The fresh tasks start low; ACSO-HighMemory (3 periods of 60 s) clears within minutes.
		const cleared = await advanceUntil(h, clock, 60_000, f => f.includes('ACSO-HighMemory OK'), 15);
		expect(cleared).toContain('ACSO-HighMemory OK');

		const records = readFileSync(auditPath, 'utf8').trimEnd().split('\n').map(line => JSON.parse(line) as AuditRecord);
		expect(records.map(r => r.phase)).toEqual(['intent', 'outcome']);
		expect(records.map(r => r.outcome)).toEqual(['pending', 'ok']);
		const [intent, outcome] = records;
		expect(intent).toMatchObject({action: 'force-new-deployment', apiCall: 'ecs:UpdateService', resource: 'acso-production-supervisor', env: 'production', region: 'simulated'});
		expect(intent!.cliCommand).toContain('--force-new-deployment');
		expect(outcome!.entryId).toBe(intent!.entryId);
		expect(outcome!.sessionId).toBe(intent!.sessionId);
		expect(outcome!.requestId).toEqual(expect.any(String));
		expect(intent!.sessionId).not.toBe('');
	});

	it('without --write previews the same fix but refuses to send it, saying how to enable writes', async () => {
		const {h, auditPath} = start(false);
		const menu = await actionsOnSupervisor(h);
		expect(menu).toContain('read-only: start acso-tui with --write to allow changes — every fix can still be previewed');
		await h.press(keys.enter);
		const preview = await h.waitFor('aws ecs update-service');
		expect(preview).toContain('✗ Confirm disabled: read-only: start acso-tui with --write to allow changes');
		expect(preview).not.toContain('type acso-production-supervisor');
		const before = h.cloud.control.calls()['updateService'] ?? 0;
		await h.press('y');
		await h.press(keys.enter);
		await tick();
		// Still the preview, with the reason in the status line; nothing sent, nothing audited.
		const frame = h.lastFrame();
		expect(frame).toContain('aws ecs update-service');
		expect(frame.split('\n')[1]).toContain('read-only: start acso-tui with --write to allow changes');
		expect(h.cloud.control.calls()['updateService'] ?? 0).toBe(before);
		expect(existsSync(auditPath)).toBe(false);
		// Esc goes back to the menu, and again to the overview.
		expect(await h.press(keys.esc)).toContain('Fixes for service acso-production-supervisor');
		expect(await h.press(keys.esc)).toContain('RUN/DES/PEN');
	});
});
