import {afterEach, expect, it} from 'vitest';
import {keys, renderApp, type AppHarness} from '../../helpers/render.js';

// Issue 7: expired credentials show a banner, block writes, and `r` retries.

const open: AppHarness[] = [];
afterEach(() => {
	for (const h of open.splice(0)) h.unmount();
});

it('blocks a change while AWS refuses the credentials, and allows it again once they work', async () => {
	const h = renderApp({flags: {demo: true, write: true, env: 'staging', refresh: '1'}});
	open.push(h);
	await h.waitFor(f => /ACTIVE\s+\d+\/\d+\/\d+/.test(f));
	await h.press('a');
	await h.waitFor('Fixes for service');
	await h.press(keys.enter);
	await h.waitFor('y/⏎ confirm');

	// The session expires while the preview is open: the panels underneath keep polling and fail.
	h.cloud.control.setFault('credentials');
	const blocked = await h.waitFor(f => f.includes('credentials: press r to retry') && f.includes('credentials expired or missing'), 8000);
	expect(blocked).not.toContain('y/⏎ confirm');
	await h.press('y');
	await h.press(keys.enter);
	expect(h.cloud.control.calls().updateService ?? 0).toBe(0);

	// The credentials work again: the next refresh clears the banner and the change may go out.
	h.cloud.control.setFault(undefined);
	await h.waitFor(f => !f.includes('credentials: press r') && f.includes('y/⏎ confirm'), 8000);
	await h.press('y');
	await h.waitFor('✓ Done', 8000);
	expect(h.cloud.control.calls().updateService).toBe(1);
});
