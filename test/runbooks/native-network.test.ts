// The security-group check: the guide's describe-security-groups filter, and a verdict read from the
// account (services' groups, their task definitions' container ports), on the simulated account.
import {describe, expect, it} from 'vitest';
import {namesFor} from '../../source/port/names.js';
import {parseCommand} from '../../source/runbooks/aws-command.js';
import {parseEc2Filters} from '../../source/runbooks/ec2-filters.js';
import {runNative} from '../../source/runbooks/native.js';
import {planAwsCommand} from '../../source/runbooks/native-plan.js';
import {createManualClock, createSimCloud} from '../../source/sim/index.js';

const start = Date.UTC(2026, 10, 28, 12, 0, 0);
const names = namesFor('production');
const guideCommand = 'aws ec2 describe-security-groups --filters "Name=group-name,Values=*acso*"';

function plan(command: string) {
	return planAwsCommand(parseCommand(command, {now: start}), {names, now: start, title: 'Check security groups'});
}

describe('EC2 filters', () => {
	it('reads shorthand and JSON, several values, several filters', () => {
		expect(parseEc2Filters(['Name=group-name,Values=*acso*,*ACSO*', 'Name=tag:Name,Values=x'])).toEqual({ok: true, filters: [{name: 'group-name', values: ['*acso*', '*ACSO*']}, {name: 'tag:Name', values: ['x']}]});
		expect(parseEc2Filters(['[{"Name":"vpc-id","Values":["vpc-1"]}]'])).toEqual({ok: true, filters: [{name: 'vpc-id', values: ['vpc-1']}]});
		expect(parseEc2Filters(['group-name=acso'])).toMatchObject({ok: false, message: expect.stringContaining('Name=NAME,Values=')});
	});

	it('maps the guide\u2019s command, --group-ids and --group-names to one native read', () => {
		expect(plan(guideCommand)).toMatchObject({kind: 'read', call: {op: 'ec2.describe-security-groups', filters: [{name: 'group-name', values: ['*acso*']}]}});
		expect(plan('aws ec2 describe-security-groups --group-ids sg-1 sg-2')).toMatchObject({kind: 'read', call: {filters: [{name: 'group-id', values: ['sg-1', 'sg-2']}]}});
		expect(plan('aws ec2 describe-security-groups --filters Name=vpc-id')).toMatchObject({kind: 'none', known: true});
	});

	it('maps authorize-security-group-ingress to the typed fix, leaving the guide\u2019s made-up ids to the account', () => {
		const mapped = plan('aws ec2 authorize-security-group-ingress --group-id sg-12345678 --protocol tcp --port 8000 --source-group sg-87654321');
		expect(mapped).toMatchObject({kind: 'fix', fix: {kind: 'authorize-ingress', target: {kind: 'cluster', cluster: names.cluster}, params: {protocol: 'tcp', port: 8000}}});
		if (mapped.kind !== 'fix') return;
		expect(mapped.fix.params).not.toHaveProperty('groupId');
		expect(mapped.fix.params).not.toHaveProperty('sourceGroup');
		expect(plan('aws ec2 authorize-security-group-ingress --group-id sg-0123456789abcdef0 --protocol tcp --port 8000 --cidr 0.0.0.0/0')).toMatchObject({kind: 'none', known: true});
	});
});

describe('the security-group check on the simulated account', () => {
	async function check(fault: boolean) {
		const clock = createManualClock(start);
		const sim = createSimCloud({seed: 4, clock, isWriteEnabled: () => true, calm: true});
		if (fault) sim.control.injectFault({kind: 'ingress-revoked', service: 'acso-production-incident-response', fromService: 'acso-production-supervisor'});
		const planned = plan(guideCommand);
		if (planned.kind !== 'read') throw new Error('not a read');
		const [ir] = await sim.services.describeServices(names.cluster, ['acso-production-incident-response']);
		return {result: await runNative(planned.call, {cloud: sim, names, now: clock.now()}), group: ir!.network!.securityGroups[0]!};
	}

	it('lists the groups and their rules, and finds nothing wrong in a healthy account', async () => {
		const {result} = await check(false);
		expect(result.verdict).toMatchObject({level: 'ok'});
		expect(result.verdict.reason).toContain('5 services of acso-production-cluster');
		expect(result.lines[0]).toMatch(/^GROUP\s+NAME\s+VPC\s+INGRESS\s+FROM$/);
		expect(result.lines.some(line => /acso-production-incident-response-sg .* tcp 8000 .*\(acso-production-supervisor-sg\)/.test(line))).toBe(true);
		// Staging's groups match the guide's filter too.
		expect(result.lines.some(line => line.includes('acso-staging-supervisor-sg'))).toBe(true);
	});

	it('names the service, its group and the port no rule admits once the supervisor\u2019s rule is revoked', async () => {
		const {result, group} = await check(true);
		expect(result.verdict).toMatchObject({level: 'problem', finding: 'ingress-missing'});
		expect(result.verdict.reason).toContain(`acso-production-incident-response (port 8000, group ${group})`);
		expect(result.lines.some(line => /^sg-0[0-9a-f]{16}\s+acso-production-incident-response-sg .*\(none\)/.test(line))).toBe(true);
	});
});

describe('the security-group check on services that share a group', () => {
	const group = (ingress: Array<{sourceGroups: string[]; cidrs?: string[]}>) => ({id: 'sg-0aaaaaaaaaaaaaaaa', name: 'shared', description: '', ingress: ingress.map(rule => ({protocol: '-1', cidrs: [], ...rule})), tags: {}});
	async function verdictWith(ingress: Array<{sourceGroups: string[]; cidrs?: string[]}>) {
		const {fakeCloud} = await import('./fake-cloud.js');
		const service = (name: string) => ({name, arn: name, cluster: names.cluster, status: 'ACTIVE', desiredCount: 1, runningCount: 1, pendingCount: 0, taskDefinition: `${name}:1`, deployments: [], events: [], network: {subnets: [], securityGroups: ['sg-0aaaaaaaaaaaaaaaa']}});
		const {cloud} = fakeCloud({
			network: {describeSecurityGroups: async () => [group(ingress)]},
			services: {
				listServices: async () => ['a', 'b'],
				describeServices: async () => [service('a'), service('b')],
				describeTaskDefinition: async (ref: string) => ({family: ref, revision: 1, arn: ref, status: 'ACTIVE', containers: [{name: 'main', image: 'x', extra: {portMappings: [{containerPort: 8080}]}}]}),
			},
		});
		return (await runNative({op: 'ec2.describe-security-groups', filters: []}, {cloud, names, now: start})).verdict;
	}

	it('needs the group to admit itself, as the default group does', async () => {
		expect(await verdictWith([])).toMatchObject({level: 'problem', finding: 'ingress-missing'});
		expect(await verdictWith([{sourceGroups: ['sg-0aaaaaaaaaaaaaaaa']}])).toMatchObject({level: 'ok'});
	});

	it('calls a port open to anywhere a problem too', async () => {
		expect(await verdictWith([{sourceGroups: ['sg-0aaaaaaaaaaaaaaaa']}, {sourceGroups: [], cidrs: ['0.0.0.0/0']}])).toMatchObject({level: 'problem', finding: 'ingress-open'});
	});
});
