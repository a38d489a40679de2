// The catalogue of typed fixes, in the order the fix menu lists them per target kind.
import {modifyDatabaseClass} from './database.js';
import {putMetricAlarm} from './alarms.js';
import {putCompositeAlarm} from './composite-alarm.js';
import {forceNewDeployment, setDesiredCount, stopTask} from './ecs.js';
import {deployRevision, rollback} from './ecs-revisions.js';
import {newRevision} from './new-revision.js';
import {createService} from './create-service.js';
import {createLogGroup, putMetricFilter, putRetention} from './logs.js';
import {restoreParameter} from './parameters.js';
import {createExecutionRole} from './roles.js';
import {authorizeIngress} from './network.js';
import type {Fix, FixId, TargetKind} from './types.js';

export const catalogue: readonly Fix[] = [
	forceNewDeployment,
	setDesiredCount,
	rollback,
	newRevision,
	deployRevision,
	stopTask,
	putRetention,
	createLogGroup,
	putMetricFilter,
	putMetricAlarm,
	putCompositeAlarm,
	modifyDatabaseClass,
	restoreParameter,
	createExecutionRole,
	authorizeIngress,
	createService,
];

/** The fixes offered on a selected resource of this kind (the fix menu). */
export function fixesFor(targetKind: TargetKind): Fix[] {
	return catalogue.filter(fix => fix.targetKind === targetKind);
}

export function fixById(id: FixId | string): Fix | undefined {
	return catalogue.find(fix => fix.id === id);
}
