// The audit trail: one JSON line per intent (written BEFORE a change is sent) and one per outcome,
// appended and flushed to disk, so a change made under stress can be reconstructed and matched in
// CloudTrail by its request id. If the intent cannot be written, the change is not made.
import {randomUUID} from 'node:crypto';
import {closeSync, constants, fchmodSync, fstatSync, fsyncSync, mkdirSync, openSync, writeSync} from 'node:fs';
import {homedir} from 'node:os';
import {dirname, isAbsolute, join} from 'node:path';
import {redactSecrets} from '../format/redact.js';
import {sanitize} from '../format/sanitize.js';
import {errorMessage} from '../port/errors.js';
import type {Operator} from '../port/types.js';
import {toOutcomeError} from './plan.js';
import type {Outcome, Plan} from './types.js';

export type AuditContext = {env: string; region: string; profile?: string; sessionId: string};

export type AuditOutcomeInput = {
	ok: boolean;
	after?: Record<string, unknown>;
	error?: {message: string; kind?: string; requestId?: string; code?: string; apiCall?: string};
	requestId?: string;
};

/** What an intent line records of a change that is not a fix of the catalogue: a guide's aws CLI command. */
export type AuditIntent = {
	action: string;
	title: string;
	apiCall: string;
	resource: string;
	cliCommand: string;
	parameters: Record<string, unknown>;
	before?: Record<string, unknown>;
};

export type AuditLog = {
	readonly path: string;
	/** The session id every line carries (also in the SDK user agent and the aws CLI's AWS_EXECUTION_ENV). */
	readonly sessionId: string;
	/** Writes the intent line and returns its entry id. Throws AuditError when it cannot be written. */
	intent(plan: Plan | AuditIntent): string;
	/** Writes the outcome line of an intent. Throws AuditError when it cannot be written. */
	outcome(entryId: string, outcome: AuditOutcomeInput): void;
};

/** One line of audit.jsonl. Every line carries every field (null where it does not apply yet). */
export type AuditRecord = {
	time: string; // ISO 8601, UTC
	entryId: string;
	phase: 'intent' | 'outcome';
	env: string;
	region: string;
	profile: string | null;
	sessionId: string;
	action: string; // the fix id
	title: string;
	apiCall: string;
	resource: string;
	cliCommand: string;
	parameters: Record<string, unknown>;
	before: Record<string, unknown>;
	after: Record<string, unknown> | null;
	outcome: 'pending' | 'ok' | 'failed';
	error: {message: string; kind: string | null; requestId: string | null; code: string | null; apiCall: string | null} | null;
	requestId: string | null;
	undoOf: string | null;
};

export class AuditError extends Error {
	constructor(message: string, options?: {cause: unknown}) {
		super(message, options);
		this.name = 'AuditError';
	}
}

/** $XDG_STATE_HOME/acso-tui/audit.jsonl, else ~/.local/state/acso-tui/audit.jsonl. */
export function defaultAuditPath(env: NodeJS.ProcessEnv = process.env, home: string = homedir()): string {
	// The XDG spec says a relative XDG_STATE_HOME is invalid and must be ignored.
	const state = env['XDG_STATE_HOME'];
	const base = state && isAbsolute(state) ? state : join(home, '.local', 'state');
	return join(base, 'acso-tui', 'audit.jsonl');
}

// O_NOFOLLOW: a symlink planted at the log's path must not redirect the trail into another file.
const appendFlags = constants.O_WRONLY | constants.O_APPEND | constants.O_CREAT | constants.O_NOFOLLOW;

/** Why the open file `fd` must not take audit lines, or undefined. Created now: made 0600 instead. */
function unsafeLog(fd: number, created: boolean): string | undefined {
	const stat = fstatSync(fd);
	if (!stat.isFile()) return 'it is not a regular file';
	const uid = process.getuid?.();
	if (uid !== undefined && stat.uid !== uid) return `it belongs to user ${stat.uid}, not to you (${uid})`;
	if (!created && (stat.mode & 0o077) !== 0) return `its mode is ${(stat.mode & 0o777).toString(8).padStart(4, '0')}; others could read or change the trail (chmod 600 it)`;
	return undefined;
}

function appendLine(path: string, line: string): void {
	mkdirSync(dirname(path), {recursive: true, mode: 0o700});
	let fd: number;
	let created = false;
	try {
		// Exclusive create first: then this process made the file and may set its mode.
		fd = openSync(path, appendFlags | constants.O_EXCL, 0o600);
		created = true;
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
		try {
			fd = openSync(path, appendFlags, 0o600);
		} catch (inner) {
			if ((inner as NodeJS.ErrnoException).code === 'ELOOP') throw new Error('it is a symbolic link; the audit log must be a plain file', {cause: inner});
			throw inner;
		}
	}
	try {
		const problem = unsafeLog(fd, created);
		if (problem) throw new Error(`refusing to append to it: ${problem}`);
		// The umask could have widened nothing but narrowed the mode; make a new file exactly 0600.
		if (created) fchmodSync(fd, 0o600);
		writeSync(fd, line);
		fsyncSync(fd);
	} finally {
		closeSync(fd);
	}
}

