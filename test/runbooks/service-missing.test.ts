// "Check if cluster exists" when the cluster is there but a service of the environment is not: the
// verdict names it (deleted, or a family with no service) and points at "create services", whose
// step opens the create-service fix on the missing service; the fix rebuilds it from the account.
import {describe, expect, it} from 'vitest';
import {createService} from '../../source/fixes/create-service.js';
import {fixFromRunbook} from '../../source/fixes/runbook-hints.js';
import {loadTargetChoices} from '../../source/fixes/ui/target-choices.js';
import {namesFor} from '../../source/port/names.js';
import {buildAcsoRunbook} from '../../source/runbooks/acso-runbook.js';
import {findIssue} from '../../source/runbooks/model.js';
import {runNativeStep} from '../../source/runbooks/native.js';
import {createManualClock, createSimCloud} from '../../source/sim/index.js';

const T0 = Date.UTC(2026, 10, 28, 12, 0, 0);
const PROD = 'acso-production-cluster';
const service = 'acso-production-service-orchestration';
const names = namesFor('production');
const runbook = buildAcsoRunbook(names);
const issue = findIssue(runbook, 'deployment-fails-with-service-not-found')!;
const check = issue.diagnosis[0]!;

function sim() {
	const clock = createManualClock(T0);
	return {clock, cloud: createSimCloud({seed: 4, clock, isWriteEnabled: () => true, calm: true})};
}

const run = (cloud: ReturnType<typeof sim>['cloud'], now: number) => runNativeStep(check, {cloud, names, now, issue, runbook});

describe('Check if cluster exists', () => {
	it('is ok on the calm account: every family of the environment has its service', async () => {
		const {clock, cloud} = sim();
		expect((await run(cloud, clock.now())).verdict).toMatchObject({level: 'ok'});
	});

	it('names the deleted service, when, and recommends resolution 2; once ECS forgot it, the family without a service', async () => {
		const {clock, cloud} = sim();
		cloud.control.injectFault({kind: 'service-deleted', service});
		const result = await run(cloud, clock.now());
		expect(result.verdict).toMatchObject({level: 'problem', finding: 'service-missing', recommends: {index: 1}});
		expect(result.verdict.reason).toMatch(new RegExp(`^service ${service} not found in cluster ${PROD} \\(deleted at [^,]+Z, INACTIVE\\): create the service\\.$`));
		expect(result.lines.join('\n')).toContain(`${service}  service INACTIVE`);
		clock.advance(70 * 60_000);
		const later = await run(cloud, clock.now());
		expect(later.verdict).toMatchObject({level: 'problem', finding: 'service-missing'});
		expect(later.verdict.reason).toContain(`service ${service} not found in cluster ${PROD} (task definition family ${service} has no service)`);
	});
});

describe('resolution 2 and the create-service fix', () => {
	it('the deploy script step opens create-service, picking among the services the cluster lacks', async () => {
		const {cloud} = sim();
		cloud.control.injectFault({kind: 'service-deleted', service});
		const step = issue.resolutions[1]!.steps[0]!;
		expect(step.fix).toMatchObject({kind: 'create-service', target: {kind: 'cluster', cluster: PROD}});
		const resolved = fixFromRunbook(step.fix!.kind, step.fix!.params, step.fix!.target);
		expect(resolved.needs).toMatchObject({kind: 'service', cluster: PROD, absent: true});
		const choices = await loadTargetChoices(cloud, resolved.needs!, names);
		expect(choices.map(choice => choice.label)).toEqual([service]);
	});

	it('recreates the service from its last description (revision, network), its siblings\u2019 count; undo deletes it again', async () => {
		const {clock, cloud} = sim();
		const [before] = await cloud.services.describeServices(PROD, [service]);
		const siblings = (await cloud.services.describeServices(PROD, await cloud.services.listServices(PROD))).filter(s => s.name !== service);
		cloud.control.injectFault({kind: 'service-deleted', service});
		const target = {kind: 'service' as const, cluster: PROD, service};
		const plan = await createService.plan(cloud, target, {});
		const counts = siblings.map(s => s.desiredCount).sort((a, b) => a - b);
		expect(plan.parameters).toEqual({
			cluster: PROD,
			serviceName: service,
			taskDefinition: before!.taskDefinition,
			desiredCount: counts[Math.floor((counts.length - 1) / 2)],
			launchType: 'FARGATE',
			networkConfiguration: {awsvpcConfiguration: before!.network},
		});
		expect(plan.cliCommand).toMatch(/^aws ecs create-service --cluster acso-production-cluster --service-name acso-production-service-orchestration --task-definition acso-production-service-orchestration:\d+ --desired-count \d+ --launch-type FARGATE --network-configuration /);
		const outcome = await plan.run(cloud.operator);
		expect(outcome.ok).toBe(true);
		for (let i = 0; i < 10 && !cloud.control.faultFixed({kind: 'service-deleted', service}); i++) clock.advance(60_000);
		expect(cloud.control.faultFixed({kind: 'service-deleted', service})).toBe(true);
		await expect(createService.plan(cloud, target, {})).rejects.toThrow(`service ${service} exists in ${PROD} (ACTIVE): nothing to create`);
		const undo = plan.undo(outcome)!;
		expect(undo.apiCall).toBe('ecs:DeleteService');
		expect(undo.cliCommand).toBe(`aws ecs delete-service --cluster ${PROD} --service ${service} --force`);
		expect((await undo.run(cloud.operator)).ok).toBe(true);
		expect((await cloud.services.describeServices(PROD, [service]))[0]).toMatchObject({status: 'DRAINING', desiredCount: 0});
	});

	it('once ECS forgot the service: the family\u2019s latest ACTIVE revision and a sibling\u2019s network, with a warning; the desired count as given', async () => {
		const {clock, cloud} = sim();
		cloud.control.injectFault({kind: 'service-deleted', service});
		clock.advance(70 * 60_000);
		const latest = await cloud.services.describeTaskDefinition(service);
		const [sibling] = await cloud.services.describeServices(PROD, ['acso-production-supervisor']);
		const plan = await createService.plan(cloud, {kind: 'service', cluster: PROD, service}, {desiredCount: '3'});
		expect(plan.parameters).toMatchObject({taskDefinition: `${latest.family}:${latest.revision}`, desiredCount: 3, networkConfiguration: {awsvpcConfiguration: sibling!.network}});
		expect(plan.risk).toBe('high');
		expect(plan.warnings.join(' ')).toContain('no longer describes a deleted');
	});

	it('is refused without --write, nothing sent', async () => {
		const clock = createManualClock(T0);
		const cloud = createSimCloud({seed: 4, clock, isWriteEnabled: () => false, calm: true});
		cloud.control.injectFault({kind: 'service-deleted', service});
		const plan = await createService.plan(cloud, {kind: 'service', cluster: PROD, service}, {});
		const outcome = await plan.run(cloud.operator);
		expect(outcome).toMatchObject({ok: false, error: {kind: 'read-only'}});
		expect(await cloud.services.listServices(PROD)).not.toContain(service);
	});
});
