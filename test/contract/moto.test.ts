import {afterAll, beforeAll} from 'vitest';
import {createAwsCloud} from '../../source/aws/index.js';
import {describeWithMoto, motoCredentials, motoRegion, startMoto, type MotoServer} from '../helpers/moto.js';
import {seedEnvironment} from '../helpers/moto-seed.js';
import {describePortContract} from './port-contract.js';

// The port contract against the AWS SDK adapters, talking to a seeded moto_server.

describeWithMoto('AWS adapters on moto_server', () => {
	let server: MotoServer | undefined;

	beforeAll(async () => {
		server = await startMoto();
	});

	afterAll(async () => {
		await server?.stop();
	});

	describePortContract('aws on moto', async () => {
		if (!server) throw new Error('moto_server did not start');
		await seedEnvironment(server.endpoint, {env: 'contract'});
		let writeEnabled = false;
		const cloud = createAwsCloud({
			region: motoRegion,
			endpointUrl: server.endpoint,
			credentials: motoCredentials,
			isWriteEnabled: () => writeEnabled,
			sessionId: 'contract',
		});
		return {
			cloud,
			env: 'contract',
			setWriteEnabled(on: boolean) {
				writeEnabled = on;
			},
			teardown: async () => cloud.reset(),
		};
	});
});
