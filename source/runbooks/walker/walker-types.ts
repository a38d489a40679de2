// The walker's shapes: its state, the actions its reducer takes and the requests it queues. Kept
// apart from the reducer so the step helpers (walker-steps.ts) and the reducer (walker-state.ts)
// both read them without importing each other.
import type {ExternalResult} from '../external.js';
import type {FixHint} from '../../fixes/hint.js';
import type {NativeResult} from '../native.js';
import type {Placeholder} from '../placeholders.js';
import type {WalkerNode} from './walker-tree.js';

export type StepOutcome =
	| {kind: 'native'; result: NativeResult}
	| {kind: 'external'; result: ExternalResult}
	/** An interactive command filled in for the engineer to copy. */
	| {kind: 'command'; argv: string[]};

export type StepRecord =
	| {status: 'running'; runId: number; startedAt: number}
	| {status: 'done' | 'failed'; runId: number; at: number; outcome: StepOutcome};

export type TaskChoice = {id: string; service?: string};

export type TaskList = {status: 'idle' | 'loading' | 'ok' | 'error'; items: TaskChoice[]; error?: string};

export type StepPhase =
	| {kind: 'idle'}
	| {
			kind: 'filling';
			stepId: string;
			/** 'run': then confirm and run; 'copy': an interactive command, filled in to be copied. */
			purpose: 'run' | 'copy';
			placeholders: Placeholder[];
			index: number;
			values: Record<string, string>;
			draft: string;
			/** The task picked in the list, for a TASK-ID. */
			choice: number;
			/** The service a TASK-ID most likely belongs to (from the command's --container), picked first. */
			prefer?: string;
			errors: string[];
	  }
	/** `context`: the account the aws CLI will run in (region, profile, endpoint, session), shown with the command. */
	| {kind: 'confirming'; stepId: string; argv: string[]; write: boolean; context?: string; typeToConfirm?: string; typed: string}
	| {kind: 'running'; stepId: string; runId: number}
	| {kind: 'done'; stepId: string}
	| {kind: 'failed'; stepId: string; reason: string};

export type WalkerRequest =
	| {id: number; kind: 'native'; stepId: string; runId: number; issueId?: string}
	| {id: number; kind: 'external'; stepId: string; runId: number; argv: string[]; write: boolean; title?: string}
	| {id: number; kind: 'fix'; stepId: string; hint: FixHint}
	| {id: number; kind: 'copy'; text: string; what: string}
	| {id: number; kind: 'tasks'};

export type WalkerMessage = {text: string; tone: 'info' | 'warn'};

export type WalkerState = {
	/** Never empty: path[0] is the area list. */
	path: WalkerNode[];
	/** Index among the selectable rows (entries, steps) of the current page. */
	cursor: number;
	/** The cursor each level above had, restored by Esc. */
	trail: number[];
	step: StepPhase;
	results: Readonly<Record<string, StepRecord>>;
	tasks: TaskList;
	/** Lines of the selected step's result scrolled away. */
	scroll: number;
	/** Why the last key did what it did (a step that cannot run here, nothing to jump to). */
	message?: WalkerMessage;
	requests: WalkerRequest[];
	nextId: number;
};

/** What running a step depends on outside the reducer, read when the key is pressed. */
export type RunEnv = {
	now: number;
	/** Why the aws CLI cannot run here (not on PATH, the simulated account), or undefined when it can. */
	awsUnavailable?: string;
	/** --write was given. */
	write: boolean;
	/** In a production environment, what a raw aws change must be confirmed by typing. */
	typeToConfirm?: string;
	/** The account context the aws CLI runs in, as one line for the confirmation. */
	cliContext?: string;
	/** Columns and rows the confirmation has for the command: a change taller than that is not confirmed. */
	preview?: {width: number; rows: number};
};

export type WalkerAction =
	| {type: 'move'; delta: number}
	| {type: 'first'}
	| {type: 'last'}
	| {type: 'enter'; env: RunEnv}
	| {type: 'back'}
	| {type: 'open'; issueId?: string; stepId?: string}
	| {type: 'apply-fix'}
	| {type: 'copy'}
	| {type: 'jump-recommended'}
	| {type: 'open-related'}
	| {type: 'scroll'; delta: number; max: number}
	| {type: 'draft'; text: string}
	| {type: 'choose'; delta: number}
	| {type: 'submit'; env: RunEnv}
	| {type: 'cancel'}
	| {type: 'tasks-loaded'; items: TaskChoice[]}
	| {type: 'tasks-failed'; error: string}
	| {type: 'finished'; runId: number; at: number; outcome: StepOutcome; failed: boolean}
	| {type: 'taken'; ids: number[]};
