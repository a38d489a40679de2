// What a drill scenario is: data beside the runbooks (scenarios.ts holds them). The fault is what
// the simulated account is broken with (source/sim/drill-faults.ts applies it and checks its
// cause), the noise what is broken harmlessly beside it, the ideal path the keys an engineer who
// knows the tree presses, for the report card and the hint key.
import type {FixId} from '../fixes/types.js';
import type {SimFault} from '../sim/index.js';

export type Difficulty = 'easy' | 'medium' | 'hard';

/** One step of the ideal path: keys pressed in order (a key name such as `enter`, or text to type), and what the screen shows then. */
export type IdealStep = {keys: readonly string[]; does: string; shows: string};

export type DrillScenario = {
	/** The guide's issue heading as a slug (`memory-leaks`), or `rollout-gone-bad`. */
	id: string;
	name: string;
	/** The tree it exercises: an issue id of the built-in runbook, or `deploy` for the rollback cockpit. */
	tree: string;
	treeTitle: string;
	difficulty: Difficulty;
	/** What the pager says when the drill starts. */
	page: string;
	/** What the simulated account is broken with (drill-faults.ts applies it; faultFixed checks its cause). */
	fault: SimFault;
	noise: readonly SimFault[];
	/** The fixed condition in words, as the card says it (the check itself is faultFixed on the sim). */
	fixed: string;
	/** What the overview shows once the fault is visible (the ideal path starts there). */
	visible: string;
	/** The changes that address the cause: any other applied change is a wrong fix. */
	rightFixes: ReadonlyArray<{action: FixId; resource: string}>;
	idealPath: readonly IdealStep[];
	/** Seconds from the fault to the fix that still earn full marks. */
	parSeconds: number;
	timeLimitMinutes: number;
};
