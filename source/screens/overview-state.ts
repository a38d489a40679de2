// The overview's own state as a reducer, tested directly: which part has the keys (the services
// table or the error tail) and which tail line is selected, counted from the newest.

export type OverviewFocus = 'services' | 'errors';

export type OverviewState = {focus: OverviewFocus; /** 0 is the newest line, at the bottom. */ tailOffset: number};

export type OverviewAction = {type: 'toggle-focus'} | {type: 'tail-move'; delta: number; shown: number} | {type: 'services'};

export const initialOverviewState: OverviewState = {focus: 'services', tailOffset: 0};

export function overviewReducer(state: OverviewState, action: OverviewAction): OverviewState {
	switch (action.type) {
		case 'toggle-focus': {
			return {focus: state.focus === 'services' ? 'errors' : 'services', tailOffset: 0};
		}

		case 'tail-move': {
			// Up (k) moves to older lines, away from the bottom; the offset stays within what is shown.
			const tailOffset = Math.max(0, Math.min(Math.max(0, action.shown - 1), state.tailOffset - action.delta));
			return tailOffset === state.tailOffset ? state : {...state, tailOffset};
		}

		case 'services': {
			return state.focus === 'services' ? state : initialOverviewState;
		}
	}
}
