// The simulated account's EC2 security groups: one per service and environment, named as the
// service is, in the environment's VPC. Each agent admits its container port from the supervisor's
// group and the supervisor admits its port from every agent's, as an ACSO deployment needs. Traffic
// the rules do not admit is dropped, as AWS drops it: the caller sees a connect timeout.
import {CloudError} from '../port/errors.js';
import {admitsTcpPort, type SecurityGroup, type SecurityGroupFilter, type SecurityGroupIngress} from '../port/security-groups.js';
import {containerPorts} from '../model/container-ports.js';
import type {ServiceNetwork} from '../port/types.js';
import {defaultNetwork, SERVICE_PROFILES, serviceName, type EnvName} from './catalog.js';
import type {SimService, World} from './model.js';
import {hash32, hashHex} from './random.js';
import {findTaskDefinition} from './task-definitions.js';

const SUPERVISOR = 'supervisor';

export function securityGroupId(env: string, short: string): string {
	return `sg-0${hashHex(16, 'security-group', env, short)}`;
}

export function vpcId(env: string): string {
	return `vpc-0${hashHex(16, 'vpc', env)}`;
}

/** A service's awsvpc networkConfiguration: the one it was created with, or the environment's subnets and a group of its own. */
export function serviceNetwork(service: Pick<SimService, 'env' | 'profile' | 'network'>): ServiceNetwork {
	return service.network ?? {...defaultNetwork(service.env), securityGroups: [securityGroupId(service.env, service.profile.short)]};
}

/** The groups a service's awsvpc networkConfiguration names. */
export function serviceSecurityGroups(service: Pick<SimService, 'env' | 'profile' | 'network'>): string[] {
	return serviceNetwork(service).securityGroups;
}

/** The private address of a task's elastic network interface, stable for the task. */
export function taskAddress(taskId: string): string {
	const h = hash32('eni', taskId);
	return `10.0.${1 + (h % 3)}.${10 + ((h >>> 8) % 240)}`;
}

function portOf(world: World, env: EnvName, short: string): number {
	const family = serviceName(env, short);
	const revisions = world.taskDefinitions.get(family) ?? [];
	const latest = revisions[revisions.length - 1];
	return (latest ? containerPorts(latest)[0] : undefined) ?? 8000;
}

export function seedSecurityGroups(world: World): void {
	for (const env of ['production', 'staging'] as const) {
		for (const profile of SERVICE_PROFILES) {
			const id = securityGroupId(env, profile.short);
			const port = portOf(world, env, profile.short);
			const callers =
				profile.short === SUPERVISOR ? SERVICE_PROFILES.filter(other => other.short !== SUPERVISOR).map(other => securityGroupId(env, other.short)) : [securityGroupId(env, SUPERVISOR)];
			const name = `${serviceName(env, profile.short)}-sg`;
			world.securityGroups.set(id, {
				id,
				name,
				description: `ACSO ${profile.short} agent tasks (${env})`,
				vpcId: vpcId(env),
				ingress: [{protocol: 'tcp', fromPort: port, toPort: port, sourceGroups: callers, cidrs: []}],
				tags: {Name: name, Environment: env, Service: serviceName(env, profile.short)},
			});
		}
	}
}

/** EC2 filter values take * and ? as wildcards. */
function globMatches(pattern: string, value: string): boolean {
	const source = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
	return new RegExp(`^${source}$`, 's').test(value);
}

function filterValues(group: SecurityGroup, name: string): string[] {
	if (name === 'group-name') return [group.name];
	if (name === 'group-id') return [group.id];
	if (name === 'vpc-id') return group.vpcId ? [group.vpcId] : [];
	if (name === 'description') return [group.description];
	if (name === 'tag-key') return Object.keys(group.tags);
	if (name.startsWith('tag:')) {
		const value = group.tags[name.slice(4)];
		return value === undefined ? [] : [value];
	}
	throw new CloudError('invalid', `The filter '${name}' is invalid (the simulated account knows group-name, group-id, vpc-id, description, tag-key and tag:KEY)`, {code: 'InvalidParameterValue'});
}

export function describeSecurityGroups(world: World, filters: readonly SecurityGroupFilter[] = []): SecurityGroup[] {
	const groups = [...world.securityGroups.values()];
	for (const filter of filters) if (filter.values.length === 0) throw new CloudError('invalid', `The filter '${filter.name}' has no values`, {code: 'InvalidParameterValue'});
	return groups
		.filter(group => filters.every(filter => filterValues(group, filter.name).some(value => filter.values.some(pattern => globMatches(pattern, value)))))
		.map(group => structuredClone(group));
}

function groupOf(world: World, id: string): SecurityGroup {
	const group = world.securityGroups.get(id);
	if (!group) throw new CloudError('not-found', `The security group '${id}' does not exist`, {resource: id, code: 'InvalidGroup.NotFound'});
	return group;
}

