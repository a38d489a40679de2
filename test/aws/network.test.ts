import {AuthorizeSecurityGroupIngressCommand, CreateSecurityGroupCommand, EC2Client} from '@aws-sdk/client-ec2';
import {CreateClusterCommand, CreateServiceCommand, ECSClient, RegisterTaskDefinitionCommand} from '@aws-sdk/client-ecs';
import {afterAll, beforeAll, expect, it} from 'vitest';
import {createAwsCloud} from '../../source/aws/index.js';
import {toSecurityGroup} from '../../source/aws/network.js';
import {authorizeIngress} from '../../source/fixes/network.js';
import {namesFor} from '../../source/port/names.js';
import {runNative} from '../../source/runbooks/native.js';
import {describeWithMoto, motoCredentials, motoRegion, startMoto, type MotoServer} from '../helpers/moto.js';
import {defaultNetwork} from '../helpers/moto-seed.js';

// The security-group check and the authorize-ingress fix on the EC2 and ECS adapters, against a
// moto_server account of two services: an agent whose group admits nothing, and its caller.

it('maps an SDK security group: ports, source groups, IPv4 and IPv6 ranges, tags; -1 ports as "all"', () => {
	expect(
		toSecurityGroup({
			GroupId: 'sg-1',
			GroupName: 'g',
			Description: 'd',
			VpcId: 'vpc-1',
			Tags: [{Key: 'Name', Value: 'g'}],
			IpPermissions: [
				{IpProtocol: 'tcp', FromPort: 8000, ToPort: 8000, UserIdGroupPairs: [{GroupId: 'sg-2'}], IpRanges: [{CidrIp: '10.0.0.0/16'}], Ipv6Ranges: [{CidrIpv6: '::/0'}]},
				{IpProtocol: '-1', FromPort: -1, ToPort: -1},
			],
		}),
	).toEqual({
		id: 'sg-1',
		name: 'g',
		description: 'd',
		vpcId: 'vpc-1',
		tags: {Name: 'g'},
		ingress: [
			{protocol: 'tcp', fromPort: 8000, toPort: 8000, sourceGroups: ['sg-2'], cidrs: ['10.0.0.0/16', '::/0']},
			{protocol: '-1', sourceGroups: [], cidrs: []},
		],
	});
});

describeWithMoto('security groups on moto_server', () => {
	let server: MotoServer;
	let agentGroup: string;
	let callerGroup: string;
	let writeEnabled = false;
	const names = namesFor('net');

	beforeAll(async () => {
		server = await startMoto();
		const config = {region: motoRegion, endpoint: server.endpoint, credentials: motoCredentials, maxAttempts: 1};
		const ec2 = new EC2Client(config);
		const ecs = new ECSClient(config);
		try {
			const vpc = await defaultNetwork(server.endpoint, motoRegion);
			agentGroup = (await ec2.send(new CreateSecurityGroupCommand({GroupName: 'acso-net-agent-sg', Description: 'agent'}))).GroupId!;
			callerGroup = (await ec2.send(new CreateSecurityGroupCommand({GroupName: 'acso-net-caller-sg', Description: 'caller'}))).GroupId!;
			// The caller answers the agent on its own port.
			await ec2.send(new AuthorizeSecurityGroupIngressCommand({GroupId: callerGroup, IpPermissions: [{IpProtocol: 'tcp', FromPort: 8000, ToPort: 8000, UserIdGroupPairs: [{GroupId: agentGroup}]}]}));
			await ecs.send(new CreateClusterCommand({clusterName: names.cluster}));
			for (const [service, group] of [['acso-net-agent', agentGroup], ['acso-net-caller', callerGroup]] as const) {
				await ecs.send(
					new RegisterTaskDefinitionCommand({
						family: service,
						cpu: '256',
						memory: '512',
						networkMode: 'awsvpc',
						requiresCompatibilities: ['FARGATE'],
						containerDefinitions: [{name: 'main', image: 'nginx', essential: true, portMappings: [{containerPort: 8000, protocol: 'tcp'}]}],
					}),
				);
				await ecs.send(
					new CreateServiceCommand({
						cluster: names.cluster,
						serviceName: service,
						taskDefinition: `${service}:1`,
						desiredCount: 1,
						launchType: 'FARGATE',
						networkConfiguration: {awsvpcConfiguration: {subnets: [vpc.subnet], securityGroups: [group]}},
					}),
				);
			}
		} finally {
			ec2.destroy();
			ecs.destroy();
		}
	});

	afterAll(async () => {
		await server?.stop();
	});

	it('finds the agent\u2019s port admitted from no other service, fixes it from the caller\u2019s group with --write, and undo takes it back', async () => {
		const cloud = createAwsCloud({region: motoRegion, endpointUrl: server.endpoint, credentials: motoCredentials, isWriteEnabled: () => writeEnabled});
		const check = () => runNative({op: 'ec2.describe-security-groups', filters: [{name: 'group-name', values: ['*acso*']}]}, {cloud, names, now: Date.now()});
		const before = await check();
		expect(before.verdict).toMatchObject({level: 'problem', finding: 'ingress-missing'});
		expect(before.verdict.reason).toContain(`acso-net-agent (port 8000, group ${agentGroup})`);
		expect(before.verdict.reason).not.toContain('acso-net-caller (');

		const plan = await authorizeIngress.plan(cloud, {kind: 'service', cluster: names.cluster, service: 'acso-net-agent'});
		expect(plan.cliCommand).toBe(`aws ec2 authorize-security-group-ingress --group-id ${agentGroup} --protocol tcp --port 8000 --source-group ${callerGroup}`);
		expect(await plan.run(cloud.operator)).toMatchObject({ok: false, error: {kind: 'read-only'}});
		writeEnabled = true;
		const outcome = await plan.run(cloud.operator);
		expect(outcome.ok).toBe(true);
		expect((await check()).verdict).toMatchObject({level: 'ok'});
		expect((await plan.undo(outcome)!.run(cloud.operator)).ok).toBe(true);
		expect((await check()).verdict).toMatchObject({level: 'problem', finding: 'ingress-missing'});
		writeEnabled = false;
		cloud.reset();
	});
});
