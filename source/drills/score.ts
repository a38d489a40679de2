// The report card of a drill: times from the fault to the right tree, the verdict and the fix, the
// keys pressed, wrong fixes with what each did, hints used, and the ideal path beside it. A score
// out of 100: wrong fixes and hints cost, so does time beyond the scenario's par; a drill that did
// not end fixed scores nothing.
import type {DrillState} from './drill-state.js';
import {describeKeys} from './drill-state.js';
import type {DrillScenario} from './scenario-types.js';

export const penalties = {wrongFix: 15, hint: 10, noTree: 10, noVerdict: 10, perTenSecondsOverPar: 1, maxOverPar: 30} as const;

export type ReportCard = {
	schema: 1;
	scenario: string;
	name: string;
	tree: string;
	/** ISO 8601 of the drill's start. */
	startedAt: string;
	outcome: 'fixed' | 'gave-up' | 'time-limit';
	/** Seconds from the fault going in; null when it never happened. */
	toTree: number | null;
	toVerdict: number | null;
	toFix: number | null;
	/** Seconds from the start to the end of the drill. */
	total: number;
	keys: number;
	idealKeys: number;
	wrongFixes: Array<{action: string; title: string; resource: string; at: number}>;
	hints: number;
	score: number;
	perfect: boolean;
	idealPath: string[];
};

const seconds = (from: number | undefined, to: number | undefined) => (from === undefined || to === undefined ? null : Math.round((to - from) / 100) / 10);

/** Keys the ideal path takes: a named key is one, typed text one per character. */
export function idealKeyCount(scenario: DrillScenario): number {
	return scenario.idealPath.reduce((sum, step) => sum + step.keys.reduce((n, key) => n + (isKeyName(key) ? 1 : [...key].length), 0), 0);
}

function isKeyName(key: string): boolean {
	return [...key].length === 1 || /^(enter|esc|tab|up|down|left|right|space)$/.test(key);
}

export function reportCard(scenario: DrillScenario, state: DrillState): ReportCard {
	const end = state.end ?? {reason: 'gave-up' as const, at: state.startedAt};
	const fault = state.injectedAt;
	const toFix = end.reason === 'fixed' ? seconds(fault, end.at) : null;
	const wrongFixes = state.fixes.filter(fix => !fix.right).map(fix => ({action: fix.action, title: fix.title, resource: fix.resource, at: seconds(fault ?? state.startedAt, fix.at) ?? 0}));
	const toTree = seconds(fault, state.treeAt);
	const toVerdict = seconds(fault, state.verdictAt);
	let score = 0;
	if (end.reason === 'fixed') {
		const over = Math.max(0, (toFix ?? 0) - scenario.parSeconds);
		score = 100
			- wrongFixes.length * penalties.wrongFix
			- state.hints * penalties.hint
			- (toTree === null ? penalties.noTree : 0)
			- (toVerdict === null ? penalties.noVerdict : 0)
			- Math.min(penalties.maxOverPar, Math.floor(over / 10) * penalties.perTenSecondsOverPar);
	}
	score = Math.max(0, score);
	return {
		schema: 1,
		scenario: scenario.id,
		name: scenario.name,
		tree: scenario.treeTitle,
		startedAt: new Date(state.startedAt).toISOString(),
		outcome: end.reason,
		toTree,
		toVerdict,
		toFix,
		total: seconds(state.startedAt, end.at) ?? 0,
		keys: state.keys,
		idealKeys: idealKeyCount(scenario),
		wrongFixes,
		hints: state.hints,
		score,
		perfect: score === 100,
		idealPath: scenario.idealPath.map(step => `${describeKeys(step.keys)}: ${step.does}`),
	};
}
