// ECS fix: register a copy of the service's current task definition with more CPU and/or memory
// (containers and every other field intact), then deploy it. Its undo deploys the old revision.
import type {ContainerDefinition, Service, TaskDefinition, TaskDefinitionInput} from '../port/types.js';
import {redacted, redactSecrets} from '../format/redact.js';
import {isService, readService, serviceAfter, updateServiceStep} from './ecs-common.js';
import {deployRevisionPlan} from './ecs-revisions.js';
import {FixInputError} from './errors.js';
import {checkFargateSize, fargateCpuValues} from './fargate.js';
import {checkKnownParams, optionalInteger} from './params.js';
import {makePlan} from './plan.js';
import {requireTarget} from './targets.js';
import type {Change, Fix} from './types.js';

/** The request shape of a container definition: the pass-through fields first, the modelled ones win. */
function awsContainer(container: ContainerDefinition): Record<string, unknown> {
	const {extra, ...modelled} = container;
	return {...extra, ...Object.fromEntries(Object.entries(modelled).filter(([, value]) => value !== undefined))};
}

function registerInput(current: TaskDefinition, cpu: string | undefined, memory: string | undefined): TaskDefinitionInput {
	// A structured clone keeps the containers exactly as read while making sure nothing shares state.
	const copy = structuredClone(current);
	const input: TaskDefinitionInput = {family: copy.family, containers: copy.containers};
	if (cpu !== undefined) input.cpu = cpu;
	if (memory !== undefined) input.memory = memory;
	if (copy.networkMode !== undefined) input.networkMode = copy.networkMode;
	if (copy.requiresCompatibilities !== undefined) input.requiresCompatibilities = copy.requiresCompatibilities;
	if (copy.executionRoleArn !== undefined) input.executionRoleArn = copy.executionRoleArn;
	if (copy.taskRoleArn !== undefined) input.taskRoleArn = copy.taskRoleArn;
	if (copy.extra !== undefined) input.extra = copy.extra;
	return input;
}

function registerRequest(input: TaskDefinitionInput): Record<string, unknown> {
	const request: Record<string, unknown> = {...input.extra, family: input.family};
	for (const key of ['cpu', 'memory', 'networkMode', 'requiresCompatibilities', 'executionRoleArn', 'taskRoleArn'] as const) {
		if (input[key] !== undefined) request[key] = input[key];
	}
	request['containerDefinitions'] = input.containers.map(awsContainer);
	return request;
}

// Every request field has a CLI flag of the same name in kebab case; structures are passed as JSON,
// which the CLI accepts for any structured option.
function registerCli(request: Record<string, unknown>): string[] {
	const argv = ['aws', 'ecs', 'register-task-definition'];
	const flag = (key: string) => `--${key.replace(/[A-Z]/g, c => `-${c.toLowerCase()}`)}`;
	for (const [key, value] of Object.entries(request)) {
		if (value === undefined) continue;
		if (typeof value === 'string' || typeof value === 'number') argv.push(flag(key), String(value));
		else if (Array.isArray(value) && value.every(v => typeof v === 'string')) argv.push(flag(key), ...value);
		else argv.push(flag(key), JSON.stringify(value));
	}
	return argv;
}

function isFargate(definition: TaskDefinition, service: Service): boolean {
	if (definition.requiresCompatibilities?.includes('FARGATE')) return true;
	return service.launchType === 'FARGATE';
}

