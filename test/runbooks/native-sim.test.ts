// Walks every tree of the built-in runbook and runs every native diagnosis against the simulated
// account: production has the supervisor memory leak with ACSO-HighMemory in ALARM; staging has a
// threat-hunter image that was never pushed.
import {describe, expect, it} from 'vitest';
import {namesFor} from '../../source/port/names.js';
import type {Cloud} from '../../source/port/types.js';
import {buildAcsoRunbook} from '../../source/runbooks/acso-runbook.js';
import {allIssues, type Issue, type Runbook, type Step} from '../../source/runbooks/model.js';
import {type NativeResult, type ReadCloud, runNativeStep} from '../../source/runbooks/native.js';
import {createManualClock, createSimCloud} from '../../source/sim/index.js';

const start = Date.UTC(2026, 10, 28, 12, 0, 0);

/** Every argument the diagnoses hand the port, to check which environment they touch. */
function recording(cloud: Cloud): {cloud: ReadCloud; args: string[]} {
	const args: string[] = [];
	const wrap = <T extends object>(group: T): T =>
		new Proxy(group, {
			get(target, method) {
				const fn = Reflect.get(target, method) as unknown;
				if (typeof fn !== 'function') return fn;
				return (...a: unknown[]) => {
					args.push(JSON.stringify(a));
					return (fn as (...x: unknown[]) => unknown).apply(target, a);
				};
			},
		});
	return {
		cloud: {clusters: wrap(cloud.clusters), services: wrap(cloud.services), metrics: wrap(cloud.metrics), logs: wrap(cloud.logs), alarms: wrap(cloud.alarms), databases: wrap(cloud.databases), parameters: wrap(cloud.parameters), roles: wrap(cloud.roles), network: wrap(cloud.network!)},
		args,
	};
}

type Walked = {results: Map<string, NativeResult>; args: string[]; runbook: Runbook};

async function walk(env: string): Promise<Walked> {
	const clock = createManualClock(start);
	const sim = createSimCloud({seed: 1, clock, isWriteEnabled: () => false});
	const {cloud, args} = recording(sim);
	const names = namesFor(env);
	const runbook = buildAcsoRunbook(names);
	const results = new Map<string, NativeResult>();
	const run = async (step: Step, issue?: Issue) => {
		if (step.runner !== 'native' || step.effect !== 'read') return;
		results.set(step.id, await runNativeStep(step, {cloud, names, now: clock.now(), runbook, ...(issue ? {issue} : {})}));
	};
	for (const step of runbook.emergency) await run(step);
	for (const issue of allIssues(runbook)) for (const step of issue.diagnosis) await run(step, issue);
	for (const recovery of runbook.recoveries) for (const step of recovery.steps) await run(step);
	for (const step of runbook.escalation.checklist) await run(step);
	return {results, args, runbook};
}

const production = walk('production');
const staging = walk('staging');

function verdict(walked: Walked, id: string) {
	const result = walked.results.get(id);
	if (!result) throw new Error(`no result for ${id}`);
	return result.verdict;
}

describe.each([
	['production', production],
	['staging', staging],
])('walking every tree in %s', (_env, walked) => {
	it('runs every native read of every tree, each with a verdict and readable lines', async () => {
		const w = await walked;
		const native = [...w.runbook.emergency, ...allIssues(w.runbook).flatMap(i => i.diagnosis), ...w.runbook.recoveries.flatMap(r => r.steps), ...w.runbook.escalation.checklist].filter(s => s.runner === 'native' && s.effect === 'read');
		expect(w.results.size).toBe(native.length);
		expect(w.results.size).toBeGreaterThanOrEqual(25);
		for (const [id, result] of w.results) {
			expect(result.error, `${id}: ${result.verdict.reason}`).toBeUndefined();
			expect(result.verdict.reason.length, id).toBeGreaterThan(10);
			expect(result.lines.length, id).toBeGreaterThan(0);
			for (const line of result.lines) expect(line.startsWith('{') || line.startsWith('['), `${id}: raw JSON line`).toBe(false);
		}
	});
});

