// The Operator's IAM calls on the simulated account (operator.ts spreads them in; index.ts guards them).
import type {RoleOperator} from '../port/roles.js';
import {requestId} from './ids.js';
import type {World} from './model.js';
import {attachRolePolicy, createRole, deleteRole, detachRolePolicy} from './roles.js';

export function createRoleOperator(enter: (method: string) => World): RoleOperator {
	const done = <T>(world: World, value: T) => ({value, requestId: requestId(world.seed, world.nextRequest++)});
	return {
		async createRole(input) {
			const world = enter('createRole');
			return done(world, createRole(world, input));
		},
		async attachRolePolicy(role, policyArn) {
			const world = enter('attachRolePolicy');
			attachRolePolicy(world, role, policyArn);
			return done(world, undefined);
		},
		async detachRolePolicy(role, policyArn) {
			const world = enter('detachRolePolicy');
			detachRolePolicy(world, role, policyArn);
			return done(world, undefined);
		},
		async deleteRole(role) {
			const world = enter('deleteRole');
			deleteRole(world, role);
			return done(world, undefined);
		},
	};
}
