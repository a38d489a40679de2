import {describe, expect, it} from 'vitest';
import {putRetention} from '../../../source/fixes/logs.js';
import {setDesiredCount} from '../../../source/fixes/ecs.js';
import {newRevision} from '../../../source/fixes/new-revision.js';
import type {Plan, Target} from '../../../source/fixes/types.js';
import {initialWatchState, reduceWatch} from '../../../source/fixes/watch-state.js';
import type {SegmentLine} from '../../../source/format/segments.js';
import {notSentLines, outcomeLines} from '../../../source/fixes/ui/outcome-lines.js';
import {previewLines} from '../../../source/fixes/ui/preview-lines.js';
import {watchLines} from '../../../source/fixes/ui/watch-lines.js';
import {cluster, fakeReaders, logGroupName, productionAccount, serviceName} from '../fake-cloud.js';

// The fix flow's views as plain lines: what the engineer reads before and after a change.

const text = (lines: readonly SegmentLine[]) => lines.map(line => line.map(s => s.text).join('').trimEnd()).join('\n');
const service: Target = {kind: 'service', cluster, service: serviceName};
const width = 100;

describe('the preview', () => {
	it('shows the call and its parameters, current → new, warnings, risk, undo and the aws twin', async () => {
		const plan = await setDesiredCount.plan(fakeReaders(productionAccount()), service, {desiredCount: 0});
		const shown = text(previewLines(plan, 200));
		expect(shown).toContain('Set desired count of acso-production-supervisor to 0');
		expect(shown).toMatch(/Risk\s+HIGH/);
		expect(shown).toMatch(/Call\s+ecs:UpdateService/);
		expect(shown).toContain('cluster = acso-production-cluster');
		expect(shown).toContain('desiredCount = 0');
		expect(shown).toMatch(/Changes\s+desiredCount: 2 → 0/);
		expect(shown).toMatch(/Warning\s+⚠ Desired count 0 stops every task/);
		expect(shown).toMatch(/Undo\s+Undo sets the desired count of acso-production-supervisor back to 2/);
		expect(shown).toContain('aws ecs update-service --cluster acso-production-cluster --service acso-production-supervisor --desired-count 0');
		// Narrower, the twin wraps under its label instead of being cut.
		expect(text(previewLines(plan, 60))).toMatch(/CLI\s+aws ecs update-service --cluster\n\s+acso-production-cluster --service\n/);
	});

	it('names absent values and lists every call of a two-call plan', async () => {
		const account = productionAccount();
		account.logGroups[1]!.retentionInDays = undefined;
		const retention = await putRetention.plan(fakeReaders(account), {kind: 'logGroup', logGroup: '/aws/acso/production/agents-archive'}, {retentionInDays: 30});
		expect(text(previewLines(retention, width))).toMatch(/retentionInDays: (never expire|\(none\)) → 30/);
		const revision = await newRevision.plan(fakeReaders(productionAccount()), service, {memory: 4096});
		const shown = text(previewLines(revision, 200));
		expect(shown).toMatch(/Call\s+ecs:RegisterTaskDefinition/);
		expect(shown).toMatch(/Call\s+ecs:UpdateService/);
		expect(shown).toContain('&& \\');
	});

	it('wraps to the width and sanitizes what came from AWS', () => {
		// A hostile name as a backend could report it (the fixes refuse to plan on one; the view must still draw it safely).
		const hostile = `${logGroupName}\u001b]52;c;aGk=\u0007`;
		const wide = text(previewLines(handPlan(hostile), 200));
		expect(wide).not.toContain('\u001b');
		expect(wide).not.toContain('\u0007');
		expect(wide).toContain('logGroupName = /aws/acso/production/agents\\x1b]52;c;aGk=\\x07');
		const narrow = previewLines(handPlan(hostile), 40);
		for (const line of narrow) expect(line.map(s => s.text).join('').length).toBeLessThanOrEqual(40);
		expect(text(narrow)).not.toContain('\u001b');
	});
});

function handPlan(name: string): Plan {
	return {
		fixId: 'put-retention',
		title: `Set retention of ${name} to 14 days`,
		risk: 'low',
		target: {kind: 'logGroup', logGroup: name},
		apiCall: 'logs:PutRetentionPolicy',
		parameters: {logGroupName: name, retentionInDays: 14},
		calls: [{apiCall: 'logs:PutRetentionPolicy', parameters: {logGroupName: name, retentionInDays: 14}, cliCommand: `aws logs put-retention-policy --log-group-name '${name}'`}],
		changes: [{field: 'retentionInDays', from: 7, to: 14}],
		cliCommand: `aws logs put-retention-policy --log-group-name '${name}'`,
		resourceName: name,
		before: {retentionInDays: 7},
		warnings: [],
		undoSummary: 'Undo sets it back to 7 days.',
		run: async () => ({ok: true, after: {}, requestIds: []}),
		undo: () => undefined,
	};
}

