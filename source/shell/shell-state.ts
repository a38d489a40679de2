import {tabOrder, type ScreenEntry, type ScreenId} from './screen-ids.js';

// The shell's own state as a reducer, tested directly: which screen is shown, what Esc goes back
// to, which overlay has the keys, and the one-line notice under the header.
// 'fixes': the fix panels (action menu, fix flow, watches), whose own state lives in fixes/ui.
// 'picker': a list to choose from (a cluster or database that exists, an environment, a profile).
export type Overlay = 'none' | 'help' | 'command' | 'fixes' | 'picker';

/** What the picker layer lists. */
export type PickerKind = 'cluster' | 'db' | 'env' | 'profile';

export type Notice = {text: string; tone: 'info' | 'warn' | 'error'; at: number};

export type ShellState = {
	stack: ScreenEntry[]; // last = shown; never empty
	overlay: Overlay;
	/** Set while the overlay is 'picker'. */
	picker?: PickerKind;
	notice?: Notice;
	quitting: boolean;
};

export type ShellAction =
	| {type: 'go'; screen: ScreenId; params?: Record<string, string>}
	| {type: 'open'; screen: ScreenId; params?: Record<string, string>} // push: Esc returns
	| {type: 'back'}
	| {type: 'cycle'; step: 1 | -1}
	| {type: 'overlay'; overlay: Overlay}
	| {type: 'pick'; picker: PickerKind}
	| {type: 'switched'} // the context changed: the picker closes, the trail stays
	| {type: 'notify'; notice: Notice}
	| {type: 'clear-notice'}
	| {type: 'quit'};

export function initialShellState(screen: ScreenId = 'overview'): ShellState {
	return {stack: [{id: screen}], overlay: 'none', quitting: false};
}

export function currentScreen(state: ShellState): ScreenEntry {
	return state.stack[state.stack.length - 1] ?? {id: 'overview'};
}

export function shellReducer(state: ShellState, action: ShellAction): ShellState {
	switch (action.type) {
		case 'go': {
			// Jumping by name or Tab starts a fresh trail: Esc from a top-level screen goes home.
			const entry: ScreenEntry = {id: action.screen, params: action.params};
			const stack: ScreenEntry[] = action.screen === 'overview' ? [entry] : [{id: 'overview'}, entry];
			const {picker: _picker, ...rest} = state;
			return {...rest, stack, overlay: 'none'};
		}

		case 'open': {
			const {picker: _picker, ...rest} = state;
			return {...rest, stack: [...state.stack, {id: action.screen, params: action.params}], overlay: 'none'};
		}

		case 'back': {
			if (state.overlay !== 'none') {
				const {picker: _picker, ...rest} = state;
				return {...rest, overlay: 'none'};
			}
			if (state.stack.length <= 1) return state;
			return {...state, stack: state.stack.slice(0, -1)};
		}

		case 'cycle': {
			const current = currentScreen(state).id;
			const index = tabOrder.indexOf(current);
			// From a screen outside the cycle (service detail), Tab continues from its parent list.
			const from = index === -1 ? tabOrder.indexOf('services') : index;
			const next = tabOrder[(from + action.step + tabOrder.length) % tabOrder.length] ?? 'overview';
			return shellReducer(state, {type: 'go', screen: next});
		}

		case 'overlay': {
			const {picker: _picker, ...rest} = state;
			return action.overlay === 'picker' ? state : {...rest, overlay: action.overlay};
		}

		case 'pick': {
			return {...state, overlay: 'picker', picker: action.picker};
		}

		case 'switched': {
			// Params name things of the old context (a service); the screen itself still makes sense.
			const {picker: _picker, ...rest} = state;
			const screen = currentScreen(state);
			return {...rest, overlay: 'none', stack: screen.id === 'service' ? [{id: 'overview'}] : screen.id === 'overview' ? [{id: 'overview'}] : [{id: 'overview'}, {id: screen.id}]};
		}

		case 'notify': {
			return {...state, notice: action.notice};
		}

		case 'clear-notice': {
			return state.notice === undefined ? state : {...state, notice: undefined};
		}

		case 'quit': {
			return {...state, quitting: true};
		}
	}
}
