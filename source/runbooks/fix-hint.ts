// Which typed fix a write step of the guide corresponds to, so the fixes catalogue (source/actions)
// can offer its preview/confirm/undo instead of running the guide's command. Only a hint: the fix
// validates the params itself, and the engineer can change them in its form.

import type {Target} from '../fixes/types.js';

export type FixKind =
	| 'force-new-deployment'
	| 'set-desired-count'
	| 'rollback'
	| 'new-revision-more-memory'
	| 'new-revision-more-cpu'
	/** update-service --task-definition: deploy a named revision (the guide's "family:LATEST"). */
	| 'deploy-revision'
	| 'stop-task'
	| 'put-retention'
	| 'create-log-group'
	| 'put-metric-filter'
	| 'put-metric-alarm'
	| 'put-composite-alarm'
	| 'modify-db-class';

/** What the fix acts on: source/actions' Target, plus a whole cluster (the guide's rollback). */
export type FixTarget = Target | {kind: 'cluster'; cluster: string};

export type FixParamValue = string | number | boolean | Record<string, string>;

export type FixHint = {
	kind: FixKind;
	target: FixTarget;
	/** Values the guide gives, named as the fix's form names them (desiredCount, days, instanceClass ...). */
	params: Record<string, FixParamValue>;
	/** What the guide's command does that the typed fix will not, or assumptions made reading it. */
	notes?: string[];
};
