// The restore-parameter fix: the automation's value back as a new version (PutParameter --overwrite),
// preview before → after, undo puts back the value it replaced; a SecureString is refused, never read.
import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {PutParameterCommand, SSMClient} from '@aws-sdk/client-ssm';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {createAwsCloud} from '../../source/aws/index.js';
import {createAuditLog, runPlan} from '../../source/fixes/audit.js';
import {FixInputError} from '../../source/fixes/errors.js';
import {restoreParameter} from '../../source/fixes/parameters.js';
import {fixFromRunbook} from '../../source/fixes/runbook-hints.js';
import {parameterChoices} from '../../source/fixes/ui/parameter-choices.js';
import {createManualClock, createSimCloud} from '../../source/sim/index.js';
import {describeWithMoto, motoCredentials, motoRegion, startMoto, type MotoServer} from '../helpers/moto.js';
import {checkedOperator} from './checked-operator.js';
import {driftedParameter, fakeReaders, productionAccount} from './fake-cloud.js';

const root = mkdtempSync(join(tmpdir(), 'acso-restore-parameter-'));
afterAll(() => rmSync(root, {recursive: true, force: true}));

const target = {kind: 'parameter' as const, name: driftedParameter};

describe('restore-parameter, planned on a fixture account', () => {
	it('restores the value the automation last wrote, with the preview, the CLI twin and its undo', async () => {
		const plan = await restoreParameter.plan(fakeReaders(productionAccount()), target);
		expect(plan.title).toBe(`Restore ${driftedParameter} to the value assumed-role/acso-production-deploy wrote (version 2)`);
		expect(plan.changes).toEqual([{field: 'value', from: '4', to: '40'}]);
		expect(plan.calls).toEqual([
			{apiCall: 'ssm:PutParameter', parameters: {Name: driftedParameter, Value: '40', Type: 'String', Overwrite: true}, cliCommand: `aws ssm put-parameter --name ${driftedParameter} --value '<redacted>' --type String --overwrite`},
		]);
		// The twin's --value is redacted as every ssm --value is (format/redact.ts); the change itself shows before → after.
		expect(plan.resourceName).toBe(driftedParameter);
		expect(plan.undoSummary).toBe('Undo puts "4" back (as a newer version).');

		const backend = checkedOperator([
			{method: 'putParameter', args: [driftedParameter, '40', 'String'], result: {value: {version: 4}, requestId: 'r1'}},
			{method: 'putParameter', args: [driftedParameter, '4', 'String'], result: {value: {version: 5}, requestId: 'r2'}},
		]);
		const outcome = await plan.run(backend.operator);
		expect(outcome).toMatchObject({ok: true, after: {value: '40', version: 4}, requestId: 'r1'});
		const undo = plan.undo(outcome)!;
		expect(undo.undoOf).toBe(plan.title);
		expect(undo.changes).toEqual([{field: 'value', from: '40', to: '4'}]);
		expect(await undo.run(backend.operator)).toMatchObject({ok: true, after: {value: '4'}});
		backend.verify();
	});

	it('takes a version from the history instead, and refuses one it does not have', async () => {
		const readers = fakeReaders(productionAccount());
		const plan = await restoreParameter.plan(readers, target, {version: '1'});
		expect(plan.changes).toEqual([{field: 'value', from: '4', to: '32'}]);
		await expect(restoreParameter.plan(readers, target, {version: 9})).rejects.toThrow(/has no version 9 in its history \(v1 by acso-production-deploy\/pipeline-1, v2 by acso-production-deploy\/pipeline-1, v3 by AWSReservedSSO_Admin_0a1b\/dana\.kim\)/);
	});

	it('refuses a SecureString without reading its value, a parameter already at the value, and one that is not there', async () => {
		const readers = fakeReaders(productionAccount());
		const secure = restoreParameter.plan(readers, {kind: 'parameter', name: '/acso/production/database/url'});
		await expect(secure).rejects.toBeInstanceOf(FixInputError);
		await expect(secure).rejects.toThrow(/is a SecureString: restoring it needs its old value decrypted, which acso-tui never reads, shows or records/);
		await expect(restoreParameter.plan(readers, {kind: 'parameter', name: '/acso/production/supervisor/workflow-timeout-seconds'}, {version: 1})).rejects.toThrow(/already holds "300"/);
		await expect(restoreParameter.plan(readers, {kind: 'parameter', name: '/acso/production/nope'})).rejects.toThrow(/parameter \/acso\/production\/nope not found/);
	});

	it('falls back to the previous version where the backend names no one (moto)', async () => {
		const account = productionAccount();
		account.parameterHistories = account.parameterHistories!.map(history => history.map(({modifiedBy: _by, ...version}) => version));
		const plan = await restoreParameter.plan(fakeReaders(account), target);
		expect(plan.title).toBe(`Restore ${driftedParameter} to the previous version (2)`);
		expect(plan.changes).toEqual([{field: 'value', from: '4', to: '40'}]);
	});

	it('is what the guide\'s delete-parameter opens: the parameter picked under the path, those changed by hand first', async () => {
		const resolved = fixFromRunbook('restore-parameter', {}, {kind: 'parameterPath', path: '/acso/production'});
		expect(resolved.fix.id).toBe('restore-parameter');
		expect(resolved.target).toBeUndefined();
		expect(resolved.needs).toEqual({kind: 'parameter', path: '/acso/production', reason: 'Restore a parameter acts on one parameter: choose one under /acso/production'});
		const choices = await parameterChoices(fakeReaders(productionAccount()), '/acso/production');
		expect(choices.map(choice => choice.label)).toEqual([
			driftedParameter,
			'/acso/production/database/url',
			'/acso/production/agents/bedrock-model-id',
			'/acso/production/agents/log-level',
			'/acso/production/supervisor/workflow-timeout-seconds',
		]);
		expect(choices[0]!.detail).toBe('String · v3 · changed by AWSReservedSSO_Admin_0a1b/dana.kim, not assumed-role/acso-production-deploy');
		expect(choices[0]!.target).toEqual(target);
	});
});

