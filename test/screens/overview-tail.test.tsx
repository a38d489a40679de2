import {afterEach, describe, expect, it} from 'vitest';
import {keys, renderApp, type AppHarness} from '../helpers/render.js';

const open: AppHarness[] = [];
afterEach(() => {
	for (const h of open.splice(0)) h.unmount();
});

const errorRow = /^\d\d:\d\d:\d\d[ ↑](ERROR|FATAL) /;

describe('the overview as the incident dashboard', () => {
	it('tails the newest error lines below the services, each naming its service, newest at the bottom', async () => {
		const h = renderApp({size: {columns: 120, rows: 40}});
		open.push(h);
		const marker = `tail-${Date.now()}`;
		await h.waitFor(f => f.split('\n').filter(r => errorRow.test(r)).length >= 5, 10_000);
		h.cloud.control.emitLog('production', `ERROR [threat-hunter] ${marker} scan failed`, 'threat-hunter');
		const frame = await h.waitFor(marker, 8000);
		const rows = frame.split('\n');
		const tail = rows.filter(r => errorRow.test(r));
		expect(tail.length).toBeGreaterThanOrEqual(5);
		// The line has its service before the message, the level once; the newest lines are at the bottom.
		expect(tail.find(r => r.includes(marker))).toMatch(new RegExp(`^\\d\\d:\\d\\d:\\d\\d.ERROR threat-hunter\\b.*\\[threat-hunter\\] ${marker}`));
		const times = tail.map(r => r.slice(0, 8));
		expect([...times].sort()).toEqual(times);
		for (const row of tail) expect(row).not.toMatch(/(ERROR|FATAL)\s+\S*\s*\1 /);
		// Every service, the alarms and the database are still there.
		for (const service of ['supervisor', 'threat-hunter', 'incident-response', 'service-orchestration', 'financial-intelligence']) expect(frame).toContain(service);
		expect(frame).toMatch(/^ALARMS /m);
		expect(frame).toMatch(/^DATABASE acso-production-db/m);
		// Few blank rows: the tail fills what the services leave.
		expect(rows.filter(r => r.trim() === '').length).toBeLessThanOrEqual(3);
	});

	it('selects a line with e and opens it on the logs screen with Enter', async () => {
		const h = renderApp({size: {columns: 120, rows: 40}});
		open.push(h);
		const marker = `open-${Date.now()}`;
		await h.waitFor(f => f.split('\n').some(r => errorRow.test(r)), 10_000);
		h.cloud.control.emitLog('production', `ERROR [supervisor] ${marker} workflow failed`, 'supervisor');
		await h.waitFor(marker, 8000);
		await h.press('e');
		await h.waitFor('open the line on the logs screen');
		await h.press(keys.enter);
		const logs = await h.waitFor(f => f.includes('│ Logs') && f.includes('⏸ paused') && f.includes(marker), 8000);
		// The selected (inverse) row is the line that was picked.
		expect(logs).toContain(marker);
	});

	it('at 80x24 still shows every service and at least three error lines', async () => {
		const h = renderApp({size: {columns: 80, rows: 24}});
		open.push(h);
		const frame = await h.waitFor(f => f.split('\n').filter(r => errorRow.test(r)).length >= 3, 10_000);
		for (const service of ['supervisor', 'threat-hunter', 'incident-response']) expect(frame).toContain(service);
	});
});
