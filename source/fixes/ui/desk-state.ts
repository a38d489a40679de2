// Which fix panel is over the screen: a stack, so Esc from a fix flow opened from the fix menu
// returns to the menu, and Esc from a watch opened from the watch list returns to the list.
import type {Target} from '../types.js';
import type {FlowStart} from './flow-state.js';

export type DeskPanel =
	| {kind: 'menu'; target: Target}
	/** `id` keys the flow's component, so a new proposal starts a fresh flow. */
	| {kind: 'flow'; id: number; start: FlowStart}
	| {kind: 'watches'}
	| {kind: 'watch'; cluster: string; service: string};

export type DeskState = {stack: DeskPanel[]; nextId: number};

export type DeskAction =
	/** Replaces whatever is open (a new proposal from a runbook, `a`, `w`). */
	| {type: 'open'; panel: DistributivePanel}
	/** Opens over the current panel: Esc comes back to it. */
	| {type: 'push'; panel: DistributivePanel}
	| {type: 'pop'}
	| {type: 'close'};

/** A panel as handed to open/push: flows get their id from the desk. */
type DistributivePanel = DeskPanel extends infer P ? (P extends {kind: 'flow'} ? Omit<P, 'id'> : P) : never;

export const initialDeskState: DeskState = {stack: [], nextId: 1};

function withId(state: DeskState, panel: DistributivePanel): {panel: DeskPanel; nextId: number} {
	if (panel.kind === 'flow') return {panel: {...panel, id: state.nextId}, nextId: state.nextId + 1};
	return {panel, nextId: state.nextId};
}

export function deskReducer(state: DeskState, action: DeskAction): DeskState {
	switch (action.type) {
		case 'open': {
			const {panel, nextId} = withId(state, action.panel);
			return {stack: [panel], nextId};
		}
		case 'push': {
			const {panel, nextId} = withId(state, action.panel);
			return {stack: [...state.stack, panel], nextId};
		}
		case 'pop':
			return state.stack.length === 0 ? state : {...state, stack: state.stack.slice(0, -1)};
		case 'close':
			return state.stack.length === 0 ? state : {...state, stack: []};
	}
}

export function topPanel(state: DeskState): DeskPanel | undefined {
	return state.stack[state.stack.length - 1];
}