describe('production: the supervisor memory leak', () => {
	it('sees the leak in the memory trend, the logs and the OOM-killed tasks', async () => {
		const w = await production;
		expect(verdict(w, 'memory-leaks/diagnosis/1')).toMatchObject({level: 'problem', finding: expect.stringMatching(/^memory-(rising|limit|high)$/), recommends: {index: 0, title: 'Immediate fix - restart service'}});
		expect(verdict(w, 'memory-leaks/diagnosis/2')).toMatchObject({level: 'problem', finding: 'log-errors', recommends: {index: 0}});
		expect(verdict(w, 'memory-leaks/diagnosis/acso-tui-4')).toMatchObject({level: 'problem', finding: 'oom', recommends: {index: 1, title: 'Long-term fix - increase memory'}});
	});

	it('reports ACSO-HighMemory in ALARM and points at the memory tree', async () => {
		const w = await production;
		const v = verdict(w, 'alert-fatigue/diagnosis/2');
		expect(v).toMatchObject({level: 'problem', finding: 'alarm-firing', seeAlso: [{issueId: 'memory-leaks', title: 'Memory Leaks'}]});
		expect(v.reason).toContain('ACSO-HighMemory is in ALARM');
	});

	it('finds the infrastructure in place and the errors in the logs', async () => {
		const w = await production;
		expect(verdict(w, 'deployment-fails-with-service-not-found/diagnosis/1').level).toBe('ok');
		expect(verdict(w, 'deployment-fails-with-service-not-found/diagnosis/2').level).toBe('ok');
		expect(verdict(w, 'inter-agent-communication-failures/diagnosis/1').level).toBe('ok');
		expect(verdict(w, 'emergency/4')).toMatchObject({level: 'problem', finding: 'log-errors'});
		expect(verdict(w, 'escalation/2')).toMatchObject({level: 'problem', finding: 'log-errors'});
		expect(verdict(w, 'database-connection-issues/diagnosis/1').level).toBe('ok');
		expect(verdict(w, 'database-connection-issues/diagnosis/3').reason).toMatch(/connections of about 450 allowed/);
		expect(verdict(w, 'missing-metrics/diagnosis/1').level).toBe('ok');
		expect(verdict(w, 'log-retention-problems/diagnosis/1').level).toBe('ok');
	});

	it('cannot tell from a log group this account does not have', async () => {
		const w = await production;
		expect(verdict(w, 'authentication-failures/diagnosis/4')).toMatchObject({level: 'unknown', finding: 'log-group-absent'});
	});
});

describe('staging: the image that was never pushed', () => {
	it('finds CannotPullContainerError on the stopped tasks and recommends building and pushing the image', async () => {
		const w = await staging;
		const v = verdict(w, 'container-image-pull-failures/diagnosis/acso-tui-2');
		expect(v).toMatchObject({level: 'problem', finding: 'pull-error', recommends: {index: 0, title: 'Build and push images'}});
		expect(v.reason).toContain('acso-staging-threat-hunter');
		expect(verdict(w, 'container-image-pull-failures/diagnosis/acso-tui-3')).toMatchObject({level: 'problem', finding: 'tasks-failing-to-start'});
	});

	it('finds the log group without retention and without metric filters', async () => {
		const w = await staging;
		expect(verdict(w, 'log-retention-problems/diagnosis/1')).toMatchObject({level: 'problem', finding: 'no-retention', recommends: {index: 0, title: 'Adjust retention policies'}});
		expect(verdict(w, 'missing-metrics/diagnosis/2')).toMatchObject({level: 'problem', finding: 'no-metric-filters', recommends: {index: 1, title: 'Update metric filters'}});
	});

	it('has no memory leak, and does not take production\'s alarm for its own', async () => {
		const w = await staging;
		expect(verdict(w, 'memory-leaks/diagnosis/1').level).toBe('ok');
		expect(verdict(w, 'alert-fatigue/diagnosis/2').level).not.toBe('problem');
	});

	it('never asks the account about production', async () => {
		const w = await staging;
		expect(w.args.length).toBeGreaterThan(20);
		for (const arg of w.args) expect(arg).not.toContain('production');
	});
});