describe('the outcome', () => {
	it('says done with the request id, the state AWS answered and where the audit line is', async () => {
		const plan = await setDesiredCount.plan(fakeReaders(productionAccount()), service, {desiredCount: 3});
		const shown = text(outcomeLines(plan, {entryId: 'e-1', outcome: {ok: true, after: {desiredCount: 3}, requestId: 'r-1', requestIds: ['r-1']}}, '/tmp/audit.jsonl', width));
		expect(shown).toContain('✓ Done: Set desired count of acso-production-supervisor to 3');
		expect(shown).toMatch(/Request\s+r-1/);
		expect(shown).toMatch(/Now\s+desiredCount=3/);
		expect(shown).toMatch(/Audit\s+entry e-1 in \/tmp\/audit.jsonl/);
	});

	it("says a failure in plain words: the error's kind, message, code and request id, and that nothing changed", async () => {
		const plan = await setDesiredCount.plan(fakeReaders(productionAccount()), service, {desiredCount: 3});
		const shown = text(
			outcomeLines(
				plan,
				{
					entryId: 'e-2',
					outcome: {ok: false, error: {message: 'User: arn:aws:sts::1:assumed-role/oncall is not authorized to perform: ecs:UpdateService', kind: 'denied', code: 'AccessDeniedException', requestId: 'r-9', apiCall: 'ecs:UpdateService'}, completed: [], requestId: 'r-9', requestIds: []},
				},
				'/tmp/audit.jsonl',
				200,
			),
		);
		expect(shown).toContain('✗ Failed: Set desired count of acso-production-supervisor to 3');
		expect(shown).toMatch(/Error\s+ecs:UpdateService: access denied \(denied\)/);
		expect(shown).toContain('is not authorized to perform: ecs:UpdateService');
		expect(shown).toMatch(/AWS\s+code AccessDeniedException · request id r-9/);
		expect(shown).toMatch(/Changed\s+nothing: the change was not applied/);
	});

	it('says which calls of a partial change went through and which were never sent', async () => {
		const plan = await newRevision.plan(fakeReaders(productionAccount()), service, {memory: 4096});
		const shown = text(
			outcomeLines(plan, {entryId: 'e-3', outcome: {ok: false, error: {message: 'throttled', kind: 'throttled', apiCall: 'ecs:UpdateService'}, completed: ['ecs:RegisterTaskDefinition'], after: {taskDefinition: 'x:8'}, requestIds: ['r-1']}}, '/a', width),
		);
		expect(shown).toMatch(/Changed\s+partly: ecs:RegisterTaskDefinition went through before the failure/);
		expect(shown).toMatch(/Now\s+taskDefinition=x:8/);
		expect(shown).toContain('no request id');
	});

	it('says nothing was sent when the audit intent could not be written', () => {
		const shown = text(notSentLines(undefined, 'cannot write the audit log /ro/audit.jsonl: EROFS', width));
		expect(shown).toContain('✗ Not sent');
		expect(shown).toMatch(/Changed\s+nothing/);
	});
});

describe('the watch', () => {
	const at = Date.UTC(2026, 10, 28, 12, 0, 0);
	const base = initialWatchState({cluster, service: serviceName, since: at, startedAt: at, timeoutMs: 600_000, deploymentId: 'd-2'});
	const polled = (rolloutState: 'IN_PROGRESS' | 'COMPLETED', running: number, events: number) =>
		reduceWatch(base, {
			type: 'polled',
			at: at + 30_000,
			service: {
				name: serviceName,
				arn: 'arn',
				cluster,
				status: 'ACTIVE',
				desiredCount: 2,
				runningCount: running,
				pendingCount: 2 - running,
				taskDefinition: `${serviceName}:7`,
				deployments: [{id: 'd-2', status: 'PRIMARY', rolloutState, taskDefinition: `${serviceName}:7`, desiredCount: 2, runningCount: running, pendingCount: 2 - running, failedTasks: 0, createdAt: at, updatedAt: at}],
				events: Array.from({length: events}, (_, i) => ({id: `ev-${i}`, createdAt: at + 1000 * (i + 1), message: `event number ${i}`})).reverse(),
			},
		});

	it('shows the rollout state, counts, time left and the newest events that fit', () => {
		const lines = watchLines(polled('IN_PROGRESS', 1, 30), at + 30_000, width, 10);
		expect(lines.length).toBeLessThanOrEqual(10);
		const shown = text(lines);
		expect(shown).toContain('Rollout of acso-production-supervisor: IN_PROGRESS');
		expect(shown).toMatch(/Tasks\s+running 1\/2 · pending 1 · deployments 1/);
		expect(shown).toContain('watching 30s · gives up in 9m 30s');
		expect(shown).toContain('event number 29');
		expect(shown).not.toContain('event number 0\n');
		expect(shown).toMatch(/▲ \d+ earlier/);
	});

	it('says SCALING while a count change starts tasks under a deployment ECS already calls COMPLETED', () => {
		const scaling = polled('COMPLETED', 1, 0);
		expect(scaling.done).toBeUndefined();
		expect(text(watchLines(scaling, at + 30_000, width, 10))).toContain('Rollout of acso-production-supervisor: SCALING');
	});

	it('shows how it ended', () => {
		const shown = text(watchLines(polled('COMPLETED', 2, 1), at + 60_000, width, 20));
		expect(shown).toContain('Rollout of acso-production-supervisor: completed');
		expect(shown).toMatch(/Result\s+✓ rollout completed: acso-production-supervisor is steady: 2\/2 running/);
		expect(shown).toContain('event number 0');
		expect(text(watchLines(reduceWatch(base, {type: 'tick', at: at + 600_000}), at + 600_000, width, 20))).toContain('⌛ gave up waiting');
	});
});
