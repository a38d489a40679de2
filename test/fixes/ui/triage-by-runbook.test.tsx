import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, afterEach, expect, it} from 'vitest';
import type {AuditRecord} from '../../../source/fixes/audit.js';
import {keys, manualClock, renderApp, tick, type AppHarness} from '../../helpers/render.js';

// Issue 6's demo promise, all by keys: the memory-leak incident is found through its runbook tree
// (t from the overview), its diagnosis recommends the restart, the restart is sent as a forced
// deployment, and ACSO-HighMemory returns to OK.

const root = mkdtempSync(join(tmpdir(), 'acso-triage-runbook-'));
afterAll(() => rmSync(root, {recursive: true, force: true}));
let app: AppHarness | undefined;
afterEach(() => app?.unmount());

it('finds the leak through Memory Leaks, restarts the supervisor from the recommended resolution, and the alarm clears', {timeout: 60_000}, async () => {
	const clock = manualClock();
	const auditPath = join(root, 'audit.jsonl');
	const h = renderApp({flags: {demo: true, write: true, auditLog: auditPath, refresh: '3600'}, now: clock.now, size: {columns: 200, rows: 40}});
	app = h;

	// The overview offers the tree for what it sees.
	await h.waitFor('t → Memory Leaks (ACSO-HighMemory is in ALARM)');
	await h.press('t');
	await h.waitFor('Runbooks › Performance › Memory Leaks');

	// The first diagnosis step runs in place and points at the restart.
	await h.press(keys.enter);
	const verdict = await h.waitFor('✗ PROBLEM', 15_000);
	expect(verdict).toContain('◆ recommended: Resolution 1: Immediate fix - restart service');

	// n jumps to the recommended resolution's step; Enter hands its typed fix to the fix flow.
	await h.press('n');
	await h.waitFor(/\$ aws ecs update-service .*acso-production-supervisor/);
	await h.press(keys.enter);
	const preview = await h.waitFor('type acso-production-supervisor to confirm', 15_000);
	expect(preview).toContain('Force a new deployment of acso-production-supervisor');
	await tick();
	await h.type('acso-production-supervisor');
	await h.press(keys.enter);
	await h.waitFor('✓ Done: Force a new deployment of acso-production-supervisor', 15_000);

	// Back to the overview; time passes; the fresh tasks start low and the alarm clears.
	await h.press(keys.esc);
	await h.press(':');
	await h.type('overview');
	await h.press(keys.enter);
	await h.waitFor('RUN/DES/PEN');
	let frame = h.lastFrame();
	for (let minute = 0; minute < 15 && !frame.includes('ACSO-HighMemory OK'); minute++) {
		clock.advance(60_000);
		await h.press('r');
		frame = await h.waitFor(f => f.includes('ACSO-HighMemory'), 5000);
	}
	expect(frame).toContain('ACSO-HighMemory OK');

	const records = readFileSync(auditPath, 'utf8').trimEnd().split('\n').map(line => JSON.parse(line) as AuditRecord);
	expect(records.map(r => `${r.phase}:${r.outcome}`)).toEqual(['intent:pending', 'outcome:ok']);
	expect(records[0]).toMatchObject({action: 'force-new-deployment', resource: 'acso-production-supervisor'});
});
