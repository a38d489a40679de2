import {afterEach, describe, expect, it} from 'vitest';
import {renderApp, type AppHarness} from '../helpers/render.js';
import {goTo} from './go-to.js';

const open: AppHarness[] = [];
afterEach(() => {
	for (const h of open.splice(0)) h.unmount();
});

describe('notices', () => {
	it('take the status row only while shown, then collapse to a count in the header; :notices lists them', async () => {
		const h = renderApp({size: {columns: 140, rows: 30}});
		open.push(h);
		await h.waitFor('DATABASE acso-production-db');
		// The row under the header is the screen's when there is nothing to say.
		const rowsBefore = h.lastFrame().split('\n');
		expect(rowsBefore[1]).toMatch(/^SERVICE/);
		await goTo(h, 'nope');
		let frame = await h.waitFor(f => f.split('\n')[1]?.includes('unknown') === true || /no screen|not a/.test(f.split('\n')[1] ?? ''));
		expect(frame.split('\n')[0]).toContain('1 notice (:notices)');
		// After the notice's time on the status line, the row is the screen's again.
		frame = await h.waitFor(f => /^SERVICE/.test(f.split('\n')[1] ?? ''), 12_000);
		expect(frame.split('\n')[0]).toContain('1 notice (:notices)');
		await goTo(h, 'notices');
		frame = await h.waitFor('NOTICES  1 this session');
		expect(frame).toMatch(/\d\d:\d\d:\d\d WARN {2}/);
	}, 30_000);
});
