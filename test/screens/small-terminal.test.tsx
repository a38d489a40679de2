import stringWidth from 'string-width';
import {afterEach, describe, expect, it} from 'vitest';
import {keys, manualClock, renderApp, type AppHarness} from '../helpers/render.js';
import {goTo, settle} from './go-to.js';

let app: AppHarness | undefined;
afterEach(() => app?.unmount());

function fits(frame: string, columns: number, rows: number) {
	if (process.env.SHOW_FRAMES) console.log(frame);
	const all = frame.split('\n');
	expect(all.length).toBeLessThanOrEqual(rows);
	for (const line of all) expect(stringWidth(line)).toBeLessThanOrEqual(columns);
}

describe('the chart screens at the smallest supported terminal (60x20)', () => {
	it('metrics, alarms with detail, database and service detail all fit', async () => {
		app = renderApp({now: manualClock().now, flags: {demo: true, refresh: '3600'}, size: {columns: 60, rows: 20}});
		await app.waitFor('supervisor');
		await goTo(app, 'metrics');
		fits(await app.waitFor(f => f.includes('DB CPU') && f.includes('now ') && !f.includes('loading…')), 60, 20);
		await goTo(app, 'alarms');
		await app.waitFor('ACSO-HighMemory');
		await settle();
		await app.press(keys.enter);
		// The detail of whichever alarm is first (its history may be below the fold at this size).
		fits(await app.waitFor(/^condition /m), 60, 20);
		await goTo(app, 'db');
		fits(await app.waitFor(f => f.includes('engine ') && f.includes('now ')), 60, 20);
		await goTo(app, 'services');
		await app.waitFor(/SERVICE +STATUS/);
		await settle();
		await app.press(keys.enter);
		fits(await app.waitFor(f => f.includes('TASKS') && f.includes('EVENTS')), 60, 20);
	});
});
