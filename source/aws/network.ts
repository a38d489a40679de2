// EC2 security groups: the reader (DescribeSecurityGroups) and the two ingress writes a fix sends.
// The EC2 client is imported on first use only (clients.ts), so the dashboard never pays for it
// unless a security-group check or fix runs.
import type {IpPermission, SecurityGroup as SdkSecurityGroup} from '@aws-sdk/client-ec2';
import {CloudError} from '../port/errors.js';
import type {IngressRule, SecurityGroup, SecurityGroupIngress} from '../port/security-groups.js';
import type {NetworkReader, Operator} from '../port/types.js';
import type {AwsClients} from './clients.js';
import {collectPages, requireText} from './paging.js';

export function toIngressRule(permission: IpPermission): IngressRule {
	return {
		protocol: permission.IpProtocol ?? '-1',
		...(permission.FromPort === undefined || permission.FromPort === -1 ? {} : {fromPort: permission.FromPort}),
		...(permission.ToPort === undefined || permission.ToPort === -1 ? {} : {toPort: permission.ToPort}),
		sourceGroups: (permission.UserIdGroupPairs ?? []).map(pair => pair.GroupId ?? '').filter(id => id !== ''),
		cidrs: [...(permission.IpRanges ?? []).map(range => range.CidrIp ?? ''), ...(permission.Ipv6Ranges ?? []).map(range => range.CidrIpv6 ?? '')].filter(cidr => cidr !== ''),
	};
}

export function toSecurityGroup(group: SdkSecurityGroup): SecurityGroup {
	return {
		id: group.GroupId ?? '',
		name: group.GroupName ?? '',
		description: group.Description ?? '',
		...(group.VpcId ? {vpcId: group.VpcId} : {}),
		ingress: (group.IpPermissions ?? []).map(toIngressRule),
		tags: Object.fromEntries((group.Tags ?? []).map(tag => [tag.Key ?? '', tag.Value ?? ''])),
	};
}

/** The one IpPermission of a rule to add or remove. */
export function toIpPermission(ingress: SecurityGroupIngress): IpPermission {
	requireText(ingress.groupId, 'security group id');
	if ((ingress.sourceGroupId === undefined) === (ingress.cidr === undefined)) {
		throw new CloudError('invalid', 'An ingress rule needs exactly one source: a security group or a CIDR range');
	}
	for (const port of [ingress.fromPort, ingress.toPort]) {
		if (!Number.isInteger(port) || port < -1 || port > 65535) throw new CloudError('invalid', `Port ${port} is not 0-65535`);
	}
	return {
		IpProtocol: ingress.protocol,
		FromPort: ingress.fromPort,
		ToPort: ingress.toPort,
		...(ingress.sourceGroupId === undefined ? {} : {UserIdGroupPairs: [{GroupId: ingress.sourceGroupId}]}),
		...(ingress.cidr === undefined ? {} : ingress.cidr.includes(':') ? {Ipv6Ranges: [{CidrIpv6: ingress.cidr}]} : {IpRanges: [{CidrIp: ingress.cidr}]}),
	};
}

export function createNetworkReader(clients: AwsClients): NetworkReader {
	return {
		describeSecurityGroups: (filters = [], {signal} = {}) =>
			clients.call({action: 'ec2:DescribeSecurityGroups', resource: 'security groups', signal}, async () => {
				const {client, sdk} = await clients.get('ec2');
				const groups = await collectPages('security groups', signal, async token => {
					// aws ec2 describe-security-groups --filters "Name=NAME,Values=V1,V2" ...
					const page = await client.send(
						new sdk.DescribeSecurityGroupsCommand({Filters: filters.length > 0 ? filters.map(filter => ({Name: filter.name, Values: [...filter.values]})) : undefined, NextToken: token}),
						{abortSignal: signal},
					);
					return {items: page.SecurityGroups ?? [], next: page.NextToken};
				});
				return groups.map(toSecurityGroup);
			}),
	};
}

function ruleText(ingress: SecurityGroupIngress): string {
	return `${ingress.protocol}/${ingress.fromPort === ingress.toPort ? ingress.fromPort : `${ingress.fromPort}-${ingress.toPort}`} from ${ingress.sourceGroupId ?? ingress.cidr}`;
}

export function createNetworkOperator(clients: AwsClients): Required<Pick<Operator, 'authorizeSecurityGroupIngress' | 'revokeSecurityGroupIngress'>> {
	return {
		authorizeSecurityGroupIngress: ingress =>
			clients.call({action: 'ec2:AuthorizeSecurityGroupIngress', resource: `security group ${ingress.groupId} (${ruleText(ingress)})`}, async () => {
				const permission = toIpPermission(ingress);
				const {client, sdk} = await clients.get('ec2');
				// aws ec2 authorize-security-group-ingress --group-id SG --protocol tcp --port PORT --source-group SG
				const answer = await client.send(new sdk.AuthorizeSecurityGroupIngressCommand({GroupId: ingress.groupId, IpPermissions: [permission]}));
				return {value: undefined, requestId: answer.$metadata.requestId};
			}),
		revokeSecurityGroupIngress: ingress =>
			clients.call({action: 'ec2:RevokeSecurityGroupIngress', resource: `security group ${ingress.groupId} (${ruleText(ingress)})`}, async () => {
				const permission = toIpPermission(ingress);
				const {client, sdk} = await clients.get('ec2');
				// aws ec2 revoke-security-group-ingress --group-id SG --protocol tcp --port PORT --source-group SG
				const answer = await client.send(new sdk.RevokeSecurityGroupIngressCommand({GroupId: ingress.groupId, IpPermissions: [permission]}));
				return {value: undefined, requestId: answer.$metadata.requestId};
			}),
	};
}
