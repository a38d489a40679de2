import {afterEach, describe, expect, it} from 'vitest';
import {matchesFilter} from '../../source/format/list-filter.js';
import {initialListFilter, listFilterReducer} from '../../source/screens/list-filter.js';
import {keys, renderApp, type AppHarness} from '../helpers/render.js';

const open: AppHarness[] = [];
afterEach(() => {
	for (const h of open.splice(0)) h.unmount();
});

describe('the / filter of a list', () => {
	it('matches every word, in any case', () => {
		expect(matchesFilter('threat-hunter', 'HUNT')).toBe(true);
		expect(matchesFilter('threat-hunter', 'threat hunt')).toBe(true);
		expect(matchesFilter('threat-hunter', 'threat supervisor')).toBe(false);
		expect(matchesFilter('anything', '  ')).toBe(true);
	});

	it('edits, keeps and clears', () => {
		let state = listFilterReducer(initialListFilter, {type: 'edit'});
		state = listFilterReducer(state, {type: 'type', text: ' sup '});
		expect(listFilterReducer(state, {type: 'keep'})).toEqual({editing: false, text: 'sup'});
		expect(listFilterReducer(state, {type: 'clear'})).toEqual(initialListFilter);
	});

	it('narrows the services screen by name as it is typed; Esc clears it', async () => {
		const h = renderApp({initialScreen: 'services'});
		open.push(h);
		await h.waitFor('threat-hunter');
		await h.press('/');
		await h.type('hunt');
		let frame = await h.waitFor(f => !f.includes('supervisor') && f.includes('threat-hunter'));
		expect(frame).toContain('/hunt');
		await h.press(keys.enter);
		frame = await h.waitFor('(Esc clears)');
		expect(frame).not.toContain('incident-response');
		await h.press(keys.esc);
		await h.waitFor(f => f.includes('supervisor') && f.includes('incident-response') && f.includes('│ Services'));
	});

	it('narrows the alarms screen by name', async () => {
		const h = renderApp({initialScreen: 'alarms'});
		open.push(h);
		await h.waitFor('ACSO-HighCPU');
		await h.press('/');
		await h.type('memory');
		const frame = await h.waitFor(f => f.includes('ACSO-HighMemory') && !f.includes('ACSO-HighCPU'));
		expect(frame).not.toContain('orchestration-queue-backlog');
	});
});
