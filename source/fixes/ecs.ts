// ECS fixes that keep the task definition: force a new deployment, set the desired count, stop a task.
// (Changing the task definition lives in ecs-revisions.ts.)
import type {Service, Task} from '../port/types.js';
import {isService, readService, serviceAfter, updateServiceStep} from './ecs-common.js';
import {FixInputError} from './errors.js';
import {checkKnownParams, optionalString, requiredInteger} from './params.js';
import {makePlan, raiseRisk} from './plan.js';
import {requireTarget} from './targets.js';
import type {Fix, Plan, Target} from './types.js';

const afterFromService = (results: readonly unknown[]) => {
	const service = results[0];
	return isService(service) ? serviceAfter(service) : {};
};

export const forceNewDeployment: Fix = {
	id: 'force-new-deployment',
	title: 'Force a new deployment',
	risk: 'medium',
	targetKind: 'service',
	summary: 'Replace every task of the service with a fresh one of the same task definition (clears leaks, refreshes discovery).',
	params: [],
	async plan(cloud, target, params = {}) {
		const {cluster, service: name} = requireTarget(forceNewDeployment.id, target, 'service');
		checkKnownParams(forceNewDeployment.id, forceNewDeployment.params, params);
		const service = await readService(cloud, cluster, name);
		const warnings = [
			`Every running task (${service.runningCount}) of ${name} is replaced by a fresh one of ${service.taskDefinition}; work in flight in those tasks is interrupted.`,
		];
		const inProgress = service.deployments.find(d => d.status === 'PRIMARY' && d.rolloutState === 'IN_PROGRESS');
		if (inProgress) warnings.push(`A deployment (${inProgress.id}) is already in progress; forcing another one supersedes it.`);
		return makePlan({
			fixId: 'force-new-deployment',
			title: `Force a new deployment of ${name}`,
			risk: forceNewDeployment.risk,
			target,
			resourceName: name,
			changes: [
				{field: 'tasks', from: `${service.runningCount} running of ${service.taskDefinition}`, to: `${service.desiredCount} fresh tasks of ${service.taskDefinition}`},
			],
			warnings,
			undoSummary: 'No undo: replaced tasks cannot be brought back, and nothing else changes (same task definition and count).',
			steps: [updateServiceStep(cluster, name, {forceNewDeployment: true})],
			after: afterFromService,
		});
	},
};

/** The plan setting `service` (as read) to `desired`; also the undo of itself with the counts swapped. */
function desiredCountPlan(target: Extract<Target, {kind: 'service'}>, service: Pick<Service, 'desiredCount' | 'runningCount'>, desired: number, undoOf?: string): Plan {
	const {cluster, service: name} = target;
	const previous = service.desiredCount;
	const warnings: string[] = [];
	let risk = setDesiredCount.risk;
	if (desired === 0) {
		risk = raiseRisk(risk, 'high');
		warnings.push(`Desired count 0 stops every task of ${name}: it stops serving until scaled up again.`);
	} else if (desired < previous) {
		warnings.push(`Scaling in stops ${previous - desired} task(s) of ${name}; the remaining tasks take their load.`);
	}
	const title = `Set desired count of ${name} to ${desired}`;
	return makePlan({
		fixId: 'set-desired-count',
		title: undoOf ? `Undo: ${title}` : title,
		risk,
		target,
		resourceName: name,
		changes: [{field: 'desiredCount', from: previous, to: desired}],
		warnings,
		undoSummary: `Undo sets the desired count of ${name} back to ${previous}.`,
		...(undoOf === undefined ? {} : {undoOf}),
		steps: [updateServiceStep(cluster, name, {desiredCount: desired})],
		after: afterFromService,
		undo: () => desiredCountPlan(target, {desiredCount: desired, runningCount: service.runningCount}, previous, title),
	});
}

export const setDesiredCount: Fix = {
	id: 'set-desired-count',
	title: 'Set desired count',
	risk: 'medium',
	targetKind: 'service',
	summary: 'Scale the service out or in to a number of tasks.',
	params: [{name: 'desiredCount', label: 'Desired count', kind: 'integer', required: true, help: 'Tasks to keep running, 0 to 1000.'}],
	async plan(cloud, target, params = {}) {
		const serviceTarget = requireTarget(setDesiredCount.id, target, 'service');
		checkKnownParams(setDesiredCount.id, setDesiredCount.params, params);
		const desired = requiredInteger(params, 'desiredCount', {min: 0, max: 1000});
		const service = await readService(cloud, serviceTarget.cluster, serviceTarget.service);
		if (service.desiredCount === desired) {
			throw new FixInputError(`the desired count of ${serviceTarget.service} is already ${desired}`, 'desiredCount');
		}
		return desiredCountPlan(serviceTarget, service, desired);
	},
};

async function readTask(cloud: Parameters<Fix['plan']>[0], cluster: string, taskId: string): Promise<Task> {
	// aws ecs describe-tasks --cluster CLUSTER --tasks TASK
	const [task] = await cloud.services.describeTasks(cluster, [taskId]);
	if (!task) throw new FixInputError(`task ${taskId} not found in cluster ${cluster}`, 'taskId');
	return task;
}

export const stopTask: Fix = {
	id: 'stop-task',
	title: 'Stop a task',
	risk: 'medium',
	targetKind: 'task',
	summary: 'Stop one task (a service starts a replacement); for a stuck or misbehaving task.',
	params: [{name: 'reason', label: 'Reason', kind: 'string', required: false, help: 'Shown in the task\'s stoppedReason (up to 255 characters).', default: 'Stopped by acso-tui'}],
	async plan(cloud, target, params = {}) {
		const {cluster, taskId} = requireTarget(stopTask.id, target, 'task');
		checkKnownParams(stopTask.id, stopTask.params, params);
		const reason = optionalString(params, 'reason', {max: 255}) ?? 'Stopped by acso-tui';
		const task = await readTask(cloud, cluster, taskId);
		if (task.lastStatus === 'STOPPED' || task.desiredStatus === 'STOPPED') {
			throw new FixInputError(`task ${taskId} is already ${task.lastStatus === 'STOPPED' ? 'stopped' : 'stopping'}`, 'taskId');
		}
		const replaced = task.service !== undefined;
		return makePlan({
			fixId: 'stop-task',
			title: `Stop task ${taskId}${replaced ? ` of ${task.service}` : ''}`,
			risk: replaced ? stopTask.risk : raiseRisk(stopTask.risk, 'high'),
			target,
			resourceName: taskId,
			changes: [{field: 'lastStatus', from: task.lastStatus, to: 'STOPPED'}],
			warnings: [
				replaced
					? `The service ${task.service} starts a replacement task; until it is running the service has one task fewer.`
					: 'This task belongs to no service: nothing will replace it.',
			],
			undoSummary: 'No undo: a stopped task cannot be restarted.',
			steps: [
				{
					apiCall: 'ecs:StopTask',
					parameters: {cluster, task: taskId, reason},
					cliArgs: ['aws', 'ecs', 'stop-task', '--cluster', cluster, '--task', taskId, '--reason', reason],
					// aws ecs stop-task --cluster CLUSTER --task TASK --reason REASON
					send: operator => operator.stopTask(cluster, taskId, reason),
				},
			],
			after: results => {
				const stopped = results[0] as Task | undefined;
				return stopped
					? {lastStatus: stopped.lastStatus, desiredStatus: stopped.desiredStatus, ...(stopped.stoppedReason ? {stoppedReason: stopped.stoppedReason} : {})}
					: {};
			},
		});
	},
};
