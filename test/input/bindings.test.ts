import {describe, expect, it} from 'vitest';
import {findBinding} from '../../source/input/bindings.js';
import {keyLabel, keyNameOf} from '../../source/input/keys.js';
import {footerHints} from '../../source/format/key-hints.js';

const noKey = {upArrow: false, downArrow: false, leftArrow: false, rightArrow: false, pageDown: false, pageUp: false, home: false, end: false, return: false, escape: false, ctrl: false, shift: false, tab: false, backspace: false, delete: false, meta: false, super: false, hyper: false, capsLock: false, numLock: false};

describe('keys', () => {
	it('names what Ink reports', () => {
		expect(keyNameOf('', {...noKey, return: true})).toBe('enter');
		expect(keyNameOf('', {...noKey, tab: true, shift: true})).toBe('shift-tab');
		expect(keyNameOf('c', {...noKey, ctrl: true})).toBe('ctrl-c');
		expect(keyNameOf('G', noKey)).toBe('G');
		expect(keyNameOf(' ', noKey)).toBe('space');
	});

	it('labels keys for the footer and help', () => {
		expect(keyLabel(['j', 'down'])).toBe('j/↓');
		expect(keyLabel(['enter'])).toBe('⏎');
	});

	it('finds the first binding listing a key', () => {
		const handler = () => {};
		const table = [
			{keys: ['j', 'down'], description: 'down', handler},
			{keys: ['q'], description: 'quit', handler},
		];
		expect(findBinding(table, 'down')?.description).toBe('down');
		expect(findBinding(table, 'x')).toBeUndefined();
	});
});

describe('footerHints', () => {
	const hints = [
		{key: '⏎', description: 'open'},
		{key: ':', description: 'go to screen'},
		{key: 'tab', description: 'next screen'},
		{key: '?', description: 'help'},
	];

	it('keeps what fits and always keeps help', () => {
		expect(footerHints(hints, 200).map(h => h.key)).toEqual(['⏎', ':', 'tab', '?']);
		expect(footerHints(hints, 20).map(h => h.key)).toEqual(['⏎', '?']);
	});
});
