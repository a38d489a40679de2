import {describe, expect, it} from 'vitest';
import {currentScreen, initialShellState, overlayOf, shellReducer, topLayer} from '../../source/shell/shell-state.js';
import {completeCommand, findCommand, tabOrder} from '../../source/shell/screen-ids.js';

describe('shellReducer', () => {
	it('goes to a screen with overview behind it, and Esc returns there', () => {
		let s = shellReducer(initialShellState(), {type: 'go', screen: 'logs'});
		expect(currentScreen(s).id).toBe('logs');
		s = shellReducer(s, {type: 'back'});
		expect(currentScreen(s).id).toBe('overview');
		expect(shellReducer(s, {type: 'back'})).toBe(s);
	});

	it('opens a detail on top of the current screen', () => {
		let s = shellReducer(initialShellState(), {type: 'go', screen: 'services'});
		s = shellReducer(s, {type: 'open', screen: 'service', params: {name: 'acso-production-supervisor'}});
		expect(currentScreen(s)).toEqual({id: 'service', params: {name: 'acso-production-supervisor'}});
		expect(currentScreen(shellReducer(s, {type: 'back'})).id).toBe('services');
	});

	it('Esc closes an overlay before leaving the screen', () => {
		let s = shellReducer(initialShellState('alarms'), {type: 'overlay', overlay: 'help'});
		s = shellReducer(s, {type: 'back'});
		expect(overlayOf(s)).toBe('none');
		expect(currentScreen(s).id).toBe('alarms');
	});

	it('stacks help over the fix panels over the screen, and Esc unstacks one layer at a time', () => {
		let s = shellReducer(initialShellState('overview'), {type: 'fixes', open: true});
		s = shellReducer(s, {type: 'overlay', overlay: 'help'});
		expect(s.layers).toEqual([{kind: 'fixes'}, {kind: 'help'}]);
		expect(topLayer(s)).toEqual({kind: 'help'});
		s = shellReducer(s, {type: 'back'});
		expect(overlayOf(s)).toBe('fixes');
		// The fix panels close themselves (their own Esc); the screen's Esc does not pull them away.
		expect(shellReducer(s, {type: 'back'})).toBe(s);
		expect(shellReducer(s, {type: 'go', screen: 'logs'}).layers).toEqual([{kind: 'fixes'}]);
		expect(shellReducer(s, {type: 'fixes', open: false}).layers).toEqual([]);
	});

	it('Tab and Shift-Tab cycle through every top-level screen and wrap', () => {
		let s = initialShellState();
		const seen: string[] = [];
		for (const _ of tabOrder) {
			s = shellReducer(s, {type: 'cycle', step: 1});
			seen.push(currentScreen(s).id);
		}
		expect(seen).toEqual([...tabOrder.slice(1), 'overview']);
		expect(currentScreen(shellReducer(initialShellState(), {type: 'cycle', step: -1})).id).toBe(tabOrder[tabOrder.length - 1]);
	});

	it('Tab from service detail continues after services', () => {
		const s = shellReducer(initialShellState(), {type: 'open', screen: 'service', params: {name: 'x'}});
		expect(currentScreen(shellReducer(s, {type: 'cycle', step: 1})).id).toBe('metrics');
	});

	it('navigating closes any overlay', () => {
		const s = shellReducer(shellReducer(initialShellState(), {type: 'overlay', overlay: 'command'}), {type: 'go', screen: 'db'});
		expect(overlayOf(s)).toBe('none');
	});
});

describe('command line', () => {
	it('finds screens by name, alias and unique prefix', () => {
		expect(findCommand(':logs')).toMatchObject({ok: true, command: {screen: 'logs'}});
		expect(findCommand('rds')).toMatchObject({ok: true, command: {screen: 'db'}});
		expect(findCommand('ru')).toMatchObject({ok: true, command: {screen: 'runbooks'}});
		expect(findCommand('q')).toMatchObject({ok: true, command: {quit: true}});
	});

	it('explains unknown commands', () => {
		const unknown = findCommand('bogus');
		expect(unknown).toMatchObject({ok: false});
		expect(!unknown.ok && unknown.error).toContain('unknown command :bogus');
		expect(findCommand('')).toMatchObject({ok: false});
	});

	it('completes from what was typed', () => {
		expect(completeCommand('')).toContain('overview');
		expect(completeCommand('a')).toEqual(['alarms']);
		expect(completeCommand('zz')).toEqual([]);
	});
});

describe('unshadowed global bindings', () => {
	it('drops the global keys a screen takes for itself', async () => {
		const {unshadowed} = await import('../../source/shell/screen-host.js');
		const handler = () => {};
		const global = [
			{keys: ['w'], description: 'deployment watches', handler},
			{keys: ['q', 'ctrl-c'], description: 'quit', handler},
			{keys: ['?'], description: 'help', handler},
		];
		const screen = [{keys: ['w'], description: 'wrap long lines', handler}, {keys: ['q'], description: 'something else', handler}];
		expect(unshadowed(global, screen).map(b => [b.keys, b.description])).toEqual([
			[['ctrl-c'], 'quit'],
			[['?'], 'help'],
		]);
	});
});
