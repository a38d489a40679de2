import {execFile} from 'node:child_process';
import {existsSync} from 'node:fs';
import path from 'node:path';
import {promisify} from 'node:util';
import {beforeAll, describe, expect, it} from 'vitest';

// The built CLI, as an engineer runs it, for everything that happens before the dashboard draws.
const cli = path.resolve('dist/cli.js');
const run = promisify(execFile);

async function acso(args: string[], env: NodeJS.ProcessEnv = {}) {
	try {
		const {stdout, stderr} = await run(process.execPath, [cli, ...args], {env: {PATH: process.env.PATH, HOME: '/nonexistent', ...env}, timeout: 15_000});
		return {code: 0, stdout, stderr};
	} catch (error) {
		const e = error as {code: number; stdout: string; stderr: string};
		return {code: e.code, stdout: e.stdout, stderr: e.stderr};
	}
}

describe('acso-tui arguments', () => {
	beforeAll(() => {
		if (!existsSync(cli)) throw new Error('dist/cli.js is missing: run `npm run build` (npm test does)');
	});

	it.each([
		[['--bogus'], 'unknown option --bogus'],
		[['--refresh', '-1'], '--refresh must be a whole number from 1 to 3600, got "-1"'],
		[['--refresh', 'soon'], '--refresh must be a whole number'],
		[['--demo', '--env', 'qa'], 'the simulated account (--demo) has the environments production and staging'],
		[['--env', 'prod;rm -rf'], '--env must be letters, digits and dashes'],
		[['stray'], 'unexpected argument "stray"'],
		[[], 'no AWS region: pass --region, set AWS_REGION'],
	])('%j prints one clear line and exits 2', async (args, message) => {
		const r = await acso(args);
		expect(r.code).toBe(2);
		expect(r.stdout).toBe('');
		expect(r.stderr.trim().split('\n')).toHaveLength(1);
		expect(r.stderr).toContain(message);
	});

	it('explains itself and exits 2 when stdout is not a terminal (acso-tui | cat)', async () => {
		const r = await acso(['--demo']);
		expect(r.code).toBe(2);
		expect(r.stdout).toBe('');
		expect(r.stderr.trim().split('\n')).toHaveLength(1);
		expect(r.stderr).toContain('needs a terminal');
	});

	it('says what is wrong with a broken config file', async () => {
		const dir = await import('node:fs/promises').then(fs => fs.mkdtemp('/tmp/acso-cli-'));
		await import('node:fs/promises').then(fs => fs.mkdir(path.join(dir, 'acso-tui')).then(() => fs.writeFile(path.join(dir, 'acso-tui', 'config.json'), '{"refreshSeconds": -4}')));
		const r = await acso(['--demo'], {XDG_CONFIG_HOME: dir});
		expect(r.code).toBe(2);
		expect(r.stderr).toContain('refreshSeconds');
	});

	it('prints help and version', async () => {
		const help = await acso(['--help']);
		expect(help.code).toBe(0);
		expect(help.stdout).toContain('--endpoint-url');
		expect(help.stdout).toContain('--write');
		const version = await acso(['--version']);
		expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
	});
});
