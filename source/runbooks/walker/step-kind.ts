// What Enter does on a step, decided once from the step's data, for the reducer, the row badge and
// the help text alike. A change with a typed fix always goes to the fixes flow (preview, confirm,
// undo), whatever runner the guide's command would need.
import type {Step} from '../model.js';

export type StepKind =
	/** A change the fixes catalogue knows: proposed to the fix flow, never run here. */
	| 'fix'
	/** A read acso-tui makes itself through the port. */
	| 'native'
	/** Needs a terminal of its own (execute-command --interactive): filled in, then copied. */
	| 'interactive'
	/** A read with the aws CLI: filled in, confirmed, run as an argument vector. */
	| 'external'
	/** A change with the aws CLI and no typed fix: only with --write, confirmed by typing. */
	| 'external-write'
	/** Scripts, docker, cdk, prose: the engineer runs them. */
	| 'manual'
	/** A question or instruction with no command (the escalation timeline). */
	| 'note';

export function stepKind(step: Step): StepKind {
	if (step.fix) return 'fix';
	if (step.runner === 'native' && step.effect === 'read' && step.call) return 'native';
	if (step.runner === 'external') {
		if (step.interactive) return 'interactive';
		return step.effect === 'write' ? 'external-write' : 'external';
	}
	return step.command === '' ? 'note' : 'manual';
}

/** Four columns in the list: who runs the step. */
export const kindBadge: Record<StepKind, string> = {
	fix: 'fix ',
	native: 'run ',
	interactive: 'term',
	external: 'aws ',
	'external-write': 'aws!',
	manual: 'you ',
	note: 'ask ',
};

/** One sentence for the step's detail: what Enter will do. */
export function kindHelp(kind: StepKind, options: {write: boolean}): string {
	switch (kind) {
		case 'fix':
			return 'A change with a typed fix: ⏎ or a opens it in the fix flow (preview, confirmation, undo).';
		case 'native':
			return 'acso-tui runs this read itself, through its own read-only API calls: ⏎ runs it.';
		case 'interactive':
			return 'Opens a session in a container: ⏎ fills in its values, then y copies it to run in a terminal of your own.';
		case 'external':
			return 'An aws CLI read: ⏎ fills in its values and runs it after you confirm (no shell is involved).';
		case 'external-write':
			return options.write
				? 'An aws CLI change with no typed fix (no preview or undo): ⏎ runs it after you confirm.'
				: 'An aws CLI change with no typed fix: start acso-tui with --write to run it here, or y copies it.';
		case 'manual':
			return 'Run this yourself (acso-tui runs only aws commands): y copies it.';
		case 'note':
			return 'A question to answer before escalating.';
	}
}
