import {afterEach, describe, expect, it} from 'vitest';
import {CloudError} from '../../source/port/errors.js';
import {keys, manualClock, renderApp, type AppHarness} from '../helpers/render.js';
import {goTo} from './go-to.js';

let app: AppHarness | undefined;
afterEach(() => app?.unmount());

async function openAlarms() {
	app = renderApp({now: manualClock().now, flags: {demo: true, refresh: '3600'}, size: {columns: 110, rows: 34}});
	await app.waitFor('supervisor');
	await goTo(app, 'alarms');
	await app.waitFor('ACSO-HighMemory');
	return app;
}

const rowOf = (frame: string, name: string) => frame.split('\n').find(l => l.includes(name)) ?? '';

describe('alarms screen', () => {
	it('lists every alarm of the environment, ALARM first, with metric, threshold and reason', async () => {
		const h = await openAlarms();
		const lines = h.lastFrame().split('\n');
		const header = lines.findIndex(l => /^STATE +NAME +METRIC +THRESHOLD +IN STATE +REASON/.test(l));
		expect(header).toBeGreaterThanOrEqual(0);
		expect(lines[header + 1]).toMatch(/^ALARM +ACSO-HighMemory +MemoryUtilization supervisor +> 85 +\S+ +Threshold Crossed/);
		expect(rowOf(h.lastFrame(), 'ACSO-HighCPU')).toMatch(/> 80/);
	});

	it('shows the selected alarm in full with its history on Enter, and Esc hides it', async () => {
		const h = await openAlarms();
		await h.press(keys.enter);
		const detail = await h.waitFor(f => f.includes('HISTORY') && /StateUpdate/.test(f));
		expect(detail).toMatch(/^ACSO-HighMemory {2}ALARM {2}for /m);
		expect(detail).toMatch(/^condition +Average > 85 for 3 × 1m 00s/m);
		expect(detail).toMatch(/^reason +Threshold Crossed/m);
		expect(detail).toMatch(/Alarm updated from OK to ALARM/);
		// j moves the selection; the detail follows it.
		await h.press('j');
		await h.waitFor(f => !/^ACSO-HighMemory {2}ALARM/m.test(f) && /^\S+ {2}(OK|NO DATA) {2}for /m.test(f));
		await h.press(keys.esc);
		const list = await h.waitFor(f => !f.includes('HISTORY'));
		// Esc closed the detail, not the screen.
		expect(list).toMatch(/STATE +NAME +METRIC/);
	});

	it('says plainly when the endpoint has no alarm history', async () => {
		const h = await openAlarms();
		h.cloud.alarms.describeAlarmHistory = async () => {
			throw new CloudError('unsupported', 'DescribeAlarmHistory is not implemented by this endpoint', {action: 'cloudwatch:DescribeAlarmHistory'});
		};
		await h.press(keys.enter);
		const frame = await h.waitFor('history not available from this endpoint');
		// The rest of the detail is still there, and the screen is not marked failing.
		expect(frame).toMatch(/^reason +Threshold Crossed/m);
		expect(frame).not.toMatch(/STALE|no data ·/);
	});

	it('lists its keys in ? help', async () => {
		const h = await openAlarms();
		const help = await h.press('?');
		expect(help).toMatch(/⏎ +show full reason and history/);
		expect(help).toMatch(/j\/↓ +next alarm/);
	});
});
