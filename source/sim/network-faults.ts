// The drill fault of a security group change: the rule that let the caller's group reach the
// service's container port was revoked. The supervisor's calls to it are dropped and time out
// (engine.ts writes those lines); nothing else about the service changes, so only the rule shows why.
import {admitsTcpPort, isWorld} from '../port/security-groups.js';
import type {SimService, World} from './model.js';
import {revokeIngress, serviceSecurityGroups, servicePort} from './security-groups.js';

export type IngressRevoked = {kind: 'ingress-revoked'; service: string; fromService: string};

function serviceOf(world: World, name: string): SimService {
	const service = world.services.get(name);
	if (!service) throw new Error(`drill fault: no service ${name} in the simulated account (known: ${[...world.services.keys()].join(', ')})`);
	return service;
}

function portOf(world: World, service: SimService): number {
	const port = servicePort(world, service);
	if (port === undefined) throw new Error(`drill fault: ${service.name} has no container port to close`);
	return port;
}

export function injectIngressRevoked(world: World, fault: IngressRevoked): void {
	const service = serviceOf(world, fault.service);
	const callers = new Set(serviceSecurityGroups(serviceOf(world, fault.fromService)));
	const port = portOf(world, service);
	for (const groupId of serviceSecurityGroups(service)) {
		const group = world.securityGroups.get(groupId);
		for (const rule of [...(group?.ingress ?? [])]) {
			if (!admitsTcpPort(rule, port) || rule.fromPort === undefined || rule.toPort === undefined) continue;
			for (const source of rule.sourceGroups.filter(id => callers.has(id))) {
				revokeIngress(world, {groupId, protocol: rule.protocol, fromPort: rule.fromPort, toPort: rule.toPort, sourceGroupId: source});
			}
		}
	}
}

/**
 * Fixed when a rule of the service's groups admits its port from the caller's group again. A rule
 * that opens the port to anywhere (0.0.0.0/0) ends the timeouts but is a new violation, not the
 * fix: while one is there the drill is not won.
 */
export function ingressRestored(world: World, fault: IngressRevoked): boolean {
	const service = serviceOf(world, fault.service);
	const callers = new Set(serviceSecurityGroups(serviceOf(world, fault.fromService)));
	const port = portOf(world, service);
	const rules = serviceSecurityGroups(service).flatMap(id => world.securityGroups.get(id)?.ingress ?? []).filter(rule => admitsTcpPort(rule, port));
	return rules.some(rule => rule.sourceGroups.some(id => callers.has(id))) && !rules.some(rule => rule.cidrs.some(isWorld));
}
