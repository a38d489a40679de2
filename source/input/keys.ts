import type {Key} from 'ink';

// Key names as they appear in bindings, the footer and `?` help. One vocabulary, so the table that
// handles a key is the table that documents it.
export type KeyName =
	| 'enter'
	| 'esc'
	| 'tab'
	| 'shift-tab'
	| 'up'
	| 'down'
	| 'left'
	| 'right'
	| 'pageup'
	| 'pagedown'
	| 'home'
	| 'end'
	| 'backspace'
	| 'ctrl-c'
	| 'ctrl-d'
	| 'ctrl-u'
	| 'ctrl-l'
	| 'space'
	| string; // a printable character: 'q', '?', ':', 'G', '/'

/** The name of the key Ink reported, or undefined for input we have no name for. */
export function keyNameOf(input: string, key: Key): KeyName | undefined {
	if (key.ctrl && input.length === 1 && /[a-z]/i.test(input)) return `ctrl-${input.toLowerCase()}`;
	if (key.return) return 'enter';
	if (key.escape) return 'esc';
	if (key.tab) return key.shift ? 'shift-tab' : 'tab';
	if (key.upArrow) return 'up';
	if (key.downArrow) return 'down';
	if (key.leftArrow) return 'left';
	if (key.rightArrow) return 'right';
	if (key.pageUp) return 'pageup';
	if (key.pageDown) return 'pagedown';
	if (key.home) return 'home';
	if (key.end) return 'end';
	if (key.backspace || key.delete) return 'backspace';
	if (input === ' ') return 'space';
	if (input.length === 1 && !key.meta) return input;
	return undefined;
}

const labels: Record<string, string> = {
	enter: '⏎',
	esc: 'esc',
	tab: 'tab',
	'shift-tab': 'S-tab',
	up: '↑',
	down: '↓',
	left: '←',
	right: '→',
	pageup: 'PgUp',
	pagedown: 'PgDn',
	space: 'space',
};

/** How a key is shown to the engineer: `j/↓`, `⏎`, `ctrl-c`. */
export function keyLabel(keys: readonly KeyName[]): string {
	return keys.map(k => labels[k] ?? k).join('/');
}
