// The shapes of the fix catalogue: a Fix is computed into a Plan by reading current state, a Plan is
// shown to the engineer (preview, CLI twin, what to type to confirm) and run on the Operator port.
import type {CloudErrorKind} from '../port/errors.js';
import type {RoleReader} from '../port/roles.js';
import type {Cloud, Operator} from '../port/types.js';

export type Risk = 'low' | 'medium' | 'high';

export type TargetKind = 'service' | 'task' | 'logGroup' | 'alarm' | 'db' | 'parameter' | 'role';

/** What a fix acts on. Names are the full AWS names (acso-production-supervisor, not supervisor). */
export type Target =
	| {kind: 'service'; cluster: string; service: string}
	| {kind: 'task'; cluster: string; taskId: string}
	| {kind: 'logGroup'; logGroup: string}
	| {kind: 'alarm'; alarm: string}
	| {kind: 'db'; db: string}
	| {kind: 'parameter'; name: string}
	| {kind: 'role'; role: string};

export type FixId =
	| 'force-new-deployment'
	| 'set-desired-count'
	| 'rollback'
	| 'new-revision'
	| 'deploy-revision'
	| 'stop-task'
	| 'put-retention'
	| 'create-log-group'
	| 'put-metric-filter'
	| 'put-metric-alarm'
	| 'put-composite-alarm'
	| 'modify-db-class'
	| 'restore-parameter'
	| 'create-execution-role'
	| 'authorize-ingress'
	| 'create-service';

/** Raw parameter values as a form or a runbook hint hands them over; each fix validates and coerces. */
export type FixParams = Readonly<Record<string, unknown>>;

export type ParamKind = 'integer' | 'number' | 'string' | 'boolean' | 'choice';

/** Describes one parameter so a UI can build a form and explain it. */
export type ParamSpec = {
	name: string;
	label: string;
	kind: ParamKind;
	required: boolean;
	help: string;
	choices?: ReadonlyArray<string | number>;
	default?: string | number | boolean;
};

/** One field a plan changes, current value to new value ("never expire", "(none)" for absent). */
export type Change = {field: string; from: unknown; to: unknown};

/** One API request of a plan. Most plans hold one; a new revision registers then deploys. */
export type PlannedCall = {
	apiCall: string; // e.g. "ecs:UpdateService"
	parameters: Record<string, unknown>; // the request, in the AWS API's field names
	cliCommand: string; // the `aws ...` twin, arguments shell-quoted
};

export type OutcomeError = {
	message: string;
	kind: CloudErrorKind;
	requestId?: string;
	code?: string;
	/** The API call that failed (a later call of the plan was then not sent). */
	apiCall: string;
};

export type Outcome =
	| {
			ok: true;
			/** The state after the change, as the backend answered (or as requested for calls that answer nothing). */
			after: Record<string, unknown>;
			requestId?: string; // of the last call
			requestIds: string[];
	  }
	| {
			ok: false;
			error: OutcomeError;
			/** Calls of the plan that did succeed before the failure (a partial change), with their results. */
			completed: string[];
			after?: Record<string, unknown>;
			requestId?: string;
			requestIds: string[];
	  };

export type Plan = {
	fixId: FixId;
	/** One line naming the change, e.g. "Set desired count of acso-production-supervisor to 3". */
	title: string;
	risk: Risk;
	target: Target;
	/** "ecs:UpdateService", or "ecs:RegisterTaskDefinition + ecs:UpdateService" when several calls run. */
	apiCall: string;
	/** The exact request; with several calls, keyed by apiCall. */
	parameters: Record<string, unknown>;
	calls: PlannedCall[];
	changes: Change[];
	/** The whole `aws ...` twin; several calls are joined with " && \\\n". */
	cliCommand: string;
	/** What a production confirmation must type. */
	resourceName: string;
	/** The changed fields' current values, for the audit trail. */
	before: Record<string, unknown>;
	/** Things the engineer should know before confirming (downtime, lost data, replaced tasks ...). */
	warnings: string[];
	/** What undo would do, or why there is none. */
	undoSummary: string;
	/** Set on the plan returned by undo(): the title of the plan it reverses. */
	undoOf?: string;
	/** Sends the calls. Never throws: a failure comes back as an Outcome with ok false. */
	run(operator: Operator): Promise<Outcome>;
	/** The inverse change, from the state read at planning time; undefined when there is none or nothing changed. */
	undo(outcome: Outcome): Plan | undefined;
};

/** The readers a fix needs to plan (a whole Cloud fits; tests can hand over only these). */
export type CloudReaders = Pick<Cloud, 'services' | 'logs' | 'alarms' | 'databases' | 'parameters' | 'network'> & {kind?: Cloud['kind']; roles?: RoleReader};

export type Fix = {
	id: FixId;
	title: string;
	risk: Risk;
	targetKind: TargetKind;
	/** A sentence for the fix menu. */
	summary: string;
	params: ParamSpec[];
	/** Validates params, reads current state and returns the plan. Throws FixInputError on bad input. */
	plan(cloud: CloudReaders, target: Target, params?: FixParams): Promise<Plan>;
};
