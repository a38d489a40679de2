import {afterEach, describe, expect, it} from 'vitest';
import {keys, manualClock, renderApp, type AppHarness} from '../helpers/render.js';
import {goTo, settle} from './go-to.js';

let app: AppHarness | undefined;
afterEach(() => app?.unmount());

/** Opens a service's detail the way an engineer does: :services, move to it, Enter. */
async function openService(short: string, env = 'production') {
	app = renderApp({now: manualClock().now, flags: {demo: true, refresh: '3600', env}, size: {columns: 120, rows: 40}});
	await app.waitFor('supervisor');
	await goTo(app, 'services');
	await app.waitFor(/SERVICE +STATUS/);
	await settle();
	const order = ['financial-intelligence', 'incident-response', 'service-orchestration', 'supervisor', 'threat-hunter'];
	for (let i = 0; i < order.indexOf(short); i++) await app.press('j');
	await app.press(keys.enter);
	await app.waitFor(`Service · ${short}`);
	await app.waitFor(f => f.includes('TASKS') && f.includes('now ') && !f.includes('loading…'));
	return app;
}

const lines = (frame: string) => frame.split('\n');

describe('service detail screen', () => {
	it('shows deployments with the task definition size, tasks and events', async () => {
		const h = await openService('supervisor');
		const frame = h.lastFrame();
		expect(frame).toMatch(/^supervisor {2}ACTIVE {2}running \d+\/\d+/m);
		expect(frame).toMatch(/^PRIMARY +\S+ +\d+\/\d+\/\d+ +\d+ +acso-production-supervisor:\d+ +[\d.]+ vCPU · [\d.]+ GiB/m);
		expect(frame).toMatch(/EVENTS \(e\) +newest first/);
		expect(frame).toMatch(/^\S+ +\(service acso-production-supervisor\)/m);
		// Its own small charts, with the alarm on memory.
		expect(frame).toMatch(/memory · 1h +┄ ACSO-HighMemory > 85 ALARM/);
	});

	it('lists out-of-memory stops first, marked, and the reason in full below', async () => {
		const h = await openService('supervisor');
		const frame = h.lastFrame();
		const all = lines(frame);
		const header = all.findIndex(l => /TASK +STATUS +HEALTH +REV +AGE +STOP CODE +REASON/.test(l));
		expect(all[header + 1]).toMatch(/^! \S{8} STOPPED .*OutOfMemory/);
		expect(frame).toMatch(/failed: see the red rows/);
		// The selected (first) task's whole reason is spelled out under the list.
		expect(frame).toMatch(/^▸ \S{8}: .*OutOfMemoryError: Container killed due to memory usage/m);
	});

	it('puts CannotPullContainerError first for the staging threat-hunter', async () => {
		const h = await openService('threat-hunter', 'staging');
		const all = lines(h.lastFrame());
		const header = all.findIndex(l => /TASK +STATUS +HEALTH/.test(l));
		expect(all[header + 1]).toMatch(/^! \S{8} STOPPED .*CannotPullContainerError/);
		expect(h.lastFrame()).toMatch(/CannotPullContainerError/);
	});

	it('moves focus between sections and scrolls the focused one', async () => {
		const h = await openService('supervisor');
		expect(h.lastFrame()).toMatch(/▶ TASKS \(t\)/);
		await h.press('e');
		await h.waitFor(/▶ EVENTS \(e\)/);
		const before = h.lastFrame();
		await h.press('j', 'j', 'j', 'j', 'j', 'j', 'j', 'j', 'j', 'j');
		await h.waitFor(f => f !== before && /EVENTS \(e\) +newest first ▲\d+/.test(f));
		await h.press('d');
		await h.waitFor(/▶ DEPLOYMENTS \(d\)/);
		await h.press('\u001B[C');
		await h.waitFor(/▶ TASKS \(t\)/);
	});

	it('goes back to the services list with Esc', async () => {
		const h = await openService('supervisor');
		await h.press(keys.esc);
		await h.waitFor(f => /SERVICE +STATUS/.test(f) && !f.includes('Service · '));
	});

	it('lists its keys in ? help', async () => {
		const h = await openService('supervisor');
		const help = await h.press('?');
		expect(help).toMatch(/t +focus tasks/);
		expect(help).toMatch(/j\/↓ +next row of the focused section/);
		expect(help).toMatch(/4 +charts: last 24h/);
	});

	it('says what is wrong when opened without a service name', async () => {
		app = renderApp({now: manualClock().now, flags: {demo: true, refresh: '3600'}, size: {columns: 100, rows: 30}, initialScreen: 'service'});
		await app.waitFor('no service given: open one with Enter on the services screen');
	});
});
