// ECS fixes that change which task definition a service runs: the emergency rollback to the previous
// ACTIVE revision and the deployment of a named revision. (A new revision with more CPU/memory is in
// new-revision.ts.)
import {isCloudError} from '../port/errors.js';
import type {Service, TaskDefinition} from '../port/types.js';
import {isService, readService, serviceAfter, updateServiceStep} from './ecs-common.js';
import {FixInputError} from './errors.js';
import {checkKnownParams, requiredString} from './params.js';
import {deploymentInProgress, stopRollbackPlan} from './ecs-rollback.js';
import {makePlan} from './plan.js';
import {requireTarget} from './targets.js';
import type {Change, CloudReaders, Fix, FixId, Plan, Target} from './types.js';

type ServiceTarget = Extract<Target, {kind: 'service'}>;

/** "family:7" or "arn:aws:ecs:...:task-definition/family:7" -> {family, revision}. */
export function parseTaskDefinitionRef(ref: string): {family: string; revision: number} {
	const tail = ref.includes('task-definition/') ? ref.slice(ref.lastIndexOf('task-definition/') + 'task-definition/'.length) : ref;
	const match = /^([A-Za-z0-9_-]+):(\d+)$/.exec(tail);
	if (!match) throw new FixInputError(`cannot read a revision from task definition "${ref}" (expected family:revision)`, 'taskDefinition');
	return {family: match[1]!, revision: Number(match[2])};
}

// ECS cannot list a family's revisions through the port, so earlier revisions are probed one by one,
// newest first; deregistered (INACTIVE) or deleted ones are skipped. The cap keeps a long gap bounded.
const maxProbes = 25;

export async function findPreviousActiveRevision(cloud: CloudReaders, ref: string): Promise<TaskDefinition> {
	const {family, revision} = parseTaskDefinitionRef(ref);
	const lowest = Math.max(1, revision - maxProbes);
	for (let candidate = revision - 1; candidate >= lowest; candidate--) {
		try {
			// aws ecs describe-task-definition --task-definition FAMILY:REVISION
			const definition = await cloud.services.describeTaskDefinition(`${family}:${candidate}`);
			if (definition.status === 'ACTIVE') return definition;
		} catch (error) {
			if (isCloudError(error) && error.kind === 'not-found') continue;
			throw error;
		}
	}
	const checked = revision - 1 >= lowest ? ` (checked revisions ${revision - 1} down to ${lowest})` : '';
	throw new FixInputError(`no earlier ACTIVE revision of ${family} than ${revision} to roll back to${checked}`, 'taskDefinition');
}

/** What differs between two revisions, for the preview: images, task size. */
export function revisionDiff(from: TaskDefinition, to: TaskDefinition): Change[] {
	const changes: Change[] = [];
	if (from.cpu !== to.cpu) changes.push({field: 'cpu', from: from.cpu ?? '(none)', to: to.cpu ?? '(none)'});
	if (from.memory !== to.memory) changes.push({field: 'memory', from: from.memory ?? '(none)', to: to.memory ?? '(none)'});
	for (const container of to.containers) {
		const old = from.containers.find(c => c.name === container.name);
		if (!old) changes.push({field: `container ${container.name}`, from: '(none)', to: container.image});
		else if (old.image !== container.image) changes.push({field: `image of ${container.name}`, from: old.image, to: container.image});
	}
	for (const container of from.containers) {
		if (!to.containers.some(c => c.name === container.name)) {
			changes.push({field: `container ${container.name}`, from: container.image, to: '(none)'});
		}
	}
	return changes;
}

/** Deploys `to` on the service now running `from`; its undo deploys `from` again. */
export function deployRevisionPlan(args: {fixId: FixId; title: string; target: ServiceTarget; from: string; to: string; extraChanges?: Change[]; undoOf?: string}): Plan {
	const {cluster, service} = args.target;
	return makePlan({
		fixId: args.fixId,
		title: args.title,
		risk: 'high',
		target: args.target,
		resourceName: service,
		changes: [{field: 'taskDefinition', from: args.from, to: args.to}, ...(args.extraChanges ?? [])],
		warnings: [`Every task of ${service} is replaced by a task of ${args.to}.`],
		undoSummary: `Undo deploys ${args.from} again.`,
		...(args.undoOf === undefined ? {} : {undoOf: args.undoOf}),
		steps: [updateServiceStep(cluster, service, {taskDefinition: args.to})],
		after: results => (isService(results[0]) ? serviceAfter(results[0]) : {}),
		undo: () =>
			deployRevisionPlan({fixId: 'rollback', title: `Undo: deploy ${args.from} to ${service}`, target: args.target, from: args.to, to: args.from, undoOf: args.title}),
	});
}

