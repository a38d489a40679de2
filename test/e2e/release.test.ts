import {execFile, execFileSync} from 'node:child_process';
import {copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {promisify} from 'node:util';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {describeWithMoto, freePort, motoCredentials, motoRegion, startMoto, type MotoServer} from '../helpers/moto.js';
import {seedEnvironment, type SeedManifest} from '../helpers/moto-seed.js';
import {spawnInPty} from '../helpers/pty.js';
import {isolatedEnv} from './cli-path.js';

// The two installs for a bastion, each built once here and copied alone into an empty folder:
// release/acso-tui.mjs run by Node with no node_modules anywhere above it, and the single
// executable release/acso-tui-<platform>-<arch> run with no Node on PATH at all.
const run = promisify(execFile);

type Release = {
	/** What `npm run package` writes. */
	built: string;
	script: string;
	/** The command that runs the copy in `folder`, and the PATH it gets. */
	command(file: string): {program: string; args: string[]};
	path(folder: string): string;
	size: {min: number; max: number};
};

const mjs: Release = {
	built: 'release/acso-tui.mjs',
	script: 'scripts/package.mjs',
	command: file => ({program: process.execPath, args: [file]}),
	// Only Node on PATH: nothing else of this machine's is reachable.
	path: () => path.dirname(process.execPath),
	size: {min: 1 << 20, max: 20 << 20}, // the SDK clients are inside
};

const sea: Release = {
	built: `release/acso-tui-${process.platform}-${process.arch}`,
	script: 'scripts/package-sea.mjs',
	command: file => ({program: file, args: []}),
	// An empty directory: no node, no aws, nothing.
	path: folder => path.join(folder, '..', 'empty-bin'),
	size: {min: 40 << 20, max: 200 << 20}, // a whole Node inside
};

// Where scripts/package-sea.mjs builds the executable (it says why it skips elsewhere).
const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
const seaBuilds = process.platform === 'linux' && (major > 20 || (major === 20 && minor >= 12));

// One moto_server for the file, started by the first AWS check.
let moto: Promise<{server: MotoServer; seed: SeedManifest}> | undefined;
function seededMoto() {
	moto ??= startMoto().then(async server => ({server, seed: await seedEnvironment(server.endpoint, {env: 'staging'})}));
	return moto;
}

afterAll(async () => {
	if (moto) await (await moto).server.stop();
});

function releaseSuite(name: string, release: Release) {
	describe(`${name} alone in an empty folder`, () => {
		let root: string;
		let file: string;
		const folder = () => path.join(root, 'install');
		const env = (extra: NodeJS.ProcessEnv = {}) => ({...isolatedEnv(), PATH: release.path(folder()), ...extra}) as NodeJS.ProcessEnv;

		async function start(args: string[], extra: NodeJS.ProcessEnv = {}) {
			const {program, args: first} = release.command(file);
			try {
				const {stdout, stderr} = await run(program, [...first, ...args], {cwd: folder(), env: env(extra), timeout: 30_000});
				return {code: 0, stdout, stderr};
			} catch (error) {
				const e = error as {code: number; stdout: string; stderr: string};
				return {code: e.code, stdout: e.stdout, stderr: e.stderr};
			}
		}

		beforeAll(() => {
			const said = execFileSync(process.execPath, [release.script], {encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe']});
			// A build that skipped says why; here it was expected to build.
			if (!existsSync(release.built)) throw new Error(`${release.script} did not write ${release.built}: ${said}`);
			root = mkdtempSync(path.join(tmpdir(), 'acso-release-'));
			mkdirSync(folder());
			mkdirSync(path.join(root, 'empty-bin'));
			file = path.join(folder(), path.basename(release.built));
			copyFileSync(release.built, file);
			expect(readdirSync(folder())).toEqual([path.basename(release.built)]);
		}, 180_000);

		afterAll(() => {
			if (root) rmSync(root, {recursive: true, force: true});
		});

		it('is one file of the expected size', () => {
			const {size} = statSync(file);
			expect(size).toBeGreaterThan(release.size.min);
			expect(size).toBeLessThan(release.size.max);
		});

		it('prints --version', async () => {
			const r = await start(['--version']);
			expect(r.stderr).toBe('');
			expect(r.code).toBe(0);
			expect(r.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
		});

		it('runs status --demo (exit 1: the demo has an alarm in ALARM)', async () => {
			const r = await start(['status', '--demo']);
			expect(r.code).toBe(1);
			expect(r.stdout).toMatch(/ACSO-HighMemory +ALARM /);
			expect(r.stdout).not.toContain('\u001B');
		});

		it('says clearly when AWS cannot be reached (a closed port: exit 3, ECONNREFUSED)', async () => {
			const port = await freePort();
			const r = await start(['status', '--endpoint-url', `http://127.0.0.1:${port}`, '--region', 'us-east-1'], {AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test'});
			expect(r.code).toBe(3);
			expect(r.stderr).toContain('ECONNREFUSED');
		});

		describeWithMoto('with the SDK inside it', () => {
			it('reads the account on moto_server: status prints the services and the alarm in ALARM', async () => {
				const {server, seed} = await seededMoto();
				const r = await start(['status', '--endpoint-url', server.endpoint, '--region', motoRegion, '--env', 'staging'], {
					AWS_ACCESS_KEY_ID: motoCredentials.accessKeyId,
					AWS_SECRET_ACCESS_KEY: motoCredentials.secretAccessKey,
				});
				expect(r.stderr).toBe('');
				expect(r.code).toBe(1);
				for (const service of seed.services) expect(r.stdout).toMatch(new RegExp(`${service.name} +ACTIVE +${service.runningCount}/${service.desiredCount} `));
				expect(r.stdout).toMatch(/ACSO-HighCPU +ALARM +\S/);
			}, 90_000);
		});

		it('runs --demo full screen in a pty', async () => {
			const {program, args} = release.command(file);
			// Straight into the pty, no shell in between: there is none on the executable's PATH.
			const session = spawnInPty(program, [...args, '--demo'], {cols: 100, rows: 30, env: env() as Record<string, string>, cwd: folder()});
			try {
				await session.waitFor('supervisor', 20_000);
				await session.waitFor('ACSO-HighMemory', 20_000);
			} finally {
				await session.dispose();
			}
		}, 60_000);
	});
}

releaseSuite('release/acso-tui.mjs', mjs);
if (seaBuilds) {
	releaseSuite(`the single executable ${sea.built}`, sea);
} else {
	describe.skip(`${sea.built} (Node's single executables are built here on Linux with Node >= 20.12 only)`, () => {
		it('is not built on this platform', () => {});
	});
}
