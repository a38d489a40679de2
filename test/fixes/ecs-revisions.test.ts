import {describe, expect, it} from 'vitest';
import {deployRevision, findPreviousActiveRevision, parseTaskDefinitionRef, rollback} from '../../source/fixes/ecs-revisions.js';
import {newRevision} from '../../source/fixes/new-revision.js';
import type {Plan} from '../../source/fixes/types.js';
import {CloudError} from '../../source/port/errors.js';
import type {Service, TaskDefinition} from '../../source/port/types.js';
import {checkedOperator} from './checked-operator.js';
import {cluster, fakeReaders, productionAccount, serviceName} from './fake-cloud.js';

const target = {kind: 'service', cluster, service: serviceName} as const;

const serviceOn = (taskDefinition: string): Service => ({...productionAccount().services[0]!, taskDefinition});

describe('task definition references', () => {
	it('reads family:revision and ARNs', () => {
		expect(parseTaskDefinitionRef('acso-production-supervisor:7')).toEqual({family: 'acso-production-supervisor', revision: 7});
		expect(parseTaskDefinitionRef('arn:aws:ecs:us-east-1:1:task-definition/acso-x:12')).toEqual({family: 'acso-x', revision: 12});
		expect(() => parseTaskDefinitionRef('acso-x')).toThrow('cannot read a revision from task definition "acso-x" (expected family:revision)');
	});

	it('skips INACTIVE and deleted revisions, and says when none is left', async () => {
		const account = productionAccount();
		expect((await findPreviousActiveRevision(fakeReaders(account), `${serviceName}:7`)).revision).toBe(5);
		account.taskDefinitions = account.taskDefinitions.filter(td => td.revision !== 5);
		await expect(findPreviousActiveRevision(fakeReaders(account), `${serviceName}:7`)).rejects.toThrow(
			`no earlier ACTIVE revision of ${serviceName} than 7 to roll back to (checked revisions 6 down to 1)`,
		);
	});
});

describe('rollback', () => {
	it('deploys the previous ACTIVE revision (skipping INACTIVE 6), shows the image change, and undoes to 7', async () => {
		const plan = await rollback.plan(fakeReaders(productionAccount()), target);
		expect(plan.risk).toBe('high');
		expect(plan.parameters).toEqual({cluster, service: serviceName, taskDefinition: `${serviceName}:5`});
		expect(plan.cliCommand).toBe(`aws ecs update-service --cluster ${cluster} --service ${serviceName} --task-definition ${serviceName}:5`);
		expect(plan.changes).toEqual([
			{field: 'taskDefinition', from: `${serviceName}:7`, to: `${serviceName}:5`},
			{field: 'image of supervisor-agent', from: '123456789012.dkr.ecr.us-east-1.amazonaws.com/acso/supervisor:1.5.1', to: '123456789012.dkr.ecr.us-east-1.amazonaws.com/acso/supervisor:1.4.0'},
		]);
		const fake = checkedOperator([
			{method: 'updateService', args: [cluster, serviceName, {taskDefinition: `${serviceName}:5`}], result: {value: serviceOn(`${serviceName}:5`), requestId: 'r-1'}},
			{method: 'updateService', args: [cluster, serviceName, {taskDefinition: `${serviceName}:7`}], result: {value: serviceOn(`${serviceName}:7`), requestId: 'r-2'}},
		]);
		const outcome = await plan.run(fake.operator);
		expect(outcome).toMatchObject({ok: true, after: {taskDefinition: `${serviceName}:5`}});
		const undo = plan.undo(outcome) as Plan;
		expect(undo.parameters).toEqual({cluster, service: serviceName, taskDefinition: `${serviceName}:7`});
		expect(await undo.run(fake.operator)).toMatchObject({ok: true});
		fake.verify();
	});
});

