import {describe, expect, it} from 'vitest';
import {namesFor} from '../../source/port/names.js';
import {ecsTasksTrustPolicy, EXECUTION_POLICY_ARN} from '../../source/port/roles.js';
import {buildAcsoRunbook} from '../../source/runbooks/acso-runbook.js';
import {allIssues} from '../../source/runbooks/model.js';
import {runNative} from '../../source/runbooks/native.js';
import {createManualClock, createSimCloud} from '../../source/sim/index.js';

// The guide's `aws iam get-role` check on the simulated account: its verdict comes from the role and
// from what the deployed task definitions name, not from the role's name.

const role = 'acso-production-execution-role';
const lambdaTrust = JSON.stringify({Version: '2012-10-17', Statement: [{Effect: 'Allow', Principal: {Service: 'lambda.amazonaws.com'}, Action: 'sts:AssumeRole'}]});

function account() {
	const clock = createManualClock(Date.parse('2026-11-28T12:00:00Z'));
	const cloud = createSimCloud({seed: 11, clock, isWriteEnabled: () => true, calm: true});
	const check = (name = role) => runNative({op: 'iam.get-role', role: name}, {cloud, names: namesFor('production'), now: clock.now()});
	return {cloud, check};
}

describe('the get-role check', () => {
	it('is ok on a healthy account, with the role, its trust, its policies and the task definitions that name it', async () => {
		const {check} = account();
		const result = await check();
		expect(result.verdict.level).toBe('ok');
		expect(result.verdict.reason).toMatch(/acso-production-execution-role exists and is named by acso-production-\S+:\d+/);
		const text = result.lines.join('\n');
		expect(text).toContain('arn:aws:iam::123456789012:role/acso-production-execution-role');
		expect(text).toContain('trust: ecs-tasks.amazonaws.com may assume it');
		expect(text).toContain('attached policies: AmazonECSTaskExecutionRolePolicy');
		expect(text).toContain('acso-production-task-role');
	});

	it('says so when ECS tasks may not assume the execution role, and when it carries no policy', async () => {
		const {cloud, check} = account();
		await cloud.operator.detachRolePolicy(role, EXECUTION_POLICY_ARN);
		await cloud.operator.deleteRole(role);
		await cloud.operator.createRole({name: role, trustPolicy: lambdaTrust});
		await cloud.operator.attachRolePolicy(role, EXECUTION_POLICY_ARN);
		const trust = await check();
		expect(trust.verdict).toMatchObject({level: 'problem', finding: 'role-trust'});
		expect(trust.verdict.reason).toContain('lambda.amazonaws.com');

		await cloud.operator.detachRolePolicy(role, EXECUTION_POLICY_ARN);
		await cloud.operator.deleteRole(role);
		await cloud.operator.createRole({name: role, trustPolicy: ecsTasksTrustPolicy()});
		const policy = await check();
		expect(policy.verdict).toMatchObject({level: 'problem', finding: 'role-policy'});
	});

	it('names a missing task role even when the guide asks about a role that is fine', async () => {
		const {cloud, check} = account();
		await cloud.operator.detachRolePolicy('acso-production-task-role', 'arn:aws:iam::123456789012:policy/acso-production-task-policy');
		await cloud.operator.deleteRole('acso-production-task-role');
		const result = await check();
		expect(result.verdict).toMatchObject({level: 'problem', finding: 'role-missing'});
		expect(result.verdict.reason).toMatch(/^acso-production-task-role, named by acso-production-/);
	});

	it('reports a role that does not exist and that no deployed task definition names as missing, naming none', async () => {
		const {check} = account();
		expect((await check('acso-nobody-role')).verdict).toMatchObject({level: 'problem', finding: 'role-missing', reason: expect.stringMatching(/^Role acso-nobody-role does not exist\./)});
	});
});

describe('the stopped tasks of a service whose execution role is gone', () => {
	it('say ECS could not assume the role, and point at the tree that checks roles', async () => {
		const clock = createManualClock(Date.parse('2026-11-28T12:00:00Z'));
		const cloud = createSimCloud({seed: 11, clock, isWriteEnabled: () => true, calm: true});
		const service = 'acso-production-supervisor';
		cloud.control.injectFault({kind: 'missing-execution-role', service, role, retire: 1, refusedCalls: 1});
		clock.advance(2 * 60_000);
		const runbook = buildAcsoRunbook(namesFor('production'));
		const issue = allIssues(runbook).find(candidate => candidate.id === 'container-image-pull-failures');
		const result = await runNative({op: 'ecs.list-tasks', cluster: 'acso-production-cluster', service, desiredStatus: 'STOPPED'}, {cloud, names: namesFor('production'), now: clock.now(), ...(issue ? {issue} : {}), runbook});
		expect(result.verdict).toMatchObject({level: 'problem', finding: 'role-unassumable'});
		expect(result.verdict.reason).toContain(`unable to assume the role arn:aws:iam::123456789012:role/${role}`);
		expect(result.verdict.seeAlso?.map(see => see.issueId)).toContain('task-definition-registration-fails');
	});
});
