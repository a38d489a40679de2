// A call the backend refuses leaves a failed outcome (kind, message, request id), audited, and
// nothing else is sent.
import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, describe, expect, it} from 'vitest';
import {createAuditLog, runPlan, type AuditRecord} from '../../source/fixes/audit.js';
import {setDesiredCount} from '../../source/fixes/ecs.js';
import {putRetention} from '../../source/fixes/logs.js';
import {CloudError} from '../../source/port/errors.js';
import {checkedOperator} from './checked-operator.js';
import {cluster, fakeReaders, logGroupName, productionAccount, serviceName} from './fake-cloud.js';

const root = mkdtempSync(join(tmpdir(), 'acso-actions-fail-'));
afterAll(() => rmSync(root, {recursive: true, force: true}));

describe('failed calls', () => {
	it.each([
		['denied', new CloudError('denied', 'User: arn:aws:iam::1:user/oncall is not authorized to perform: ecs:UpdateService', {action: 'ecs:UpdateService', requestId: 'rq-denied', code: 'AccessDeniedException'})],
		['throttled', new CloudError('throttled', 'Rate exceeded', {requestId: 'rq-throttled', code: 'ThrottlingException'})],
		['invalid', new CloudError('invalid', 'desiredCount must be >= 0', {requestId: 'rq-invalid', code: 'InvalidParameterException'})],
	] as const)('%s: outcome failed with the CloudError details, audited, no other call', async (kind, error) => {
		const path = join(root, `${kind}.jsonl`);
		const audit = createAuditLog({path, context: {env: 'production', region: 'us-east-1', sessionId: 's'}});
		const plan = await setDesiredCount.plan(fakeReaders(productionAccount()), {kind: 'service', cluster, service: serviceName}, {desiredCount: 4});
		const fake = checkedOperator([{method: 'updateService', args: [cluster, serviceName, {desiredCount: 4}], error}]);

		const {outcome} = await runPlan(plan, fake.operator, audit);

		fake.verify();
		expect(outcome).toEqual({
			ok: false,
			error: {message: error.message, kind, requestId: error.requestId, code: error.code, apiCall: 'ecs:UpdateService'},
			completed: [],
			requestId: error.requestId,
			requestIds: [],
		});
		expect(plan.undo(outcome)).toBeUndefined(); // nothing changed, nothing to undo
		const last = JSON.parse(readFileSync(path, 'utf8').trimEnd().split('\n').at(-1)!) as AuditRecord;
		expect(last).toMatchObject({
			phase: 'outcome',
			outcome: 'failed',
			after: null,
			requestId: error.requestId,
			error: {message: error.message, kind, requestId: error.requestId, code: error.code, apiCall: 'ecs:UpdateService'},
		});
	});

	it('an error that is not a CloudError is recorded as unknown', async () => {
		const plan = await putRetention.plan(fakeReaders(productionAccount()), {kind: 'logGroup', logGroup: logGroupName}, {retentionInDays: 60});
		const fake = checkedOperator([{method: 'putRetentionPolicy', args: [logGroupName, 60], error: new TypeError('fetch failed')}]);
		const outcome = await plan.run(fake.operator);
		fake.verify();
		expect(outcome).toMatchObject({ok: false, error: {kind: 'unknown', message: 'fetch failed', apiCall: 'logs:PutRetentionPolicy'}});
	});
});