describe('new-revision', () => {
	const registered = (revision: number, memory: string): TaskDefinition => ({...productionAccount().taskDefinitions[2]!, revision, memory, arn: `arn:x:${revision}`});

	it('registers an exact copy with more memory (containers and extras intact), deploys it, and undoes to the old revision', async () => {
		const account = productionAccount();
		const current = account.taskDefinitions[2]!;
		const plan = await newRevision.plan(fakeReaders(account), target, {memory: '4096'});
		expect(plan.apiCall).toBe('ecs:RegisterTaskDefinition + ecs:UpdateService');
		expect(plan.changes).toEqual([
			{field: 'memory', from: '2048', to: '4096'},
			{field: 'taskDefinition', from: `${serviceName}:7`, to: `${serviceName}:(new revision)`},
		]);
		const register = plan.parameters['ecs:RegisterTaskDefinition'] as Record<string, unknown>;
		expect(register).toEqual({
			runtimePlatform: {cpuArchitecture: 'ARM64', operatingSystemFamily: 'LINUX'},
			family: serviceName,
			cpu: '1024',
			memory: '4096',
			networkMode: 'awsvpc',
			requiresCompatibilities: ['FARGATE'],
			executionRoleArn: current.executionRoleArn,
			taskRoleArn: current.taskRoleArn,
			containerDefinitions: [
				{
					portMappings: [{containerPort: 8000, protocol: 'tcp'}],
					// Shown and audited redacted; the operator below receives the real value.
					environment: [{name: 'ENVIRONMENT', value: '<redacted>'}],
					logConfiguration: {logDriver: 'awslogs', options: {'awslogs-group': '/aws/acso/production/agents'}},
					name: 'supervisor-agent',
					image: current.containers[0]!.image,
					essential: true,
					memoryReservation: 1024,
				},
			],
		});
		expect(plan.cliCommand).toContain(`aws ecs register-task-definition --runtime-platform '{"cpuArchitecture":"ARM64","operatingSystemFamily":"LINUX"}' --family ${serviceName} --cpu 1024 --memory 4096`);
		expect(plan.cliCommand).toContain(`--requires-compatibilities FARGATE`);
		expect(plan.cliCommand).toContain('"environment":[{"name":"ENVIRONMENT","value":"<redacted>"}]');
		expect(plan.warnings.join(' ')).toMatch(/shown as <redacted>/);
		expect(plan.cliCommand).toContain(`--container-definitions '[{"portMappings":`);
		expect(plan.cliCommand).toMatch(new RegExp(` && \\\\\naws ecs update-service --cluster ${cluster} --service ${serviceName} --task-definition ${serviceName}$`));

		const {revision: _r, arn: _a, status: _s, registeredAt: _t, ...input} = current;
		const fake = checkedOperator([
			{method: 'registerTaskDefinition', args: [{...input, memory: '4096'}], result: {value: registered(8, '4096'), requestId: 'r-reg'}},
			{method: 'updateService', args: [cluster, serviceName, {taskDefinition: `${serviceName}:8`}], result: {value: serviceOn(`${serviceName}:8`), requestId: 'r-upd'}},
			{method: 'updateService', args: [cluster, serviceName, {taskDefinition: `${serviceName}:7`}], result: {value: serviceOn(`${serviceName}:7`), requestId: 'r-undo'}},
		]);
		const outcome = await plan.run(fake.operator);
		expect(outcome).toEqual({
			ok: true,
			after: expect.objectContaining({registeredTaskDefinition: `${serviceName}:8`, taskDefinition: `${serviceName}:8`}),
			requestId: 'r-upd',
			requestIds: ['r-reg', 'r-upd'],
		});
		const undo = plan.undo(outcome) as Plan;
		expect(undo.changes[0]).toEqual({field: 'taskDefinition', from: `${serviceName}:8`, to: `${serviceName}:7`});
		await undo.run(fake.operator);
		fake.verify();
	});

	it('raises cpu alone when the pair stays a valid Fargate size', async () => {
		const plan = await newRevision.plan(fakeReaders(productionAccount()), target, {cpu: 2048, memory: 4096});
		expect(plan.changes.slice(0, 2)).toEqual([
			{field: 'cpu', from: '1024', to: '2048'},
			{field: 'memory', from: '2048', to: '4096'},
		]);
	});

	it('warns that a container hard memory limit is kept', async () => {
		const account = productionAccount();
		account.taskDefinitions[2]!.containers[0]!.memory = 2048;
		const plan = await newRevision.plan(fakeReaders(account), target, {memory: 4096});
		expect(plan.warnings.join('\n')).toMatch(/supervisor-agent keeps its hard memory limit of 2048 MiB/);
	});

	it.each([
		[{}, 'give cpu and/or memory: the new revision must raise at least one'],
		[{memory: 1024}, 'memory 1024 is less than the current 2048: this fix only raises resources'],
		[{memory: 2048}, `${serviceName}:7 already has cpu 1024 and memory 2048`],
		[{memory: 9216}, 'Fargate does not allow memory 9216 MiB with cpu 1024; with cpu 1024 use 2048 to 8192 in steps of 1024 MiB'],
		[{cpu: 2048}, 'Fargate does not allow memory 2048 MiB with cpu 2048; with cpu 2048 use 4096 to 16384 in steps of 1024 MiB'],
		[{cpu: 3000, memory: 8192}, 'cpu 3000 is not a Fargate size; use one of 256, 512, 1024, 2048, 4096, 8192, 16384'],
		[{memory: 'lots'}, 'memory must be a whole number, got "lots"'],
	])('refuses %j before anything is sent', async (params, message) => {
		await expect(newRevision.plan(fakeReaders(productionAccount()), target, params)).rejects.toThrow(message);
	});

	it('stops after a failed registration and reports a failed deployment after a registration as partial', async () => {
		const plan = await newRevision.plan(fakeReaders(productionAccount()), target, {memory: 4096});
		const current = productionAccount().taskDefinitions[2]!;
		const {revision: _r, arn: _a, status: _s, registeredAt: _t, ...exact} = current;
		const denied = checkedOperator([
			{method: 'registerTaskDefinition', args: [{...exact, memory: '4096'}], error: new CloudError('denied', 'not authorized to perform: ecs:RegisterTaskDefinition', {requestId: 'r-den'})},
		]);
		const first = await plan.run(denied.operator);
		denied.verify();
		expect(first).toEqual({
			ok: false,
			error: {message: 'not authorized to perform: ecs:RegisterTaskDefinition', kind: 'denied', requestId: 'r-den', apiCall: 'ecs:RegisterTaskDefinition'},
			completed: [],
			requestId: 'r-den',
			requestIds: [],
		});
		expect(plan.undo(first)).toBeUndefined();

		const partial = checkedOperator([
			{method: 'registerTaskDefinition', args: [{...exact, memory: '4096'}], result: {value: registered(8, '4096'), requestId: 'r-reg'}},
			{method: 'updateService', args: [cluster, serviceName, {taskDefinition: `${serviceName}:8`}], error: new CloudError('throttled', 'Rate exceeded')},
		]);
		const second = await plan.run(partial.operator);
		partial.verify();
		expect(second).toMatchObject({ok: false, completed: ['ecs:RegisterTaskDefinition'], after: {registeredTaskDefinition: `${serviceName}:8`}, error: {kind: 'throttled', apiCall: 'ecs:UpdateService'}});
	});
});

describe('deploy-revision', () => {
	it('deploys a named ACTIVE revision, by number or family:LATEST', async () => {
		const byNumber = await deployRevision.plan(fakeReaders(productionAccount()), target, {taskDefinition: '5'});
		expect(byNumber.parameters).toEqual({cluster, service: serviceName, taskDefinition: `${serviceName}:5`});
		await expect(deployRevision.plan(fakeReaders(productionAccount()), target, {taskDefinition: `${serviceName}:LATEST`})).rejects.toThrow(
			`${serviceName} already runs ${serviceName}:7`,
		);
		await expect(deployRevision.plan(fakeReaders(productionAccount()), target, {taskDefinition: '6'})).rejects.toThrow(
			`${serviceName}:6 is INACTIVE; only ACTIVE revisions can be deployed`,
		);
	});
});
