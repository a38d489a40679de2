// authorize-ingress on the simulated account: every default read from the account, the rule sent,
// undo revoking exactly it, refused without --write.
import {describe, expect, it} from 'vitest';
import {authorizeIngress} from '../../source/fixes/network.js';
import {createManualClock, createSimCloud, type SimFault} from '../../source/sim/index.js';

const start = Date.UTC(2026, 10, 28, 12, 0, 0);
const cluster = 'acso-production-cluster';
const agent = 'acso-production-incident-response';
const fault: SimFault = {kind: 'ingress-revoked', service: agent, fromService: 'acso-production-supervisor'};

function setup() {
	const write = {enabled: true};
	const sim = createSimCloud({seed: 5, clock: createManualClock(start), isWriteEnabled: () => write.enabled, calm: true});
	sim.control.injectFault(fault);
	return {sim, write};
}

async function groupOf(sim: ReturnType<typeof setup>['sim'], service: string) {
	return (await sim.services.describeServices(cluster, [service]))[0]!.network!.securityGroups[0]!;
}

describe('authorize-ingress', () => {
	it('defaults to the service\u2019s group, its container port and the caller\u2019s group; undo revokes exactly that rule', async () => {
		const {sim} = setup();
		const target = await groupOf(sim, agent);
		const supervisor = await groupOf(sim, 'acso-production-supervisor');
		const plan = await authorizeIngress.plan(sim, {kind: 'service', cluster, service: agent});
		expect(plan.resourceName).toBe(agent);
		expect(plan.parameters).toEqual({GroupId: target, IpPermissions: [{IpProtocol: 'tcp', FromPort: 8000, ToPort: 8000, UserIdGroupPairs: [{GroupId: supervisor}]}]});
		expect(plan.cliCommand).toBe(`aws ec2 authorize-security-group-ingress --group-id ${target} --protocol tcp --port 8000 --source-group ${supervisor}`);
		expect(plan.title).toBe(`Allow tcp/8000 from ${supervisor} (acso-production-supervisor-sg) into ${target} (${agent}-sg)`);
		const outcome = await plan.run(sim.operator);
		expect(outcome.ok).toBe(true);
		expect(sim.control.faultFixed(fault)).toBe(true);
		await expect(authorizeIngress.plan(sim, {kind: 'service', cluster, service: agent}, {sourceGroup: supervisor})).rejects.toThrow(/already admits tcp\/8000/);
		const undo = plan.undo(outcome);
		expect(undo?.cliCommand).toBe(`aws ec2 revoke-security-group-ingress --group-id ${target} --protocol tcp --port 8000 --source-group ${supervisor}`);
		expect((await undo!.run(sim.operator)).ok).toBe(true);
		expect(sim.control.faultFixed(fault)).toBe(false);
		expect((await sim.network!.describeSecurityGroups([{name: 'group-id', values: [target]}]))[0]!.ingress).toEqual([]);
	});

	it('takes the form\u2019s values, and refuses a group that does not exist or the group itself', async () => {
		const {sim} = setup();
		const target = await groupOf(sim, agent);
		const hunter = await groupOf(sim, 'acso-production-threat-hunter');
		const plan = await authorizeIngress.plan(sim, {kind: 'service', cluster, service: agent}, {port: '9000', sourceGroup: hunter});
		expect(plan.parameters).toMatchObject({GroupId: target, IpPermissions: [{FromPort: 9000, ToPort: 9000, UserIdGroupPairs: [{GroupId: hunter}]}]});
		await expect(authorizeIngress.plan(sim, {kind: 'service', cluster, service: agent}, {sourceGroup: 'sg-0123456789abcdef0'})).rejects.toThrow(/does not exist/);
		await expect(authorizeIngress.plan(sim, {kind: 'service', cluster, service: agent}, {sourceGroup: target})).rejects.toThrow(/the group itself/);
		await expect(authorizeIngress.plan(sim, {kind: 'service', cluster, service: agent}, {sourceGroup: 'not-a-group'})).rejects.toThrow(/sg- and 8 or 17 hex digits/);
	});

	it('is refused below the UI without --write, and nothing changes', async () => {
		const {sim, write} = setup();
		const plan = await authorizeIngress.plan(sim, {kind: 'service', cluster, service: agent});
		write.enabled = false;
		const outcome = await plan.run(sim.operator);
		expect(outcome).toMatchObject({ok: false, error: {kind: 'read-only'}});
		expect(sim.control.faultFixed(fault)).toBe(false);
	});
});
