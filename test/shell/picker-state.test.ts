import {describe, expect, it} from 'vitest';
import {clusterRows, environmentRows} from '../../source/format/pick-rows.js';
import {clampedCursor, initialPickerState, pickerReducer, pickerTitle} from '../../source/shell/picker-state.js';
import {testConfig} from '../helpers/render.js';

describe('the picker reducer', () => {
	it('moves within the list and to the ends', () => {
		let state = pickerReducer(initialPickerState, {type: 'move', delta: 1, count: 3});
		expect(state.cursor).toBe(1);
		state = pickerReducer(state, {type: 'move', delta: 10, count: 3});
		expect(state.cursor).toBe(2);
		expect(pickerReducer(state, {type: 'move', delta: 1, count: 3})).toBe(state);
		expect(pickerReducer(state, {type: 'first'}).cursor).toBe(0);
		expect(pickerReducer(initialPickerState, {type: 'last', count: 5}).cursor).toBe(4);
		expect(clampedCursor(state, 1)).toBe(0);
		expect(clampedCursor(state, 0)).toBe(0);
	});

	it('titles each picker by what it picks', () => {
		expect([pickerTitle('cluster'), pickerTitle('db'), pickerTitle('env'), pickerTitle('profile')]).toEqual(['Pick a cluster', 'Pick a database', 'Pick an environment', 'Pick a profile']);
	});
});

describe('picker rows', () => {
	it('lists clusters by active services, with counts, sanitized', () => {
		const rows = clusterRows(
			[
				{name: 'small', arn: 'a', status: 'ACTIVE', activeServicesCount: 1, runningTasksCount: 1, pendingTasksCount: 0},
				{name: 'big\u001B[2J', arn: 'b', status: 'ACTIVE', activeServicesCount: 12, runningTasksCount: 30, pendingTasksCount: 2},
				{name: 'gone', arn: 'c', status: 'INACTIVE', activeServicesCount: 0, runningTasksCount: 0, pendingTasksCount: 0},
			],
			'small',
		);
		expect(rows.map(r => r.value)).toEqual(['big\u001B[2J', 'small', 'gone']);
		expect(rows[0]?.label).not.toContain('\u001B');
		expect(rows[0]?.detail).toBe('12 active services  30 running tasks  2 pending');
		expect(rows[1]).toMatchObject({detail: '1 active service  1 running task', current: true});
		expect(rows[2]?.detail).toContain('INACTIVE');
	});

	it('lists the demo environments with the production rule marked', () => {
		const rows = environmentRows(testConfig({demo: true}), ['production', 'staging']);
		expect(rows).toEqual([
			{value: 'production', label: 'production', detail: 'simulated  production rules', current: true},
			{value: 'staging', label: 'staging', detail: 'simulated', current: false},
		]);
	});
});

describe('the shell with a picker', () => {
	it('opens the picker as a layer, and a switch closes it and keeps the screen', async () => {
		const {initialShellState, overlayOf, shellReducer} = await import('../../source/shell/shell-state.js');
		let state = shellReducer(initialShellState('overview'), {type: 'go', screen: 'logs'});
		state = shellReducer(state, {type: 'pick', picker: 'cluster'});
		expect(state.layers).toEqual([{kind: 'picker', picker: 'cluster'}]);
		// Another picker takes its place rather than stacking on it.
		expect(shellReducer(state, {type: 'pick', picker: 'db'}).layers).toEqual([{kind: 'picker', picker: 'db'}]);
		const back = shellReducer(state, {type: 'back'});
		expect(overlayOf(back)).toBe('none');
		const switched = shellReducer(state, {type: 'switched'});
		expect(switched).toMatchObject({layers: [], stack: [{id: 'overview'}, {id: 'logs'}]});
		// A service of the old context means nothing in the new one: back to the overview.
		const detail = shellReducer(initialShellState('overview'), {type: 'open', screen: 'service', params: {name: 'x'}});
		expect(shellReducer(detail, {type: 'switched'}).stack).toEqual([{id: 'overview'}]);
	});
});
