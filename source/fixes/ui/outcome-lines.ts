// The outcome of a change in plain words: done (with request ids, the state AWS answered, where the
// audit line is), or failed (the AWS error's kind, message, code and request id, and what did or did
// not change). A failure changes nothing else: the view says so rather than leaving it to guess.
import type {RunResult} from '../audit.js';
import type {Outcome, Plan} from '../types.js';
import type {SegmentLine} from '../../format/segments.js';
import {labelled, paragraph, showValue} from './text-blocks.js';

function stateText(after: Record<string, unknown> | undefined): string | undefined {
	if (!after) return undefined;
	const entries = Object.entries(after);
	return entries.length === 0 ? undefined : entries.map(([name, value]) => `${name}=${showValue(value)}`).join('  ');
}

const kindWords: Record<string, string> = {
	throttled: 'AWS throttled the request',
	credentials: 'the credentials are missing or expired',
	denied: 'access denied',
	'not-found': 'not found',
	network: 'AWS could not be reached',
	invalid: 'AWS refused the request as invalid',
	unsupported: 'the endpoint does not support this call',
	'read-only': 'refused: acso-tui is read-only',
	region: 'no region',
	unknown: 'the call failed',
};

function failureLines(plan: Plan, outcome: Extract<Outcome, {ok: false}>, width: number): SegmentLine[] {
	const {error} = outcome;
	const lines: SegmentLine[] = [];
	lines.push(...paragraph(`✗ Failed: ${plan.title}`, width, 'bad', true));
	lines.push(...labelled('Error', `${error.apiCall}: ${kindWords[error.kind] ?? error.kind} (${error.kind})`, width, {tone: 'bad'}));
	lines.push(...labelled('Message', error.message, width));
	const ids = [error.code === undefined ? undefined : `code ${error.code}`, error.requestId === undefined ? 'no request id' : `request id ${error.requestId}`];
	lines.push(...labelled('AWS', ids.filter(Boolean).join(' · '), width, {tone: 'muted'}));
	// The calls after the failing one were never sent.
	const notSent = plan.calls.map(call => call.apiCall).filter((_, i) => i > outcome.completed.length);
	if (outcome.completed.length === 0) {
		lines.push(...labelled('Changed', 'nothing: the change was not applied', width, {tone: 'ok'}));
	} else {
		lines.push(...labelled('Changed', `partly: ${outcome.completed.join(', ')} went through before the failure`, width, {tone: 'warn'}));
		const state = stateText(outcome.after);
		if (state) lines.push(...labelled('Now', state, width));
	}
	if (notSent.length > 0) lines.push(...labelled('Not sent', notSent.join(', '), width, {tone: 'muted'}));
	return lines;
}

export function outcomeLines(plan: Plan, result: RunResult, auditPath: string, width: number): SegmentLine[] {
	const {outcome} = result;
	const lines: SegmentLine[] = [];
	if (outcome.ok) {
		lines.push(...paragraph(`✓ Done: ${plan.title}`, width, 'ok', true));
		lines.push(...labelled('Request', outcome.requestIds.length > 0 ? outcome.requestIds.join(', ') : '(no request id returned)', width));
		const state = stateText(outcome.after);
		if (state) lines.push(...labelled('Now', state, width));
	} else {
		lines.push(...failureLines(plan, outcome, width));
	}
	if (result.auditError) lines.push(...labelled('Audit', `⚠ ${result.auditError}`, width, {tone: 'bad'}));
	else lines.push(...labelled('Audit', `entry ${result.entryId} in ${auditPath}`, width, {tone: 'muted'}));
	return lines;
}

/** Nothing was sent: the audit intent could not be written, so the change was refused before AWS. */
export function notSentLines(plan: Plan | undefined, message: string, width: number): SegmentLine[] {
	return [
		...paragraph(`✗ Not sent${plan ? `: ${plan.title}` : ''}`, width, 'bad', true),
		...labelled('Why', message, width, {tone: 'bad'}),
		...labelled('Changed', 'nothing: a change is made only after its intent is in the audit log', width, {tone: 'ok'}),
	];
}
