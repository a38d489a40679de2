import {execFile} from 'node:child_process';
import {existsSync, mkdirSync, mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {promisify} from 'node:util';
import {beforeAll, describe, expect, it} from 'vitest';
import {allIssues} from '../../source/runbooks/model.js';
import {buildAcsoRunbook} from '../../source/runbooks/acso-runbook.js';
import {namesFor} from '../../source/port/names.js';
import {scenarios} from '../../source/drills/scenarios.js';

// `acso-tui drill --list`, `--history` and the refusals, as a script runs them.
const cli = path.resolve('dist/cli.js');
const run = promisify(execFile);

async function acso(args: string[], env: NodeJS.ProcessEnv = {}) {
	try {
		const {stdout, stderr} = await run(process.execPath, [cli, ...args], {env: {PATH: process.env.PATH, HOME: '/nonexistent', XDG_CONFIG_HOME: '/nonexistent', ...env}, timeout: 30_000});
		return {code: 0, stdout, stderr};
	} catch (error) {
		const e = error as {code: number; stdout: string; stderr: string};
		return {code: e.code, stdout: e.stdout, stderr: e.stderr};
	}
}

describe('acso-tui drill without a terminal', () => {
	beforeAll(() => {
		if (!existsSync(cli)) throw new Error('dist/cli.js is missing: run `npm run build` (npm test does)');
	});

	it('--list lists fifteen scenarios, one per issue of the built-in guide plus a rollout gone bad, with tree and difficulty', async () => {
		const r = await acso(['drill', '--list']);
		expect(r.code).toBe(0);
		const rows = r.stdout.trimEnd().split('\n').slice(1);
		expect(rows).toHaveLength(15);
		const issues = allIssues(buildAcsoRunbook(namesFor('production')));
		expect(issues).toHaveLength(14);
		for (const issue of issues) expect(rows.some(row => row.startsWith(`${issue.id} `) && row.includes(issue.title)), issue.id).toBe(true);
		expect(rows.some(row => row.startsWith('rollout-gone-bad '))).toBe(true);
		for (const row of rows) expect(row).toMatch(/ (easy|medium|hard)\b/);
	});

	it('has each scenario exercise a tree the built-in guide has', () => {
		const ids = new Set(allIssues(buildAcsoRunbook(namesFor('production'))).map(issue => issue.id));
		for (const scenario of scenarios) expect(scenario.tree === 'deploy' || ids.has(scenario.tree), scenario.id).toBe(true);
	});

	it.each([
		[['drill', 'memory-leaks', '--endpoint-url', 'http://127.0.0.1:1'], /simulated account only, never AWS: --endpoint-url/],
		[['drill', 'memory-leaks', '--profile', 'oncall'], /never AWS: --profile/],
		[['drill', 'memory-leaks', '--guide', 'mine.md'], /no built-in scenarios for a --guide FILE/],
		[['drill', 'no-such-drill'], /no drill "no-such-drill"/],
		[['drill'], /needs a scenario name, random, --list or --history/],
		[['drill', 'memory-leaks', '--seed', 'x'], /--seed must be a whole number/],
		[['drill', 'memory-leaks', '--seed', '3'], /needs a terminal/],
	])('%j is a usage error with one clear line', async (args, message) => {
		const r = await acso(args);
		expect(r.code).toBe(2);
		expect(r.stderr).toMatch(message);
		expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
	});

	it('--history shows past scores newest first, and counts a line it cannot read', async () => {
		const state = mkdtempSync(path.join(tmpdir(), 'acso-drill-history-'));
		mkdirSync(path.join(state, 'acso-tui'));
		const card = (at: string, score: number) => JSON.stringify({schema: 1, scenario: 'memory-leaks', name: 'Memory leak', tree: 'Memory Leaks', startedAt: at, outcome: 'fixed', toTree: 10, toVerdict: 20, toFix: 130, total: 140, keys: 31, idealKeys: 31, wrongFixes: [], hints: 1, score, perfect: false, idealPath: []});
		writeFileSync(path.join(state, 'acso-tui', 'drills.jsonl'), `${card('2026-12-01T10:00:00.000Z', 90)}\nnot json\n${card('2026-12-02T09:30:00.000Z', 75)}\n`);
		const r = await acso(['drill', '--history'], {XDG_STATE_HOME: state});
		expect(r.code).toBe(0);
		const lines = r.stdout.trimEnd().split('\n');
		expect(lines[0]).toMatch(/^STARTED \(UTC\) +SCENARIO +OUTCOME +SCORE/);
		expect(lines[1]).toMatch(/^2026-12-02 09:30 +memory-leaks +FIXED +75 +2:10/);
		expect(lines[2]).toMatch(/^2026-12-01 10:00 +memory-leaks +FIXED +90/);
		expect(r.stderr).toMatch(/1 line\(s\) of .*drills\.jsonl could not be read/);
		const empty = await acso(['drill', '--history'], {XDG_STATE_HOME: mkdtempSync(path.join(tmpdir(), 'acso-drill-none-'))});
		expect(empty.stdout).toMatch(/^no drills yet/);
	});
});
