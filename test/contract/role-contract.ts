import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {ECS_TASKS_PRINCIPAL, ecsTasksTrustPolicy, EXECUTION_POLICY_ARN} from '../../source/port/roles.js';
import {cloudErrorOf} from '../helpers/cloud-error.js';
import type {ContractContext} from './port-contract.js';

// The IAM role reader and the Operator's role calls, on every backend (the sim and moto_server):
// a missing role is an answer, not an error; writes are refused without --write and, with it, are
// read back as written; a role with a policy attached cannot be deleted.

export function describeRoleContract(name: string, setup: () => Promise<ContractContext>): void {
	describe(`role contract: ${name}`, () => {
		let context: ContractContext;
		const role = 'acso-contract-execution-role';

		beforeAll(async () => {
			context = await setup();
			context.setWriteEnabled(false);
		});

		afterAll(async () => {
			await context?.teardown?.();
		});

		it('answers undefined for a role that does not exist', async () => {
			expect(await context.cloud.roles.getRole('acso-no-such-role')).toBeUndefined();
		});

		it('refuses the role writes without --write and creates nothing', async () => {
			const refused = await cloudErrorOf(context.cloud.operator.createRole({name: role, trustPolicy: ecsTasksTrustPolicy()}));
			expect(refused.kind).toBe('read-only');
			for (const call of [
				context.cloud.operator.attachRolePolicy(role, EXECUTION_POLICY_ARN),
				context.cloud.operator.detachRolePolicy(role, EXECUTION_POLICY_ARN),
				context.cloud.operator.deleteRole(role),
			]) {
				expect((await cloudErrorOf(call)).kind).toBe('read-only');
			}
			expect(await context.cloud.roles.getRole(role)).toBeUndefined();
		});

		it('creates a role, reads back its trust and policies, and deletes it once detached', async () => {
			context.setWriteEnabled(true);
			try {
				const created = await context.cloud.operator.createRole({name: role, trustPolicy: ecsTasksTrustPolicy(), description: 'contract'});
				expect(created.value.name).toBe(role);
				expect(created.value.arn).toMatch(new RegExp(`^arn:aws:iam::\\d{12}:role/${role}$`));
				expect(created.requestId).toBeTruthy();
				const duplicate = await cloudErrorOf(context.cloud.operator.createRole({name: role, trustPolicy: ecsTasksTrustPolicy()}));
				expect(duplicate.kind).not.toBe('read-only');

				await context.cloud.operator.attachRolePolicy(role, EXECUTION_POLICY_ARN);
				const read = await context.cloud.roles.getRole(role);
				expect(read?.trustedServices).toEqual([ECS_TASKS_PRINCIPAL]);
				expect(JSON.parse(read!.trustPolicy)).toEqual(JSON.parse(ecsTasksTrustPolicy()));
				expect(read?.attachedPolicies).toEqual([{name: 'AmazonECSTaskExecutionRolePolicy', arn: EXECUTION_POLICY_ARN}]);

				// IAM refuses to delete a role that still has a policy attached.
				await cloudErrorOf(context.cloud.operator.deleteRole(role));
				expect(await context.cloud.roles.getRole(role)).toBeDefined();

				await context.cloud.operator.detachRolePolicy(role, EXECUTION_POLICY_ARN);
				expect((await context.cloud.roles.getRole(role))?.attachedPolicies).toEqual([]);
				await context.cloud.operator.deleteRole(role);
				expect(await context.cloud.roles.getRole(role)).toBeUndefined();
				expect((await cloudErrorOf(context.cloud.operator.deleteRole(role))).kind).toBe('not-found');
			} finally {
				context.setWriteEnabled(false);
			}
		});
	});
}
