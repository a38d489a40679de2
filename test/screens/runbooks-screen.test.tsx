import {chmod, mkdtemp, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import path from 'node:path';
import stringWidth from 'string-width';
import {afterEach, describe, expect, it} from 'vitest';
import {App} from '../../source/app.js';
import {namesFor} from '../../source/port/names.js';
import {buildAcsoRunbook} from '../../source/runbooks/acso-runbook.js';
import {loadRunbook} from '../../source/runbooks/load-runbook.js';
import {createSimCloud} from '../../source/sim/index.js';
import {type Harness, keys, manualClock, renderApp, renderTui, testConfig} from '../helpers/render.js';
import {goTo} from './go-to.js';

let app: Harness | undefined;
const savedPath = process.env.PATH;
afterEach(() => {
	app?.unmount();
	app = undefined;
	process.env.PATH = savedPath;
});

const builtIn = buildAcsoRunbook(namesFor('production'));
// Runs read the simulated account or start a process: on a busy machine that takes a while (no timing is asserted).
const slow = 15_000;
// A field's or overlay's key handler is attached just after its first frame shows (see go-to.ts):
// keys typed at once could reach the previous handler. Wait as a person would.
const settle = () => new Promise(resolve => setTimeout(resolve, 60));
const crumbLine = (frame: string) => frame.split('\n').find(l => l.startsWith('Runbooks')) ?? '';

function openWalker(size = {columns: 100, rows: 30}) {
	const clock = manualClock();
	const h = renderApp({flags: {demo: true, refresh: '3600'}, size, now: clock.now, initialScreen: 'runbooks'});
	app = h;
	return h;
}

/** Moves the cursor to the n-th selectable row of the page (from the top) and presses Enter. */
async function pick(h: Harness, n: number): Promise<void> {
	await h.press('g');
	for (let i = 0; i < n; i++) await h.press('j');
	await h.press(keys.enter);
}

describe('the runbook walker', () => {
	it('walks every area and every issue of the built-in runbook by keyboard, with the breadcrumb and symptoms', {timeout: 60_000}, async () => {
		const h = openWalker();
		await h.waitFor('ACSO Troubleshooting Guide');
		for (const [a, area] of builtIn.areas.entries()) {
			await pick(h, a);
			await h.waitFor(f => crumbLine(f).trim() === `Runbooks › ${area.title}`);
			for (const [i, issue] of area.issues.entries()) {
				await pick(h, i);
				const frame = await h.waitFor(f => crumbLine(f).trim() === `Runbooks › ${area.title} › ${issue.title}`);
				expect(frame, issue.id).toMatch(new RegExp(`^Symptoms: ${escape(issue.symptoms[0] ?? '')}`, 'm'));
				expect(frame, issue.id).toMatch(/^Diagnosis/m);
				expect(frame, issue.id).toContain(`Resolution 1: ${issue.resolutions[0]?.title ?? ''}`.slice(0, 60));
				// The first diagnosis step is selected and its command shown under the list.
				expect(frame, issue.id).toMatch(/^\$ |^\? /m);
				await h.press(keys.esc);
				await h.waitFor(f => crumbLine(f).trim() === `Runbooks › ${area.title}`);
			}
			await h.press(keys.esc);
			await h.waitFor(f => crumbLine(f).trim() === 'Runbooks');
		}
		// The guide's other trees: emergency commands, each recovery procedure, the escalation checklist.
		const areas = builtIn.areas.length;
		await pick(h, areas);
		let frame = await h.waitFor('Runbooks › Emergency commands');
		expect(frame).toContain('View recent errors');
		await h.press(keys.esc);
		await pick(h, areas + 1);
		await h.waitFor('Runbooks › Recovery procedures');
		await pick(h, 1);
		frame = await h.waitFor('Runbooks › Recovery procedures › Partial Service Recovery');
		expect(frame).toMatch(/^When to use: Single agent failure, partial data loss/m);
		expect(frame).toMatch(/^Isolate Problem/m);
		await h.press(keys.esc, keys.esc);
		await pick(h, areas + 2);
		frame = await h.waitFor('Runbooks › Escalation checklist');
		expect(frame).toContain('Immediate Escalation: Complete system outage');
		expect(frame).toContain('Level 1 - On-Call Engineer');
	});

	it('runs a check, shows its verdict and recommended resolution, and jumps to it with n', async () => {
		const h = openWalker();
		await h.waitFor('ACSO Troubleshooting Guide');
		await pick(h, 2);
		await pick(h, 1);
		await h.waitFor('Runbooks › Performance › Memory Leaks');
		await h.press(keys.enter);
		const frame = await h.waitFor('✗ PROBLEM', slow);
		expect(frame).toMatch(/Check memory trends +✗ problem/);
		expect(frame).toMatch(/^Resolution 1: Immediate fix - restart service {2}◆ recommended/m);
		expect(frame).toContain('◆ recommended: Resolution 1: Immediate fix - restart service  (n jumps to it)');
		// The rows behind the verdict are readable lines, not JSON.
		expect(frame).toMatch(/^TIME +AVERAGE +MAXIMUM/m);
		await h.press('n');
		const fix = await h.waitFor(/\$ aws ecs update-service .*acso-production-supervisor/);
		expect(fix).toContain('A change with a typed fix: ⏎ or a opens it in the fix flow');
		expect(fix).toMatch(/a apply this fix/);
		// The check's result stays while the cursor is elsewhere.
		expect(fix).toMatch(/Check memory trends +✗ problem/);
		// a hands the step's typed fix to the fix flow (its preview and confirmation are the fix flow's).
		await h.press('a');
		await h.waitFor(/Force a new deployment of acso-production-supervisor/);
	});

	it('keeps results when the engineer leaves the screen and comes back', async () => {
		const h = openWalker();
		await h.waitFor('ACSO Troubleshooting Guide');
		await pick(h, 2);
		await pick(h, 1);
		await h.press(keys.enter);
		await h.waitFor('✗ PROBLEM', slow);
		await goTo(h, 'overview');
		await h.waitFor(f => !f.includes('Runbooks ›'));
		await goTo(h, 'runbooks');
		const back = await h.waitFor('Runbooks › Performance › Memory Leaks');
		expect(back).toMatch(/Check memory trends +✗ problem/);
		expect(back).toContain('✗ PROBLEM');
	});

	it('fills TASK-ID from the running tasks for an interactive command, ready to copy', async () => {
		const h = openWalker();
		await h.waitFor('ACSO Troubleshooting Guide');
		await pick(h, 2);
		await pick(h, 1);
		await h.waitFor('Memory Leaks');
		await h.press('j', 'j', keys.enter);
		const list = await h.waitFor('j/k pick a running task');
		expect(list).toContain('Value 1/1: Task (TASK-ID)');
		// The command's --container supervisor-agent: the supervisor's first task is picked to start with.
		const task = /^ {2}([a-f0-9]{8,}) {2}acso-production-supervisor\s*$/m.exec(list)?.[1];
		expect(task).toBeDefined();
		await h.press(keys.enter);
		const filled = await h.waitFor('filled in (y copies it):');
		expect(filled).toMatch(new RegExp(`--task +${task}`));
		expect(filled).toMatch(/Monitor memory usage in real-time +⧉ filled in/);
		await h.press('y');
		// The test terminal has no clipboard: it says so rather than pretending.
		await h.waitFor('copy is not available on this terminal');
	});

	it('does not send aws CLI commands anywhere from the simulated account, and says why', async () => {
		const h = openWalker();
		await h.waitFor('ACSO Troubleshooting Guide');
		await pick(h, 0);
		await pick(h, 0);
		await h.press('j', 'j', keys.enter);
		await h.waitFor('the simulated account (--demo) cannot answer the aws CLI: y copies the command to run it yourself');
	});

	it('fits a small terminal: every line within the width, the footer kept', async () => {
		const h = openWalker({columns: 60, rows: 20});
		await h.waitFor('ACSO Troubleshooting Guide');
		await pick(h, 2);
		await pick(h, 1);
		await h.press(keys.enter);
		const frame = await h.waitFor('✗ PROBLEM', slow);
		const lines = frame.split('\n');
		for (const line of lines) expect(stringWidth(line)).toBeLessThanOrEqual(60);
		expect(lines.length).toBeLessThanOrEqual(19);
		expect(lines.at(-1)).toMatch(/⏎ run the check/);
		expect(frame).toMatch(/[▲▼] \d+ (more|above)/);
	});
});

describe('from the overview', () => {
	it('t opens Memory Leaks in the production demo, where ACSO-HighMemory is in ALARM', async () => {
		const clock = manualClock();
		const h = renderApp({flags: {demo: true, refresh: '3600'}, size: {columns: 110, rows: 34}, now: clock.now});
		app = h;
		await h.waitFor('t → Memory Leaks (ACSO-HighMemory is in ALARM)');
		const help = await h.press('?');
		expect(help).toMatch(/^t +open the runbook for: Memory Leaks$/m);
		await settle();
		await h.press(keys.esc);
		await h.waitFor(f => !f.includes('close help'));
		await h.press('t');
		const walker = await h.waitFor('Runbooks › Performance › Memory Leaks');
		expect(walker).toContain('Symptoms: Memory utilization continuously increasing');
		// Esc climbs the tree, then returns to the overview it came from.
		await h.press(keys.esc);
		await h.waitFor(f => crumbLine(f).trim() === 'Runbooks › Performance');
		await h.press(keys.esc);
		await h.waitFor(f => crumbLine(f).trim() === 'Runbooks');
		await h.press(keys.esc);
		await h.waitFor('t → Memory Leaks');
	});
});

describe('--guide FILE', () => {
	it('walks a guide with other titles and names, and lists what it skipped', async () => {
		const config = testConfig({demo: true, refresh: '3600', guide: 'test/fixtures/guides/ledger-guide.md'});
		const loaded = loadRunbook(config);
		if (!loaded.ok) throw new Error(loaded.error);
		const clock = manualClock();
		const cloud = createSimCloud({seed: 7, clock: {now: clock.now}, isWriteEnabled: () => false});
		const h = renderTui(<App cloud={cloud} config={config} now={clock.now} initialScreen="runbooks" runbook={loaded.loaded} />, {columns: 100, rows: 30});
		app = h;
		const root = await h.waitFor('Ledger Platform On-Call Handbook');
		// The warnings come first on the line: a long path is what gets cut.
		expect(root).toMatch(/^Ledger Platform On-Call Handbook {2}· 3 warnings loading it \(see Guide warnings\) · test\/fixtures\/guid/m);
		expect(root).toMatch(/^▸ Capacity {2}2 issues: API Pods Starved of CPU, Ledger Database Saturated/m);
		expect(root).toMatch(/^▸ Emergency commands {2}Who is on fire/m);
		expect(root).not.toContain('Recovery procedures');
		await pick(h, 3);
		const warnings = await h.waitFor('Runbooks › Guide warnings');
		expect(warnings).toContain('line 43: a ```json block is not shell: skipped');
		await h.press(keys.esc);
		await pick(h, 0);
		await pick(h, 0);
		const issue = await h.waitFor('Runbooks › Capacity › API Pods Starved of CPU');
		expect(issue).toContain('Symptoms: p99 latency above 2 s · CPU graphs flat at the top');
		expect(issue).toMatch(/^Resolution 1: Add tasks/m);
		expect(issue).toContain('ledger-production-api');
		await h.press(keys.enter);
		// The simulated account has no ledger services: the check answers, plainly, that it found no data.
		const ran = await h.waitFor(/How busy is the API +(✓ ok|✗ problem|\? unknown)/);
		expect(ran).toMatch(/^(✓ OK|✗ PROBLEM|\? UNKNOWN) {2}\S/m);
	});
});

describe('the aws CLI from the walker', () => {
	async function fakeAws(): Promise<void> {
		// A stand-in aws that prints its arguments one a line.
		const dir = await mkdtemp(path.join(tmpdir(), 'acso-aws-'));
		await writeFile(path.join(dir, 'aws'), '#!/bin/sh\nfor a in "$@"; do echo "arg:$a"; done\n');
		await chmod(path.join(dir, 'aws'), 0o755);
		process.env.PATH = `${dir}:${savedPath}`;
	}

	/** The App on an "AWS" cloud (the simulated account behind it), so the aws CLI is offered. */
	function awsApp(flags: {write?: boolean} = {}) {
		const config = testConfig({region: 'eu-west-1', refresh: '3600', ...flags});
		const clock = manualClock();
		const sim = createSimCloud({seed: 7, clock: {now: clock.now}, isWriteEnabled: () => config.write});
		const h = renderTui(<App cloud={{...sim, kind: 'aws', region: 'eu-west-1'}} config={config} now={clock.now} initialScreen="runbooks" />, {columns: 100, rows: 30});
		app = h;
		return h;
	}

	it('confirms a read, runs it as an argument vector and shows its output', async () => {
		await fakeAws();
		const h = awsApp();
		await h.waitFor('ACSO Troubleshooting Guide');
		await pick(h, 0);
		await pick(h, 0);
		await h.press('j', 'j', keys.enter);
		const confirm = await h.waitFor('Run this read with the aws CLI (no shell)?');
		expect(confirm).toContain('$ aws cloudformation describe-stacks --stack-name acso-production-infrastructure');
		expect(confirm).toContain('y/⏎ run it · esc cancel');
		await h.press('y');
		const done = await h.waitFor('✓ aws finished', slow);
		expect(done).toMatch(/^arg:describe-stacks$/m);
		expect(done).toMatch(/Check CloudFormation stack status +✓ exit 0/);
	});

	it('asks for a placeholder in a field that takes every key, and checks it before running', async () => {
		await fakeAws();
		const h = awsApp();
		await h.waitFor('ACSO Troubleshooting Guide');
		await pick(h, 1);
		await pick(h, 0);
		await h.press('j', 'j', keys.enter);
		await h.waitFor('Value 1/1: AWS account id (ACCOUNT)');
		await settle();
		// q is a letter here, not quit.
		await h.type('qq');
		await h.press(keys.enter);
		await h.waitFor('AWS account id: "qq" is not valid: an account id is 12 digits');
		await h.press('\u007F', '\u007F');
		await h.type('123456789012');
		await h.press(keys.enter);
		const confirm = await h.waitFor('Run this read with the aws CLI (no shell)?');
		expect(confirm).toContain('arn:aws:iam::123456789012:role/acso-production-task-role');
		await h.press(keys.enter);
		const done = await h.waitFor('✓ aws finished', slow);
		expect(done).toMatch(/^arg:--policy-source-arn$/m);
	});

	it('runs a change with no typed fix only with --write, after the environment is typed', async () => {
		await fakeAws();
		const h = awsApp({write: true});
		await h.waitFor('ACSO Troubleshooting Guide');
		await pick(h, 0);
		await pick(h, 1);
		await h.press('G', keys.enter);
		const confirm = await h.waitFor('Run this CHANGE with the aws CLI? It is audited; there is no undo:');
		expect(confirm).toContain('aws iam attach-role-policy --role-name acso-production-execution-role');
		// The account it runs in is the app's own, shown with the command.
		expect(confirm).toMatch(/as region \S+ · /);
		await settle();
		await h.type('y');
		await h.press(keys.enter);
		await h.waitFor('type production to confirm this change, or esc to cancel');
		await h.press('\u007F');
		await h.type('production');
		await h.press(keys.enter);
		const done = await h.waitFor('✓ aws finished', slow);
		expect(done).toMatch(/^arg:attach-role-policy$/m);
	});
});

function escape(text: string): string {
	return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
