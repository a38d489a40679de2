// Fixes, audit, undo and the deployment watcher against the simulated ACSO account, which reacts to
// the Operator (a forced deployment rolls out over ~30-60 s of sim time).
import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {createAuditLog, runPlan, type AuditRecord} from '../../source/fixes/audit.js';
import {forceNewDeployment, setDesiredCount} from '../../source/fixes/ecs.js';
import {rollback} from '../../source/fixes/ecs-revisions.js';
import {putRetention} from '../../source/fixes/logs.js';
import {modifyDatabaseClass} from '../../source/fixes/database.js';
import type {Plan} from '../../source/fixes/types.js';
import {watchDeployment, watchTargetOf, type Sleep} from '../../source/fixes/watch.js';
import {createSimCloud} from '../../source/sim/index.js';

const root = mkdtempSync(join(tmpdir(), 'acso-actions-sim-'));
afterAll(() => rmSync(root, {recursive: true, force: true}));

const cluster = 'acso-production-cluster';
const supervisor = 'acso-production-supervisor';

let accounts = 0;

function account(write = true) {
	const time = {t: Date.UTC(2026, 10, 28, 12, 0, 0)};
	const clock = {now: () => time.t};
	const cloud = createSimCloud({seed: 1, clock, isWriteEnabled: () => write});
	// Sleeping moves sim time forward: a watch of minutes runs in milliseconds, deterministically.
	const sleep: Sleep = async ms => {
		time.t += ms;
	};
	const audit = createAuditLog({path: join(root, `audit-${++accounts}.jsonl`), context: {env: 'production', region: cloud.region, sessionId: 'sim'}});
	return {cloud, clock, sleep, audit, time};
}

describe('fixes against the simulated account', () => {
	it('a forced deployment rolls out and the watcher sees it complete with the steady-state event', async () => {
		const {cloud, clock, sleep, audit} = account();
		const plan = await forceNewDeployment.plan(cloud, {kind: 'service', cluster, service: supervisor});
		const since = clock.now();
		const {outcome} = await runPlan(plan, cloud.operator, audit);
		expect(outcome.ok).toBe(true);
		const target = watchTargetOf(plan, outcome);
		expect(target?.deploymentId).toBeDefined();

		const states: string[] = [];
		const watch = watchDeployment(cloud.services, {...target!, since, timeoutMs: 10 * 60_000, intervalMs: 5000, now: clock.now, sleep});
		watch.subscribe(state => states.push(`${state.rolloutState} ${state.running}/${state.desired}`));
		const final = await watch.finished;

		expect(final.done).toBe('completed');
		expect(final.rolloutState).toBe('COMPLETED');
		expect(clock.now() - since).toBeLessThanOrEqual(3 * 60_000);
		expect(states.some(line => line.startsWith('IN_PROGRESS'))).toBe(true);
		expect(final.events.some(event => event.message.includes('has reached a steady state'))).toBe(true);
		expect(final.events.every(event => event.createdAt >= since)).toBe(true);
	});

	it('set desired count, watched, then undone', async () => {
		const {cloud, clock, sleep, audit} = account();
		const target = {kind: 'service', cluster, service: 'acso-production-threat-hunter'} as const;
		const [before] = await cloud.services.describeServices(cluster, [target.service]);
		const plan = await setDesiredCount.plan(cloud, target, {desiredCount: before!.desiredCount + 1});
		const since = clock.now();
		const {outcome} = await runPlan(plan, cloud.operator, audit);
		expect(outcome.ok).toBe(true);
		const final = await watchDeployment(cloud.services, {...watchTargetOf(plan, outcome)!, since, timeoutMs: 10 * 60_000, now: clock.now, sleep}).finished;
		expect(final).toMatchObject({done: 'completed', running: before!.desiredCount + 1, desired: before!.desiredCount + 1});

		const undo = plan.undo(outcome) as Plan;
		expect((await runPlan(undo, cloud.operator, audit)).outcome.ok).toBe(true);
		const [after] = await cloud.services.describeServices(cluster, [target.service]);
		expect(after!.desiredCount).toBe(before!.desiredCount);
	});

	it('rolls back to the previous ACTIVE revision', async () => {
		const {cloud, clock, sleep, audit} = account();
		const target = {kind: 'service', cluster, service: supervisor} as const;
		const plan = await rollback.plan(cloud, target);
		const [from, to] = [plan.changes[0]!.from as string, plan.changes[0]!.to as string];
		expect(Number(to.split(':')[1])).toBeLessThan(Number(from.split(':')[1]));
		const since = clock.now();
		const {outcome} = await runPlan(plan, cloud.operator, audit);
		expect(outcome.ok).toBe(true);
		const final = await watchDeployment(cloud.services, {...watchTargetOf(plan, outcome)!, since, timeoutMs: 10 * 60_000, now: clock.now, sleep}).finished;
		expect(final).toMatchObject({done: 'completed', taskDefinition: to});
	});

	it('retention set on a group that never expired, undone by deleting the policy', async () => {
		const {cloud, audit} = account();
		const group = '/aws/acso/staging/agents';
		const before = (await cloud.logs.describeLogGroups(group)).find(g => g.name === group);
		expect(before?.retentionInDays).toBeUndefined();
		const plan = await putRetention.plan(cloud, {kind: 'logGroup', logGroup: group}, {retentionInDays: 14});
		const {outcome} = await runPlan(plan, cloud.operator, audit);
		expect(outcome.ok).toBe(true);
		expect((await cloud.logs.describeLogGroups(group)).find(g => g.name === group)?.retentionInDays).toBe(14);
		const undo = plan.undo(outcome) as Plan;
		expect(undo.apiCall).toBe('logs:DeleteRetentionPolicy');
		expect((await runPlan(undo, cloud.operator, audit)).outcome.ok).toBe(true);
		expect((await cloud.logs.describeLogGroups(group)).find(g => g.name === group)?.retentionInDays).toBeUndefined();
	});

	it('a class change for the maintenance window is left pending', async () => {
		const {cloud, audit} = account();
		const plan = await modifyDatabaseClass.plan(cloud, {kind: 'db', db: 'acso-production-db'}, {instanceClass: 'db.t3.large'});
		const {outcome} = await runPlan(plan, cloud.operator, audit);
		expect(outcome.ok).toBe(true);
		const [db] = await cloud.databases.describeDbInstances('acso-production-db');
		expect(db?.pendingInstanceClass).toBe('db.t3.large');
	});

	it('read-only: the sim refuses the change with the --write hint, and the audit says so', async () => {
		const {cloud, audit} = account(false);
		const plan = await forceNewDeployment.plan(cloud, {kind: 'service', cluster, service: supervisor});
		const {outcome} = await runPlan(plan, cloud.operator, audit);
		expect(outcome).toMatchObject({ok: false, error: {kind: 'read-only'}});
		expect(outcome.ok ? '' : outcome.error.message).toContain('--write');
		const lines = readFileSync(audit.path, 'utf8').trimEnd().split('\n').map(line => JSON.parse(line) as AuditRecord);
		expect(lines.map(line => line.outcome)).toEqual(['pending', 'failed']);
	});
});
