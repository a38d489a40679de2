import {mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, unlinkSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {AuditError, createAuditLog, defaultAuditPath, runPlan, type AuditRecord} from '../../source/fixes/audit.js';
import {setDesiredCount} from '../../source/fixes/ecs.js';
import {checkedOperator} from './checked-operator.js';
import {cluster, fakeReaders, productionAccount, serviceName} from './fake-cloud.js';

const root = mkdtempSync(join(tmpdir(), 'acso-actions-audit-'));
afterAll(() => rmSync(root, {recursive: true, force: true}));

const target = {kind: 'service', cluster, service: serviceName} as const;
const context = {env: 'production', region: 'eu-west-1', profile: 'acso-prod', sessionId: 'session-42'};
const readLines = (path: string) => readFileSync(path, 'utf8').trimEnd().split('\n').map(line => JSON.parse(line) as AuditRecord);

describe('audit trail', () => {
	it('writes the intent before the call and the outcome after, every field on every line, file 0600 in a 0700 folder', async () => {
		const path = join(root, 'fresh', 'state', 'audit.jsonl');
		let t = Date.UTC(2026, 10, 28, 12, 0, 0);
		const audit = createAuditLog({path, context, now: () => t++});
		const plan = await setDesiredCount.plan(fakeReaders(productionAccount()), target, {desiredCount: 4});
		let linesAtCall = -1;
		const fake = checkedOperator([
			{method: 'updateService', args: [cluster, serviceName, {desiredCount: 4}], result: {value: {...productionAccount().services[0]!, desiredCount: 4}, requestId: 'req-abc'}},
		]);
		const operator = {
			...fake.operator,
			updateService: async (...args: Parameters<typeof fake.operator.updateService>) => {
				linesAtCall = readLines(path).length; // the intent must already be on disk
				return fake.operator.updateService(...args);
			},
		};
		const result = await runPlan(plan, operator, audit);
		fake.verify();
		expect(linesAtCall).toBe(1);
		expect(result.auditError).toBeUndefined();

		const [intent, outcome] = readLines(path);
		const fields = ['time', 'entryId', 'phase', 'env', 'region', 'profile', 'sessionId', 'action', 'title', 'apiCall', 'resource', 'cliCommand', 'parameters', 'before', 'after', 'outcome', 'error', 'requestId', 'undoOf'];
		expect(Object.keys(intent!).sort()).toEqual([...fields].sort());
		expect(Object.keys(outcome!).sort()).toEqual([...fields].sort());
		expect(intent).toMatchObject({
			time: '2026-11-28T12:00:00.000Z',
			entryId: result.entryId,
			phase: 'intent',
			env: 'production',
			region: 'eu-west-1',
			profile: 'acso-prod',
			sessionId: 'session-42',
			action: 'set-desired-count',
			apiCall: 'ecs:UpdateService',
			resource: serviceName,
			parameters: {cluster, service: serviceName, desiredCount: 4},
			before: {desiredCount: 2},
			after: null,
			outcome: 'pending',
			error: null,
			requestId: null,
		});
		expect(outcome).toMatchObject({
			time: '2026-11-28T12:00:00.001Z',
			entryId: result.entryId,
			phase: 'outcome',
			action: 'set-desired-count',
			parameters: {cluster, service: serviceName, desiredCount: 4},
			before: {desiredCount: 2},
			after: {desiredCount: 4},
			outcome: 'ok',
			error: null,
			requestId: 'req-abc',
		});
		expect(statSync(path).mode & 0o777).toBe(0o600);
		expect(statSync(join(root, 'fresh', 'state')).mode & 0o777).toBe(0o700);
	});

	it('appends to an existing trail', async () => {
		const path = join(root, 'append.jsonl');
		for (let i = 0; i < 2; i++) {
			const audit = createAuditLog({path, context});
			audit.outcome(audit.intent(await setDesiredCount.plan(fakeReaders(productionAccount()), target, {desiredCount: 3 + i})), {ok: true});
		}
		expect(readLines(path).map(line => [line.phase, line.parameters['desiredCount']])).toEqual([
			['intent', 3],
			['outcome', 3],
			['intent', 4],
			['outcome', 4],
		]);
	});

	it('blocks the change, sending nothing, when the intent cannot be written', async () => {
		const blocker = join(root, 'not-a-folder');
		writeFileSync(blocker, 'x');
		const path = join(blocker, 'audit.jsonl');
		const audit = createAuditLog({path, context});
		const plan = await setDesiredCount.plan(fakeReaders(productionAccount()), target, {desiredCount: 4});
		const fake = checkedOperator([]);
		const attempt = runPlan(plan, fake.operator, audit);
		await expect(attempt).rejects.toBeInstanceOf(AuditError);
		await expect(attempt).rejects.toThrow(`cannot write the audit log ${path}:`);
		fake.verify();
	});

	it('reports, without hiding the outcome, when the outcome line cannot be written', async () => {
		const path = join(root, 'vanishing.jsonl');
		const audit = createAuditLog({path, context});
		const plan = await setDesiredCount.plan(fakeReaders(productionAccount()), target, {desiredCount: 4});
		const fake = checkedOperator([{method: 'updateService', args: [cluster, serviceName, {desiredCount: 4}], result: {value: productionAccount().services[0]!}}]);
		const operator = {
			...fake.operator,
			updateService: async (...args: Parameters<typeof fake.operator.updateService>) => {
				unlinkSync(path);
				mkdirSync(path); // the trail's path is now a folder: the outcome append fails
				return fake.operator.updateService(...args);
			},
		};
		const result = await runPlan(plan, operator, audit);
		fake.verify();
		expect(result.outcome.ok).toBe(true);
		expect(result.auditError).toMatch(new RegExp(`^cannot write the audit log ${path}: .*\\(the change was made; entry ${result.entryId} has no outcome\\)$`));
	});

	it('refuses an outcome for an intent it did not write', () => {
		const audit = createAuditLog({path: join(root, 'x.jsonl'), context});
		expect(() => audit.outcome('nope', {ok: true})).toThrow('audit entry nope was not written by this log; record an intent first');
	});

	it('defaults to $XDG_STATE_HOME/acso-tui/audit.jsonl, else ~/.local/state (a relative XDG path is ignored)', () => {
		expect(defaultAuditPath({XDG_STATE_HOME: '/var/state'}, '/home/oncall')).toBe('/var/state/acso-tui/audit.jsonl');
		expect(defaultAuditPath({}, '/home/oncall')).toBe('/home/oncall/.local/state/acso-tui/audit.jsonl');
		expect(defaultAuditPath({XDG_STATE_HOME: 'state'}, '/home/oncall')).toBe('/home/oncall/.local/state/acso-tui/audit.jsonl');
	});
});
