import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {createAuditLog, runPlan, type AuditRecord} from '../../source/fixes/audit.js';
import {catalogue} from '../../source/fixes/catalogue.js';
import {guardOperator} from '../../source/port/read-only.js';
import {checkedOperator} from './checked-operator.js';
import {fakeReaders, productionAccount} from './fake-cloud.js';
import {samples} from './samples.js';

const folder = mkdtempSync(join(tmpdir(), 'acso-actions-ro-'));
afterAll(() => rmSync(folder, {recursive: true, force: true}));

describe('read-only mode', () => {
	it('has a sample for every fix of the catalogue', () => {
		expect(Object.keys(samples).sort()).toEqual(catalogue.map(fix => fix.id).sort());
	});

	it.each(catalogue.map(fix => [fix.id, fix] as const))('%s is refused with the --write hint, sends nothing, and is audited as failed', async (id, fix) => {
		const path = join(folder, `${id}.jsonl`);
		const audit = createAuditLog({path, context: {env: 'production', region: 'us-east-1', sessionId: 's-ro'}});
		const backend = checkedOperator([]); // any call reaching the backend fails the test
		const sample = samples[id];
		const plan = await fix.plan(fakeReaders(productionAccount()), sample.target, sample.params);

		const {outcome} = await runPlan(plan, guardOperator(backend.operator, () => false), audit);

		backend.verify();
		expect(outcome.ok).toBe(false);
		if (outcome.ok) return;
		expect(outcome.error.kind).toBe('read-only');
		expect(outcome.error.message).toContain('start it with --write to allow changes');
		expect(outcome.completed).toEqual([]);
		const lines = readFileSync(path, 'utf8').trimEnd().split('\n').map(line => JSON.parse(line) as AuditRecord);
		expect(lines.map(line => [line.phase, line.outcome])).toEqual([
			['intent', 'pending'],
			['outcome', 'failed'],
		]);
		expect(lines[1]!.error).toMatchObject({kind: 'read-only'});
		expect(lines[1]!.error!.message).toContain('--write');
		expect(lines[1]!.action).toBe(id);
	});
});
