// The overview's offer of the matching troubleshooting tree: the `t` binding and the small cell on
// its ALARMS line. Kept here so the overview gains one binding and one cell, nothing more.
import type {Cell} from '../../format/service-rows.js';
import {sanitize} from '../../format/sanitize.js';
import type {Binding} from '../../input/bindings.js';
import type {AppContextValue} from '../../shell/app-context.js';
import type {TreeSuggestion} from '../../runbooks/walker/suggest-tree.js';

/** The params the runbooks screen opens on: an issue, or a step (the emergency commands). */
export function suggestionParams(suggestion: TreeSuggestion): Record<string, string> {
	return {...(suggestion.issueId === undefined ? {} : {issue: suggestion.issueId}), ...(suggestion.stepId === undefined ? {} : {step: suggestion.stepId})};
}

export function runbookBinding(suggestion: TreeSuggestion | undefined, open: AppContextValue['open']): Binding {
	if (!suggestion) {
		return {keys: ['t'], description: 'open the runbook for what is wrong', disabledReason: 'nothing on the overview points at a runbook right now', handler: () => {}};
	}
	const {rollout} = suggestion;
	if (rollout !== undefined) return {keys: ['t'], description: `open the ${sanitize(suggestion.title)}`, footer: true, handler: () => open('deploy', {service: rollout})};
	return {keys: ['t'], description: `open the runbook for: ${sanitize(suggestion.title)}`, footer: true, handler: () => open('runbooks', suggestionParams(suggestion))};
}

export function runbookCells(suggestion: TreeSuggestion | undefined): Cell[] {
	if (!suggestion) return [];
	return [{text: `t → ${sanitize(suggestion.title)} (${sanitize(suggestion.reason)})`, tone: 'warn'}];
}
