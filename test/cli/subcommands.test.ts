import {execFile} from 'node:child_process';
import {existsSync} from 'node:fs';
import path from 'node:path';
import {promisify} from 'node:util';
import {beforeAll, describe, expect, it} from 'vitest';
import {freePort} from '../helpers/moto.js';

// `acso-tui status` and `acso-tui logs` as a script runs them: stdout a pipe, exit codes checked.
const cli = path.resolve('dist/cli.js');
const run = promisify(execFile);

// Nothing a terminal obeys: C0 (but the line feeds between lines), DEL, C1, bidi controls.
function hasControl(text: string): boolean {
	return [...text].some(char => {
		const code = char.codePointAt(0) ?? 0;
		return (code < 0x20 && code !== 0x0a) || (code >= 0x7f && code <= 0x9f) || (code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069);
	});
}

async function acso(args: string[], env: NodeJS.ProcessEnv = {}) {
	try {
		const {stdout, stderr} = await run(process.execPath, [cli, ...args], {env: {PATH: process.env.PATH, HOME: '/nonexistent', XDG_CONFIG_HOME: '/nonexistent', ...env}, timeout: 30_000, maxBuffer: 32 * 1024 * 1024});
		return {code: 0, stdout, stderr};
	} catch (error) {
		const e = error as {code: number; stdout: string; stderr: string};
		return {code: e.code, stdout: e.stdout, stderr: e.stderr};
	}
}