/** The revision a rollback returns to: what the old deployment still runs, else the family's previous ACTIVE one. */
export async function rollbackRevision(cloud: CloudReaders, service: Service): Promise<string> {
	const old = service.deployments.find(d => d.status === 'ACTIVE' && d.taskDefinition !== service.taskDefinition && d.taskDefinition !== '');
	if (old) return old.taskDefinition;
	const previous = await findPreviousActiveRevision(cloud, service.taskDefinition);
	return `${previous.family}:${previous.revision}`;
}

/** Plans the rollback of the service as it is now (see ecs-rollback.ts for which call). */
async function planRollback(cloud: CloudReaders, target: ServiceTarget): Promise<Plan> {
	const service = await readService(cloud, target.cluster, target.service);
	const to = await rollbackRevision(cloud, service);
	const primary = service.deployments.find(d => d.status === 'PRIMARY');
	const running = primary?.rolloutState === 'IN_PROGRESS' ? await deploymentInProgress(cloud, target.cluster, target.service) : undefined;
	if (running) {
		const undo = (from: string, back: string) => deployRevisionPlan({fixId: 'rollback', title: `Undo: deploy ${back} to ${service.name}`, target, from, to: back, undoOf: `Roll back ${service.name} from ${back} to ${from}`});
		return stopRollbackPlan(target, service, running, to, undo);
	}
	// aws ecs describe-task-definition --task-definition FAMILY:REVISION (both, for what changes)
	const [current, previous] = await Promise.all([cloud.services.describeTaskDefinition(service.taskDefinition), cloud.services.describeTaskDefinition(to)]);
	return deployRevisionPlan({
		fixId: 'rollback',
		title: `Roll back ${service.name} from ${service.taskDefinition} to ${to}`,
		target,
		from: service.taskDefinition,
		to,
		extraChanges: revisionDiff(current, previous),
	});
}

export const rollback: Fix = {
	id: 'rollback',
	title: 'Emergency rollback',
	risk: 'high',
	targetKind: 'service',
	summary: 'Return the service to its previous revision: ECS\'s rollback of the deployment in progress, or a deployment of the previous revision.',
	params: [],
	async plan(cloud, target, params = {}) {
		const serviceTarget = requireTarget(rollback.id, target, 'service');
		checkKnownParams(rollback.id, rollback.params, params);
		return planRollback(cloud, serviceTarget);
	},
};

/** "7", "family:7", "family", "family:LATEST" or an ARN -> what describeTaskDefinition takes. */
function revisionReference(value: string, family: string): string {
	if (/^\d+$/.test(value)) return `${family}:${value}`;
	return value.replace(/:LATEST$/i, '');
}

export const deployRevision: Fix = {
	id: 'deploy-revision',
	title: 'Deploy a task-definition revision',
	risk: 'high',
	targetKind: 'service',
	summary: 'Deploy a named revision (e.g. one registered by hand) to the service.',
	params: [
		{name: 'taskDefinition', label: 'Task definition', kind: 'string', required: true, help: 'A revision number, family:revision, or family (its latest ACTIVE revision).'},
	],
	async plan(cloud, target, params = {}) {
		const serviceTarget = requireTarget(deployRevision.id, target, 'service');
		checkKnownParams(deployRevision.id, deployRevision.params, params);
		const wanted = requiredString(params, 'taskDefinition', {max: 1600, pattern: /^[A-Za-z0-9_:/.-]+$/, rule: 'use a revision number, family:revision or family'});
		const service = await readService(cloud, serviceTarget.cluster, serviceTarget.service);
		const current = parseTaskDefinitionRef(service.taskDefinition);
		// aws ecs describe-task-definition --task-definition FAMILY[:REVISION]
		const definition = await cloud.services.describeTaskDefinition(revisionReference(wanted, current.family));
		if (definition.status !== 'ACTIVE') {
			throw new FixInputError(`${definition.family}:${definition.revision} is ${definition.status}; only ACTIVE revisions can be deployed`, 'taskDefinition');
		}
		const to = `${definition.family}:${definition.revision}`;
		if (to === `${current.family}:${current.revision}`) throw new FixInputError(`${service.name} already runs ${to}`, 'taskDefinition');
		// aws ecs describe-task-definition --task-definition FAMILY:REVISION
		const running = await cloud.services.describeTaskDefinition(service.taskDefinition);
		return deployRevisionPlan({
			fixId: 'deploy-revision',
			title: `Deploy ${to} to ${service.name} (now ${service.taskDefinition})`,
			target: serviceTarget,
			from: service.taskDefinition,
			to,
			extraChanges: revisionDiff(running, definition),
		});
	},
};
