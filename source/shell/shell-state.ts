import {tabOrder, type ScreenEntry, type ScreenId} from './screen-ids.js';

// The shell's own state as a reducer, tested directly: the layer stack (the screens, and over
// them help, the command line, a picker, the fix panels), what Esc goes back to, and the one-line
// notice under the header. Only the top layer gets keys (input/key-router.tsx).
// 'fixes': the fix panels (fix menu, fix flow, watches), whose own order lives in fixes/ui.
// 'picker': a list to choose from (a cluster or database that exists, an environment, a profile).
export type Overlay = 'none' | 'help' | 'command' | 'fixes' | 'picker';

/** What the picker layer lists. */
export type PickerKind = 'cluster' | 'db' | 'env' | 'profile';

export type Notice = {text: string; tone: 'info' | 'warn' | 'error'; at: number};

/** A layer over the screens. */
export type Layer = {kind: 'help'} | {kind: 'command'} | {kind: 'picker'; picker: PickerKind} | {kind: 'fixes'};

export type ShellState = {
	stack: ScreenEntry[]; // the screen layers: last = shown; never empty
	/** The layers over the shown screen, last on top (help can open over the fix panels). */
	layers: Layer[];
	notice?: Notice;
	/** Every notice of the session, oldest first (at most maxNotices): the header counts them, `:notices` lists them. */
	notices: Notice[];
	quitting: boolean;
};

export const maxNotices = 200;

export type ShellAction =
	| {type: 'go'; screen: ScreenId; params?: Record<string, string>}
	| {type: 'open'; screen: ScreenId; params?: Record<string, string>} // push: Esc returns
	| {type: 'back'}
	| {type: 'cycle'; step: 1 | -1}
	/** Opens help or the command line over what is on top; 'none' closes the top layer (not the fix panels, which close themselves). */
	| {type: 'overlay'; overlay: 'help' | 'command' | 'none'}
	| {type: 'pick'; picker: PickerKind}
	/** The fix panels opened or closed (their own reducer says which panel). */
	| {type: 'fixes'; open: boolean}
	| {type: 'switched'} // the context changed: the picker closes, the trail stays
	| {type: 'notify'; notice: Notice}
	| {type: 'clear-notice'}
	| {type: 'quit'};

export function initialShellState(screen: ScreenId = 'overview'): ShellState {
	return {stack: [{id: screen}], layers: [], notices: [], quitting: false};
}

/** The top layer: what has the keys, the footer and `?` help. */
export function topLayer(state: ShellState): Layer | undefined {
	return state.layers[state.layers.length - 1];
}

export function overlayOf(state: ShellState): Overlay {
	return topLayer(state)?.kind ?? 'none';
}

// Navigating closes help, the command line and pickers; the fix panels stay until they close.
const keepFixes = (layers: readonly Layer[]): Layer[] => layers.filter(l => l.kind === 'fixes');

export function currentScreen(state: ShellState): ScreenEntry {
	return state.stack[state.stack.length - 1] ?? {id: 'overview'};
}

export function shellReducer(state: ShellState, action: ShellAction): ShellState {
	switch (action.type) {
		case 'go': {
			// Jumping by name or Tab starts a fresh trail: Esc from a top-level screen goes home.
			const entry: ScreenEntry = {id: action.screen, params: action.params};
			const stack: ScreenEntry[] = action.screen === 'overview' ? [entry] : [{id: 'overview'}, entry];
			return {...state, stack, layers: keepFixes(state.layers)};
		}

		case 'open': {
			return {...state, stack: [...state.stack, {id: action.screen, params: action.params}], layers: keepFixes(state.layers)};
		}

		case 'back': {
			const top = topLayer(state);
			if (top?.kind === 'fixes') return state;
			if (top) return {...state, layers: state.layers.slice(0, -1)};
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
			const top = topLayer(state);
			if (action.overlay === 'none') return top && top.kind !== 'fixes' ? {...state, layers: state.layers.slice(0, -1)} : state;
			if (top?.kind === action.overlay) return state;
			return {...state, layers: [...state.layers, {kind: action.overlay}]};
		}

		case 'pick': {
			// One picker at a time: a new one takes the place of the open one.
			const top = topLayer(state);
			const under = top?.kind === 'picker' || top?.kind === 'command' ? state.layers.slice(0, -1) : state.layers;
			return {...state, layers: [...under, {kind: 'picker', picker: action.picker}]};
		}

		case 'fixes': {
			const open = state.layers.some(l => l.kind === 'fixes');
			if (action.open === open) return state;
			return {...state, layers: action.open ? [...state.layers, {kind: 'fixes'}] : state.layers.filter(l => l.kind !== 'fixes')};
		}

		case 'switched': {
			// Params name things of the old context (a service); the screen itself still makes sense.
			const screen = currentScreen(state);
			return {...state, layers: keepFixes(state.layers), stack: screen.id === 'service' || screen.id === 'deploy' ? [{id: 'overview'}] : screen.id === 'overview' ? [{id: 'overview'}] : [{id: 'overview'}, {id: screen.id}]};
		}

		case 'notify': {
			// Shown once on the status line, then kept in the list: a notice never holds a row for good.
			return {...state, notice: action.notice, notices: [...state.notices, action.notice].slice(-maxNotices)};
		}

		case 'clear-notice': {
			return state.notice === undefined ? state : {...state, notice: undefined};
		}

		case 'quit': {
			return {...state, quitting: true};
		}
	}
}
