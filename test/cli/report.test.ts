import {execFile} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {promisify} from 'node:util';
import {afterAll, describe, expect, it} from 'vitest';

// `acso-tui report --demo --out DIR`: both files, their shape, a timeline newest first.
const cli = path.resolve('dist/cli.js');
const run = promisify(execFile);
const dir = mkdtempSync(path.join(tmpdir(), 'acso-report-'));

type Report = {
	schema: number;
	status: {services: unknown[]; alarms: Array<{name: string; state: string}>};
	errors: {total: number; groups: Array<{service: string; level: string; message: string; count: number; firstSeen: string; lastSeen: string}>};
	metrics: {services: Array<{name: string; cpu: {values: number[]}}>; database: {cpu: {values: number[]}}};
	timeline: Array<{time: string; kind: string; source: string; text: string}>;
};

describe('acso-tui report', () => {
	afterAll(() => rmSync(dir, {recursive: true, force: true}));

	it('writes report.md and report.json with the status, grouped errors, metrics and a timeline', async () => {
		const out = path.join(dir, 'out');
		const audit = path.join(dir, 'audit.jsonl');
		const now = new Date().toISOString();
		// One audit entry of this environment in the window, one of another, one torn line.
		writeFileSync(audit, [
			JSON.stringify({time: now, env: 'production', phase: 'intent', title: 'Restart supervisor', cliCommand: 'aws ecs update-service --force-new-deployment', resource: 'acso-production-supervisor'}),
			JSON.stringify({time: now, env: 'staging', phase: 'intent', title: 'Other env', cliCommand: 'aws x', resource: 'x'}),
			'{"torn',
		].join('\n'));
		const {stdout} = await run(process.execPath, [cli, 'report', '--demo', '--out', out, '--since', '2h', '--audit-log', audit], {env: {PATH: process.env.PATH, HOME: '/nonexistent', XDG_CONFIG_HOME: '/nonexistent'}, timeout: 60_000});
		expect(stdout.trim().split('\n')).toEqual([path.join(out, 'report.md'), path.join(out, 'report.json')]);
		const report = JSON.parse(readFileSync(path.join(out, 'report.json'), 'utf8')) as Report;
		expect(report.schema).toBe(1);
		expect(report.status.alarms.find(a => a.name === 'ACSO-HighMemory')?.state).toBe('ALARM');
		expect(report.errors.total).toBeGreaterThan(0);
		expect(report.errors.groups.reduce((n, g) => n + g.count, 0)).toBeLessThanOrEqual(report.errors.total);
		for (const g of report.errors.groups) expect(g.firstSeen <= g.lastSeen).toBe(true);
		expect(report.metrics.services.length).toBe(report.status.services.length);
		expect(report.metrics.database.cpu.values.length).toBeGreaterThan(0);
		const times = report.timeline.map(e => e.time);
		expect(times).toEqual([...times].sort().reverse());
		const kinds = new Set(report.timeline.map(e => e.kind));
		expect(kinds).toContain('alarm');
		expect(kinds).toContain('service-event');
		expect(report.timeline.filter(e => e.kind === 'audit').map(e => e.text)).toEqual(['intent: Restart supervisor (aws ecs update-service --force-new-deployment)']);

		const md = readFileSync(path.join(out, 'report.md'), 'utf8');
		for (const heading of ['## System status', '## Errors of the window', '## Performance snapshot', '## Timeline (newest first)']) expect(md).toContain(heading);
		expect(md).toMatch(/`[▁▂▃▄▅▆▇█ ]+`/);
		expect(md).not.toContain('\u001B');
	}, 90_000);

	it('a bad --since is a usage error', async () => {
		const r = await run(process.execPath, [cli, 'report', '--demo', '--since', 'later'], {env: {PATH: process.env.PATH, HOME: '/nonexistent'}}).catch((e: {code: number; stderr: string}) => e);
		expect((r as {code: number}).code).toBe(2);
		expect((r as {stderr: string}).stderr).toContain('--since must be a duration');
	});
});
