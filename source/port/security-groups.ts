// EC2 security groups as the port hands them over: plain data, no SDK type. A rule admits a protocol
// and port range from other security groups and from CIDR ranges, as EC2's IpPermissions do.

/** One ingress permission: `protocol` tcp | udp | icmp | -1 (all); ports absent for all ports. */
export type IngressRule = {
	protocol: string;
	fromPort?: number;
	toPort?: number;
	/** Security group ids the rule admits traffic from. */
	sourceGroups: string[];
	/** IPv4 and IPv6 ranges the rule admits traffic from. */
	cidrs: string[];
};

export type SecurityGroup = {
	id: string;
	name: string;
	description: string;
	vpcId?: string;
	ingress: IngressRule[];
	tags: Record<string, string>;
};

/** A DescribeSecurityGroups filter: `Name=group-name,Values=*acso*` is {name: 'group-name', values: ['*acso*']}. */
export type SecurityGroupFilter = {name: string; values: string[]};

/** One rule to add or remove: exactly one of sourceGroupId and cidr. */
export type SecurityGroupIngress = {
	groupId: string;
	protocol: string;
	fromPort: number;
	toPort: number;
	sourceGroupId?: string;
	cidr?: string;
};

/** Whether the rule admits `port` over TCP (its protocol tcp or all, its range holding the port). */
export function admitsTcpPort(rule: IngressRule, port: number): boolean {
	if (rule.protocol !== 'tcp' && rule.protocol !== '-1' && rule.protocol !== '6') return false;
	if (rule.protocol === '-1' || rule.fromPort === undefined || rule.toPort === undefined) return true;
	return rule.fromPort <= port && port <= rule.toPort;
}

/** Ranges that mean "anywhere". */
export function isWorld(cidr: string): boolean {
	return cidr === '0.0.0.0/0' || cidr === '::/0';
}
