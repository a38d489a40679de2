// Terminal state that xterm's public API does not expose but the layer and tests need: whether the
// cursor is hidden (DECTCEM, `CSI ? 25 l`), and the input modes an app may switch on through Ink's
// stdout (mouse reporting, bracketed paste...), which the layer must pass on to the real terminal.
import type {Terminal} from './emulator.js';

export const CURSOR_MODE = 25;
/** DEC private modes that belong to the app, not to the drawing: forwarded as they are set. */
export const PASSTHROUGH_MODES: ReadonlySet<number> = new Set([
	1, // application cursor keys
	1000, 1002, 1003, 1005, 1006, 1015, 1016, // mouse reporting and its encodings
	1004, // focus in/out events
	1007, // alternate scroll
	2004, // bracketed paste
]);

const PRIVATE_MODES = /\u001B\[\?([\d;]+)([hl])/g;

/**
 * The DEC private modes `text` sets and resets, in order: for bytes that reach a terminal without
 * passing through an emulator (a sequence cut between two writes is not seen).
 */
export function privateModesIn(text: string): Array<[mode: number, on: boolean]> {
	const changes: Array<[number, boolean]> = [];
	for (const [, params, final] of text.matchAll(PRIVATE_MODES)) {
		for (const param of params!.split(';')) if (param !== '') changes.push([Number(param), final === 'h']);
	}

	return changes;
}

export interface ModeTracker {
	readonly cursorHidden: boolean;
	/** The last state set for each passthrough mode the app touched. */
	readonly passthrough: ReadonlyMap<number, boolean>;
	/** Called after every bell (BEL) the terminal receives. */
	onBell(listener: () => void): void;
	dispose(): void;
}

export function trackModes(terminal: Terminal, initial: {cursorHidden?: boolean} = {}): ModeTracker {
	let cursorHidden = initial.cursorHidden ?? false;
	const passthrough = new Map<number, boolean>();
	const bellListeners: Array<() => void> = [];

	const setModes = (params: ReadonlyArray<number | number[]>, on: boolean): boolean => {
		for (const param of params) {
			if (typeof param !== 'number') continue;
			if (param === CURSOR_MODE) cursorHidden = !on;
			if (PASSTHROUGH_MODES.has(param)) passthrough.set(param, on);
		}

		return false; // let xterm apply the mode too
	};

	const fullReset = (): boolean => {
		cursorHidden = false;
		for (const mode of passthrough.keys()) passthrough.set(mode, false);
		return false;
	};

	// A soft reset shows the cursor and resets cursor keys, but leaves mouse and paste modes alone.
	const softReset = (): boolean => {
		cursorHidden = false;
		if (passthrough.has(1)) passthrough.set(1, false);
		return false;
	};

	const disposables = [
		terminal.parser.registerCsiHandler({prefix: '?', final: 'h'}, params => setModes(params, true)),
		terminal.parser.registerCsiHandler({prefix: '?', final: 'l'}, params => setModes(params, false)),
		terminal.parser.registerEscHandler({final: 'c'}, fullReset), // RIS, full reset
		terminal.parser.registerCsiHandler({intermediates: '!', final: 'p'}, softReset), // DECSTR, soft reset
		terminal.onBell(() => {
			for (const listener of bellListeners) listener();
		}),
	];

	return {
		get cursorHidden() {
			return cursorHidden;
		},
		passthrough,
		onBell(listener) {
			bellListeners.push(listener);
		},
		dispose() {
			for (const disposable of disposables) disposable.dispose();
		},
	};
}
