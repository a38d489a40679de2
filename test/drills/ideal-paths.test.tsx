import {readFileSync} from 'node:fs';
import {afterEach, describe, expect, it} from 'vitest';
import type {ReportCard} from '../../source/drills/score.js';
import {scenarios} from '../../source/drills/scenarios.js';
import {advanceUntil, pressKeys, renderDrill, settle, type DrillHarness} from './drill-harness.js';

// Every scenario, walked by its ideal path's keys on the simulated account: the fault
// shows, each step shows what the path says, the account's cause is gone, and the card is perfect.

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

let h: DrillHarness | undefined;
afterEach(() => {
	h?.unmount();
	h = undefined;
});

describe.each(scenarios.map(s => [s.id, s] as const))('the drill %s', (_id, scenario) => {
	it('walked by its ideal path gets a perfect card, shown and saved', {timeout: 90_000}, async () => {
		h = renderDrill(scenario);
		await h.waitFor('DRILL 00:');
		await advanceUntil(h, scenario.visible);
		// The engineer reads the page and the overview before the first key, as long as CloudTrail
		// takes to deliver a call to its log group (15 s or more): a trail searched the very second
		// the first symptom shows has nothing yet, on AWS as on the sim.
		h.clock.advance(30_000);
		await settle();
		for (const step of scenario.idealPath) {
			await settle();
			await pressKeys(h, step.keys);
			// A fix that takes at once ends the drill before its outcome line is read; what the
			// account must do first (a verdict on a few minutes of logs) comes as its clock moves.
			await advanceUntil(h, new RegExp(`${escape(step.shows)}|DRILL OVER`), 5_000, 30);
		}
		const frame = await advanceUntil(h, 'DRILL OVER');
		expect(frame).toContain('FIXED');
		expect(frame).toContain('score 100/100  ★ perfect');
		expect(frame).toMatch(/wrong fixes +0/);
		expect(frame).toMatch(/hints used +0/);
		const cards = readFileSync(h.historyPath, 'utf8').trimEnd().split('\n').map(line => JSON.parse(line) as ReportCard);
		expect(cards).toHaveLength(1);
		expect(cards[0]).toMatchObject({scenario: scenario.id, outcome: 'fixed', perfect: true, score: 100, hints: 0, wrongFixes: []});
		expect(cards[0]!.toTree).not.toBeNull();
		expect(cards[0]!.toVerdict).not.toBeNull();
		expect(cards[0]!.keys).toBe(cards[0]!.idealKeys);
	});
});
