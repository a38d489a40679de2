// The security group fix: admit a service's container port from another security group
// (AuthorizeSecurityGroupIngress), the guide's "update security groups". Every value it leaves out
// is read from the account: the service's group from its networkConfiguration, the port from its
// task definition's portMappings, the source from the group the other services' rules admit on that
// port (the caller they all answer, the supervisor in ACSO). Undo revokes exactly that rule.
import {CloudError} from '../port/errors.js';
import {admitsTcpPort, type SecurityGroup, type SecurityGroupIngress} from '../port/security-groups.js';
import type {Operator, Service} from '../port/types.js';
import {containerPorts} from '../model/container-ports.js';
import {readService} from './ecs-common.js';
import {FixInputError} from './errors.js';
import {checkKnownParams, optionalChoice, optionalInteger, optionalString} from './params.js';
import {makePlan, type CallStep} from './plan.js';
import {requireTarget} from './targets.js';
import type {CloudReaders, Fix, Plan, Target} from './types.js';

type ServiceTarget = Extract<Target, {kind: 'service'}>;

const groupId = {max: 64, pattern: /^sg-[0-9a-f]{8}([0-9a-f]{9})?$/, rule: 'a security group id is sg- and 8 or 17 hex digits'};
const protocols = ['tcp', 'udp'] as const;

function networkOf(cloud: CloudReaders) {
	if (!cloud.network) throw new FixInputError('this account has no EC2 security groups to change', 'groupId');
	return cloud.network;
}

function operatorCall(operator: Operator, name: 'authorizeSecurityGroupIngress' | 'revokeSecurityGroupIngress') {
	const call = operator[name];
	if (!call) throw new CloudError('unsupported', `${name} is not available on this backend`);
	return call.bind(operator);
}

function ruleArgs(ingress: SecurityGroupIngress): string[] {
	return ['--group-id', ingress.groupId, '--protocol', ingress.protocol, '--port', String(ingress.fromPort), '--source-group', ingress.sourceGroupId ?? ''];
}

function permission(ingress: SecurityGroupIngress): Record<string, unknown> {
	return {GroupId: ingress.groupId, IpPermissions: [{IpProtocol: ingress.protocol, FromPort: ingress.fromPort, ToPort: ingress.toPort, UserIdGroupPairs: [{GroupId: ingress.sourceGroupId}]}]};
}

function label(group: SecurityGroup | undefined, id: string): string {
	return group && group.name !== '' ? `${id} (${group.name})` : id;
}

type Names = {group: string; source: string};

/** Adds the rule (or, for an undo, revokes it). */
function ingressPlan(target: ServiceTarget, ingress: SecurityGroupIngress, names: Names, revoke: boolean, undoOf?: string): Plan {
	const rule = `${ingress.protocol}/${ingress.fromPort} from ${names.source}`;
	const title = revoke ? `Revoke ${rule} on ${names.group}` : `Allow ${rule} into ${names.group}`;
	const step: CallStep = revoke
		? {
				apiCall: 'ec2:RevokeSecurityGroupIngress',
				parameters: permission(ingress),
				cliArgs: ['aws', 'ec2', 'revoke-security-group-ingress', ...ruleArgs(ingress)],
				// aws ec2 revoke-security-group-ingress --group-id SG --protocol tcp --port PORT --source-group SG
				send: operator => operatorCall(operator, 'revokeSecurityGroupIngress')(ingress),
			}
		: {
				apiCall: 'ec2:AuthorizeSecurityGroupIngress',
				parameters: permission(ingress),
				cliArgs: ['aws', 'ec2', 'authorize-security-group-ingress', ...ruleArgs(ingress)],
				// aws ec2 authorize-security-group-ingress --group-id SG --protocol tcp --port PORT --source-group SG
				send: operator => operatorCall(operator, 'authorizeSecurityGroupIngress')(ingress),
			};
	return makePlan({
		fixId: 'authorize-ingress',
		title: undoOf ? `Undo: ${title}` : title,
		risk: authorizeIngress.risk,
		target,
		resourceName: target.service,
		changes: [{field: `ingress ${ingress.protocol}/${ingress.fromPort} of ${ingress.groupId}`, from: revoke ? `admits ${names.source}` : `does not admit ${names.source}`, to: revoke ? `does not admit ${names.source}` : `admits ${names.source}`}],
		warnings: revoke
			? [`Traffic from ${names.source} to port ${ingress.fromPort} of ${target.service} is dropped again: its calls time out.`]
			: [`Tasks in ${names.source} can open connections to port ${ingress.fromPort} of every task in ${names.group}.`],
		undoSummary: revoke ? 'Undo allows the rule again.' : `Undo revokes exactly this rule (${rule}) and nothing else.`,
		...(undoOf === undefined ? {} : {undoOf}),
		steps: [step],
		after: results => (results.length > 0 ? {ingress: `${rule}: ${revoke ? 'revoked' : 'allowed'}`} : {}),
		undo: () => ingressPlan(target, ingress, names, !revoke, title),
	});
}

