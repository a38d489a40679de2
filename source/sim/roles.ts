// The simulated account's IAM roles: the ones its task definitions name (executionRoleArn,
// taskRoleArn), each trusting ecs-tasks.amazonaws.com, the execution roles with the AWS managed
// execution policy. A task whose role is missing, or that ECS may not assume, fails to start.
import {CloudError} from '../port/errors.js';
import {ECS_TASKS_PRINCIPAL, ecsTasksTrustPolicy, EXECUTION_POLICY_ARN, roleNameOf, trustedServicesOf, type Role, type RoleInput} from '../port/roles.js';
import type {TaskDefinition} from '../port/types.js';
import {ACCOUNT_ID} from './catalog.js';
import type {SimRole, World} from './model.js';

const roleArn = (name: string) => `arn:aws:iam::${ACCOUNT_ID}:role/${name}`;
const policyName = (arn: string) => arn.slice(arn.lastIndexOf('/') + 1);

/** Every role a seeded task definition names, as it stood before the sim began. */
export function seedRoles(world: World, at: number): void {
	for (const revisions of world.taskDefinitions.values()) {
		for (const definition of revisions) {
			if (definition.executionRoleArn) addRole(world, definition.executionRoleArn, at, [EXECUTION_POLICY_ARN]);
			if (definition.taskRoleArn) {
				const name = roleNameOf(definition.taskRoleArn);
				addRole(world, definition.taskRoleArn, at, [`arn:aws:iam::${ACCOUNT_ID}:policy/${name.replace(/-role$/, '')}-policy`]);
			}
		}
	}
}

/** Adds the role a task definition names (trusting ECS tasks) unless it exists. */
export function addRole(world: World, arn: string, at: number, policies: readonly string[] = []): void {
	const name = roleNameOf(arn);
	if (world.roles.has(name)) return;
	world.roles.set(name, {name, arn, trustPolicy: ecsTasksTrustPolicy(), attached: new Map(policies.map(policy => [policy, policyName(policy)])), createdAt: at});
}

function view(role: SimRole): Role {
	return {
		name: role.name,
		arn: role.arn,
		trustedServices: trustedServicesOf(role.trustPolicy),
		trustPolicy: role.trustPolicy,
		attachedPolicies: [...role.attached].map(([arn, name]) => ({name, arn})),
		createdAt: role.createdAt,
	};
}

export function getRole(world: World, name: string): Role | undefined {
	const role = world.roles.get(roleNameOf(name));
	return role ? view(role) : undefined;
}

function noSuchRole(name: string): CloudError {
	return new CloudError('not-found', `Not found: role ${name} (The role with name ${name} cannot be found.)`, {resource: `role ${name}`, code: 'NoSuchEntity'});
}

function existing(world: World, name: string): SimRole {
	const role = world.roles.get(name);
	if (!role) throw noSuchRole(name);
	return role;
}

export function createRole(world: World, input: RoleInput): Role {
	if (!/^[\w+=,.@-]{1,64}$/.test(input.name)) throw new CloudError('invalid', `Invalid role name ${JSON.stringify(input.name)}: up to 64 letters, digits and +=,.@_-`, {code: 'ValidationError'});
	if (world.roles.has(input.name)) throw new CloudError('invalid', `Role with name ${input.name} already exists.`, {code: 'EntityAlreadyExists', resource: `role ${input.name}`});
	try {
		JSON.parse(input.trustPolicy);
	} catch {
		throw new CloudError('invalid', 'This policy contains invalid Json', {code: 'MalformedPolicyDocument'});
	}
	const role: SimRole = {name: input.name, arn: roleArn(input.name), trustPolicy: input.trustPolicy, attached: new Map(), createdAt: world.time};
	world.roles.set(role.name, role);
	return view(role);
}

export function attachRolePolicy(world: World, name: string, policyArn: string): void {
	if (!/^arn:aws:iam::(aws|\d{12}):policy\/./.test(policyArn)) throw new CloudError('invalid', `ARN ${policyArn} is not valid.`, {code: 'InvalidInput'});
	existing(world, name).attached.set(policyArn, policyName(policyArn));
}

export function detachRolePolicy(world: World, name: string, policyArn: string): void {
	const role = existing(world, name);
	if (!role.attached.delete(policyArn)) throw new CloudError('not-found', `Not found: policy ${policyArn} is not attached to role ${name}.`, {code: 'NoSuchEntity', resource: `role ${name}`});
}

export function deleteRole(world: World, name: string): void {
	const role = existing(world, name);
	if (role.attached.size > 0) throw new CloudError('invalid', 'Cannot delete entity, must detach all policies first.', {code: 'DeleteConflict', resource: `role ${name}`});
	world.roles.delete(name);
}

/** Why ECS cannot start a task of this definition for want of a role, or undefined when it can. */
export function roleFailure(world: World, definition: TaskDefinition): string | undefined {
	for (const arn of [definition.executionRoleArn, definition.taskRoleArn]) {
		if (!arn) continue;
		const role = world.roles.get(roleNameOf(arn));
		if (!role || !trustedServicesOf(role.trustPolicy).includes(ECS_TASKS_PRINCIPAL)) {
			return `ECS was unable to assume the role '${arn}' that was provided for this task. Please verify that the role being passed has the proper trust relationship and permissions and that your IAM user has permissions to pass this role.`;
		}
	}
	return undefined;
}

/** A role ECS tasks may assume that carries the execution policy: what a task definition's execution role must be. */
export function executionRoleUsable(world: World, name: string): boolean {
	const role = world.roles.get(roleNameOf(name));
	return role !== undefined && trustedServicesOf(role.trustPolicy).includes(ECS_TASKS_PRINCIPAL) && role.attached.has(EXECUTION_POLICY_ARN);
}