describe('acso-tui status and logs, without a terminal', () => {
	beforeAll(() => {
		if (!existsSync(cli)) throw new Error('dist/cli.js is missing: run `npm run build` (npm test does)');
	});

	it('status --json --demo prints the documented object and exits 1 (ACSO-HighMemory is in ALARM)', async () => {
		const r = await acso(['status', '--json', '--demo']);
		expect(r.code).toBe(1);
		const status = JSON.parse(r.stdout) as Record<string, unknown> & {services: Array<Record<string, unknown>>; alarms: Array<Record<string, unknown>>; database: Record<string, unknown>; errors: Record<string, unknown>; reasons: string[]};
		expect(status.schema).toBe(1);
		expect(status.attention).toBe(true);
		expect(status.reasons).toContain('alarm ACSO-HighMemory is in ALARM');
		expect(status.services.length).toBeGreaterThan(0);
		for (const service of status.services) {
			expect(Object.keys(service)).toEqual(expect.arrayContaining(['name', 'status', 'desired', 'running', 'pending', 'rollout', 'cpu', 'memory', 'health']));
		}
		expect(status.alarms.find(a => a.name === 'ACSO-HighMemory')).toMatchObject({state: 'ALARM', why: expect.stringContaining('ServiceName=')});
		for (const alarm of status.alarms) expect(['OK', 'ALARM', 'INSUFFICIENT_DATA']).toContain(alarm.state);
		expect(status.database).toMatchObject({id: 'acso-production-db', found: true, status: 'available'});
		expect(status.errors).toMatchObject({windowMinutes: 5, errors: expect.any(Number), fatal: expect.any(Number)});
		expect(r.stdout).not.toContain('\u001B');
	});

	it('status --demo prints aligned plain text into a pipe, with no escape sequence', async () => {
		const r = await acso(['status', '--demo', '--env', 'staging']);
		expect([0, 1]).toContain(r.code);
		expect(hasControl(r.stdout)).toBe(false);
		const lines = r.stdout.split('\n');
		const header = lines.findIndex(l => l.trim().startsWith('NAME') && l.includes('RUN/DES'));
		expect(header).toBeGreaterThan(0);
		// Every row's RUN/DES column starts where the header's does.
		const column = lines[header]!.indexOf('RUN/DES');
		const rows = lines.slice(header + 1, lines.indexOf('', header));
		expect(rows.length).toBeGreaterThan(0);
		for (const row of rows) expect(row.slice(column)).toMatch(/^\d+\/\d+ /);
		expect(r.stdout).toContain('ALARMS');
		expect(r.stdout).toContain('DATABASE');
		expect(r.stdout).toContain('acso-staging-db');
		expect(r.stdout).toContain('ERRORS (last 5 minutes');
	});

	it.each([
		[['status', '--bogus'], 'unknown option --bogus (see acso-tui status --help)'],
		[['status', '--demo', 'extra'], 'unexpected argument "extra"'],
		[['status', '--demo', '--refresh', 'x'], '--refresh must be a whole number'],
		[['status', '--demo', '--env', 'qa'], 'the simulated account (--demo) has the environments'],
		[['status'], 'no AWS region'],
		[['logs', '--demo', '--since', 'yesterday'], '--since must be a duration'],
		[['logs', '--demo', '--filter', '{ $.level = '], '--filter:'],
		[['logs', '--demo', '--service', 'nope'], '--service: no service "nope"'],
		[['logs', '--demo', '--json=3', '--bogus'], 'unknown option --bogus'],
	])('%j is a usage error: one line, exit 2', async (args, message) => {
		const r = await acso(args);
		expect(r.code).toBe(2);
		expect(r.stdout).toBe('');
		expect(r.stderr.trim().split('\n')).toHaveLength(1);
		expect(r.stderr).toContain(message);
	});

	it.each([['status'], ['logs']])('%s against a closed loopback port exits 3 with one clear line', async command => {
		const port = await freePort(); // free means nothing listens there
		const r = await acso([command, '--endpoint-url', `http://127.0.0.1:${port}`, '--region', 'us-east-1', ...(command === 'logs' ? ['--log-group', 'g'] : [])], {
			AWS_ACCESS_KEY_ID: 'test',
			AWS_SECRET_ACCESS_KEY: 'test',
		});
		expect(r.code).toBe(3);
		expect(r.stdout).toBe('');
		const lines = r.stderr.trim().split('\n');
		expect(lines.at(-1)).toMatch(/^acso-tui: could not read AWS .*ECONNREFUSED/);
		if (command === 'status') expect(lines).toHaveLength(1);
	});

	it('logs --demo writes one line per event with time, level, service and message, and exits 0', async () => {
		const r = await acso(['logs', '--demo', '--since', '2m']);
		expect(r.code).toBe(0);
		const lines = r.stdout.trimEnd().split('\n');
		expect(lines.length).toBeGreaterThan(10);
		for (const line of lines) expect(line).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z {2}(FATAL|ERROR|WARN |INFO |DEBUG|- {4}) {2}\S+ {2}/);
	});

	it('logs --json --service --filter gives one object per line, only that service, only matches', async () => {
		const r = await acso(['logs', '--demo', '--since', '10m', '--json', '--service', 'supervisor', '--filter', 'ERROR']);
		expect(r.code).toBe(0);
		const events = r.stdout.trimEnd().split('\n').map(l => JSON.parse(l) as {service: string; message: string; level: string; timestamp: number});
		expect(events.length).toBeGreaterThan(0);
		for (const e of events) {
			expect(e.service).toBe('supervisor');
			expect(e.message).toContain('ERROR');
		}
		const times = events.map(e => e.timestamp);
		expect(times).toEqual([...times].sort((a, b) => a - b));
	});

	it('--help of each subcommand lists its flags and exit codes; acso-tui --help lists the subcommands', async () => {
		const top = await acso(['--help']);
		expect(top.code).toBe(0);
		expect(top.stdout).toContain('acso-tui status');
		expect(top.stdout).toContain('acso-tui logs');
		const status = await acso(['status', '--help']);
		expect(status.code).toBe(0);
		for (const text of ['--json', '--env', '--endpoint-url', '--demo', 'Exit codes', '0  healthy', '1  needs attention', '2  usage error', '3  AWS could not be read']) expect(status.stdout).toContain(text);
		const logs = await acso(['logs', '--help']);
		expect(logs.code).toBe(0);
		for (const text of ['--follow', '--filter', '--since', '--service', '--json', 'Exit codes', '3  AWS could not be read']) expect(logs.stdout).toContain(text);
	});
});
