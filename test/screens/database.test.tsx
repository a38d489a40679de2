import {afterEach, describe, expect, it} from 'vitest';
import {manualClock, renderApp, type AppHarness} from '../helpers/render.js';
import {goTo} from './go-to.js';

let app: AppHarness | undefined;
afterEach(() => app?.unmount());

async function openDatabase(flags: Record<string, unknown> = {}) {
	app = renderApp({now: manualClock().now, flags: {demo: true, refresh: '3600', ...flags}, size: {columns: 120, rows: 34}});
	await app.waitFor('supervisor');
	await goTo(app, 'db');
	await app.waitFor(f => f.includes('engine ') && f.includes('now ') && !f.includes('loading…'));
	return app;
}

describe('database screen', () => {
	it('shows the instance and its CPU, connections and freeable memory charts', async () => {
		const h = await openDatabase();
		const frame = h.lastFrame();
		expect(frame).toMatch(/^acso-production-db {2}available {3}class db\.t3\.medium/m);
		expect(frame).toMatch(/^engine postgres \S+ {3}storage \d+ GiB \S+ {3}Multi-AZ yes/m);
		expect(frame).toMatch(/^endpoint acso-production-db\.\S+:5432/m);
		expect(frame).toMatch(/DB CPU +.*DB connections +.*DB freeable memory/);
		// Freeable memory reads in bytes, with the axis in the same unit.
		expect(frame).toMatch(/now \d+(\.\d)? [MG]iB/);
		expect(frame).toMatch(/\d+(\.\d+)? [MG]iB┤/);
	});

	it('draws the alarm on database connections', async () => {
		const h = await openDatabase();
		expect(h.lastFrame()).toMatch(/DB connections +┄ ACSO-HighDB/);
	});

	it('switches the window with 1-4', async () => {
		const h = await openDatabase();
		await h.press('3');
		expect(await h.waitFor('window 15m 1h [3h] 24h')).toMatch(/period \d+m/);
	});

	it('shows the staging database, Multi-AZ off', async () => {
		const h = await openDatabase({env: 'staging'});
		expect(h.lastFrame()).toMatch(/^acso-staging-db /m);
		expect(h.lastFrame()).toMatch(/Multi-AZ no/);
	});

	it('says why when the database cannot be read', async () => {
		const h = await openDatabase();
		h.cloud.control.setFault('denied');
		await h.press('r');
		const frame = await h.waitFor(f => /STALE|denied/.test(f));
		// The last good data stays on screen, marked stale.
		expect(frame).toContain('acso-production-db');
		h.cloud.control.setFault(undefined);
	});

	it('lists its keys in ? help', async () => {
		const h = await openDatabase();
		expect(await h.press('?')).toMatch(/1 +charts: last 15m/);
	});
});
