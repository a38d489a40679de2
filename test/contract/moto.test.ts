import {PutParameterCommand, SSMClient} from '@aws-sdk/client-ssm';
import {afterAll, beforeAll} from 'vitest';
import {createAwsCloud} from '../../source/aws/index.js';
import {describeWithMoto, motoCredentials, motoRegion, startMoto, type MotoServer} from '../helpers/moto.js';
import {seedEnvironment} from '../helpers/moto-seed.js';
import {seedLedgerAccount} from '../helpers/moto-seed-ledger.js';
import {describePortContract} from './port-contract.js';
import {describeRoleContract} from './role-contract.js';

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
		// A SecureString, put the way a pipeline would; its value must never come back through the port.
		const ssm = new SSMClient({region: motoRegion, endpoint: server.endpoint, credentials: motoCredentials});
		await ssm.send(new PutParameterCommand({Name: '/acso/contract/database/url', Value: 'postgres://agent:hunter2@db:5432/acso', Type: 'SecureString'}));
		ssm.destroy();
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
			secureParameter: {path: '/acso/contract', name: '/acso/contract/database/url'},
			setWriteEnabled(on: boolean) {
				writeEnabled = on;
			},
			teardown: async () => cloud.reset(),
		};
	});
});

// The same contract on an account that follows no naming convention (test/helpers/moto-seed-ledger.ts).
describeWithMoto('AWS adapters on moto_server, an account named otherwise', () => {
	let server: MotoServer | undefined;

	beforeAll(async () => {
		server = await startMoto();
	});

	afterAll(async () => {
		await server?.stop();
	});

	describePortContract('aws on moto, ledger account', async () => {
		if (!server) throw new Error('moto_server did not start');
		const seed = await seedLedgerAccount(server.endpoint);
		let writeEnabled = false;
		const cloud = createAwsCloud({region: motoRegion, endpointUrl: server.endpoint, credentials: motoCredentials, isWriteEnabled: () => writeEnabled, sessionId: 'contract-ledger'});
		return {
			cloud,
			env: 'live',
			names: seed.names,
			logGroupPrefix: '/ecs/ledger-live/',
			alarm: {prefix: 'writer-', name: 'writer-latency-p99', namespace: 'Ledger/App', metricName: 'Latency'},
			setWriteEnabled(on: boolean) {
				writeEnabled = on;
			},
			teardown: async () => cloud.reset(),
		};
	});
});

// IAM roles on moto_server: no seed needed (the contract creates and deletes its own role). moto
// knows the AWS managed policies (AmazonECSTaskExecutionRolePolicy) only when asked to load them.
describeWithMoto('AWS role adapter on moto_server', () => {
	let server: MotoServer | undefined;

	beforeAll(async () => {
		server = await startMoto({env: {MOTO_IAM_LOAD_MANAGED_POLICIES: 'true'}});
	});

	afterAll(async () => {
		await server?.stop();
	});

	describeRoleContract('aws on moto', async () => {
		if (!server) throw new Error('moto_server did not start');
		let writeEnabled = false;
		const cloud = createAwsCloud({region: motoRegion, endpointUrl: server.endpoint, credentials: motoCredentials, isWriteEnabled: () => writeEnabled, sessionId: 'contract-roles'});
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
