import {readFileSync} from 'node:fs';
import {afterEach, describe, expect, it} from 'vitest';
import type {ReportCard} from '../../source/drills/score.js';
import {scenarioById} from '../../source/drills/scenarios.js';
import {keys} from '../helpers/render.js';
import {advanceUntil, pressKeys, renderDrill, settle, type DrillHarness} from './drill-harness.js';

// A change that does not address the cause is counted on the card, with what it did: here the
// engineer restarts the service beside the noise alarm before finding the leak.

let h: DrillHarness | undefined;
afterEach(() => {
	h?.unmount();
	h = undefined;
});

describe('a wrong fix in a drill', () => {
	it('is counted, named and costs points; the drill still ends when the cause is fixed', {timeout: 90_000}, async () => {
		const scenario = scenarioById('memory-leaks')!;
		h = renderDrill(scenario);
		await advanceUntil(h, scenario.visible);
		// The overview's first row: financial-intelligence (the noise alarm's service).
		await h.press('a');
		await h.waitFor('Fixes for service acso-production-financial-intelligence');
		await settle();
		await h.press(keys.enter);
		await h.waitFor('type acso-production-financial-intelligence to confirm', 10_000);
		await settle();
		await h.type('acso-production-financial-intelligence');
		await h.waitFor('⏎ sends');
		await h.press(keys.enter);
		await h.waitFor('✓ Done', 10_000);
		await settle();
		await h.press(keys.esc);
		// While that rollout runs, `t` offers its cockpit: once it is done, the leak's tree again.
		await advanceUntil(h, scenario.visible);
		for (const step of scenario.idealPath) {
			await settle();
			await pressKeys(h, step.keys);
			// A fix that takes at once ends the drill before its outcome line is read.
			await h.waitFor(f => f.includes(step.shows) || f.includes('DRILL OVER'), 15_000);
		}
		const frame = await advanceUntil(h, 'DRILL OVER');
		expect(frame).toMatch(/wrong fixes +1/);
		expect(frame).toMatch(/✗ \d+:\d\d Force a new deployment of acso-production-financial-intelligence: did not address the cause/);
		expect(frame).toContain('score 85/100');
		expect(frame).not.toContain('perfect');
		const [card] = readFileSync(h.historyPath, 'utf8').trimEnd().split('\n').map(line => JSON.parse(line) as ReportCard);
		expect(card!.wrongFixes).toEqual([expect.objectContaining({action: 'force-new-deployment', resource: 'acso-production-financial-intelligence'})]);
		expect(card!.perfect).toBe(false);
	});
});
