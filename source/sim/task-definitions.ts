// Task definition revisions: the seeded history of each family, lookup by family / family:revision /
// ARN, and registration with the validation ECS applies (Fargate cpu/memory pairs, names).

import {isFargateSize} from '../model/fargate-sizes.js';
import {CloudError} from '../port/errors.js';
import type {ContainerDefinition, TaskDefinition, TaskDefinitionInput} from '../port/types.js';
import {ARN_REGION, serviceLogGroup, ECR_HOST, imageFor, MISSING_IMAGES, repositoryFor, SERVICE_PROFILES, serviceName, type EnvName} from './catalog.js';
import {DAY} from './clock.js';
import {executionRoleArn, parseTaskDefinitionRef, taskDefinitionArn, taskRoleArn} from './ids.js';
import type {World} from './model.js';
import {hashRange} from './random.js';

const MAX_REVISIONS = 1000;

function containerFor(env: EnvName, short: string, container: string, image: string, baseMiB: number): ContainerDefinition {
	return {
		name: container,
		image,
		cpu: 0,
		memoryReservation: Math.ceil(baseMiB / 128) * 128,
		essential: true,
		extra: {
			portMappings: [{containerPort: 8000, hostPort: 8000, protocol: 'tcp'}],
			environment: [
				{name: 'ENVIRONMENT', value: env},
				{name: 'AGENT_TYPE', value: short},
			],
			logConfiguration: {
				logDriver: 'awslogs',
				options: {'awslogs-group': serviceLogGroup(env, short), 'awslogs-region': ARN_REGION, 'awslogs-stream-prefix': short},
			},
			healthCheck: {command: ['CMD-SHELL', 'curl -fs http://localhost:8000/health || exit 1'], interval: 30, timeout: 5, retries: 3},
		},
	};
}

/** Every family's revisions as they stood before the sim began, and the images pushed to ECR. */
export function seedTaskDefinitions(world: World, start: number): void {
	for (const env of ['production', 'staging'] as const) {
		for (const profile of SERVICE_PROFILES) {
			const family = serviceName(env, profile.short);
			const tags = profile.tags[env];
			const revisions: TaskDefinition[] = [];
			tags.forEach((tag, index) => {
				const revision = index + 1;
				// The newest revision went out a few days ago; older ones every week or so before that.
				const age = (tags.length - revision) * hashRange(4, 9, world.seed, family, revision) * DAY + hashRange(2, 6, world.seed, family) * DAY;
				const image = imageFor(profile.short, tag);
				if (!MISSING_IMAGES.has(image)) world.images.add(image);
				revisions.push({
					family,
					revision,
					arn: taskDefinitionArn(family, revision),
					status: 'ACTIVE',
					cpu: profile.cpu,
					memory: profile.memory,
					networkMode: 'awsvpc',
					requiresCompatibilities: ['FARGATE'],
					executionRoleArn: executionRoleArn(env),
					taskRoleArn: taskRoleArn(env),
					containers: [containerFor(env, profile.short, profile.container, image, profile.baseMiB)],
					registeredAt: Math.round(start - age),
					extra: {runtimePlatform: {cpuArchitecture: 'X86_64', operatingSystemFamily: 'LINUX'}},
				});
			});
			world.taskDefinitions.set(family, revisions);
			world.images.add(`${ECR_HOST}/${repositoryFor(profile.short)}:latest`);
		}
	}
}

export function findTaskDefinition(world: World, ref: string): TaskDefinition {
	const parsed = parseTaskDefinitionRef(ref.trim());
	if (!parsed) throw new CloudError('invalid', `Invalid task definition reference '${ref}': expected family, family:revision or a task definition ARN`, {resource: ref});
	const revisions = world.taskDefinitions.get(parsed.family);
	const found =
		parsed.revision === undefined
			? [...(revisions ?? [])].reverse().find(candidate => candidate.status === 'ACTIVE')
			: revisions?.[parsed.revision - 1];
	if (!found) throw new CloudError('not-found', `Unable to describe task definition: ${ref} does not exist`, {resource: ref, code: 'ClientException'});
	return found;
}

/** "1024", "1 vCPU", "0.5 vcpu" -> 1024 / 512; undefined when absent; throws on nonsense. */
function parseCpu(value: string | undefined): number | undefined {
	if (value === undefined || value === '') return undefined;
	const text = value.trim();
	const vcpu = /^(\d+(?:\.\d+)?)\s*vcpu$/i.exec(text);
	const units = vcpu ? Number(vcpu[1]) * 1024 : /^\d+$/.test(text) ? Number(text) : Number.NaN;
	if (!Number.isFinite(units) || units <= 0) throw new CloudError('invalid', `Invalid 'cpu' setting for task: '${value}' (use CPU units such as 1024 or '1 vCPU')`);
	return units;
}