function checkIngress(world: World, ingress: SecurityGroupIngress): SecurityGroup {
	const group = groupOf(world, ingress.groupId);
	if ((ingress.sourceGroupId === undefined) === (ingress.cidr === undefined)) throw new CloudError('invalid', 'An ingress rule needs exactly one source: a security group or a CIDR range', {code: 'InvalidParameterCombination'});
	if (ingress.sourceGroupId !== undefined) groupOf(world, ingress.sourceGroupId);
	if (!['tcp', 'udp', 'icmp', '-1'].includes(ingress.protocol)) throw new CloudError('invalid', `Invalid value '${ingress.protocol}' for IP protocol`, {code: 'InvalidParameterValue'});
	if (!Number.isInteger(ingress.fromPort) || !Number.isInteger(ingress.toPort) || ingress.fromPort > ingress.toPort || ingress.fromPort < -1 || ingress.toPort > 65535) {
		throw new CloudError('invalid', `Invalid port range ${ingress.fromPort}-${ingress.toPort}`, {code: 'InvalidParameterValue'});
	}
	return group;
}

function sameRange(rule: SecurityGroup['ingress'][number], ingress: SecurityGroupIngress): boolean {
	return rule.protocol === ingress.protocol && rule.fromPort === ingress.fromPort && rule.toPort === ingress.toPort;
}

export function authorizeIngress(world: World, ingress: SecurityGroupIngress): void {
	const group = checkIngress(world, ingress);
	let rule = group.ingress.find(candidate => sameRange(candidate, ingress));
	const source = ingress.sourceGroupId ?? ingress.cidr ?? '';
	if (rule && (rule.sourceGroups.includes(source) || rule.cidrs.includes(source))) {
		throw new CloudError('invalid', `the specified rule "peer: ${source}, ${ingress.protocol.toUpperCase()}, from port: ${ingress.fromPort}, to port: ${ingress.toPort}, ALLOW" already exists`, {code: 'InvalidPermission.Duplicate'});
	}
	if (!rule) group.ingress.push((rule = {protocol: ingress.protocol, fromPort: ingress.fromPort, toPort: ingress.toPort, sourceGroups: [], cidrs: []}));
	if (ingress.sourceGroupId !== undefined) rule.sourceGroups.push(ingress.sourceGroupId);
	else rule.cidrs.push(source);
}

export function revokeIngress(world: World, ingress: SecurityGroupIngress): void {
	const group = checkIngress(world, ingress);
	const rule = group.ingress.find(candidate => sameRange(candidate, ingress));
	const source = ingress.sourceGroupId ?? ingress.cidr ?? '';
	const list = ingress.sourceGroupId !== undefined ? rule?.sourceGroups : rule?.cidrs;
	if (!rule || !list?.includes(source)) {
		throw new CloudError('not-found', `The specified rule does not exist in this security group (${ingress.protocol} ${ingress.fromPort}-${ingress.toPort} from ${source})`, {code: 'InvalidPermission.NotFound'});
	}
	list.splice(list.indexOf(source), 1);
	if (rule.sourceGroups.length === 0 && rule.cidrs.length === 0) group.ingress.splice(group.ingress.indexOf(rule), 1);
}

/** The TCP port the service's current revision listens on (its first port mapping). */
export function servicePort(world: World, service: SimService): number | undefined {
	const primary = service.deployments[0];
	if (!primary) return undefined;
	return containerPorts(findTaskDefinition(world, primary.taskDefinition))[0];
}

/** Whether the rules of `to`'s groups admit its port from `from`'s groups (or from an address range). */
export function reachable(world: World, from: SimService, to: SimService): boolean {
	const port = servicePort(world, to);
	if (port === undefined) return true;
	const callers = new Set(serviceSecurityGroups(from));
	return serviceSecurityGroups(to).some(id =>
		(world.securityGroups.get(id)?.ingress ?? []).some(rule => admitsTcpPort(rule, port) && (rule.sourceGroups.some(source => callers.has(source)) || rule.cidrs.length > 0)),
	);
}

/** The running peers the supervisor's calls cannot reach: their traffic is dropped, so it times out. */
export function unreachablePeers(world: World, caller: SimService): SimService[] {
	if (caller.profile.short !== SUPERVISOR) return [];
	const peers: SimService[] = [];
	for (const service of world.services.values()) {
		if (service.env !== caller.env || service === caller) continue;
		if (service.tasks.some(task => task.lastStatus === 'RUNNING') && !reachable(world, caller, service)) peers.push(service);
	}
	return peers;
}

/** What the supervisor logs when a call to a peer's task is dropped by the peer's security group. */
export function timeoutText(peer: SimService, port: number, taskId: string, workflow: string): string {
	return `workflow ${workflow} dispatch to ${peer.profile.short} failed: connect ETIMEDOUT ${taskAddress(taskId)}:${port} (timed out waiting for ${peer.profile.short} after 10000ms)`;
}
