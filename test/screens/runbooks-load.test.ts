import {execFile} from 'node:child_process';
import {existsSync} from 'node:fs';
import {mkdtemp, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {promisify} from 'node:util';
import {beforeAll, describe, expect, it} from 'vitest';
import {namesFor} from '../../source/port/names.js';
import {maxGuideBytes} from '../../source/runbooks/guide-loader.js';
import {loadRunbook, readGuideFile} from '../../source/runbooks/load-runbook.js';
import {allIssues} from '../../source/runbooks/model.js';

const fixture = (name: string) => path.resolve('test/fixtures/guides', name);
const names = namesFor('production');

describe('loadRunbook', () => {
	it('gives the built-in ACSO runbook, for the environment, when no guide is named', () => {
		const result = loadRunbook({names: namesFor('staging')});
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		expect(result.loaded.source).toBe('built-in');
		expect(result.loaded.warnings).toEqual([]);
		expect(result.loaded.runbook.title).toBe('ACSO Troubleshooting Guide');
		expect(JSON.stringify(result.loaded.runbook)).not.toContain('acso-production-cluster');
	});

	it('loads a guide with other titles and names, with what it skipped as warnings naming lines', () => {
		const result = loadRunbook({names, guidePath: fixture('ledger-guide.md')});
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		expect(result.loaded.runbook.title).toBe('Ledger Platform On-Call Handbook');
		expect(allIssues(result.loaded.runbook).map(i => i.title)).toEqual(['API Pods Starved of CPU', 'Ledger Database Saturated', 'Audit Logs Kept Forever']);
		expect(result.loaded.warnings).toContainEqual({line: 43, message: 'a ```json block is not shell: skipped'});
		expect(result.loaded.source).toBe(fixture('ledger-guide.md'));
	});

	it('loads what it can of a broken guide, listing each problem by line', () => {
		const result = loadRunbook({names, guidePath: fixture('broken-guide.md')});
		expect(result.ok).toBe(true);
		if (!result.ok) return;
		expect(result.loaded.warnings.map(w => w.line)).toEqual(expect.arrayContaining([19, 34, 35, 38, 47]));
	});

	it('refuses a guide with no runbook in it, naming the file and the line', () => {
		expect(loadRunbook({names, guidePath: fixture('no-issues.md')})).toEqual({
			ok: false,
			error: `--guide ${fixture('no-issues.md')}: line 1: no troubleshooting content found: expected "### Issue: TITLE" sections with **Diagnosis:** and **Resolution:** bash blocks`,
		});
	});

	it('names the line of a binary file and says what is wrong with a path', async () => {
		const dir = await mkdtemp(path.join(tmpdir(), 'acso-guide-'));
		const binary = path.join(dir, 'guide.bin');
		await writeFile(binary, '# Title\n\n\u0000\u0001\u0002 binary\n');
		expect(loadRunbook({names, guidePath: binary})).toEqual({ok: false, error: `--guide ${binary}: line 3: the file looks binary (it holds a NUL byte): give a markdown guide`});
		expect(loadRunbook({names, guidePath: path.join(dir, 'missing.md')})).toEqual({ok: false, error: `--guide ${path.join(dir, 'missing.md')}: no such file`});
		expect(loadRunbook({names, guidePath: dir})).toEqual({ok: false, error: `--guide ${dir}: is a directory: give a markdown file`});
		const denied = Object.assign(new Error('EACCES: permission denied, open'), {code: 'EACCES'});
		expect(loadRunbook({names, guidePath: 'x.md'}, () => {
			throw denied;
		})).toEqual({ok: false, error: '--guide x.md: permission denied'});
	});

	it('keeps the error on one printable line whatever the path holds', () => {
		const result = loadRunbook({names, guidePath: 'evil\n\u001b[2Jname.md'}, () => '');
		expect(result).toEqual({ok: false, error: '--guide evil␊\\x1b[2Jname.md: line 1: the guide is empty'});
	});

	it('reads no more than the size limit from a file', async () => {
		const dir = await mkdtemp(path.join(tmpdir(), 'acso-guide-'));
		const big = path.join(dir, 'big.md');
		await writeFile(big, Buffer.alloc(maxGuideBytes + 10, 0x61));
		expect(() => readGuideFile(big)).toThrow(/the limit is 16 MB/);
		expect(loadRunbook({names, guidePath: big})).toMatchObject({ok: false, error: expect.stringMatching(/^--guide .*big\.md: the file is 16\.0 MB; the limit is 16 MB$/)});
	});
});

// The built CLI, as an engineer runs it: the guide is read before the dashboard starts.
const cli = path.resolve('dist/cli.js');
const run = promisify(execFile);

async function acso(args: string[]) {
	try {
		const {stdout, stderr} = await run(process.execPath, [cli, ...args], {env: {PATH: process.env.PATH, HOME: '/nonexistent'}, timeout: 15_000});
		return {code: 0, stdout, stderr};
	} catch (error) {
		const e = error as {code: number; stdout: string; stderr: string};
		return {code: e.code, stdout: e.stdout, stderr: e.stderr};
	}
}

describe('acso-tui --guide', () => {
	beforeAll(() => {
		if (!existsSync(cli)) throw new Error('dist/cli.js is missing: run `npm run build` (npm test does)');
	});

	it.each([
		[fixture('no-issues.md'), `--guide ${fixture('no-issues.md')}: line 1: no troubleshooting content found`],
		['/nonexistent/guide.md', '--guide /nonexistent/guide.md: no such file'],
	])('%s prints one clear line and exits 2', async (guide, message) => {
		const r = await acso(['--demo', '--guide', guide]);
		expect(r.code).toBe(2);
		expect(r.stdout).toBe('');
		expect(r.stderr.trim().split('\n')).toHaveLength(1);
		expect(r.stderr).toContain(message);
	});

	it('reports the guide before anything needs AWS (no region given)', async () => {
		const r = await acso(['--guide', fixture('no-issues.md')]);
		expect(r.code).toBe(2);
		expect(r.stderr).toContain('line 1: no troubleshooting content found');
	});

	it('gets past a guide that loads with warnings, to the terminal check', async () => {
		const r = await acso(['--demo', '--guide', fixture('broken-guide.md')]);
		expect(r.code).toBe(2);
		expect(r.stderr).toContain('needs a terminal');
		expect(r.stderr).not.toContain('--guide');
	});
});