describe('restore-parameter on the simulated account', () => {
	it('puts the automation\'s value back, audited, as the on-call engineer; undo puts the hand-made value back', async () => {
		const clock = createManualClock(Date.UTC(2026, 10, 28, 12, 0, 0));
		const cloud = createSimCloud({seed: 2, clock, isWriteEnabled: () => true, calm: true});
		const name = '/acso/production/supervisor/max-concurrent-workflows';
		cloud.control.injectFault({kind: 'parameter-drift', env: 'production', name, value: '4', by: 'arn:aws:sts::123456789012:assumed-role/AWSReservedSSO_Admin_0a1b/dana.kim', agoMinutes: 25});
		const path = join(root, 'sim.jsonl');
		const audit = createAuditLog({path, context: {env: 'production', region: cloud.region, sessionId: 'sim'}});
		const plan = await restoreParameter.plan(cloud, {kind: 'parameter', name});
		expect(plan.changes).toEqual([{field: 'value', from: '4', to: '40'}]);
		const {outcome} = await runPlan(plan, cloud.operator, audit);
		expect(outcome.ok).toBe(true);
		const history = await cloud.parameters.getParameterHistory(name);
		expect(history.at(-1)).toMatchObject({version: 5, value: '40', modifiedBy: 'arn:aws:sts::123456789012:assumed-role/acso-oncall/engineer'});
		const records = readFileSync(path, 'utf8').trimEnd().split('\n').map(line => JSON.parse(line) as {phase: string; action: string; resource: string});
		expect(records.map(r => [r.phase, r.action, r.resource])).toEqual([
			['intent', 'restore-parameter', name],
			['outcome', 'restore-parameter', name],
		]);
		const {outcome: undone} = await runPlan(plan.undo(outcome)!, cloud.operator, audit);
		expect(undone.ok).toBe(true);
		expect((await cloud.parameters.getParameterHistory(name)).at(-1)).toMatchObject({version: 6, value: '4'});
	});

	it('is refused below the UI without --write: nothing changes', async () => {
		const cloud = createSimCloud({seed: 2, clock: createManualClock(Date.UTC(2026, 10, 28, 12, 0, 0)), isWriteEnabled: () => false, calm: true});
		await expect(cloud.operator.putParameter('/acso/production/agents/log-level', 'DEBUG', 'String')).rejects.toMatchObject({kind: 'read-only'});
		const [level] = (await cloud.parameters.getParametersByPath('/acso/production/agents', false)).filter(p => p.name.endsWith('log-level'));
		expect(level).toMatchObject({value: 'INFO', version: 2});
	});
});

describeWithMoto('restore-parameter on moto_server', () => {
	let server: MotoServer | undefined;
	beforeAll(async () => {
		server = await startMoto();
	});
	afterAll(async () => {
		await server?.stop();
	});

	it('puts the previous version back (moto names no one), undo puts the replaced value back; a SecureString is refused', async () => {
		const cloud = createAwsCloud({region: motoRegion, endpointUrl: server!.endpoint, credentials: motoCredentials, isWriteEnabled: () => true});
		const name = '/acso/moto/agents/bedrock-model-id';
		await cloud.operator.putParameter(name, 'anthropic.claude-3-5-sonnet-20240620-v1:0', 'String');
		await cloud.operator.putParameter(name, 'anthropic.claude-instant-v1', 'String');
		const audit = createAuditLog({path: join(root, 'moto.jsonl'), context: {env: 'moto', region: motoRegion, sessionId: 'moto'}});
		const plan = await restoreParameter.plan(cloud, {kind: 'parameter', name});
		expect(plan.changes).toEqual([{field: 'value', from: 'anthropic.claude-instant-v1', to: 'anthropic.claude-3-5-sonnet-20240620-v1:0'}]);
		const {outcome} = await runPlan(plan, cloud.operator, audit);
		expect(outcome).toMatchObject({ok: true, after: {version: 3}});
		expect((await cloud.parameters.getParameterHistory(name)).at(-1)).toMatchObject({version: 3, value: 'anthropic.claude-3-5-sonnet-20240620-v1:0'});
		const {outcome: undone} = await runPlan(plan.undo(outcome)!, cloud.operator, audit);
		expect(undone.ok).toBe(true);
		expect((await cloud.parameters.getParameterHistory(name)).at(-1)).toMatchObject({version: 4, value: 'anthropic.claude-instant-v1'});

		const ssm = new SSMClient({region: motoRegion, endpoint: server!.endpoint, credentials: motoCredentials});
		await ssm.send(new PutParameterCommand({Name: '/acso/moto/agents/api-signing-key', Value: 'k-1', Type: 'SecureString'}));
		await ssm.send(new PutParameterCommand({Name: '/acso/moto/agents/api-signing-key', Value: 'k-2', Type: 'SecureString', Overwrite: true}));
		ssm.destroy();
		await expect(restoreParameter.plan(cloud, {kind: 'parameter', name: '/acso/moto/agents/api-signing-key'})).rejects.toThrow(/SecureString/);
		cloud.reset();
	});
});
