// The Operator of the simulated account: every mutating call changes the world (the next steps
// show the consequences) and answers with a request id like AWS's. index.ts wraps it in
// guardOperator, so nothing here runs without --write.

import type {Operator} from '../port/types.js';
import {putCompositeAlarm, putMetricAlarm} from './alarms.js';
import {modifyDbInstance} from './database.js';
import {stopTask, updateService} from './ecs.js';
import {logAlarmChanges} from './engine.js';
import {requestId} from './ids.js';
import {stopServiceDeployment} from './service-deployments.js';
import {createLogGroup, deleteRetentionPolicy, putMetricFilter, putRetentionPolicy} from './logs.js';
import type {World} from './model.js';
import {createRoleOperator} from './role-operator.js';
import {registerTaskDefinition} from './task-definitions.js';
import {OPERATOR_PRINCIPAL, putParameter} from './parameters.js';
import {authorizeIngress, revokeIngress} from './security-groups.js';
import {createService, deleteService} from './service-lifecycle.js';

/**
 * `enter` counts the call, catches the world up with the clock, raises an injected fault, and
 * hands back the world to change.
 */
export function createOperator(enter: (method: string) => World): Operator {
	const done = <T>(world: World, value: T) => ({value, requestId: requestId(world.seed, world.nextRequest++)});
	return {
		...createRoleOperator(enter),
		async updateService(cluster, service, update) {
			const world = enter('updateService');
			return done(world, updateService(world, cluster, service, update));
		},
		async createService(input) {
			const world = enter('createService');
			return done(world, createService(world, input));
		},
		async deleteService(cluster, service) {
			const world = enter('deleteService');
			return done(world, deleteService(world, cluster, service));
		},
		async registerTaskDefinition(input) {
			const world = enter('registerTaskDefinition');
			return done(world, structuredClone(registerTaskDefinition(world, input)));
		},
		async stopTask(cluster, taskId, reason) {
			const world = enter('stopTask');
			return done(world, stopTask(world, cluster, taskId, reason));
		},
		async createLogGroup(name) {
			const world = enter('createLogGroup');
			createLogGroup(world, name);
			return done(world, undefined);
		},
		async putRetentionPolicy(logGroup, days) {
			const world = enter('putRetentionPolicy');
			putRetentionPolicy(world, logGroup, days);
			return done(world, undefined);
		},
		async deleteRetentionPolicy(logGroup) {
			const world = enter('deleteRetentionPolicy');
			deleteRetentionPolicy(world, logGroup);
			return done(world, undefined);
		},
		async putMetricFilter(filter) {
			const world = enter('putMetricFilter');
			putMetricFilter(world, filter);
			return done(world, undefined);
		},
		async putMetricAlarm(alarm) {
			const world = enter('putMetricAlarm');
			logAlarmChanges(world, putMetricAlarm(world, alarm));
			return done(world, undefined);
		},
		async putCompositeAlarm(alarm) {
			const world = enter('putCompositeAlarm');
			logAlarmChanges(world, putCompositeAlarm(world, alarm));
			return done(world, undefined);
		},
		async modifyDbInstance(id, change) {
			const world = enter('modifyDbInstance');
			return done(world, modifyDbInstance(world, id, change));
		},
		async stopServiceDeployment(arn, stopType) {
			const world = enter('stopServiceDeployment');
			return done(world, stopServiceDeployment(world, arn, stopType));
		},
		async putParameter(name, value, type) {
			const world = enter('putParameter');
			return done(world, putParameter(world.parameters, name, value, type, OPERATOR_PRINCIPAL, world.time));
		},
		async authorizeSecurityGroupIngress(ingress) {
			const world = enter('authorizeSecurityGroupIngress');
			authorizeIngress(world, ingress);
			return done(world, undefined);
		},
		async revokeSecurityGroupIngress(ingress) {
			const world = enter('revokeSecurityGroupIngress');
			revokeIngress(world, ingress);
			return done(world, undefined);
		},
	};
}
