// Staging's rollouts to practise on: threat-hunter's image cannot be pulled, incident-response's
// new revision logs errors several times as often; both while the old revision still serves, and
// both steady again well under a minute after a rollback.
import {describe, expect, it} from 'vitest';
import {makeSim, MINUTE, service, STAGING} from './sim-helpers.js';

const HUNTER = 'acso-staging-threat-hunter';
const RESPONSE = 'acso-staging-incident-response';
const LOGS = '/aws/acso/staging/agents';

async function errorsPerTask(h: ReturnType<typeof makeSim>, revision: string, since: number) {
	const ids = await h.sim.services.listTasks(STAGING, {service: RESPONSE});
	const tasks = (await h.sim.services.describeTasks(STAGING, ids)).filter(t => t.taskDefinition === revision);
	const streams = tasks.map(t => `incident-response/incident-response-agent/${t.id}`);
	const page = await h.sim.logs.filterLogEvents({logGroup: LOGS, startTime: since, logStreamNames: streams, limit: 10_000});
	return {tasks: tasks.length, errors: page.events.filter(e => / ERROR /.test(e.message)).length};
}

describe('staging rollouts', () => {
	it.each([1, 2, 7])('seed %i: threat-hunter rolls out an image that cannot be pulled while the old revision serves', async seed => {
		const h = makeSim(seed);
		const s = await service(h.sim, STAGING, HUNTER);
		const [primary, old] = s.deployments;
		expect(primary).toMatchObject({status: 'PRIMARY', rolloutState: 'IN_PROGRESS', taskDefinition: `${HUNTER}:13`, runningCount: 0});
		expect(primary!.failedTasks).toBeGreaterThan(5);
		expect(old).toMatchObject({status: 'ACTIVE', taskDefinition: `${HUNTER}:12`, runningCount: 2});
	});

	it.each([1, 2, 7])('seed %i: incident-response runs both revisions, the new one logging errors several times as often', async seed => {
		const h = makeSim(seed);
		const s = await service(h.sim, STAGING, RESPONSE);
		const [primary, old] = s.deployments;
		expect(primary).toMatchObject({status: 'PRIMARY', rolloutState: 'IN_PROGRESS', taskDefinition: `${RESPONSE}:6`, runningCount: 1});
		expect(old).toMatchObject({status: 'ACTIVE', taskDefinition: `${RESPONSE}:5`, runningCount: 1});
		expect(s.circuitBreaker).toEqual({enable: true, rollback: false});
		h.clock.advance(10 * MINUTE);
		const since = h.clock.now() - 10 * MINUTE;
		const fresh = await errorsPerTask(h, `${RESPONSE}:6`, since);
		const before = await errorsPerTask(h, `${RESPONSE}:5`, since);
		expect(fresh.tasks).toBe(1);
		expect(before.tasks).toBe(1);
		expect(fresh.errors).toBeGreaterThan(3 * Math.max(1, before.errors));
		// Still baking: the old revision keeps serving.
		expect((await service(h.sim, STAGING, RESPONSE)).deployments).toHaveLength(2);
	});

	it('StopServiceDeployment ROLLBACK makes incident-response steady on the old revision within a minute', async () => {
		const h = makeSim(1);
		const [deployment] = await h.sim.services.listServiceDeployments!(STAGING, RESPONSE);
		expect(deployment).toMatchObject({status: 'IN_PROGRESS', circuitBreaker: {failureCount: 0, threshold: 3}});
		await h.sim.operator.stopServiceDeployment!(deployment!.arn, 'ROLLBACK');
		h.clock.advance(45_000);
		const s = await service(h.sim, STAGING, RESPONSE);
		expect(s.deployments).toHaveLength(1);
		expect(s.deployments[0]).toMatchObject({taskDefinition: `${RESPONSE}:5`, rolloutState: 'COMPLETED', runningCount: 1});
		expect(s.events[0]!.message).toContain('steady state');
		const [after] = await h.sim.services.listServiceDeployments!(STAGING, RESPONSE);
		expect(after).toMatchObject({status: 'ROLLBACK_SUCCESSFUL'});
		// The errors subside: the next minutes log at the old revision's rate.
		h.clock.advance(5 * MINUTE);
		const page = await h.sim.logs.filterLogEvents({logGroup: LOGS, startTime: h.clock.now() - 5 * MINUTE, limit: 10_000});
		expect(page.events.filter(e => e.message.includes('[incident-response]') && /KeyError|TypeError/.test(e.message))).toEqual([]);
	});

	it('UpdateService back to the previous revision makes threat-hunter steady within a minute', async () => {
		const h = makeSim(1);
		await h.sim.operator.updateService(STAGING, HUNTER, {taskDefinition: `${HUNTER}:12`});
		h.clock.advance(30_000);
		const s = await service(h.sim, STAGING, HUNTER);
		expect(s.deployments).toHaveLength(1);
		expect(s.deployments[0]).toMatchObject({taskDefinition: `${HUNTER}:12`, rolloutState: 'COMPLETED', runningCount: 2});
	});

	it('the other sim readers stay answerable: no stopping a completed deployment', async () => {
		const h = makeSim(1);
		const [done] = await h.sim.services.listServiceDeployments!(STAGING, 'acso-staging-supervisor');
		expect(done!.status).toBe('SUCCESSFUL');
		await expect(h.sim.operator.stopServiceDeployment!(done!.arn, 'ROLLBACK')).rejects.toMatchObject({kind: 'invalid'});
	});
});