/** "2048", "2 GB", "2GB" -> 2048; undefined when absent; throws on nonsense. */
function parseMemory(value: string | undefined): number | undefined {
	if (value === undefined || value === '') return undefined;
	const text = value.trim();
	const gb = /^(\d+(?:\.\d+)?)\s*gb$/i.exec(text);
	const mib = gb ? Number(gb[1]) * 1024 : /^\d+$/.test(text) ? Number(text) : Number.NaN;
	if (!Number.isFinite(mib) || mib <= 0) throw new CloudError('invalid', `Invalid 'memory' setting for task: '${value}' (use MiB such as 2048 or '2 GB')`);
	return mib;
}

function validate(input: TaskDefinitionInput): {cpu?: number; memory?: number} {
	if (!/^[A-Za-z0-9_-]{1,255}$/.test(input.family ?? '')) {
		throw new CloudError('invalid', `Family '${input.family}' is invalid: up to 255 letters (uppercase and lowercase), numbers, hyphens, and underscores are allowed.`);
	}
	if (!Array.isArray(input.containers) || input.containers.length === 0) {
		throw new CloudError('invalid', 'Container definitions are required: a task definition needs at least one container.');
	}
	if (input.containers.length > 10) throw new CloudError('invalid', `Too many containers (${input.containers.length}): a task definition holds at most 10.`);
	const names = new Set<string>();
	for (const container of input.containers) {
		if (!/^[A-Za-z0-9_-]{1,255}$/.test(container.name ?? '')) {
			throw new CloudError('invalid', `Container name '${container.name}' is invalid: up to 255 letters, numbers, hyphens, and underscores are allowed.`);
		}
		if (names.has(container.name)) throw new CloudError('invalid', `Duplicate container name '${container.name}' in the task definition.`);
		names.add(container.name);
		if (typeof container.image !== 'string' || container.image.trim() === '' || container.image.length > 255) {
			throw new CloudError('invalid', `Container '${container.name}' needs an image (up to 255 characters).`);
		}
	}
	if (!input.containers.some(container => container.essential !== false)) {
		throw new CloudError('invalid', 'A task definition must have at least one essential container.');
	}
	const cpu = parseCpu(input.cpu);
	const memory = parseMemory(input.memory);
	const fargate = (input.requiresCompatibilities ?? []).includes('FARGATE');
	if (fargate) {
		if (cpu === undefined || memory === undefined) throw new CloudError('invalid', "Fargate requires task definitions to set 'cpu' and 'memory' at the task level.");
		if (!isFargateSize(cpu, memory)) {
			throw new CloudError('invalid', `No Fargate configuration exists for given values: ${cpu} CPU, ${memory} memory. See the Amazon ECS documentation for the valid values.`);
		}
		if (input.networkMode !== undefined && input.networkMode !== 'awsvpc') {
			throw new CloudError('invalid', `Fargate only supports network mode 'awsvpc', not '${input.networkMode}'.`);
		}
	}
	if (memory !== undefined) {
		const reserved = input.containers.reduce((sum, container) => sum + (container.memory ?? container.memoryReservation ?? 0), 0);
		if (reserved > memory) {
			throw new CloudError('invalid', `The sum of the containers' memory (${reserved} MiB) is greater than the task memory (${memory} MiB).`);
		}
	}
	return {cpu, memory};
}

export function registerTaskDefinition(world: World, input: TaskDefinitionInput): TaskDefinition {
	const {cpu, memory} = validate(input);
	const revisions = world.taskDefinitions.get(input.family) ?? [];
	if (revisions.length >= MAX_REVISIONS) {
		throw new CloudError('invalid', `Family ${input.family} already has ${MAX_REVISIONS} revisions, the most the simulated account keeps.`);
	}
	const revision = revisions.length + 1;
	const stored: TaskDefinition = {
		...structuredClone(input),
		cpu: cpu === undefined ? undefined : String(cpu),
		memory: memory === undefined ? undefined : String(memory),
		revision,
		arn: taskDefinitionArn(input.family, revision),
		status: 'ACTIVE',
		registeredAt: world.time,
	};
	revisions.push(stored);
	world.taskDefinitions.set(input.family, revisions);
	return stored;
}

/** Task memory in MiB for scheduling: the task-level value, else the containers' total. */
export function taskMemoryMiB(definition: TaskDefinition): number {
	const task = Number(definition.memory);
	if (Number.isFinite(task) && task > 0) return task;
	const sum = definition.containers.reduce((total, container) => total + (container.memory ?? container.memoryReservation ?? 0), 0);
	return sum > 0 ? sum : 512;
}

export function taskCpuUnits(definition: TaskDefinition): number {
	const task = Number(definition.cpu);
	return Number.isFinite(task) && task > 0 ? task : 256;
}

/** The essential container ECS launches first: the one the sim watches. */
export function mainContainer(definition: TaskDefinition): ContainerDefinition {
	return definition.containers.find(container => container.essential !== false) ?? definition.containers[0]!;
}

/** Whether the fake ECR can serve an image. Images outside the account's registry always pull. */
export function imagePullable(world: World, image: string): boolean {
	return !image.startsWith(`${ECR_HOST}/`) || world.images.has(image);
}
