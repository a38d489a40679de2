import {describe, expect, it} from 'vitest';
import {forceNewDeployment, setDesiredCount, stopTask} from '../../source/fixes/ecs.js';
import type {Plan} from '../../source/fixes/types.js';
import type {Service} from '../../source/port/types.js';
import {checkedOperator} from './checked-operator.js';
import {cluster, fakeReaders, productionAccount, serviceName} from './fake-cloud.js';

const target = {kind: 'service', cluster, service: serviceName} as const;

function updatedService(changes: Partial<Service>): Service {
	const service = productionAccount().services[0]!;
	return {...service, ...changes};
}

describe('force-new-deployment', () => {
	it('plans one UpdateService with forceNewDeployment and no undo', async () => {
		const plan = await forceNewDeployment.plan(fakeReaders(productionAccount()), target);
		expect(plan.apiCall).toBe('ecs:UpdateService');
		expect(plan.parameters).toEqual({cluster, service: serviceName, forceNewDeployment: true});
		expect(plan.cliCommand).toBe(`aws ecs update-service --cluster ${cluster} --service ${serviceName} --force-new-deployment`);
		expect(plan.resourceName).toBe(serviceName);
		expect(plan.risk).toBe('medium');
		expect(plan.changes).toEqual([{field: 'tasks', from: `2 running of ${serviceName}:7`, to: `2 fresh tasks of ${serviceName}:7`}]);

		const fake = checkedOperator([
			{
				method: 'updateService',
				args: [cluster, serviceName, {forceNewDeployment: true}],
				result: {value: updatedService({deployments: [{id: 'ecs-svc/222', status: 'PRIMARY', rolloutState: 'IN_PROGRESS', taskDefinition: `${serviceName}:7`, desiredCount: 2, runningCount: 0, pendingCount: 2, failedTasks: 0, createdAt: 1, updatedAt: 1}]}), requestId: 'r-1'},
			},
		]);
		const outcome = await plan.run(fake.operator);
		fake.verify();
		expect(outcome).toMatchObject({ok: true, requestId: 'r-1', after: {deploymentId: 'ecs-svc/222', rolloutState: 'IN_PROGRESS', taskDefinition: `${serviceName}:7`}});
		expect(plan.undo(outcome)).toBeUndefined();
		expect(plan.undoSummary).toMatch(/No undo/);
	});

	it('warns when a deployment is already in progress', async () => {
		const account = productionAccount();
		account.services[0]!.deployments[0]!.rolloutState = 'IN_PROGRESS';
		const plan = await forceNewDeployment.plan(fakeReaders(account), target);
		expect(plan.warnings.join('\n')).toMatch(/already in progress/);
	});

	it('refuses an unknown service and unknown parameters before anything is sent', async () => {
		await expect(forceNewDeployment.plan(fakeReaders(productionAccount()), {...target, service: 'acso-production-nope'})).rejects.toThrow(
			`service acso-production-nope not found in cluster ${cluster}`,
		);
		await expect(forceNewDeployment.plan(fakeReaders(productionAccount()), target, {desiredCount: 3})).rejects.toThrow(
			'force-new-deployment: unknown parameter "desiredCount" (it takes no parameters)',
		);
		await expect(forceNewDeployment.plan(fakeReaders(productionAccount()), {kind: 'db', db: 'x'})).rejects.toThrow(
			'force-new-deployment acts on a service, not on a db',
		);
	});
});

