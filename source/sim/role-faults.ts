// A drill's fault: the execution role the service's task definitions name was deleted. AWS shows
// it where it shows it on a real account: the pipeline's RegisterTaskDefinition calls refused in the
// trail's log group, and new tasks stopping with ECS's "unable to assume the role" reason (the
// running ones keep their credentials), so the service falls short of its desired count.
import {roleNameOf} from '../port/roles.js';
import {ACCOUNT_ID, ARN_REGION} from './catalog.js';
import {MINUTE, SECOND} from './clock.js';
import {TRAIL_LOG_GROUP} from './denied-calls.js';
import {createLogGroup, writeEvent} from './logs.js';
import type {SimService, World} from './model.js';
import {executionRoleUsable} from './roles.js';
import {findTaskDefinition} from './task-definitions.js';
import {requestStop} from './tasks.js';

export type MissingRoleFault = {
	kind: 'missing-execution-role';
	service: string;
	/** The role's name, as the service's task definition names it (checked when injected). */
	role: string;
	/** Running tasks of the service retired by Fargate maintenance at the injection: their replacements cannot start. */
	retire: number;
	/** The pipeline's refused RegisterTaskDefinition calls written to the trail, one a minute before the injection. */
	refusedCalls: number;
};

const trailStream = `${ACCOUNT_ID}_CloudTrail_${ARN_REGION}`;

/** The CloudTrail record of a RegisterTaskDefinition refused because the role it passes does not exist. */
export function refusedRegistration(family: string, roleArn: string, at: number): string {
	return JSON.stringify({
		eventVersion: '1.09',
		userIdentity: {type: 'AssumedRole', arn: `arn:aws:sts::${ACCOUNT_ID}:assumed-role/acso-deploy-pipeline/codebuild`},
		eventTime: new Date(at).toISOString().replace(/\.\d{3}Z$/, 'Z'),
		eventSource: 'ecs.amazonaws.com',
		eventName: 'RegisterTaskDefinition',
		awsRegion: ARN_REGION,
		errorCode: 'ClientException',
		errorMessage: 'Role is not valid',
		requestParameters: {family, executionRoleArn: roleArn},
	});
}

export function injectMissingRole(world: World, service: SimService, fault: MissingRoleFault): void {
	const definition = findTaskDefinition(world, service.deployments[0]!.taskDefinition);
	if (!definition.executionRoleArn || roleNameOf(definition.executionRoleArn) !== fault.role) {
		throw new Error(`drill fault: ${service.name}'s task definition names execution role ${definition.executionRoleArn ?? '(none)'}, not ${fault.role}`);
	}
	world.roles.delete(fault.role);
	if (!world.logGroups.has(TRAIL_LOG_GROUP)) createLogGroup(world, TRAIL_LOG_GROUP);
	for (let i = fault.refusedCalls; i >= 1; i--) {
		const at = world.time - i * MINUTE + 7 * SECOND;
		writeEvent(world, TRAIL_LOG_GROUP, at, world.time, trailStream, refusedRegistration(definition.family, definition.executionRoleArn, at));
	}
	const running = service.tasks.filter(task => task.lastStatus === 'RUNNING').slice(0, fault.retire);
	for (const task of running) requestStop(world, task, world.time, 'scheduler', 'ServiceSchedulerInitiated', 'Task retired: AWS Fargate platform maintenance');
	service.dirty = true;
}

/** Fixed: the role exists, ECS tasks may assume it, it carries the execution policy, and the service runs its desired count. */
export function missingRoleFixed(world: World, service: SimService, fault: MissingRoleFault): boolean {
	const running = service.tasks.filter(task => task.lastStatus === 'RUNNING').length;
	return executionRoleUsable(world, fault.role) && service.desiredCount > 0 && running >= service.desiredCount;
}
