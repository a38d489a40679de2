import type {DBInstance} from '@aws-sdk/client-rds';
import type {DatabaseReader, DbInstance} from '../port/types.js';
import type {AwsClients} from './clients.js';
import {collectPages, epochMs} from './paging.js';

export function toDbInstance(instance: DBInstance): DbInstance {
	const endpoint = instance.Endpoint;
	return {
		id: instance.DBInstanceIdentifier ?? '',
		arn: instance.DBInstanceArn ?? '',
		status: instance.DBInstanceStatus ?? 'unknown',
		instanceClass: instance.DBInstanceClass ?? '',
		engine: instance.Engine ?? '',
		engineVersion: instance.EngineVersion,
		allocatedStorageGb: instance.AllocatedStorage,
		storageType: instance.StorageType,
		multiAz: instance.MultiAZ === true,
		endpoint: endpoint?.Address ? {address: endpoint.Address, port: endpoint.Port ?? 0} : undefined,
		pendingInstanceClass: instance.PendingModifiedValues?.DBInstanceClass,
		createdAt: epochMs(instance.InstanceCreateTime),
	};
}

export function createDatabaseReader(clients: AwsClients): DatabaseReader {
	return {
		describeDbInstances: (id, {signal} = {}) =>
			clients.call({action: 'rds:DescribeDBInstances', resource: id ? `DB instance ${id}` : 'DB instances', signal}, async () => {
				const {client, sdk} = await clients.get('rds');
				const instances = await collectPages('DB instances', signal, async marker => {
					// aws rds describe-db-instances [--db-instance-identifier ID]
					const page = await client.send(new sdk.DescribeDBInstancesCommand({DBInstanceIdentifier: id || undefined, Marker: marker}), {abortSignal: signal});
					return {items: page.DBInstances ?? [], next: page.Marker};
				});
				return instances.map(toDbInstance);
			}),
	};
}
