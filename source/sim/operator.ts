// The Operator of the simulated account: every mutating call changes the world (the next steps
// show the consequences) and answers with a request id like AWS's. index.ts wraps it in
// guardOperator, so nothing here runs without --write.

import type {Operator} from '../port/types.js';
import {putCompositeAlarm, putMetricAlarm} from './alarms.js';
import {modifyDbInstance} from './database.js';
import {stopTask, updateService} from './ecs.js';
import {logAlarmChanges} from './engine.js';
import {requestId} from './ids.js';
import {createLogGroup, deleteRetentionPolicy, putMetricFilter, putRetentionPolicy} from './logs.js';
import type {World} from './model.js';
import {registerTaskDefinition} from './task-definitions.js';

/** `enter` counts the call, catches the world up with the clock and raises an injected fault. */
export function createOperator(world: World, enter: (method: string) => void): Operator {
	const done = <T>(value: T) => ({value, requestId: requestId(world.seed, world.nextRequest++)});
	return {
		async updateService(cluster, service, update) {
			enter('updateService');
			return done(updateService(world, cluster, service, update));
		},
		async registerTaskDefinition(input) {
			enter('registerTaskDefinition');
			return done(structuredClone(registerTaskDefinition(world, input)));
		},
		async stopTask(cluster, taskId, reason) {
			enter('stopTask');
			return done(stopTask(world, cluster, taskId, reason));
		},
		async createLogGroup(name) {
			enter('createLogGroup');
			createLogGroup(world, name);
			return done(undefined);
		},
		async putRetentionPolicy(logGroup, days) {
			enter('putRetentionPolicy');
			putRetentionPolicy(world, logGroup, days);
			return done(undefined);
		},
		async deleteRetentionPolicy(logGroup) {
			enter('deleteRetentionPolicy');
			deleteRetentionPolicy(world, logGroup);
			return done(undefined);
		},
		async putMetricFilter(filter) {
			enter('putMetricFilter');
			putMetricFilter(world, filter);
			return done(undefined);
		},
		async putMetricAlarm(alarm) {
			enter('putMetricAlarm');
			logAlarmChanges(world, putMetricAlarm(world, alarm));
			return done(undefined);
		},
		async putCompositeAlarm(alarm) {
			enter('putCompositeAlarm');
			logAlarmChanges(world, putCompositeAlarm(world, alarm));
			return done(undefined);
		},
		async modifyDbInstance(id, change) {
			enter('modifyDbInstance');
			return done(modifyDbInstance(world, id, change));
		},
	};
}