/** `context` may be a function: the app switches environment, region and profile in place, and each intent records where it was made. */
export function createAuditLog(options: {path?: string; context: AuditContext | (() => AuditContext); now?: () => number}): AuditLog {
	const path = options.path ?? defaultAuditPath();
	const given = options.context;
	const contextOf = typeof given === 'function' ? given : () => given;
	const now = options.now ?? Date.now;
	const intents = new Map<string, Omit<AuditRecord, 'time' | 'phase' | 'after' | 'outcome' | 'error' | 'requestId'>>();

	const write = (record: AuditRecord, what: string) => {
		let line: string;
		try {
			line = `${JSON.stringify(record)}\n`;
		} catch (error) {
			throw new AuditError(`cannot record the ${what} of ${record.action} in the audit log: ${errorMessage(error)}`, {cause: error});
		}
		try {
			appendLine(path, line);
		} catch (error) {
			throw new AuditError(sanitize(`cannot write the audit log ${path}: ${errorMessage(error)}`), {cause: error});
		}
	};

	return {
		path,
		get sessionId() {
			return contextOf().sessionId;
		},
		intent(planOrIntent) {
			const entryId = randomUUID();
			const entry: AuditIntent & {undoOf?: string} =
				'fixId' in planOrIntent
					? {
							action: planOrIntent.fixId,
							title: planOrIntent.title,
							apiCall: planOrIntent.apiCall,
							resource: planOrIntent.resourceName,
							cliCommand: planOrIntent.cliCommand,
							parameters: planOrIntent.parameters,
							before: planOrIntent.before,
							...(planOrIntent.undoOf === undefined ? {} : {undoOf: planOrIntent.undoOf}),
						}
					: planOrIntent;
			// Secrets are never recorded: the plan's values are redacted already; this is the last guard.
			const context = contextOf();
			const base = {
				entryId,
				env: context.env,
				region: context.region,
				profile: context.profile ?? null,
				sessionId: context.sessionId,
				action: entry.action,
				title: entry.title,
				apiCall: entry.apiCall,
				resource: entry.resource,
				cliCommand: entry.cliCommand,
				parameters: redactSecrets(entry.parameters),
				before: redactSecrets(entry.before ?? {}),
				undoOf: entry.undoOf ?? null,
			};
			write({...base, time: new Date(now()).toISOString(), phase: 'intent', after: null, outcome: 'pending', error: null, requestId: null}, 'intent');
			intents.set(entryId, base);
			return entryId;
		},
		outcome(entryId, outcome) {
			const base = intents.get(entryId);
			if (!base) throw new AuditError(`audit entry ${entryId} was not written by this log; record an intent first`);
			const error = outcome.error
				? {
						message: outcome.error.message,
						kind: outcome.error.kind ?? null,
						requestId: outcome.error.requestId ?? null,
						code: outcome.error.code ?? null,
						apiCall: outcome.error.apiCall ?? null,
					}
				: null;
			write(
				{
					...base,
					time: new Date(now()).toISOString(),
					phase: 'outcome',
					after: outcome.after === undefined ? null : redactSecrets(outcome.after),
					outcome: outcome.ok ? 'ok' : 'failed',
					error,
					requestId: outcome.requestId ?? outcome.error?.requestId ?? null,
				},
				'outcome',
			);
			intents.delete(entryId);
		},
	};
}

export type RunResult = {
	entryId: string;
	outcome: Outcome;
	/** Set when the change was sent but its outcome line could not be written. */
	auditError?: string;
};

/**
 * Audits and runs a plan: intent, call(s), outcome. Throws AuditError, having sent nothing, when the
 * intent cannot be written. A failed call is not thrown: it comes back as a failed outcome, audited.
 */
export async function runPlan(plan: Plan, operator: Operator, audit: AuditLog): Promise<RunResult> {
	const entryId = audit.intent(plan);
	let outcome: Outcome;
	try {
		outcome = await plan.run(operator);
	} catch (error) {
		// run() reports failures as outcomes; reaching here is a bug, but the trail must still close.
		outcome = {ok: false, error: toOutcomeError(error, plan.apiCall), completed: [], requestIds: []};
	}
	try {
		audit.outcome(entryId, {
			ok: outcome.ok,
			...(outcome.after === undefined ? {} : {after: outcome.after}),
			...(outcome.ok ? {} : {error: outcome.error}),
			...(outcome.requestId === undefined ? {} : {requestId: outcome.requestId}),
		});
	} catch (error) {
		// The change already happened: report the gap loudly instead of hiding the outcome.
		return {entryId, outcome, auditError: `${errorMessage(error)} (the change was ${outcome.ok ? 'made' : 'attempted'}; entry ${entryId} has no outcome)`};
	}
	return {entryId, outcome};
}

export function newSessionId(): string {
	return randomUUID();
}
