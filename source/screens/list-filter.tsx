import {Box, Text} from 'ink';
import {useReducer} from 'react';
import {LineInput} from '../components/line-input.js';
import {toneColor} from '../components/theme.js';
import {sanitize} from '../format/sanitize.js';
import type {Binding} from '../input/bindings.js';

// The `/` filter of a list screen (services, alarms), as k9s has it: `/` opens a field, each key
// narrows the list at once, Enter keeps the filter, Esc clears it.

export type ListFilterState = {editing: boolean; text: string};

export type ListFilterAction = {type: 'edit'} | {type: 'type'; text: string} | {type: 'keep'} | {type: 'clear'};

export const initialListFilter: ListFilterState = {editing: false, text: ''};

export function listFilterReducer(state: ListFilterState, action: ListFilterAction): ListFilterState {
	switch (action.type) {
		case 'edit': {
			return {...state, editing: true};
		}

		case 'type': {
			return {...state, text: action.text};
		}

		case 'keep': {
			return {editing: false, text: state.text.trim()};
		}

		case 'clear': {
			return initialListFilter;
		}
	}
}

/** The filter's state, its keys (to put before the screen's own) and its one-row field. */
export function useListFilter(what: string) {
	const [state, dispatch] = useReducer(listFilterReducer, initialListFilter);
	const bindings: Binding[] = state.editing
		? [{keys: ['esc'], description: 'clear the filter', footer: true, handler: () => dispatch({type: 'clear'})}]
		: [
				{keys: ['/'], description: `filter the ${what} by name`, footer: true, handler: () => dispatch({type: 'edit'})},
				...(state.text === '' ? [] : [{keys: ['esc'], description: 'clear the filter', footer: true, handler: () => dispatch({type: 'clear'})}]),
			];
	const row =
		state.editing || state.text !== '' ? (
			<Box>
				<Text color={toneColor('accent')}>/</Text>
				{state.editing ? (
					<LineInput value={state.text} onChange={text => dispatch({type: 'type', text})} onSubmit={() => dispatch({type: 'keep'})} />
				) : (
					<Text>
						{sanitize(state.text)}
						<Text color={toneColor('muted')}> (Esc clears)</Text>
					</Text>
				)}
			</Box>
		) : null;
	return {text: state.text, editing: state.editing, bindings, row, rows: row ? 1 : 0};
}
