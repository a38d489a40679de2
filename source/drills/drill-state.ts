// A drill in progress as a reducer, tested directly: what the engineer did and when, measured from
// the moment the fault went in. The hook (hooks/use-drill.ts) feeds it the clock, the keys, the
// walker's pages and verdicts, the applied fixes and the sim's fixed check; the card is made from
// the final state (score.ts).
import type {DrillScenario} from './scenario-types.js';

export type AppliedFix = {at: number; action: string; title: string; resource: string; right: boolean};

export type DrillEnd = {reason: 'fixed' | 'gave-up' | 'time-limit'; at: number};

export type DrillState = {
	scenarioId: string;
	startedAt: number;
	/** When the fault is due (a random moment of the first minute, or at once). */
	injectAt: number;
	injectedAt?: number;
	keys: number;
	/** Steps of the ideal path revealed by the hint key. */
	hints: number;
	/** The first moment the right tree was open after the fault went in. */
	treeAt?: number;
	/** The first verdict of a check of the right tree that found the problem. */
	verdictAt?: number;
	fixes: AppliedFix[];
	end?: DrillEnd;
};

export type DrillAction =
	| {type: 'tick'; at: number}
	| {type: 'injected'; at: number}
	| {type: 'key'; count?: number}
	| {type: 'tree'; tree: string; at: number}
	| {type: 'verdict'; tree: string; level: 'ok' | 'problem' | 'unknown'; at: number}
	| {type: 'fix'; at: number; action: string; title: string; resource: string}
	| {type: 'hint'}
	| {type: 'fixed'; at: number}
	| {type: 'give-up'; at: number};

export function initialDrillState(scenario: DrillScenario, startedAt: number, injectDelayMs: number): DrillState {
	return {scenarioId: scenario.id, startedAt, injectAt: startedAt + Math.max(0, injectDelayMs), keys: 0, hints: 0, fixes: []};
}

export function createDrillReducer(scenario: DrillScenario): (state: DrillState, action: DrillAction) => DrillState {
	const limitMs = scenario.timeLimitMinutes * 60_000;
	return function drillReducer(state, action) {
		if (state.end) return state;
		const live = state.injectedAt !== undefined;
		switch (action.type) {
			case 'tick':
				return action.at - state.startedAt >= limitMs ? {...state, end: {reason: 'time-limit', at: action.at}} : state;
			case 'injected':
				return live ? state : {...state, injectedAt: action.at};
			case 'key':
				return {...state, keys: state.keys + Math.max(1, action.count ?? 1)};
			case 'tree':
				return live && state.treeAt === undefined && action.tree === scenario.tree ? {...state, treeAt: action.at} : state;
			case 'verdict':
				return live && state.verdictAt === undefined && action.tree === scenario.tree && action.level === 'problem' ? {...state, verdictAt: action.at} : state;
			case 'fix': {
				const right = scenario.rightFixes.some(fix => fix.action === action.action && fix.resource === action.resource);
				return {...state, fixes: [...state.fixes, {at: action.at, action: action.action, title: action.title, resource: action.resource, right}]};
			}
			case 'hint':
				return state.hints >= scenario.idealPath.length ? state : {...state, hints: state.hints + 1};
			case 'fixed':
				return live ? {...state, end: {reason: 'fixed', at: action.at}} : state;
			case 'give-up':
				return {...state, end: {reason: 'gave-up', at: action.at}};
		}
	};
}

/** Keys in one input: a special key (an escape sequence) is one, typed or pasted text one per character. */
export function keyCount(input: string): number {
	return input === '' || input.startsWith('\u001B') ? 1 : [...input].length;
}

/** The elapsed clock of the header: minutes and seconds since the drill began. */
export function elapsedLabel(state: DrillState, now: number): string {
	const seconds = Math.max(0, Math.floor(((state.end?.at ?? now) - state.startedAt) / 1000));
	return `${String(Math.floor(seconds / 60)).padStart(2, '0')}:${String(seconds % 60).padStart(2, '0')}`;
}

/** The steps of the ideal path the hint key has revealed, as lines. */
export function revealedHints(scenario: DrillScenario, state: DrillState): string[] {
	return scenario.idealPath.slice(0, state.hints).map((_, i) => hintLine(scenario, i));
}

export function hintLine(scenario: DrillScenario, index: number): string {
	const step = scenario.idealPath[index];
	return step ? `hint ${index + 1}/${scenario.idealPath.length}: ${describeKeys(step.keys)}: ${step.does}` : '';
}

export function describeKeys(keys: readonly string[]): string {
	return keys.map(key => (key.length > 1 && !/^(enter|esc|tab|up|down|left|right|space)$/.test(key) ? `type ${key}` : key === 'enter' ? '⏎' : key)).join(' ');
}
