import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {createAwsCloud, type ObservedCall} from '../../source/aws/index.js';
import {toRole} from '../../source/aws/roles.js';
import {createExecutionRole} from '../../source/fixes/roles.js';
import {namesFor} from '../../source/port/names.js';
import {ecsTasksTrustPolicy, EXECUTION_POLICY_ARN} from '../../source/port/roles.js';
import type {Cloud} from '../../source/port/types.js';
import {runNative} from '../../source/runbooks/native.js';
import {describeWithMoto, motoCredentials, motoRegion, startMoto, type MotoServer} from '../helpers/moto.js';
import {seedEnvironment, type SeedManifest} from '../helpers/moto-seed.js';

// The IAM role adapter, the guide's get-role check and the create-execution-role fix on moto_server,
// seeded with task definitions that name roles IAM does not hold (as after a clean-up gone wrong).

describe('toRole', () => {
	it('decodes the URL-encoded trust policy IAM returns and reads who may assume the role', () => {
		const role = toRole({RoleName: 'r', Arn: 'arn:aws:iam::1:role/r', Path: '/', RoleId: 'x', CreateDate: new Date(0), AssumeRolePolicyDocument: encodeURIComponent(ecsTasksTrustPolicy())}, []);
		expect(role.trustedServices).toEqual(['ecs-tasks.amazonaws.com']);
		expect(JSON.parse(role.trustPolicy)).toEqual(JSON.parse(ecsTasksTrustPolicy()));
	});
});

describeWithMoto('IAM roles on moto_server', () => {
	let server: MotoServer;
	let seeded: SeedManifest;
	let calls: ObservedCall[] = [];
	let writeEnabled = false;
	let cloud: Cloud;
	const names = namesFor('iam');
	const role = 'acso-iam-execution-role';
	const check = () => runNative({op: 'iam.get-role', role}, {cloud, names, now: Date.now()});

	beforeAll(async () => {
		server = await startMoto({env: {MOTO_IAM_LOAD_MANAGED_POLICIES: 'true'}});
		seeded = await seedEnvironment(server.endpoint, {env: 'iam', services: ['supervisor', 'threat-hunter'], revisions: 2, tasks: false, metricMinutes: 1});
		cloud = createAwsCloud({region: motoRegion, endpointUrl: server.endpoint, credentials: motoCredentials, isWriteEnabled: () => writeEnabled, observe: call => calls.push(call)});
	});

	afterAll(async () => {
		cloud?.reset();
		await server?.stop();
	});

	it('the check finds the execution role gone and names the task definitions that name it', async () => {
		calls = [];
		const result = await check();
		expect(result.error).toBeUndefined();
		expect(result.verdict).toMatchObject({level: 'problem', finding: 'role-missing'});
		for (const service of seeded.services) expect(result.verdict.reason).toContain(`${service.taskDefinition} (execution role)`);
		expect(result.lines.join('\n')).toMatch(new RegExp(`${role} +DOES NOT EXIST`));
		// The task role the same task definitions name is read too.
		expect(result.lines.join('\n')).toMatch(/acso-iam-task-role +DOES NOT EXIST/);
		expect(calls.filter(call => call.service === 'iam').map(call => call.operation)).toEqual(['GetRole', 'GetRole']);
	});

	it('the fix is refused without --write; with it, it creates the role with the ECS tasks trust and the execution policy, and undo deletes it', async () => {
		const plan = await createExecutionRole.plan(cloud, {kind: 'role', role});
		expect(plan.calls.map(call => call.apiCall)).toEqual(['iam:CreateRole', 'iam:AttachRolePolicy']);
		expect(plan.cliCommand).toContain(`aws iam create-role --role-name ${role} --assume-role-policy-document '${ecsTasksTrustPolicy()}'`);

		const refused = await plan.run(cloud.operator);
		expect(refused).toMatchObject({ok: false, error: {kind: 'read-only'}, completed: []});
		expect(await cloud.roles.getRole(role)).toBeUndefined();

		writeEnabled = true;
		try {
			const outcome = await plan.run(cloud.operator);
			expect(outcome.ok).toBe(true);
			expect(await cloud.roles.getRole(role)).toMatchObject({name: role, trustedServices: ['ecs-tasks.amazonaws.com'], attachedPolicies: [{name: 'AmazonECSTaskExecutionRolePolicy', arn: EXECUTION_POLICY_ARN}]});

			// The execution role is back; the task role the same task definitions name is still gone.
			const after = await check();
			expect(after.verdict).toMatchObject({level: 'problem', finding: 'role-missing'});
			expect(after.verdict.reason).toMatch(/^acso-iam-task-role, named by /);
			expect(after.lines.join('\n')).toContain('trust: ecs-tasks.amazonaws.com may assume it');
			expect(after.lines.join('\n')).toContain('attached policies: AmazonECSTaskExecutionRolePolicy');

			await expect(createExecutionRole.plan(cloud, {kind: 'role', role})).rejects.toThrow(/already exists with AmazonECSTaskExecutionRolePolicy/);

			const undo = plan.undo(outcome);
			expect(undo?.calls.map(call => call.apiCall)).toEqual(['iam:DetachRolePolicy', 'iam:DeleteRole']);
			expect((await undo!.run(cloud.operator)).ok).toBe(true);
			expect(await cloud.roles.getRole(role)).toBeUndefined();
		} finally {
			writeEnabled = false;
		}
	});

	it('on a role that exists without the policy, attaches it only, and undo only detaches it', async () => {
		const bare = 'acso-iam-bare-role';
		writeEnabled = true;
		try {
			await cloud.operator.createRole({name: bare, trustPolicy: ecsTasksTrustPolicy()});
			const plan = await createExecutionRole.plan(cloud, {kind: 'role', role: bare});
			expect(plan.calls.map(call => call.apiCall)).toEqual(['iam:AttachRolePolicy']);
			const outcome = await plan.run(cloud.operator);
			expect(outcome.ok).toBe(true);
			const undo = plan.undo(outcome);
			expect(undo?.calls.map(call => call.apiCall)).toEqual(['iam:DetachRolePolicy']);
			expect((await undo!.run(cloud.operator)).ok).toBe(true);
			expect(await cloud.roles.getRole(bare)).toMatchObject({name: bare, attachedPolicies: []});
		} finally {
			writeEnabled = false;
		}
	});
});
