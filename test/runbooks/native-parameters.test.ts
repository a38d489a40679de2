// The guide's `aws ssm get-parameters-by-path --path "/acso/production" --recursive`, run natively on
// the simulated account: the lines, the verdict (drift read from who changed what), its recommendation
// (the restore), and the steps of the tree that stay with the aws CLI or the engineer.
import {describe, expect, it} from 'vitest';
import {namesFor} from '../../source/port/names.js';
import {buildAcsoRunbook} from '../../source/runbooks/acso-runbook.js';
import {allIssues} from '../../source/runbooks/model.js';
import {runNativeStep} from '../../source/runbooks/native.js';
import {createManualClock, createSimCloud} from '../../source/sim/index.js';
import {stepDetailLines} from '../../source/format/diagnosis-lines.js';
import {restoreParameter} from '../../source/fixes/parameters.js';
import {previewLines} from '../../source/fixes/ui/preview-lines.js';
import {stepKind} from '../../source/runbooks/walker/step-kind.js';
import type {StepRecord} from '../../source/runbooks/walker/walker-state.js';
import {fakeCloud} from './fake-cloud.js';

const start = Date.UTC(2026, 10, 28, 12, 0, 0);
const names = namesFor('production');
const runbook = buildAcsoRunbook(names);
const issue = allIssues(runbook).find(candidate => candidate.id === 'configuration-drift')!;
const check = issue.diagnosis[0]!;
const drifted = '/acso/production/supervisor/max-concurrent-workflows';
const dana = 'arn:aws:sts::123456789012:assumed-role/AWSReservedSSO_AdministratorAccess_4c1d2e7f/dana.kim';

function sim() {
	const clock = createManualClock(start);
	return {clock, cloud: createSimCloud({seed: 3, clock, isWriteEnabled: () => true, calm: true})};
}

