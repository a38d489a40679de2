// The IAM fix of the guide's "Verify IAM roles" resolution: create the missing ECS task execution
// role (ecs-tasks.amazonaws.com may assume it) with AmazonECSTaskExecutionRolePolicy attached; on a
// role that exists without that policy, attach it only. Undo removes exactly what the fix added.
import {ecsTasksTrustPolicy, EXECUTION_POLICY_ARN, type Role} from '../port/roles.js';
import {FixInputError} from './errors.js';
import {checkKnownParams, requiredString} from './params.js';
import {makePlan, type CallStep} from './plan.js';
import {requireTarget} from './targets.js';
import type {CloudReaders, Fix, Plan, Target} from './types.js';

type RoleTarget = Extract<Target, {kind: 'role'}>;

const roleName = {max: 64, pattern: /^[\w+=,.@-]+$/, rule: 'use letters, digits and + = , . @ _ -'};
const policyName = EXECUTION_POLICY_ARN.slice(EXECUTION_POLICY_ARN.lastIndexOf('/') + 1);

function attachStep(name: string): CallStep {
	return {
		apiCall: 'iam:AttachRolePolicy',
		parameters: {RoleName: name, PolicyArn: EXECUTION_POLICY_ARN},
		cliArgs: ['aws', 'iam', 'attach-role-policy', '--role-name', name, '--policy-arn', EXECUTION_POLICY_ARN],
		// aws iam attach-role-policy --role-name NAME --policy-arn ARN
		send: operator => operator.attachRolePolicy(name, EXECUTION_POLICY_ARN),
	};
}

/** Undo: detach the policy the fix attached, and delete the role if the fix created it. */
function undoPlan(target: RoleTarget, created: boolean, undoOf: string): Plan {
	const name = target.role;
	const steps: CallStep[] = [
		{
			apiCall: 'iam:DetachRolePolicy',
			parameters: {RoleName: name, PolicyArn: EXECUTION_POLICY_ARN},
			cliArgs: ['aws', 'iam', 'detach-role-policy', '--role-name', name, '--policy-arn', EXECUTION_POLICY_ARN],
			// aws iam detach-role-policy --role-name NAME --policy-arn ARN
			send: operator => operator.detachRolePolicy(name, EXECUTION_POLICY_ARN),
		},
	];
	if (created) {
		steps.push({
			apiCall: 'iam:DeleteRole',
			parameters: {RoleName: name},
			cliArgs: ['aws', 'iam', 'delete-role', '--role-name', name],
			// aws iam delete-role --role-name NAME
			send: operator => operator.deleteRole(name),
		});
	}
	const title = created ? `Delete role ${name} (detach ${policyName} first)` : `Detach ${policyName} from role ${name}`;
	return makePlan({
		fixId: 'create-execution-role',
		title: `Undo: ${title}`,
		risk: 'high',
		target,
		resourceName: name,
		changes: created
			? [{field: 'role', from: name, to: '(none)'}, {field: 'attached policies', from: policyName, to: '(none)'}]
			: [{field: 'attached policies', from: policyName, to: '(removed)'}],
		warnings: [`Tasks whose task definitions name ${name} cannot start again once it is ${created ? 'gone' : 'without the policy'}.`],
		undoSummary: 'No undo of the undo: run the fix again.',
		undoOf,
		steps,
		after: results => (created && results.length === 2 ? {role: '(none)'} : results.length > 0 ? {detached: policyName} : {}),
	});
}

function createPlan(target: RoleTarget, existing: Role | undefined): Plan {
	const name = target.role;
	const trustPolicy = ecsTasksTrustPolicy();
	const steps: CallStep[] = [];
	if (!existing) {
		steps.push({
			apiCall: 'iam:CreateRole',
			parameters: {RoleName: name, AssumeRolePolicyDocument: trustPolicy, Description: 'ECS task execution role (created by acso-tui)'},
			cliArgs: ['aws', 'iam', 'create-role', '--role-name', name, '--assume-role-policy-document', trustPolicy, '--description', 'ECS task execution role (created by acso-tui)'],
			// aws iam create-role --role-name NAME --assume-role-policy-document JSON --description TEXT
			send: operator => operator.createRole({name, trustPolicy, description: 'ECS task execution role (created by acso-tui)'}),
		});
	}
	steps.push(attachStep(name));
	const title = existing ? `Attach ${policyName} to role ${name}` : `Create execution role ${name} with ${policyName}`;
	return makePlan({
		fixId: 'create-execution-role',
		title,
		risk: createExecutionRole.risk,
		target,
		resourceName: name,
		changes: existing
			? [{field: 'attached policies', from: existing.attachedPolicies.map(policy => policy.name).join(', ') || '(none)', to: `+ ${policyName}`}]
			: [
					{field: 'role', from: '(none)', to: name},
					{field: 'trust policy (who may assume it)', from: '(none)', to: trustPolicy},
					{field: 'attached policies', from: '(none)', to: EXECUTION_POLICY_ARN},
				],
		warnings: [
			...(existing ? [] : ['The guide\'s --assume-role-policy-document file://… is not read (acso-tui reads no local files): the trust policy is the one above, ecs-tasks.amazonaws.com may assume the role.']),
			`${policyName} lets ECS pull images from ECR and write the tasks' logs; it grants the tasks' own code nothing.`,
		],
		undoSummary: existing ? `Undo detaches ${policyName} again.` : `Undo detaches ${policyName} and deletes the role it created.`,
		steps,
		after: results => (results.length === steps.length ? {role: name, trustedServices: ['ecs-tasks.amazonaws.com'], attachedPolicies: [EXECUTION_POLICY_ARN]} : results.length > 0 ? {role: name} : {}),
		undo: () => undoPlan(target, !existing, title),
	});
}

export const createExecutionRole: Fix = {
	id: 'create-execution-role',
	title: 'Create the ECS task execution role',
	risk: 'medium',
	targetKind: 'role',
	summary: 'Create a missing task execution role (ECS tasks may assume it) with AmazonECSTaskExecutionRolePolicy, or attach that policy to the role.',
	params: [],
	async plan(cloud: CloudReaders, target, params = {}) {
		const roleTarget = requireTarget(createExecutionRole.id, target, 'role');
		checkKnownParams(createExecutionRole.id, createExecutionRole.params, params);
		requiredString({role: roleTarget.role}, 'role', roleName);
		if (!cloud.roles) throw new FixInputError('this account gives no access to IAM roles', 'role');
		// aws iam get-role --role-name NAME
		const existing = await cloud.roles.getRole(roleTarget.role);
		if (existing?.attachedPolicies.some(policy => policy.arn === EXECUTION_POLICY_ARN)) {
			const trust = existing.trustedServices.includes('ecs-tasks.amazonaws.com') ? '' : ' (but ecs-tasks.amazonaws.com may not assume it: fix its trust policy in IAM; acso-tui does not rewrite an existing trust policy)';
			throw new FixInputError(`role ${roleTarget.role} already exists with ${policyName}${trust}`, 'role');
		}
		return createPlan(roleTarget, existing);
	},
};