export const newRevision: Fix = {
	id: 'new-revision',
	title: 'New revision with more CPU/memory',
	risk: 'medium',
	targetKind: 'service',
	summary: 'Register a copy of the current task definition with more task CPU and/or memory, then deploy it.',
	params: [
		{name: 'cpu', label: 'Task CPU units', kind: 'integer', required: false, choices: fargateCpuValues, help: `Task-level CPU units (1024 = 1 vCPU; Fargate: ${fargateCpuValues.join(', ')}); leave empty to keep.`},
		{name: 'memory', label: 'Task memory (MiB)', kind: 'integer', required: false, help: 'Task-level memory in MiB; Fargate allows only certain values per CPU size.'},
	],
	async plan(cloud, target, params = {}) {
		const serviceTarget = requireTarget(newRevision.id, target, 'service');
		checkKnownParams(newRevision.id, newRevision.params, params);
		const cpu = optionalInteger(params, 'cpu', {min: 128, max: 16_384});
		const memory = optionalInteger(params, 'memory', {min: 128, max: 122_880});
		if (cpu === undefined && memory === undefined) {
			throw new FixInputError('give cpu and/or memory: the new revision must raise at least one', 'memory');
		}
		const service = await readService(cloud, serviceTarget.cluster, serviceTarget.service);
		// aws ecs describe-task-definition --task-definition FAMILY:REVISION
		const current = await cloud.services.describeTaskDefinition(service.taskDefinition);
		const currentCpu = current.cpu === undefined ? undefined : Number(current.cpu);
		const currentMemory = current.memory === undefined ? undefined : Number(current.memory);
		for (const [name, wanted, now] of [['cpu', cpu, currentCpu], ['memory', memory, currentMemory]] as const) {
			if (wanted !== undefined && now !== undefined && wanted < now) {
				throw new FixInputError(`${name} ${wanted} is less than the current ${now}: this fix only raises resources (roll back to return to an earlier revision)`, name);
			}
		}
		const newCpu = cpu ?? currentCpu;
		const newMemory = memory ?? currentMemory;
		if (newCpu === currentCpu && newMemory === currentMemory) {
			throw new FixInputError(`${current.family}:${current.revision} already has cpu ${current.cpu ?? '(none)'} and memory ${current.memory ?? '(none)'}`, 'memory');
		}
		if (isFargate(current, service)) {
			if (newCpu === undefined || newMemory === undefined) {
				throw new FixInputError('a Fargate task definition needs both task cpu and memory', newCpu === undefined ? 'cpu' : 'memory');
			}
			checkFargateSize(newCpu, newMemory);
		}

		const input = registerInput(current, newCpu === undefined ? undefined : String(newCpu), newMemory === undefined ? undefined : String(newMemory));
		const request = registerRequest(input);
		const warnings = [`Every task of ${service.name} is replaced by a task of the new revision.`];
		// The preview, the CLI twin and the audit log show the containers with their secrets redacted.
		const shown = redactSecrets(request);
		if (JSON.stringify(shown).includes(redacted)) {
			warnings.push(`Environment values and secrets are shown as ${redacted}; they are copied unchanged into the new revision. The aws twin cannot be run as shown.`);
		}
		for (const container of current.containers) {
			if (memory !== undefined && container.memory !== undefined) {
				warnings.push(`Container ${container.name} keeps its hard memory limit of ${container.memory} MiB: it still cannot use more than that (the container definition is copied unchanged).`);
			}
		}
		if (cloud.kind === 'aws' && current.extra === undefined) {
			warnings.push('The backend reported no task-definition fields beyond cpu, memory, roles and containers; volumes or a runtime platform, if any, are not copied.');
		}
		const from = `${current.family}:${current.revision}`;
		const size = [cpu === undefined ? '' : `cpu ${newCpu}`, memory === undefined ? '' : `memory ${newMemory}`].filter(Boolean).join(' and ');
		const title = `Copy ${from} with ${size} into a new revision and deploy it to ${service.name}`;
		const changes: Change[] = [];
		if (newCpu !== currentCpu) changes.push({field: 'cpu', from: current.cpu ?? '(none)', to: String(newCpu)});
		if (newMemory !== currentMemory) changes.push({field: 'memory', from: current.memory ?? '(none)', to: String(newMemory)});
		changes.push({field: 'taskDefinition', from: service.taskDefinition, to: `${current.family}:(new revision)`});
		const {cluster} = serviceTarget;
		return makePlan({
			fixId: 'new-revision',
			title,
			risk: newRevision.risk,
			target: serviceTarget,
			resourceName: service.name,
			changes,
			warnings,
			undoSummary: `Undo deploys ${service.taskDefinition} again (the new revision stays registered).`,
			steps: [
				{
					apiCall: 'ecs:RegisterTaskDefinition',
					parameters: shown,
					cliArgs: registerCli(shown),
					// aws ecs register-task-definition --family FAMILY --cpu CPU --memory MEMORY --container-definitions JSON ...
					send: operator => operator.registerTaskDefinition(structuredClone(input)),
				},
				{
					apiCall: 'ecs:UpdateService',
					// The revision number is known only once registered; the CLI twin names the family alone,
					// which ECS resolves to the latest ACTIVE revision: the one just registered.
					parameters: {cluster, service: service.name, taskDefinition: `${current.family}:{revision registered above}`},
					cliArgs: updateServiceStep(cluster, service.name, {taskDefinition: current.family}).cliArgs,
					// aws ecs update-service --cluster CLUSTER --service SERVICE --task-definition FAMILY:REVISION
					send: (operator, previous) => {
						const registered = previous[0] as TaskDefinition;
						return operator.updateService(cluster, service.name, {taskDefinition: `${registered.family}:${registered.revision}`});
					},
				},
			],
			after: results => {
				const registered = results[0] as TaskDefinition | undefined;
				return {
					...(registered ? {registeredTaskDefinition: `${registered.family}:${registered.revision}`} : {}),
					...(isService(results[1]) ? serviceAfter(results[1]) : {}),
				};
			},
			undo: outcome => {
				const deployed = outcome.after['registeredTaskDefinition'];
				return deployRevisionPlan({
					fixId: 'rollback',
					title: `Undo: deploy ${from} to ${service.name}`,
					target: serviceTarget,
					from: typeof deployed === 'string' ? deployed : `${current.family}:(new revision)`,
					to: service.taskDefinition,
					undoOf: title,
				});
			},
		});
	},
};
