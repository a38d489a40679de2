import {afterAll, beforeAll, expect, it} from 'vitest';
import {createEnvironmentAlarmReader, fullReadEveryMs} from '../../source/discovery/alarm-reads.js';
import {createDiscoveryCache, discoverEnvironment, type Discovery} from '../../source/discovery/discover.js';
import {streamMapper} from '../../source/discovery/stream-source.js';
import {createAwsCloud} from '../../source/aws/index.js';
import {namesFor} from '../../source/port/names.js';
import type {Cloud} from '../../source/port/types.js';
import {describeWithMoto, motoCredentials, motoRegion, startMoto, type MotoServer} from '../helpers/moto.js';
import {seedLedgerAccount, type LedgerManifest} from '../helpers/moto-seed-ledger.js';

// Discovery on an account that follows none of the naming: given only the cluster and database,
// the log groups come from the task definitions, every stream names its service, and the alarms
// are the ones that watch this environment, each with why.

describeWithMoto('discovery on an account named otherwise (moto_server)', () => {
	let server: MotoServer;
	let seed: LedgerManifest;
	let cloud: Cloud;
	let found: Discovery;
	const names = namesFor('live', {cluster: 'ledger-live', db: 'ledger-pg'});

	beforeAll(async () => {
		server = await startMoto();
		seed = await seedLedgerAccount(server.endpoint);
		cloud = createAwsCloud({region: motoRegion, endpointUrl: server.endpoint, credentials: motoCredentials, isWriteEnabled: () => false, sessionId: 'discovery'});
		found = await discoverEnvironment(cloud, names, createDiscoveryCache());
	}, 120_000);

	afterAll(async () => {
		cloud?.reset();
		await server?.stop();
	});

	it('reads the log groups from the task definitions, and drops the convention that does not exist', () => {
		expect(found.logGroups.sort()).toEqual(seed.services.map(s => s.logGroup).sort());
		expect(found.logGroups).not.toContain('/aws/acso/live/agents');
		expect(found.services).toEqual(seed.services.map(s => s.name).sort());
		expect(found.notes).toEqual([]);
	});

	it('maps every seeded stream to its service, container and task', () => {
		const sourceOf = streamMapper(found.destinations, found.tasks);
		for (const service of seed.services) {
			service.streams.forEach((stream, index) => {
				expect(sourceOf(service.logGroup, stream)).toMatchObject({service: service.name, container: service.container, taskId: service.tasks[index], revision: `${service.family}:1`});
			});
		}
		expect(sourceOf('/ecs/ledger-live/writer', 'some/other/stream')).toBeUndefined();
	});

	it('attributes the alarms that watch the environment, with why, and none that watch other things', async () => {
		const reader = createEnvironmentAlarmReader(cloud.alarms);
		const scope = {cluster: names.cluster, db: names.db, services: found.services, metricFilters: found.metricFilters, alarmNames: []};
		const alarms = await reader.read(scope, 0);
		expect(Object.fromEntries(alarms.map(a => [a.name, [a.state, a.why]]))).toEqual(Object.fromEntries(seed.attributed.map(a => [a.name, [a.state, a.why]])));
		for (const name of seed.unrelated) expect(alarms.map(a => a.name)).not.toContain(name);
		// Between full reads the states come from a read by name: same answer.
		expect((await reader.read(scope, fullReadEveryMs - 1)).map(a => a.name).sort()).toEqual(alarms.map(a => a.name).sort());
	});

	it('reads task definitions once: they are immutable', async () => {
		const cache = createDiscoveryCache();
		await discoverEnvironment(cloud, names, cache);
		const cached = cache.taskDefinitions.size;
		expect(cached).toBe(seed.services.length);
		const calls: string[] = [];
		const counting: Cloud = {...cloud, services: {...cloud.services, describeTaskDefinition: (ref, options) => (calls.push(ref), cloud.services.describeTaskDefinition(ref, options))}};
		await discoverEnvironment(counting, names, cache);
		expect(calls).toEqual([]);
	});
});
