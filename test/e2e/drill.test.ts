import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import type {ReportCard} from '../../source/drills/score.js';
import {spawnWithTerminalCheck, type PtySession} from '../helpers/pty.js';
import {assertBuilt, cliPath, isolatedEnv} from './cli-path.js';

// `acso-tui drill memory-leaks` end to end in a real pseudo-terminal, in real time: the fault
// appears on a fresh simulated account, `t` offers the Memory Leaks tree, its check finds the
// problem, its fix (a new deployment of the supervisor) replaces the leaking tasks, and the card is
// shown and saved under $XDG_STATE_HOME.

const state = mkdtempSync(join(tmpdir(), 'acso-e2e-drill-'));
afterAll(() => rmSync(state, {recursive: true, force: true}));
const sessions: PtySession[] = [];
const pause = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

describe('acso-tui drill in a real terminal', () => {
	beforeAll(assertBuilt);
	afterEach(async () => {
		await Promise.all(sessions.splice(0).map(s => s.dispose()));
	});

	it('drill memory-leaks: the fault appears, t offers the tree, the fix clears it, the card is shown and saved', {timeout: 300_000}, async () => {
		const app = spawnWithTerminalCheck(process.execPath, [cliPath, 'drill', 'memory-leaks', '--seed', '11', '--inject-now'], {cols: 120, rows: 34, env: isolatedEnv({XDG_STATE_HOME: state})});
		sessions.push(app);
		await app.waitFor(/DRILL \d\d:\d\d/, 20_000);
		expect(app.screen.text()).toContain('WRITE');
		// CloudWatch judges the alarm at the next minute: the leak has been building for a while.
		await app.waitFor('t → Memory Leaks (ACSO-HighMemory is in ALARM)', 120_000);
		app.press('t');
		await app.waitFor('Runbooks › Performance › Memory Leaks', 10_000);
		await pause(200);
		app.press('enter');
		await app.waitFor('✗ PROBLEM', 20_000);
		app.press('n');
		await app.waitFor(/\$ aws ecs update-service .*acso-production-supervisor/, 10_000);
		app.press('a');
		await app.waitFor('type acso-production-supervisor to confirm', 10_000);
		app.write('acso-production-supervisor');
		await app.waitFor('⏎ sends', 10_000);
		app.press('enter');
		await app.waitFor('✓ Done: Force a new deployment of acso-production-supervisor', 15_000);
		// The new tasks start, the leaking ones drain: then the drill is over.
		await app.waitFor('DRILL OVER', 180_000);
		const screen = app.screen.text();
		expect(screen).toContain('FIXED');
		expect(screen).toMatch(/wrong fixes +0/);
		expect(screen).toContain(`saved to ${join(state, 'acso-tui', 'drills.jsonl')}`);
		const cards = readFileSync(join(state, 'acso-tui', 'drills.jsonl'), 'utf8').trimEnd().split('\n').map(line => JSON.parse(line) as ReportCard);
		expect(cards).toHaveLength(1);
		expect(cards[0]).toMatchObject({scenario: 'memory-leaks', outcome: 'fixed', hints: 0, wrongFixes: []});
		expect(cards[0]!.toTree).toBeGreaterThan(0);
		expect(cards[0]!.toVerdict).toBeGreaterThanOrEqual(cards[0]!.toTree!);
		expect(cards[0]!.toFix).toBeGreaterThan(cards[0]!.toVerdict!);
		app.press('q');
		expect(await app.handBack()).toMatchObject({exitCode: 0, icanon: true, echo: true, alternateScreen: false, cursorHidden: false});
	});
});
