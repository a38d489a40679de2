import {readFileSync} from 'node:fs';
import {afterEach, describe, expect, it} from 'vitest';
import type {ReportCard} from '../../source/drills/score.js';
import {scenarioById} from '../../source/drills/scenarios.js';
import {advanceUntil, renderDrill, settle, type DrillHarness} from './drill-harness.js';

// The drill's two keys, in the footer and `?` help: H reveals the next step of the ideal path (and
// costs), X gives up and shows the card.

let h: DrillHarness | undefined;
afterEach(() => {
	h?.unmount();
	h = undefined;
});

describe('the drill keys', () => {
	it('H shows the next step of the ideal path as a notice; X gives up; the card counts the hint and scores nothing', {timeout: 60_000}, async () => {
		const scenario = scenarioById('memory-leaks')!;
		h = renderDrill(scenario);
		const first = await advanceUntil(h, scenario.visible);
		expect(first).toMatch(/^ DRILL \d\d:\d\d /);
		// First in the footer, whatever the screen's own keys.
		expect(first).toMatch(/^H drill hint: the next step \(−10 points\) {2}X give up the drill/m);
		await h.press('?');
		const help = await h.waitFor('give up the drill');
		expect(help).toContain('drill hint: the next step (−10 points)');
		await h.press('\u001B');
		await settle();
		await h.press('H');
		await h.waitFor('hint 1/6: t: open the tree the overview suggests');
		await settle();
		await h.press('X');
		const card = await h.waitFor('DRILL OVER');
		expect(card).toContain('GAVE UP');
		expect(card).toContain('score 0/100');
		expect(card).toMatch(/hints used +1/);
		const [saved] = readFileSync(h.historyPath, 'utf8').trimEnd().split('\n').map(line => JSON.parse(line) as ReportCard);
		expect(saved).toMatchObject({outcome: 'gave-up', hints: 1, score: 0, toFix: null});
	});
});