describe('Configuration Drift: the parameters check', () => {
	it('is a native read of the whole hierarchy, never decrypted', () => {
		expect(check.runner).toBe('native');
		expect(check.call).toEqual({op: 'ssm.get-parameters-by-path', path: '/acso/production', recursive: true});
	});

	it('lists every parameter with type, value, version, last change and who made it; SecureStrings show no value', async () => {
		const {clock, cloud} = sim();
		const result = await runNativeStep(check, {cloud, names, now: clock.now(), runbook, issue});
		expect(result.lines[0]).toMatch(/^NAME +TYPE +VALUE +VERSION +LAST MODIFIED +BY$/);
		const row = result.lines.find(line => line.startsWith(`${drifted} `))!;
		expect(row).toMatch(/String +40 +3 +\d\d-\d\d \d\d:\d\d:\d\dZ +acso-production-deploy-automation\/pipeline-\d+/);
		const secret = result.lines.find(line => line.startsWith('/acso/production/database/url '))!;
		expect(secret).toMatch(/SecureString +\(SecureString\) +2 /);
		expect(result.lines.some(line => line.startsWith('/acso/staging/'))).toBe(false);
		expect(result.notes.join(' ')).toContain('never decrypted');
		expect(result.verdict.level).toBe('ok');
		expect(result.verdict.reason).toContain('hold what assumed-role/acso-production-deploy-automation wrote');
	});

	it('names a parameter changed by hand, with the value before and now, and recommends the restore', async () => {
		const {clock, cloud} = sim();
		cloud.control.injectFault({kind: 'parameter-drift', env: 'production', name: drifted, value: '4', by: dana, agoMinutes: 25});
		const result = await runNativeStep(check, {cloud, names, now: clock.now(), runbook, issue});
		expect(result.verdict).toMatchObject({level: 'problem', finding: 'parameter-drift', recommends: {index: 0, title: 'Reset configuration'}});
		expect(result.verdict.reason).toContain(`${drifted} (by AWSReservedSSO_AdministratorAccess_4c1d2e7f/dana.kim)`);
		expect(result.lines).toContain(`  ${drifted}: "40" (v3, assumed-role/acso-production-deploy-automation) → "4" (v4) by AWSReservedSSO_AdministratorAccess_4c1d2e7f/dana.kim at ${new Date(start - 25 * 60_000).toISOString().slice(5, 19).replace('T', ' ')}Z`);
		expect(result.calls).toBe(2);
	});

	it('counts a parameter put back by hand to the automation\'s value as no drift', async () => {
		const {clock, cloud} = sim();
		cloud.control.injectFault({kind: 'parameter-drift', env: 'production', name: drifted, value: '4', by: dana, agoMinutes: 25});
		await cloud.operator.putParameter(drifted, '40', 'String');
		const result = await runNativeStep(check, {cloud, names, now: clock.now(), runbook, issue});
		expect(result.verdict.level).toBe('ok');
		expect(result.verdict.reason).toContain(`${drifted} put back to its value by hand`);
	});

	it('reads the automation from the account, not from a name: another pipeline role works the same', async () => {
		const pipeline = 'arn:aws:iam::210987654321:role/cdk-hnb659fds-cfn-exec-role';
		const person = 'arn:aws:iam::210987654321:user/sam';
		const p = (name: string, value: string, by: string, version = 1) => ({name, type: 'String' as const, value, version, lastModifiedAt: start - 3_600_000, lastModifiedBy: by});
		const {cloud, calls} = fakeCloud({
			parameters: {
				getParametersByPath: async () => [p('/app/prod/a', '1', pipeline), p('/app/prod/b', '2', pipeline), p('/app/prod/c', 'slow', person, 2)],
				getParameterHistory: async () => [
					{name: '/app/prod/c', type: 'String', value: 'fast', version: 1, modifiedBy: pipeline, labels: []},
					{name: '/app/prod/c', type: 'String', value: 'slow', version: 2, modifiedBy: person, labels: []},
				],
			},
		});
		const step = {...check, call: {op: 'ssm.get-parameters-by-path' as const, path: '/app/prod', recursive: true}};
		const result = await runNativeStep(step, {cloud, names, now: start, runbook, issue});
		expect(result.verdict.level).toBe('problem');
		expect(result.lines).toContain(`  /app/prod/c: "fast" (v1, role/cdk-hnb659fds-cfn-exec-role) → "slow" (v2) by user/sam at ${new Date(start - 3_600_000).toISOString().slice(5, 19).replace('T', ' ')}Z`);
		expect(calls.map(call => call.method)).toEqual(['parameters.getParametersByPath', 'parameters.getParameterHistory']);
	});

	it('says it cannot judge when the endpoint names no one (moto) or nothing is there', async () => {
		const {cloud} = fakeCloud({parameters: {getParametersByPath: async () => [{name: '/acso/production/a', type: 'String', value: '1', version: 1}]}});
		const result = await runNativeStep(check, {cloud, names, now: start, runbook, issue});
		expect(result.verdict).toMatchObject({level: 'unknown', finding: 'no-automation'});
		const empty = fakeCloud({parameters: {getParametersByPath: async () => []}});
		expect((await runNativeStep(check, {cloud: empty.cloud, names, now: start, runbook, issue})).verdict).toMatchObject({level: 'unknown', finding: 'no-parameters'});
	});

	it('leaves the guide\'s diff and CloudFormation drift detection to the engineer and the aws CLI, with the reason', () => {
		const [, diff, stackDrift] = issue.diagnosis;
		expect(diff!.runner).toBe('manual');
		expect(stackDrift!.runner).toBe('external');
		expect(stackDrift!.effect).toBe('write');
	});

	it('maps the guide\'s delete-parameter to the restore fix, the parameter picked in its hierarchy', () => {
		const step = issue.resolutions[0]!.steps[0]!;
		expect(step.fix).toMatchObject({kind: 'restore-parameter', target: {kind: 'parameterPath', path: '/acso/production'}});
		expect(step.fix!.notes!.join(' ')).toContain('restores the value the automation last wrote');
	});
});

/** Control characters other than the newline that joins lines. */
const controls = (text: string) => [...text].filter(ch => {
	const code = ch.codePointAt(0)!;
	return (code < 32 && code !== 10) || (code >= 0x7f && code <= 0x9f);
});

describe('a hostile parameter value', () => {
	it('reaches the screen only through the sanitizer: in the check\'s lines, its verdict and the restore\'s preview', async () => {
		const {clock, cloud} = sim();
		const hostile = '4\u001b]52;c;ZXZpbA==\u0007\u001b[2J\r\nEVIL';
		cloud.control.injectFault({kind: 'parameter-drift', env: 'production', name: drifted, value: hostile, by: dana, agoMinutes: 5});
		const result = await runNativeStep(check, {cloud, names, now: clock.now(), runbook, issue});
		expect(result.verdict.level).toBe('problem');
		const record: StepRecord = {status: 'done', runId: 1, at: clock.now(), outcome: {kind: 'native', result}};
		const {head, body} = stepDetailLines(check, record, {width: 200, kind: stepKind(check), write: false});
		const drawn = [...head, ...body].map(line => line.map(segment => segment.text).join('')).join('\n');
		expect(drawn).toContain(drifted);
		expect(controls(drawn)).toEqual([]);
		const plan = await restoreParameter.plan(cloud, {kind: 'parameter', name: drifted});
		const preview = previewLines(plan, 120).map(line => line.map(segment => segment.text).join('')).join('\n');
		expect(preview).toContain('value: 4\\x1b]52;c;ZXZpbA==\\x07\\x1b[2J');
		expect(preview).toContain('EVIL → 40');
		expect(controls(preview)).toEqual([]);
	});
});