/**
 * The caller's group: of the groups the service's rules do not admit on the port, the one the other
 * services' groups admit most often on that port (the service they all answer).
 */
function callerGroup(service: Service, others: readonly Service[], groups: ReadonlyMap<string, SecurityGroup>, port: number): string | undefined {
	const own = new Set(service.network?.securityGroups ?? []);
	const admitted = new Set((service.network?.securityGroups ?? []).flatMap(id => groups.get(id)?.ingress ?? []).filter(rule => admitsTcpPort(rule, port)).flatMap(rule => rule.sourceGroups));
	const candidates = [...new Set(others.flatMap(other => other.network?.securityGroups ?? []))].filter(id => !own.has(id) && !admitted.has(id));
	let best: {id: string; count: number} | undefined;
	for (const id of candidates) {
		let count = 0;
		for (const other of others) {
			if ((other.network?.securityGroups ?? []).includes(id)) continue;
			if ((other.network?.securityGroups ?? []).some(gid => (groups.get(gid)?.ingress ?? []).some(rule => rule.sourceGroups.includes(id)))) count++;
		}
		if (!best || count > best.count) best = {id, count};
	}
	return best?.id;
}

export const authorizeIngress: Fix = {
	id: 'authorize-ingress',
	title: 'Allow a port from a security group',
	risk: 'medium',
	targetKind: 'service',
	summary: "Add an ingress rule to the service's security group admitting its container port from the caller's group (undo revokes it).",
	params: [
		{name: 'groupId', label: 'Security group', kind: 'string', required: false, help: "The group to change; empty: the service's own (its network configuration)."},
		{name: 'port', label: 'Port', kind: 'integer', required: false, help: "Empty: the container port of the service's task definition."},
		{name: 'protocol', label: 'Protocol', kind: 'choice', required: false, choices: protocols, default: 'tcp', help: 'tcp or udp.'},
		{name: 'sourceGroup', label: 'Source group', kind: 'string', required: false, help: "The group to admit; empty: the caller's group, the one the other services admit on that port."},
	],
	async plan(cloud, target, params = {}) {
		const serviceTarget = requireTarget(authorizeIngress.id, target, 'service');
		checkKnownParams(authorizeIngress.id, authorizeIngress.params, params);
		const network = networkOf(cloud);
		const service = await readService(cloud, serviceTarget.cluster, serviceTarget.service);
		const own = service.network?.securityGroups ?? [];
		const group = optionalString(params, 'groupId', groupId) ?? own[0];
		if (group === undefined) throw new FixInputError(`${service.name} names no security group (not awsvpc): give groupId`, 'groupId');
		let port = optionalInteger(params, 'port', {min: 0, max: 65535});
		if (port === undefined) {
			// aws ecs describe-task-definition --task-definition FAMILY:REVISION
			port = containerPorts(await cloud.services.describeTaskDefinition(service.taskDefinition))[0];
			if (port === undefined) throw new FixInputError(`${service.taskDefinition} maps no container port: give port`, 'port');
		}
		const protocol = optionalChoice(params, 'protocol', protocols) ?? 'tcp';
		// aws ecs list-services / describe-services --cluster CLUSTER: the other services and their groups
		const names = await cloud.services.listServices(serviceTarget.cluster);
		const others = (await cloud.services.describeServices(serviceTarget.cluster, names.filter(name => name !== service.name))).filter(other => other.status !== 'INACTIVE');
		// aws ec2 describe-security-groups --filters Name=vpc-id,Values=VPC (every group beside the service's)
		const all = await network.describeSecurityGroups();
		const groups = new Map(all.map(candidate => [candidate.id, candidate]));
		if (!groups.has(group)) throw new FixInputError(`security group ${group} does not exist`, 'groupId');
		const source = optionalString(params, 'sourceGroup', groupId) ?? callerGroup(service, others, groups, port);
		if (source === undefined) throw new FixInputError(`every other service's group is already admitted on port ${port}: give sourceGroup`, 'sourceGroup');
		if (!groups.has(source)) throw new FixInputError(`security group ${source} does not exist`, 'sourceGroup');
		if (source === group) throw new FixInputError(`the source is the group itself (${group}): choose the caller's group`, 'sourceGroup');
		const already = (groups.get(group)?.ingress ?? []).some(rule => rule.protocol === protocol && admitsTcpPort(rule, port) && rule.sourceGroups.includes(source));
		if (already) throw new FixInputError(`${group} already admits ${protocol}/${port} from ${source}`, 'sourceGroup');
		const plan = ingressPlan(serviceTarget, {groupId: group, protocol, fromPort: port, toPort: port, sourceGroupId: source}, {group: label(groups.get(group), group), source: label(groups.get(source), source)}, false);
		if (!own.includes(group)) plan.warnings.push(`${group} is not one of the groups ${service.name} runs in (${own.join(', ') || 'none'}).`);
		return plan;
	},
};
