import stringWidth from 'string-width';
import {afterEach, describe, expect, it} from 'vitest';
import {manualClock, renderApp, type AppHarness} from '../helpers/render.js';
import {goTo, settle} from './go-to.js';

let app: AppHarness | undefined;
afterEach(() => app?.unmount());

// A refresh interval longer than any test: every getMetricData call counted is one the screen
// made for a reason other than its timer.
const slow = {demo: true, refresh: '3600'};

async function openMetrics(size = {columns: 110, rows: 34}) {
	app = renderApp({now: manualClock().now, flags: slow, size});
	await app.waitFor('supervisor');
	await goTo(app, 'metrics');
	await app.waitFor(f => /◀ .+ ▶ 1\/5/.test(f) && f.includes('DB freeable memory') && f.includes('now ') && !f.includes('loading…'));
	return app;
}

async function selectService(h: AppHarness, short: string) {
	for (let i = 0; i < 6 && !h.lastFrame().includes(`◀ ${short} ▶`); i++) await h.press('j');
	return h.waitFor(`◀ ${short} ▶`);
}

describe('metrics screen', () => {
	it('charts the chosen service with its alarm threshold, and the database', async () => {
		const h = await openMetrics();
		const frame = await selectService(h, 'supervisor');
		await h.waitFor('supervisor memory');
		expect(h.lastFrame()).toMatch(/supervisor memory +┄ ACSO-HighMemory > 85 ALARM/);
		expect(h.lastFrame()).toMatch(/supervisor CPU +┄ ACSO-HighCPU > 80 OK/);
		// The threshold is drawn as a dashed line on the chart, with the axis labels and now/max/min.
		expect(h.lastFrame()).toMatch(/^ *\d+%[┤┼].*┄{5}/m);
		expect(h.lastFrame()).toMatch(/now \d+\.\d%/);
		expect(frame).toContain('DB CPU');
		expect(frame).toContain('DB connections');
	});

	it('switches service with j/k and ←/→ without another GetMetricData call', async () => {
		const h = await openMetrics();
		const before = h.cloud.control.calls().getMetricData ?? 0;
		expect(before).toBeGreaterThanOrEqual(1);
		await h.press('j');
		await h.waitFor('◀ incident-response ▶ 2/5');
		await h.press('\u001B[C');
		await h.waitFor('◀ service-orchestration ▶ 3/5');
		await h.press('k');
		await h.waitFor('◀ incident-response ▶ 2/5');
		await h.press('\u001B[D');
		await h.waitFor('◀ financial-intelligence ▶ 1/5');
		// Every service came in the one batch.
		expect(h.cloud.control.calls().getMetricData ?? 0).toBe(before);
	});

	it('makes one GetMetricData call per refresh, for every service and the database', async () => {
		const h = await openMetrics();
		const before = h.cloud.control.calls().getMetricData ?? 0;
		const servicesBefore = h.cloud.control.calls().describeServices ?? 0;
		await h.press('r');
		await h.waitFor(() => (h.cloud.control.calls().getMetricData ?? 0) > before);
		// The services list refreshed too; equal queries keep the batch as it was.
		await h.waitFor(() => (h.cloud.control.calls().describeServices ?? 0) > servicesBefore);
		await settle();
		expect(h.cloud.control.calls().getMetricData).toBe(before + 1);
	});

	it('switches the window with 1-4, choosing a coarser period for a longer window', async () => {
		const h = await openMetrics();
		expect(h.lastFrame()).toContain('window 15m [1h] 3h 24h (1-4)');
		await h.press('4');
		const frame = await h.waitFor(f => f.includes('[24h]') && !f.includes('loading…'));
		expect(frame).toMatch(/period (30m|1h)/);
		await h.press('1');
		expect(await h.waitFor('window [15m] 1h')).toMatch(/period 1m/);
	});

	it('resizes its charts with the terminal, never wider than it', async () => {
		const h = await openMetrics();
		await h.resize(80, 24);
		const frame = await h.waitFor(f => f.split('\n').length <= 24 && f.includes('DB CPU') && !f.includes('loading…'));
		for (const line of frame.split('\n')) expect(stringWidth(line)).toBeLessThanOrEqual(80);
		await h.resize(150, 40);
		const wide = await h.waitFor(f => /DB CPU +.*DB connections +.*DB freeable memory/.test(f));
		for (const line of wide.split('\n')) expect(stringWidth(line)).toBeLessThanOrEqual(150);
	});

	it('lists its keys in ? help', async () => {
		const h = await openMetrics();
		const help = await h.press('?');
		expect(help).toContain('next service');
		expect(help).toContain('charts: last 24h');
		expect(help).toMatch(/j\/→\/l +next service/);
	});
});
