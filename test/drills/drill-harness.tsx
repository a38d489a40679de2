import {mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {DrillApp} from '../../source/drill-app.js';
import type {DrillScenario} from '../../source/drills/scenario-types.js';
import {createAuditLog} from '../../source/fixes/audit.js';
import {createSimCloud} from '../../source/sim/index.js';
import {keys, manualClock, renderTui, testConfig, type Harness} from '../helpers/render.js';

// A drill in the render harness: the simulated account on a manual clock (moved by the test while
// it waits for the account to change), the fault at once, the card saved in a temp folder.

export type DrillHarness = Harness & {clock: ReturnType<typeof manualClock>; historyPath: string; auditPath: string};

export function renderDrill(scenario: DrillScenario, seed = 5): DrillHarness {
	const clock = manualClock();
	const dir = mkdtempSync(path.join(tmpdir(), 'acso-drill-'));
	const historyPath = path.join(dir, 'drills.jsonl');
	const auditPath = path.join(dir, 'drill-audit.jsonl');
	const config = testConfig({demo: true, write: true, refresh: '1', seed: String(seed), auditLog: auditPath});
	const cloud = createSimCloud({seed, clock, isWriteEnabled: () => true, calm: true});
	const audit = createAuditLog({path: auditPath, context: {env: 'production', region: 'simulated', sessionId: 'drilltest'}, now: clock.now});
	const h = renderTui(<DrillApp scenario={scenario} cloud={cloud} audit={audit} config={config} now={clock.now} historyPath={historyPath} injectDelayMs={0} tickMs={50} />, {columns: 120, rows: 34});
	return {...h, clock, historyPath, auditPath};
}

/** Moves the account's clock `stepMs` at a time (letting the screens refresh) until the frame shows `pattern`. */
export async function advanceUntil(h: DrillHarness, pattern: string | RegExp, stepMs = 15_000, maxSteps = 40): Promise<string> {
	const test = (frame: string) => (typeof pattern === 'string' ? frame.includes(pattern) : pattern.test(frame));
	for (let i = 0; i < maxSteps; i++) {
		try {
			return await h.waitFor(test, 400);
		} catch {
			// not yet: move the clock on
		}
		h.clock.advance(stepMs);
	}
	throw new Error(`the account never showed ${String(pattern)}; last frame:\n${h.lastFrame()}`);
}

const named: Record<string, string> = {enter: keys.enter, esc: keys.esc, tab: keys.tab, up: keys.up, down: keys.down};

/** Presses one step's keys: a key name as its sequence, anything longer as typed text. */
export async function pressKeys(h: Harness, stepKeys: readonly string[]): Promise<void> {
	for (const key of stepKeys) {
		const sequence = named[key];
		if (sequence !== undefined || [...key].length === 1) await h.press(sequence ?? key);
		else await h.type(key);
	}
}

// Screens attach a just-opened layer's keys after its first frame: wait as a person would.
export const settle = () => new Promise(resolve => setTimeout(resolve, 80));
