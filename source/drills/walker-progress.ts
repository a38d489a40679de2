// What the runbook walker shows of the engineer's progress, for the drill's clock: the issue whose
// page is open, and the verdicts of diagnosis checks, each with the issue it belongs to.
import {allIssues, type Runbook} from '../runbooks/model.js';
import type {WalkerState} from '../runbooks/walker/walker-types.js';

export type WalkerProgress = {openIssue?: string; verdicts: Array<{stepId: string; issueId: string; level: 'ok' | 'problem' | 'unknown'}>};

export function walkerProgress(runbook: Runbook, state: WalkerState): WalkerProgress {
	const node = state.path[state.path.length - 1];
	const issueOf = new Map<string, string>();
	for (const issue of allIssues(runbook)) for (const step of issue.diagnosis) issueOf.set(step.id, issue.id);
	const verdicts: WalkerProgress['verdicts'] = [];
	for (const [stepId, record] of Object.entries(state.results)) {
		if (record.status === 'running' || record.outcome.kind !== 'native') continue;
		const issueId = issueOf.get(stepId);
		const verdict = record.outcome.result.verdict;
		if (issueId && verdict) verdicts.push({stepId, issueId, level: verdict.level});
	}
	return {...(node?.kind === 'issue' ? {openIssue: node.id} : {}), verdicts};
}
