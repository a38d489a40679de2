import {guardOperator} from '../port/read-only.js';
import type {Cloud} from '../port/types.js';
import {createAlarmReader} from './alarms.js';
import {createAwsClients, type AwsOptions} from './clients.js';
import {createClusterReader} from './clusters.js';
import {createDatabaseReader} from './database.js';
import {createLogReader} from './logs.js';
import {createMetricReader} from './metrics.js';
import {createNetworkReader} from './network.js';
import {createOperator} from './operator.js';
import {createParameterReader} from './parameters.js';
import {createRoleReader} from './roles.js';
import {createServiceReader} from './services.js';

// The port on the AWS SDK. Nothing is imported from the SDK until the first call, so creating
// the Cloud is free; the operator is guarded, so read-only mode never builds a mutating request.

export type {AwsOptions, ObservedCall} from './clients.js';
export {resolveRegion} from './region.js';

export function createAwsCloud(options: AwsOptions): Cloud {
	const clients = createAwsClients(options);
	return {
		kind: 'aws',
		// Read each time: without an explicit region it becomes known once the SDK read the profile.
		get region() {
			return clients.region() ?? 'region from profile';
		},
		clusters: createClusterReader(clients),
		services: createServiceReader(clients),
		metrics: createMetricReader(clients),
		logs: createLogReader(clients),
		alarms: createAlarmReader(clients),
		databases: createDatabaseReader(clients),
		parameters: createParameterReader(clients),
		roles: createRoleReader(clients),
		network: createNetworkReader(clients),
		operator: guardOperator(createOperator(clients), options.isWriteEnabled),
		warnings: () => clients.warnings(),
		reset: () => clients.reset(),
	};
}
