// The SSM Parameter Store adapter: the requests it sends (never WithDecryption), who changed what
// merged in from DescribeParameters, SecureString values dropped whatever the backend returns; and
// the same against moto_server.
import {PutParameterCommand, SSMClient} from '@aws-sdk/client-ssm';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {createAwsCloud, type ObservedCall} from '../../source/aws/index.js';
import {createParameterReader} from '../../source/aws/parameters.js';
import {describeWithMoto, motoCredentials, motoRegion, startMoto, type MotoServer} from '../helpers/moto.js';
import {fakeClients} from './fake-clients.js';

const when = new Date('2026-11-28T11:00:00Z');
const automation = 'arn:aws:sts::123456789012:assumed-role/acso-production-deploy-automation/pipeline-1';

describe('the Parameter Store reader (requests and shapes)', () => {
	it('pages GetParametersByPath and DescribeParameters without decryption, and merges who changed each', async () => {
		const clients = fakeClients(command => {
			if (command.name === 'GetParametersByPath') {
				return command.input.NextToken === undefined
					? {Parameters: [{Name: '/acso/production/a', Type: 'String', Value: '1', Version: 2, LastModifiedDate: when}], NextToken: 't1'}
					: {Parameters: [{Name: '/acso/production/db/url', Type: 'SecureString', Value: 'AQICAHh-ciphertext', Version: 1, LastModifiedDate: when}]};
			}
			return {
				Parameters: [
					{Name: '/acso/production/a', LastModifiedUser: automation},
					{Name: '/acso/production/db/url', LastModifiedUser: 'N/A'},
				],
			};
		});
		const parameters = await createParameterReader(clients).getParametersByPath('/acso/production', true);
		expect(parameters).toEqual([
			{name: '/acso/production/a', type: 'String', value: '1', version: 2, lastModifiedAt: when.getTime(), lastModifiedBy: automation},
			{name: '/acso/production/db/url', type: 'SecureString', version: 1, lastModifiedAt: when.getTime()},
		]);
		expect(clients.sent.map(c => c.name)).toEqual(['GetParametersByPath', 'GetParametersByPath', 'DescribeParameters']);
		expect(clients.sent[0]!.input).toEqual({Path: '/acso/production', Recursive: true, MaxResults: 10, NextToken: undefined});
		expect(clients.sent[2]!.input).toMatchObject({ParameterFilters: [{Key: 'Path', Option: 'Recursive', Values: ['/acso/production']}]});
		for (const command of clients.sent) expect(command.input).not.toHaveProperty('WithDecryption');
	});

	it('reads a history oldest first, a SecureString\'s versions without values', async () => {
		const clients = fakeClients(() => ({
			Parameters: [
				{Name: '/p', Type: 'SecureString', Value: 'cipher-2', Version: 2, LastModifiedUser: 'arn:aws:iam::1:user/sam', Labels: ['hand']},
				{Name: '/p', Type: 'SecureString', Value: 'cipher-1', Version: 1, LastModifiedUser: automation, LastModifiedDate: when},
			],
		}));
		const history = await createParameterReader(clients).getParameterHistory('/p');
		expect(history).toEqual([
			{name: '/p', type: 'SecureString', version: 1, modifiedAt: when.getTime(), modifiedBy: automation, labels: []},
			{name: '/p', type: 'SecureString', version: 2, modifiedBy: 'arn:aws:iam::1:user/sam', labels: ['hand']},
		]);
		expect(clients.sent[0]!.input).not.toHaveProperty('WithDecryption');
	});

	it('refuses an empty path or name before sending anything', async () => {
		const clients = fakeClients(() => ({}));
		const reader = createParameterReader(clients);
		await expect(reader.getParametersByPath(' ', true)).rejects.toMatchObject({kind: 'invalid'});
		await expect(reader.getParameterHistory('')).rejects.toMatchObject({kind: 'invalid'});
		expect(clients.sent).toEqual([]);
	});
});

describeWithMoto('the Parameter Store adapter on moto_server', () => {
	let server: MotoServer | undefined;
	beforeAll(async () => {
		server = await startMoto();
		const ssm = new SSMClient({region: motoRegion, endpoint: server.endpoint, credentials: motoCredentials});
		await ssm.send(new PutParameterCommand({Name: '/acso/moto/supervisor/max-concurrent-workflows', Value: '40', Type: 'String'}));
		await ssm.send(new PutParameterCommand({Name: '/acso/moto/database/url', Value: 'postgres://agent:hunter2@db/acso', Type: 'SecureString'}));
		ssm.destroy();
	});
	afterAll(async () => {
		await server?.stop();
	});

	it('loads the SSM client only when a parameter is first read, and never returns a secret', async () => {
		const calls: ObservedCall[] = [];
		const cloud = createAwsCloud({region: motoRegion, endpointUrl: server!.endpoint, credentials: motoCredentials, isWriteEnabled: () => true, observe: call => calls.push(call)});
		await cloud.services.listServices('acso-moto-cluster').catch(() => []);
		expect(calls.some(call => call.service === 'ssm')).toBe(false);
		const parameters = await cloud.parameters.getParametersByPath('/acso/moto', true);
		expect(calls.filter(call => call.service === 'ssm').map(call => call.operation)).toEqual(['GetParametersByPath', 'DescribeParameters']);
		expect(parameters.map(p => [p.name, p.type, p.value, p.version])).toEqual(
			expect.arrayContaining([
				['/acso/moto/supervisor/max-concurrent-workflows', 'String', '40', 1],
				['/acso/moto/database/url', 'SecureString', undefined, 1],
			]),
		);
		expect(JSON.stringify(parameters)).not.toContain('hunter2');
		expect(JSON.stringify(await cloud.parameters.getParameterHistory('/acso/moto/database/url'))).not.toContain('hunter2');
		// moto names no one ("N/A"): who changed it stays unknown rather than a made-up principal.
		expect(parameters.every(p => p.lastModifiedBy === undefined)).toBe(true);
		cloud.reset();
	});

	it('restores a value with PutParameter --overwrite (a new version), refused without --write', async () => {
		let write = false;
		const cloud = createAwsCloud({region: motoRegion, endpointUrl: server!.endpoint, credentials: motoCredentials, isWriteEnabled: () => write});
		const name = '/acso/moto/supervisor/max-concurrent-workflows';
		await expect(cloud.operator.putParameter(name, '4', 'String')).rejects.toMatchObject({kind: 'read-only'});
		write = true;
		expect((await cloud.operator.putParameter(name, '4', 'String')).value.version).toBe(2);
		const history = await cloud.parameters.getParameterHistory(name);
		expect(history.map(v => [v.version, v.value])).toEqual([
			[1, '40'],
			[2, '4'],
		]);
		await expect(cloud.operator.putParameter(name, '', 'String')).rejects.toMatchObject({kind: 'invalid'});
		expect((await cloud.parameters.getParameterHistory('/acso/moto/nope').catch((error: unknown) => error)) as object).toMatchObject({kind: 'not-found'});
		cloud.reset();
	});
});
