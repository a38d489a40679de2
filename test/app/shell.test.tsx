import {afterEach, describe, expect, it} from 'vitest';
import {keys, manualClock, renderApp, type AppHarness} from '../helpers/render.js';

// The shell on the simulated account: keys pressed, frames read.

const open: AppHarness[] = [];
function app(options: Parameters<typeof renderApp>[0] = {}) {
	const harness = renderApp(options);
	open.push(harness);
	return harness;
}

afterEach(() => {
	for (const h of open.splice(0)) h.unmount();
});

const cpuOf = (frame: string, service: string) => new RegExp(`${service}.*?(\\d+\\.\\d)%`).exec(frame)?.[1];

describe('the shell', () => {
	it('opens on the production overview with every service, the alarms, the database and the errors', async () => {
		const h = app();
		const frame = await h.waitFor(f => f.includes('supervisor') && /ERRORS\s+\d+ ERROR/.test(f));
		expect(frame).toMatch(/ACSO production │ READ-ONLY │ Overview │ simulated │ acso-production-cluster/);
		for (const name of ['supervisor', 'threat-hunter', 'incident-response', 'service-orchestration', 'financial-intelligence']) expect(frame).toContain(name);
		expect(frame).toContain('ACSO-HighMemory ALARM');
		expect(frame).toContain('acso-production-db');
		expect(frame).toMatch(/updated (just now|\d+s ago)/);
	});

	it('shows WRITE in the header with --write', async () => {
		const h = app({flags: {demo: true, write: true}});
		expect(await h.waitFor('WRITE')).not.toContain('READ-ONLY');
	});

	it('moves with the simulated account: a later refresh shows other numbers', async () => {
		const clock = manualClock(Date.now());
		const h = app({now: clock.now});
		const before = await h.waitFor(f => cpuOf(f, 'supervisor') !== undefined);
		clock.advance(60_000);
		await h.press('r');
		const after = await h.waitFor(f => cpuOf(f, 'supervisor') !== undefined && cpuOf(f, 'supervisor') !== cpuOf(before, 'supervisor'));
		expect(cpuOf(after, 'supervisor')).not.toBe(cpuOf(before, 'supervisor'));
	});

	it('? lists every binding of the screen it was opened on, and Esc closes it', async () => {
		const h = app();
		await h.waitFor('supervisor');
		const help = await h.press('?');
		for (const text of ['Overview screen', 'next service', 'open service detail', 'Everywhere', 'go to screen', 'next screen', 'previous screen', 'quit', 'refresh now']) {
			expect(help).toContain(text);
		}
		expect(await h.press(keys.esc)).toContain('RUN/DES/PEN');
	});

	it(':logs Enter reaches the logs screen, and Esc goes back to the overview', async () => {
		const h = app();
		await h.waitFor('supervisor');
		await h.press(':');
		await h.type('logs');
		expect(await h.press(keys.enter)).toContain('following');
		expect(await h.press(keys.esc)).toContain('RUN/DES/PEN');
	});

	it('completes a command with Tab and explains an unknown one', async () => {
		const h = app();
		await h.waitFor('supervisor');
		await h.press(':');
		await h.type('al');
		await h.press(keys.tab);
		expect(await h.press(keys.enter)).toMatch(/Alarms/);
		await h.press(':');
		await h.type('nope');
		expect(await h.press(keys.enter)).toContain('unknown command :nope');
	});

	it('Tab and Shift-Tab cycle the screens', async () => {
		const h = app();
		await h.waitFor('supervisor');
		expect(await h.press(keys.tab)).toMatch(/│ Services/);
		expect(await h.press(keys.tab)).toMatch(/│ Metrics/);
		expect(await h.press(keys.shiftTab)).toMatch(/│ Services/);
	});

	it('j/k move the selection and Enter opens the service', async () => {
		const h = app();
		await h.waitFor('supervisor');
		await h.press('j', 'j', 'j');
		const frame = await h.press(keys.enter);
		expect(frame).toMatch(/supervisor/);
		expect(frame).not.toContain('RUN/DES/PEN ROLLOUT');
	});

	it('says the terminal is too small below 60x20 and recovers when it grows', async () => {
		const h = app({size: {columns: 59, rows: 30}});
		expect(await h.waitFor('too small')).toContain('at least 60x20');
		await h.resize(100, 30);
		await h.waitFor('supervisor');
	});

	it('fits 80x24: nothing wraps and no line is wider than the terminal, and the mode stays in sight', async () => {
		const h = app({size: {columns: 80, rows: 24}});
		const frame = await h.waitFor(f => /ERRORS\s+\d+/.test(f));
		expect(frame.split('\n')[0]).toContain('READ-ONLY');
		const lines = frame.split('\n');
		expect(lines.length).toBeLessThanOrEqual(24);
		const width = (await import('string-width')).default;
		for (const line of lines) expect(width(line)).toBeLessThanOrEqual(80);
	});

	it('q quits', async () => {
		const h = app();
		await h.waitFor('supervisor');
		await h.press('q');
		await h.exited;
	});
});

describe('coming back to a screen', () => {
	it('shows what it showed, at once, while the first fetch is on its way', async () => {
		const h = app();
		await h.waitFor(f => /ERRORS\s+\d+ ERROR/.test(f) && f.includes('acso-production-db  available'));
		await h.press(':');
		await h.type('alarms');
		await h.press(keys.enter);
		const back = await h.press(keys.esc);
		// No "loading…": the services, the database and the error count are there from the first frame.
		expect(back).not.toContain('loading…');
		expect(back).toContain('supervisor');
		expect(back).toContain('acso-production-db  available');
	});
});
