import {describe, expect, it} from 'vitest';
import type {ResourceNames} from '../../source/port/names.js';
import type {Cloud} from '../../source/port/types.js';
import {cloudErrorOf} from '../helpers/cloud-error.js';

// The security-group part of the port contract (port-contract.ts runs it on every backend): the
// services' awsvpc groups are there to describe, filters match as EC2's do (* wildcards, values
// ORed, filters ANDed), and one ingress rule goes in and out again, refused without --write.

export type NetworkContext = {cloud: Cloud; names: ResourceNames; setWriteEnabled(on: boolean): void};

export function describeNetworkContract(get: () => NetworkContext): void {
	describe('security groups', () => {
		async function serviceGroup(): Promise<string> {
			const {cloud, names} = get();
			const services = await cloud.services.describeServices(names.cluster, await cloud.services.listServices(names.cluster));
			const group = services.flatMap(service => service.network?.securityGroups ?? [])[0];
			if (!group) throw new Error('no service of the environment names a security group');
			return group;
		}

		it('describes the groups the services run in, by id and by name with wildcards', async () => {
			const network = get().cloud.network!;
			const id = await serviceGroup();
			const [group] = await network.describeSecurityGroups([{name: 'group-id', values: [id]}]);
			expect(group).toMatchObject({id});
			expect(group!.name.length).toBeGreaterThan(0);
			const all = await network.describeSecurityGroups();
			expect(all.map(g => g.id)).toContain(id);
			const byName = await network.describeSecurityGroups([{name: 'group-name', values: [`${group!.name.slice(0, 3)}*`, 'no-such-group']}]);
			expect(byName.map(g => g.id)).toContain(id);
			expect(await network.describeSecurityGroups([{name: 'group-name', values: [group!.name]}, {name: 'group-id', values: ['sg-0fffffffffffffff0']}])).toEqual([]);
		});

		it('refuses an ingress rule without --write, adds and revokes it with writes enabled', async () => {
			const {cloud, setWriteEnabled} = get();
			const id = await serviceGroup();
			const rule = {groupId: id, protocol: 'tcp', fromPort: 9443, toPort: 9443, sourceGroupId: id};
			const admits = async () =>
				((await cloud.network!.describeSecurityGroups([{name: 'group-id', values: [id]}]))[0]?.ingress ?? []).some(
					r => r.protocol === 'tcp' && r.fromPort === 9443 && r.toPort === 9443 && r.sourceGroups.includes(id),
				);
			setWriteEnabled(false);
			expect((await cloudErrorOf(cloud.operator.authorizeSecurityGroupIngress!(rule))).kind).toBe('read-only');
			expect(await admits()).toBe(false);
			setWriteEnabled(true);
			try {
				await cloud.operator.authorizeSecurityGroupIngress!(rule);
				expect(await admits()).toBe(true);
				await cloud.operator.revokeSecurityGroupIngress!(rule);
				expect(await admits()).toBe(false);
			} finally {
				setWriteEnabled(false);
			}
		});
	});
}
