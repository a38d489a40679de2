import type {Binding} from '../input/binding.js';
import type {ShellAction} from './shell-state.js';

export type ShellKeys = {
	dispatch(action: ShellAction): void;
	/** `r`: every panel fetches now (and the AWS clients are rebuilt after a credentials error). */
	refresh(): void;
	openWatches(): void;
	/** Watches were started: `w` earns a footer slot. */
	hasWatches: boolean;
	quit(): void;
};

/** The keys of every screen (the README's "everywhere" table is checked against this one). */
export function shellBindings({dispatch, refresh, openWatches, hasWatches, quit}: ShellKeys): Binding[] {
	return [
		{keys: ['?'], description: 'help', footer: true, handler: () => dispatch({type: 'overlay', overlay: 'help'})},
		{keys: [':'], description: 'go to screen', footer: true, handler: () => dispatch({type: 'overlay', overlay: 'command'})},
		{keys: ['tab'], description: 'next screen', footer: true, handler: () => dispatch({type: 'cycle', step: 1})},
		{keys: ['shift-tab'], description: 'previous screen', handler: () => dispatch({type: 'cycle', step: -1})},
		{keys: ['esc'], description: 'back', handler: () => dispatch({type: 'back'})},
		{keys: ['r'], description: 'refresh now (rebuilds AWS clients after a credentials error)', handler: refresh},
		{keys: ['w'], description: 'deployment watches', footer: hasWatches, handler: openWatches},
		{keys: ['q', 'ctrl-c'], description: 'quit', footer: true, handler: quit},
	];
}
