import {moveCursor} from '../format/list-window.js';
import type {PickerKind} from './shell-state.js';

// The picker's own state as a reducer, tested directly: where the cursor is. (Its `?` help is a
// layer of the shell's stack over it, like help over a fix panel.) The items come from the
// picker's source (the account, the config files).

export type PickerState = {cursor: number};

export type PickerAction =
	| {type: 'move'; delta: number; count: number}
	| {type: 'first'}
	| {type: 'last'; count: number};

export const initialPickerState: PickerState = {cursor: 0};

export function pickerReducer(state: PickerState, action: PickerAction): PickerState {
	switch (action.type) {
		case 'move': {
			const cursor = moveCursor(state.cursor, action.delta, action.count);
			return cursor === state.cursor ? state : {...state, cursor};
		}

		case 'first': {
			return state.cursor === 0 ? state : {...state, cursor: 0};
		}

		case 'last': {
			const cursor = Math.max(0, action.count - 1);
			return cursor === state.cursor ? state : {...state, cursor};
		}
	}
}

/** The cursor within a list that may have shrunk since it was moved. */
export function clampedCursor(state: PickerState, count: number): number {
	return Math.min(state.cursor, Math.max(0, count - 1));
}

/** What a picker picks, for its title, footer and help: "cluster". */
export const pickerNoun: Record<PickerKind, string> = {cluster: 'cluster', db: 'database', env: 'environment', profile: 'profile'};

/** "Pick a cluster", "Pick an environment". */
export function pickTitle(noun: string): string {
	return `Pick ${/^[aeiou]/i.test(noun) ? 'an' : 'a'} ${noun}`;
}

export const pickerTitle = (kind: PickerKind): string => pickTitle(pickerNoun[kind]);
