import {afterEach, beforeAll, describe, expect, it} from 'vitest';
import {spawnWithTerminalCheck, type PtySession} from '../helpers/pty.js';
import {assertBuilt, cliPath, isolatedEnv} from './cli-path.js';

// The overview as the incident dashboard, read off a real terminal at three sizes: every service,
// the alarms, the database and live error lines naming their service; columns as wide as their
// content; the level printed once; and times under the charts.

const sessions: PtySession[] = [];
afterEach(async () => {
	await Promise.all(sessions.splice(0).map(s => s.dispose()));
});
beforeAll(assertBuilt);

const demoServices = ['financial-intelligence', 'incident-response', 'service-orchestration', 'supervisor', 'threat-hunter'];
const errorRow = /^\d\d:\d\d:\d\d[ ↑](ERROR|FATAL) /;

async function until(app: PtySession, predicate: (text: string) => boolean, timeoutMs: number): Promise<string> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		await app.screen.flush();
		const text = app.screen.text();
		if (predicate(text)) return text;
		if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms; screen:\n${text}`);
		await new Promise(resolve => setTimeout(resolve, 50));
	}
}

function start(cols: number, rows: number) {
	const session = spawnWithTerminalCheck(process.execPath, [cliPath, '--demo'], {cols, rows, env: isolatedEnv()});
	sessions.push(session);
	return session;
}

describe.each([
	{cols: 80, rows: 24, tail: 3},
	{cols: 120, rows: 40, tail: 5},
	{cols: 200, rows: 50, tail: 5},
])('the overview at $cols x $rows', ({cols, rows, tail}) => {
	it(`shows every service, the alarms, the database and at least ${tail} error lines naming their service`, async () => {
		const app = start(cols, rows);
		// Once the history is read, the tail fills what the services leave: few blank rows.
		const blank = (text: string) => text.split('\n').slice(0, rows - 1).filter(l => l.trim() === '').length;
		const lines = (await until(app, text => text.split('\n').filter(r => errorRow.test(r)).length >= tail && text.includes('DATABASE acso') && blank(text) <= 3, 20_000)).split('\n');
		const text = lines.join('\n');
		for (const service of demoServices) expect(text).toContain(service.slice(0, 16));
		expect(text).toMatch(/^ALARMS .*ACSO-HighMemory/m);
		expect(text).toMatch(/^DATABASE acso-production-db/m);

		// The SERVICE column is as wide as the longest name (22), not padded to fill the width.
		const header = lines.find(l => l.startsWith('SERVICE'))!;
		expect(header.indexOf('STATUS')).toBeLessThanOrEqual('financial-intelligence'.length + 2);

		const errors = lines.filter(r => errorRow.test(r));
		for (const row of errors) {
			// The level once, then a service (or, where none maps, the stream), then the message.
			expect(row).not.toMatch(/^\S+.(ERROR|FATAL)\s+(\S+\s+){0,2}\[?\1\]?\s/);
			if (cols >= 80) expect(demoServices.some(s => row.slice(15, 15 + 24).includes(s.slice(0, 12)))).toBe(true);
		}
		app.press('q');
		expect(await app.handBack()).toMatchObject({exitCode: 0});
	});
});

describe('the charts', () => {
	it('carry times on their x axis', async () => {
		const app = start(120, 40);
		await app.waitFor('open service detail', 20_000);
		await new Promise(resolve => setTimeout(resolve, 200));
		app.write(':metrics\r');
		await app.waitFor('│ Metrics', 15_000);
		const text = await until(app, t => /^\s+-\S+ .* now\s/m.test(t), 20_000);
		expect(text).toMatch(/-(15m|1h|3h|24h)\s/);
		expect(text).toMatch(/\bnow\b/);
	});
});
