// Which typed fix a write step of the guide corresponds to, so the fixes catalogue can offer its
// preview/confirm/undo instead of running the guide's command. Only a hint: the fix validates the
// params itself, and the engineer can change them in its form.

import type {FixId, FixParams, Target} from './types.js';

/** What the fix acts on: a Target, plus a whole cluster (the guide's rollback). */
export type FixTarget = Target | {kind: 'cluster'; cluster: string} | {kind: 'parameterPath'; path: string};

export type FixParamValue = string | number | boolean | Record<string, string>;

export type FixHint = {
	kind: FixId;
	/** For a new revision: what the guide's step gives more of, so a CPU finding recommends the CPU step. */
	grows?: 'cpu' | 'memory';
	target: FixTarget;
	/** Values the guide gives, named as the fix's form names them (desiredCount, days, instanceClass ...). */
	params: Record<string, FixParamValue>;
	/** What the guide's command does that the typed fix will not, or assumptions made reading it. */
	notes?: string[];
};

/**
 * What proposeFix opens the fix flow on: a fix of the catalogue with its target (and form values), or
 * a runbook step's hint, resolved with fixFromRunbook in runbook-hints.ts (when it names no target, the engineer picks one).
 */
export type FixRequest = {fixId: FixId; target: Target; params?: FixParams} | {hint: FixHint};
