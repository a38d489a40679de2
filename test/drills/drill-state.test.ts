import {describe, expect, it} from 'vitest';
import {createDrillReducer, elapsedLabel, initialDrillState, keyCount, type DrillAction, type DrillState} from '../../source/drills/drill-state.js';
import {scenarioById} from '../../source/drills/scenarios.js';
import {idealKeyCount, penalties, reportCard} from '../../source/drills/score.js';

// The drill's reducer and its card, on plain values.
const scenario = scenarioById('memory-leaks')!;
const reduce = createDrillReducer(scenario);
const T = Date.parse('2026-12-01T10:00:00Z');
const run = (actions: DrillAction[], state: DrillState = initialDrillState(scenario, T, 20_000)) => actions.reduce(reduce, state);
const right = {action: 'force-new-deployment', title: 'Force a new deployment of acso-production-supervisor', resource: 'acso-production-supervisor'};

describe('the drill reducer', () => {
	it('times the right tree, the verdict and the fix from the moment the fault went in', () => {
		const state = run([
			{type: 'tree', tree: 'memory-leaks', at: T + 5_000}, // before the fault: does not count
			{type: 'injected', at: T + 20_000},
			{type: 'tree', tree: 'high-cpu-utilization', at: T + 30_000},
			{type: 'tree', tree: 'memory-leaks', at: T + 50_000},
			{type: 'verdict', tree: 'memory-leaks', level: 'ok', at: T + 55_000},
			{type: 'verdict', tree: 'memory-leaks', level: 'problem', at: T + 60_000},
			{type: 'fix', at: T + 80_000, ...right},
			{type: 'fixed', at: T + 200_000},
		]);
		const card = reportCard(scenario, state);
		expect(card).toMatchObject({outcome: 'fixed', toTree: 30, toVerdict: 40, toFix: 180, total: 200, wrongFixes: [], score: 100, perfect: true});
	});

	it('counts wrong fixes with what they did, hints and time over par; after the end nothing changes', () => {
		const state = run([
			{type: 'injected', at: T},
			{type: 'fix', at: T + 10_000, action: 'put-metric-alarm', title: 'Update alarm ACSO-HighMemory', resource: 'ACSO-HighMemory'},
			{type: 'fix', at: T + 20_000, action: 'force-new-deployment', title: 'Force a new deployment of acso-production-threat-hunter', resource: 'acso-production-threat-hunter'},
			{type: 'hint'},
			{type: 'tree', tree: 'memory-leaks', at: T + 30_000},
			{type: 'verdict', tree: 'memory-leaks', level: 'problem', at: T + 40_000},
			{type: 'fix', at: T + 50_000, ...right},
			{type: 'fixed', at: T + (scenario.parSeconds + 100) * 1000},
			{type: 'key'},
			{type: 'hint'},
		]);
		const card = reportCard(scenario, state);
		expect(card.wrongFixes.map(f => [f.action, f.resource, f.at])).toEqual([
			['put-metric-alarm', 'ACSO-HighMemory', 10],
			['force-new-deployment', 'acso-production-threat-hunter', 20],
		]);
		expect(card.hints).toBe(1);
		expect(card.keys).toBe(0);
		expect(card.score).toBe(100 - 2 * penalties.wrongFix - penalties.hint - 10);
		expect(card.perfect).toBe(false);
	});

	it('ends at the time limit or when the engineer gives up, with no score; a fixed check before the fault is ignored', () => {
		expect(run([{type: 'fixed', at: T + 1000}]).end).toBeUndefined();
		const late = run([{type: 'injected', at: T}, {type: 'tick', at: T + scenario.timeLimitMinutes * 60_000}]);
		expect(late.end?.reason).toBe('time-limit');
		expect(reportCard(scenario, late)).toMatchObject({outcome: 'time-limit', score: 0, toFix: null});
		const quit = run([{type: 'injected', at: T}, {type: 'give-up', at: T + 65_000}]);
		expect(reportCard(scenario, quit)).toMatchObject({outcome: 'gave-up', score: 0, total: 65});
		expect(elapsedLabel(quit, T + 999_999)).toBe('01:05');
	});

	it('reveals hints no further than the ideal path, and counts typed text a key per character', () => {
		const many = run(Array.from({length: scenario.idealPath.length + 3}, () => ({type: 'hint'}) as const));
		expect(many.hints).toBe(scenario.idealPath.length);
		expect(keyCount('acso')).toBe(4);
		expect(keyCount('\u001B[A')).toBe(1);
		expect(run([{type: 'key', count: keyCount('acso-production-supervisor')}, {type: 'key'}]).keys).toBe(27);
		expect(idealKeyCount(scenario)).toBe(5 + 'acso-production-supervisor'.length);
	});
});
