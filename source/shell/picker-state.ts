import {moveCursor} from '../format/list-window.js';

// The picker's own state as a reducer, tested directly: where the cursor is and whether its `?`
// help is open. The items come from the picker's source (the account, the config files).

export type PickerState = {cursor: number; help: boolean};

export type PickerAction =
	| {type: 'move'; delta: number; count: number}
	| {type: 'first'}
	| {type: 'last'; count: number}
	| {type: 'help'; open: boolean};

export const initialPickerState: PickerState = {cursor: 0, help: false};

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

		case 'help': {
			return state.help === action.open ? state : {...state, help: action.open};
		}
	}
}

/** The cursor within a list that may have shrunk since it was moved. */
export function clampedCursor(state: PickerState, count: number): number {
	return Math.min(state.cursor, Math.max(0, count - 1));
}
