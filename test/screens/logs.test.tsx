import {afterEach, describe, expect, it} from 'vitest';
import {keys, renderApp, type AppHarness} from '../helpers/render.js';

const open: AppHarness[] = [];
afterEach(() => {
	for (const h of open.splice(0)) h.unmount();
});

function logs(options: Parameters<typeof renderApp>[0] = {}) {
	const h = renderApp({initialScreen: 'logs', ...options});
	open.push(h);
	return h;
}

describe('the logs screen on the simulated account', () => {
	it('shows an ERROR line the account emits within two refresh intervals (the demo refreshes every 2 s)', async () => {
		const h = logs();
		await h.waitFor('following');
		const marker = `marker-${Date.now()}`;
		h.cloud.control.emitLog('production', `ERROR [supervisor] ${marker} workflow failed`);
		const frame = await h.waitFor(marker, 4500);
		expect(frame).toMatch(new RegExp(`ERROR.*${marker}`));
	});

	it('keeps INFO lines out under the default error filter, and shows them with an empty pattern', async () => {
		const h = logs();
		await h.waitFor('following');
		const marker = `info-${Date.now()}`;
		h.cloud.control.emitLog('production', `INFO [supervisor] ${marker} heartbeat`);
		h.cloud.control.emitLog('production', `ERROR [supervisor] after-${marker}`);
		await h.waitFor(`after-${marker}`, 4500);
		expect(h.lastFrame()).not.toContain(`${marker} heartbeat`);
		await h.press('/');
		for (let i = 0; i < 20; i++) await h.press('\u007F');
		await h.press(keys.enter);
		await h.waitFor(`${marker} heartbeat`, 6000);
	});

	it('draws hostile lines as visible escapes', async () => {
		const h = logs();
		await h.waitFor('following');
		h.cloud.control.emitLog('production', 'ERROR \u001B]0;PWNED\u0007 \u001B[2J \u202Eexe');
		const frame = await h.waitFor('PWNED', 4500);
		expect(frame).toContain('\\x1b]0;PWNED\\x07');
		expect(frame).toContain('<U+202E>');
		expect(frame).not.toMatch(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/);
	});

	it('checks the pattern as it is typed: the error points at the position, and ERROR OR FATAL is explained', async () => {
		const h = logs();
		await h.waitFor('following');
		await h.press('/');
		for (let i = 0; i < 20; i++) await h.press('\u007F');
		await h.type('{ $.level = ');
		let frame = h.lastFrame();
		expect(frame).toMatch(/\^/);
		await h.press(keys.enter); // refused: the pattern stays open for editing
		expect(h.lastFrame()).toContain('{ $.level =');
		for (let i = 0; i < 20; i++) await h.press('\u007F');
		frame = await h.type('ERROR OR FATAL');
		expect(frame).toContain('did you mean ?ERROR ?FATAL');
		await h.press(keys.tab);
		frame = await h.press(keys.enter);
		expect(frame).toContain('▶ following ?ERROR ?FATAL');
	});

	it('pauses, scrolls and follows again; its keys are all in ? help', async () => {
		const h = logs();
		await h.waitFor(/\d\d:\d\d:\d\d (ERROR|FATAL)/, 6000);
		expect(await h.press('f')).toContain('⏸ paused');
		await h.press('k', 'k', 'g');
		expect(await h.press('G')).toContain('▶ following');
		const help = await h.press('?');
		for (const text of ['edit the filter pattern', 'pause', 'history window', 'wrap long lines', 'pretty JSON', 'save the buffered lines', 'copy the selected line', 'oldest line']) {
			expect(help).toContain(text);
		}
	});
});

describe('the logs of one service', () => {
	it('opens from the overview with l on a service row and shows only that service; n narrows to a task', async () => {
		const h = renderApp({});
		open.push(h);
		await h.waitFor(/financial-intelligence.*ACTIVE/);
		// The first row is financial-intelligence, which logs to a group of its own.
		await h.press('l');
		const frame = await h.waitFor(f => f.includes('· service financial-intelligence ·') && /\d\d:\d\d:\d\d ERROR financial-intell/.test(f), 8000);
		const rows = frame.split('\n').filter(r => /^\d\d:\d\d:\d\d (ERROR|FATAL) /.test(r));
		expect(rows.length).toBeGreaterThan(0);
		for (const row of rows) expect(row).toMatch(/^\d\d:\d\d:\d\d (ERROR|FATAL) financial-intell/);
		await h.press('n');
		await h.waitFor(/· task [0-9a-f]{8} of financial-intelligence ·/);
	});
});
