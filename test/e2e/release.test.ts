import {execFile, execFileSync} from 'node:child_process';
import {copyFileSync, mkdtempSync, readdirSync, rmSync, statSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {promisify} from 'node:util';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {freePort} from '../helpers/moto.js';
import {spawnWithTerminalCheck} from '../helpers/pty.js';
import {isolatedEnv} from './cli-path.js';

// The one-file install: release/acso-tui.mjs copied alone into an empty folder, run by Node with
// no node_modules anywhere above it, as on a bastion.
const run = promisify(execFile);
let folder: string;
let file: string;
// Only Node on PATH: nothing else of this machine's is reachable.
const env = () => ({...isolatedEnv(), PATH: path.dirname(process.execPath)}) as NodeJS.ProcessEnv;

async function release(args: string[], extra: NodeJS.ProcessEnv = {}) {
	try {
		const {stdout, stderr} = await run(process.execPath, [file, ...args], {cwd: folder, env: {...env(), ...extra}, timeout: 30_000});
		return {code: 0, stdout, stderr};
	} catch (error) {
		const e = error as {code: number; stdout: string; stderr: string};
		return {code: e.code, stdout: e.stdout, stderr: e.stderr};
	}
}

describe('release/acso-tui.mjs alone in an empty folder', () => {
	beforeAll(() => {
		execFileSync(process.execPath, ['scripts/package.mjs'], {stdio: 'ignore'});
		folder = mkdtempSync(path.join(tmpdir(), 'acso-release-'));
		file = path.join(folder, 'acso-tui.mjs');
		copyFileSync('release/acso-tui.mjs', file);
		expect(readdirSync(folder)).toEqual(['acso-tui.mjs']);
	}, 120_000);

	afterAll(() => {
		if (folder) rmSync(folder, {recursive: true, force: true});
	});

	it('is one file of a few MiB', () => {
		const size = statSync(file).size;
		expect(size).toBeGreaterThan(1 << 20); // the SDK clients are inside
		expect(size).toBeLessThan(20 << 20);
	});

	it('prints --version', async () => {
		const r = await release(['--version']);
		expect(r.code).toBe(0);
		expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
	});

	it('runs status --demo (exit 1: the demo has an alarm in ALARM)', async () => {
		const r = await release(['status', '--demo']);
		expect(r.code).toBe(1);
		expect(r.stdout).toMatch(/ACSO-HighMemory +ALARM /);
		expect(r.stdout).not.toContain('\u001B');
	});

	it('reaches for AWS with the SDK inside it (a closed port: exit 3, ECONNREFUSED)', async () => {
		const port = await freePort();
		const r = await release(['status', '--endpoint-url', `http://127.0.0.1:${port}`, '--region', 'us-east-1'], {AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test'});
		expect(r.code).toBe(3);
		expect(r.stderr).toContain('ECONNREFUSED');
	});

	it('runs --demo full screen in a pty', async () => {
		const session = spawnWithTerminalCheck(process.execPath, [file, '--demo'], {cols: 100, rows: 30, env: {...isolatedEnv(), PATH: path.dirname(process.execPath)} as Record<string, string>, cwd: folder});
		try {
			await session.waitFor('supervisor', 20_000);
			await session.waitFor('ACSO-HighMemory', 20_000);
		} finally {
			await session.dispose();
		}
	}, 60_000);
});