describe('set-desired-count', () => {
	it('sets the count and its undo sets the previous one back, exactly', async () => {
		const plan = await setDesiredCount.plan(fakeReaders(productionAccount()), target, {desiredCount: '5'});
		expect(plan.parameters).toEqual({cluster, service: serviceName, desiredCount: 5});
		expect(plan.changes).toEqual([{field: 'desiredCount', from: 2, to: 5}]);
		expect(plan.before).toEqual({desiredCount: 2});
		expect(plan.cliCommand).toBe(`aws ecs update-service --cluster ${cluster} --service ${serviceName} --desired-count 5`);

		const fake = checkedOperator([
			{method: 'updateService', args: [cluster, serviceName, {desiredCount: 5}], result: {value: updatedService({desiredCount: 5}), requestId: 'r-5'}},
			{method: 'updateService', args: [cluster, serviceName, {desiredCount: 2}], result: {value: updatedService({desiredCount: 2}), requestId: 'r-2'}},
		]);
		const outcome = await plan.run(fake.operator);
		expect(outcome).toMatchObject({ok: true, after: {desiredCount: 5}});
		const undo = plan.undo(outcome) as Plan;
		expect(undo.title).toBe(`Undo: Set desired count of ${serviceName} to 2`);
		expect(undo.undoOf).toBe(plan.title);
		expect(undo.changes).toEqual([{field: 'desiredCount', from: 5, to: 2}]);
		expect(undo.cliCommand).toBe(`aws ecs update-service --cluster ${cluster} --service ${serviceName} --desired-count 2`);
		expect(await undo.run(fake.operator)).toMatchObject({ok: true, requestId: 'r-2'});
		fake.verify();
	});

	it('makes scaling to zero high risk with a warning', async () => {
		const plan = await setDesiredCount.plan(fakeReaders(productionAccount()), target, {desiredCount: 0});
		expect(plan.risk).toBe('high');
		expect(plan.warnings[0]).toMatch(/stops every task/);
	});

	it.each([
		[{desiredCount: -1}, 'desiredCount must be between 0 and 1000, got -1'],
		[{desiredCount: 1001}, 'desiredCount must be between 0 and 1000, got 1001'],
		[{desiredCount: 2.5}, 'desiredCount must be a whole number, got 2.5'],
		[{desiredCount: 'three'}, 'desiredCount must be a whole number, got "three"'],
		[{desiredCount: ''}, 'desiredCount is required (a whole number from 0 to 1000)'],
		[{}, 'desiredCount is required (a whole number from 0 to 1000)'],
		[{desiredcount: 3}, 'set-desired-count: unknown parameter "desiredcount" (expected desiredCount)'],
		[{desiredCount: 2}, `the desired count of ${serviceName} is already 2`],
	])('refuses %j', async (params, message) => {
		const fake = checkedOperator([]);
		await expect(setDesiredCount.plan(fakeReaders(productionAccount()), target, params)).rejects.toThrow(message);
		fake.verify();
	});
});

describe('stop-task', () => {
	it('stops a service task with the reason, no undo', async () => {
		const plan = await stopTask.plan(fakeReaders(productionAccount()), {kind: 'task', cluster, taskId: 'a1b2c3'}, {reason: "OOM loop; see Bob's note"});
		expect(plan.parameters).toEqual({cluster, task: 'a1b2c3', reason: "OOM loop; see Bob's note"});
		expect(plan.cliCommand).toBe(`aws ecs stop-task --cluster ${cluster} --task a1b2c3 --reason 'OOM loop; see Bob'\\''s note'`);
		expect(plan.resourceName).toBe('a1b2c3');
		expect(plan.risk).toBe('medium');
		expect(plan.warnings[0]).toMatch(/starts a replacement/);
		const fake = checkedOperator([
			{method: 'stopTask', args: [cluster, 'a1b2c3', "OOM loop; see Bob's note"], result: {value: {...productionAccount().tasks[0]!, lastStatus: 'RUNNING', desiredStatus: 'STOPPED'}, requestId: 'r-s'}},
		]);
		const outcome = await plan.run(fake.operator);
		fake.verify();
		expect(outcome).toMatchObject({ok: true, after: {desiredStatus: 'STOPPED'}});
		expect(plan.undo(outcome)).toBeUndefined();
	});

	it('uses a default reason, and is high risk for a task no service replaces', async () => {
		const plan = await stopTask.plan(fakeReaders(productionAccount()), {kind: 'task', cluster, taskId: 'lone01'});
		expect(plan.parameters).toEqual({cluster, task: 'lone01', reason: 'Stopped by acso-tui'});
		expect(plan.risk).toBe('high');
		expect(plan.warnings[0]).toMatch(/nothing will replace it/);
	});

	it('refuses a stopped or missing task', async () => {
		await expect(stopTask.plan(fakeReaders(productionAccount()), {kind: 'task', cluster, taskId: 'dead01'})).rejects.toThrow('task dead01 is already stopped');
		await expect(stopTask.plan(fakeReaders(productionAccount()), {kind: 'task', cluster, taskId: 'zzz'})).rejects.toThrow(`task zzz not found in cluster ${cluster}`);
		await expect(stopTask.plan(fakeReaders(productionAccount()), {kind: 'task', cluster, taskId: ' '})).rejects.toThrow("stop-task: the target's taskId is empty");
	});
});
