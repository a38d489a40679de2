// The walker's keys, one table per phase: the list (move, open, run, copy, apply the fix, jump to the
// recommended resolution), the fill panel (pick a task, or type into the field) and the confirmation.
// The same table drives the keys, the footer and `?` help.
import type {Binding} from '../../input/bindings.js';
import type {Dispatch} from '../../runbooks/walker/runbook-session.js';
import type {StepKind} from '../../runbooks/walker/step-kind.js';
import type {RunEnv, WalkerState} from '../../runbooks/walker/walker-state.js';
import type {PageRow} from '../../runbooks/walker/walker-tree.js';

// What Enter does on the selected step, for the footer.
const enterHelp: Record<StepKind, string> = {
	fix: 'open the fix flow',
	native: 'run the check',
	interactive: 'fill in the command',
	external: 'run with the aws CLI',
	'external-write': 'run with the aws CLI',
	manual: 'show how to run it',
	note: 'show',
};

export type WalkerKeys = {
	state: WalkerState;
	dispatch: Dispatch;
	/** Read when a key is pressed: the clock, write mode, whether the aws CLI can run. */
	runEnv: () => RunEnv;
	row?: PageRow;
	kind?: StepKind;
	recommended?: number;
	/** Rows a page key moves. */
	pageStep: number;
	/** How far the result can scroll. */
	bodyMax: number;
};

export function walkerBindings({state, dispatch, runEnv, row, kind, recommended, pageStep, bodyMax}: WalkerKeys): Binding[] {
	const phase = state.step;
	const submit = () => dispatch({type: 'submit', env: runEnv()});
	const cancel: Binding = {keys: ['esc'], description: 'cancel', footer: true, handler: () => dispatch({type: 'cancel'})};
	if (phase.kind === 'filling') {
		const placeholder = phase.placeholders[phase.index];
		const picking = placeholder?.kind === 'task-id' && state.tasks.status === 'ok' && state.tasks.items.length > 0;
		// While the text field is open it takes every other key (Enter included).
		if (!picking) return [cancel];
		return [
			{keys: ['enter'], description: 'use this task', footer: true, handler: submit},
			{keys: ['j', 'down'], description: 'next task', handler: () => dispatch({type: 'choose', delta: 1})},
			{keys: ['k', 'up'], description: 'previous task', handler: () => dispatch({type: 'choose', delta: -1})},
			cancel,
		];
	}
	if (phase.kind === 'confirming') {
		// A change to be confirmed by typing: y is a letter of the field, not a yes.
		if (phase.typeToConfirm !== undefined) return [cancel];
		return [{keys: ['y', 'enter'], description: 'run it', footer: true, handler: submit}, {...cancel, keys: ['esc', 'n']}];
	}
	const isStep = row?.kind === 'step';
	return [
		{keys: ['enter'], description: isStep && kind ? enterHelp[kind] : 'open', footer: true, handler: () => dispatch({type: 'enter', env: runEnv()})},
		// Deeper than the area list, Esc climbs the tree; at the top it is the shell's (back to where you came from).
		...(state.path.length > 1 ? [{keys: ['esc'], description: 'back', footer: true, handler: () => dispatch({type: 'back'})} satisfies Binding] : []),
		{keys: ['j', 'down'], description: 'next', handler: () => dispatch({type: 'move', delta: 1})},
		{keys: ['k', 'up'], description: 'previous', handler: () => dispatch({type: 'move', delta: -1})},
		{keys: ['g', 'home'], description: 'first', handler: () => dispatch({type: 'first'})},
		{keys: ['G', 'end'], description: 'last', handler: () => dispatch({type: 'last'})},
		{keys: ['pagedown', 'ctrl-d'], description: 'page down', handler: () => dispatch({type: 'move', delta: pageStep})},
		{keys: ['pageup', 'ctrl-u'], description: 'page up', handler: () => dispatch({type: 'move', delta: -pageStep})},
		{keys: ['a'], description: 'apply this fix', footer: kind === 'fix', handler: () => dispatch({type: 'apply-fix'})},
		{keys: ['n'], description: 'go to the recommended resolution', footer: recommended !== undefined, handler: () => dispatch({type: 'jump-recommended'})},
		{keys: ['y'], description: 'copy the command', footer: isStep, handler: () => dispatch({type: 'copy'})},
		{keys: ['o'], description: 'open the issue the result points at', handler: () => dispatch({type: 'open-related'})},
		{keys: ['J'], description: 'scroll the result down', handler: () => dispatch({type: 'scroll', delta: 3, max: bodyMax})},
		{keys: ['K'], description: 'scroll the result up', handler: () => dispatch({type: 'scroll', delta: -3, max: bodyMax})},
	];
}
