// Security group diagnosis: the groups the guide's filter selects and their ingress rules, and a
// verdict read from the account as it describes itself: each service of the cluster names its
// security groups (awsvpc networkConfiguration) and its task definition names its container ports;
// a port that no rule admits from the other services' groups (nor from any address range) cannot be
// reached by them, and AWS drops that traffic silently: the callers see timeouts.
import {CloudError} from '../port/errors.js';
import {admitsTcpPort, isWorld, type SecurityGroup} from '../port/security-groups.js';
import type {Service, TaskDefinition} from '../port/types.js';
import {containerPorts} from '../model/container-ports.js';
import type {NativeCall} from './native-call.js';
import {type Finding, listOf, ok, plural, problem, type ReadContext, type ReadOutcome, table, unknown} from './native-result.js';

type Call = Extract<NativeCall, {op: 'ec2.describe-security-groups'}>;

function ports(rule: SecurityGroup['ingress'][number]): string {
	if (rule.protocol === '-1') return 'all';
	if (rule.fromPort === undefined || rule.toPort === undefined) return `${rule.protocol} all`;
	return `${rule.protocol} ${rule.fromPort === rule.toPort ? rule.fromPort : `${rule.fromPort}-${rule.toPort}`}`;
}

function groupRows(groups: readonly SecurityGroup[]): string[] {
	const names = new Map(groups.map(group => [group.id, group.name]));
	const rows = [['GROUP', 'NAME', 'VPC', 'INGRESS', 'FROM']];
	for (const group of groups) {
		if (group.ingress.length === 0) rows.push([group.id, group.name, group.vpcId ?? '-', '(none)', '-']);
		for (const rule of group.ingress) {
			const from = [...rule.sourceGroups.map(id => (names.has(id) ? `${id} (${names.get(id)})` : id)), ...rule.cidrs];
			rows.push([group.id, group.name, group.vpcId ?? '-', ports(rule), from.join(', ') || '-']);
		}
	}
	return table(rows);
}

type Exposure = {service: string; group: string; port: number};

export async function describeSecurityGroups(call: Call, context: ReadContext): Promise<ReadOutcome> {
	const network = context.cloud.network;
	if (!network) throw new CloudError('unsupported', 'This backend has no EC2 security groups');
	const {signal} = context;
	// aws ec2 describe-security-groups --filters "Name=...,Values=..."
	const groups = await network.describeSecurityGroups(call.filters, {signal});
	let calls = 1;
	const lines = groups.length > 0 ? groupRows(groups) : ['(no security group matches the filters)'];

	// The verdict reads the cluster's services, whatever the guide's filter selected.
	const cluster = context.names.cluster;
	// aws ecs list-services --cluster CLUSTER
	const names = await context.cloud.services.listServices(cluster, {signal});
	// aws ecs describe-services --cluster CLUSTER --services NAME...
	const services: Service[] = names.length > 0 ? await context.cloud.services.describeServices(cluster, names, {signal}) : [];
	calls += names.length > 0 ? 2 : 1;
	const networked = services.filter(service => service.status !== 'INACTIVE' && (service.network?.securityGroups ?? []).length > 0);
	if (networked.length === 0) {
		const finding = groups.length === 0 ? unknown(`No security group matches the filters, and no service of ${cluster} names security groups (awsvpc).`, 'no-security-groups') : unknown(`No service of ${cluster} names security groups (awsvpc network mode): nothing to check the rules against.`, 'no-security-groups');
		return {finding, lines, notes: [], calls};
	}
	const definitions = new Map<string, TaskDefinition>();
	for (const ref of new Set(networked.map(service => service.taskDefinition))) {
		// aws ecs describe-task-definition --task-definition FAMILY:REVISION
		definitions.set(ref, await context.cloud.services.describeTaskDefinition(ref, {signal}));
		calls++;
	}
	const known = new Map(groups.map(group => [group.id, group]));
	const missing = [...new Set(networked.flatMap(service => service.network?.securityGroups ?? []))].filter(id => !known.has(id));
	if (missing.length > 0) {
		// aws ec2 describe-security-groups --group-ids SG...
		for (const group of await network.describeSecurityGroups([{name: 'group-id', values: missing}], {signal})) known.set(group.id, group);
		calls++;
	}

	const closed: Exposure[] = [];
	const open: Exposure[] = [];
	const serviceRows = [['SERVICE', 'GROUPS', 'PORT', 'ADMITTED FROM']];
	for (const service of networked) {
		const own = service.network?.securityGroups ?? [];
		// A group the service shares with another must admit itself (the default group's self rule).
		const peers = new Set(networked.filter(other => other !== service).flatMap(other => other.network?.securityGroups ?? []));
		const definition = definitions.get(service.taskDefinition);
		for (const port of definition ? containerPorts(definition) : []) {
			const rules = own.flatMap(id => (known.get(id)?.ingress ?? []).filter(rule => admitsTcpPort(rule, port)).map(rule => ({id, rule})));
			const fromPeers = rules.flatMap(({rule}) => rule.sourceGroups.filter(id => peers.has(id)));
			const cidrs = rules.flatMap(({rule}) => rule.cidrs);
			const world = rules.find(({rule}) => rule.cidrs.some(isWorld));
			serviceRows.push([service.name, own.join(' '), String(port), [...new Set(fromPeers.map(id => known.get(id)?.name ?? id)), ...cidrs].join(', ') || '(no other service)']);
			if (peers.size > 0 && fromPeers.length === 0 && cidrs.length === 0) closed.push({service: service.name, group: own.join(', '), port});
			if (world) open.push({service: service.name, group: world.id, port});
		}
	}
	const text = (items: Exposure[]) => listOf(items.map(item => `${item.service} (port ${item.port}, group ${item.group})`));
	let finding: Finding;
	if (closed.length > 0) {
		finding = problem(`No rule admits ${text(closed)} from the other services' security groups: their calls are dropped and time out. Allow the port from the caller's group.`, 'ingress-missing');
	} else if (open.length > 0) {
		finding = problem(`${text(open)} is open to anywhere (0.0.0.0/0): admit the callers' security groups instead.`, 'ingress-open');
	} else {
		finding = ok(`The security groups of ${plural(networked.length, 'service')} of ${cluster} admit their container ports from the other services.`);
	}
	return {finding, lines: [...lines, '', ...table(serviceRows)], notes: [], calls};
}
