// Builds a Plan from the calls a fix computed. Kept in one place so every plan runs the same way:
// calls in order, stop at the first failure, never throw (the caller audits the outcome).
import {redactArgv, redactSecrets} from '../format/redact.js';
import {errorMessage, isCloudError} from '../port/errors.js';
import type {OperationResult, Operator} from '../port/types.js';
import {cliLine} from '../format/shell-quote.js';
import type {Change, FixId, Outcome, OutcomeError, Plan, PlannedCall, Risk, Target} from './types.js';

/** One call of a plan: what is shown and audited, and how it is sent through the Operator. */
export type CallStep = {
	apiCall: string;
	parameters: Record<string, unknown>;
	cliArgs: string[]; // argv of the `aws ...` twin, quoted when joined
	/** `previous` holds the values returned by the earlier calls of the same plan. */
	send(operator: Operator, previous: readonly unknown[]): Promise<OperationResult<unknown>>;
};

export type PlanInput = {
	fixId: FixId;
	title: string;
	risk: Risk;
	target: Target;
	resourceName: string;
	changes: Change[];
	warnings?: string[];
	undoSummary: string;
	undoOf?: string;
	steps: CallStep[];
	/** The state after the calls, from their results (fewer results than steps after a partial failure). */
	after(results: readonly unknown[]): Record<string, unknown>;
	/** The inverse plan, given a successful outcome. */
	undo?(outcome: Extract<Outcome, {ok: true}>): Plan | undefined;
};

export function toOutcomeError(error: unknown, apiCall: string): OutcomeError {
	if (isCloudError(error)) {
		return {
			message: error.message,
			kind: error.kind,
			apiCall,
			...(error.requestId === undefined ? {} : {requestId: error.requestId}),
			...(error.code === undefined ? {} : {code: error.code}),
		};
	}
	return {message: errorMessage(error), kind: 'unknown', apiCall};
}

export function makePlan(input: PlanInput): Plan {
	if (input.steps.length === 0) throw new Error(`plan ${input.fixId} has no calls`);
	// What is shown, copied and audited has its secrets redacted; step.send uses the real values.
	const calls: PlannedCall[] = input.steps.map(step => ({
		apiCall: step.apiCall,
		parameters: redactSecrets(step.parameters),
		cliCommand: cliLine(redactArgv(step.cliArgs)),
	}));
	const apiCall = calls.map(call => call.apiCall).join(' + ');
	const parameters =
		calls.length === 1 ? calls[0]!.parameters : Object.fromEntries(calls.map(call => [call.apiCall, call.parameters]));
	const before = redactSecrets(Object.fromEntries(input.changes.map(change => [change.field, change.from])));

	const run = async (operator: Operator): Promise<Outcome> => {
		const results: unknown[] = [];
		const requestIds: string[] = [];
		for (const step of input.steps) {
			try {
				const result = await step.send(operator, results);
				results.push(result.value);
				if (result.requestId !== undefined) requestIds.push(result.requestId);
			} catch (error) {
				const outcomeError = toOutcomeError(error, step.apiCall);
				const completed = input.steps.slice(0, results.length).map(s => s.apiCall);
				return {
					ok: false,
					error: outcomeError,
					completed,
					...(results.length > 0 ? {after: input.after(results)} : {}),
					...(outcomeError.requestId === undefined ? {} : {requestId: outcomeError.requestId}),
					requestIds,
				};
			}
		}
		const requestId = requestIds.at(-1);
		return {ok: true, after: input.after(results), ...(requestId === undefined ? {} : {requestId}), requestIds};
	};

	return {
		fixId: input.fixId,
		title: input.title,
		risk: input.risk,
		target: input.target,
		apiCall,
		parameters,
		calls,
		changes: input.changes,
		cliCommand: calls.map(call => call.cliCommand).join(' && \\\n'),
		resourceName: input.resourceName,
		before,
		warnings: input.warnings ?? [],
		undoSummary: input.undoSummary,
		...(input.undoOf === undefined ? {} : {undoOf: input.undoOf}),
		run,
		undo: outcome => (outcome.ok && input.undo ? input.undo(outcome) : undefined),
	};
}

/** The higher of two risks: a plan may be riskier than its fix (scale to zero, shorter retention). */
export function raiseRisk(base: Risk, to: Risk): Risk {
	const order: Risk[] = ['low', 'medium', 'high'];
	return order.indexOf(to) > order.indexOf(base) ? to : base;
}
