import {afterAll, beforeAll, expect, it} from 'vitest';
import {App, type MakeCloud} from '../../source/app.js';
import {createAwsCloud} from '../../source/aws/index.js';
import {keys, renderTui, testConfig, type Harness} from '../helpers/render.js';
import {describeWithMoto, motoCredentials, motoRegion, startMoto, type MotoServer} from '../helpers/moto.js';
import {seedEnvironment} from '../helpers/moto-seed.js';

// On moto_server, through the SDK adapters: `--env qa` names a cluster that does not exist, and
// the picker offers the clusters that do (ListClusters, then DescribeClusters for their counts).
// `:region` makes a new Cloud for the other region, where the account holds other things.

const otherRegion = 'eu-west-1';

describeWithMoto('a missing cluster and a region switch on moto_server', () => {
	let moto: MotoServer;
	const open: Harness[] = [];

	beforeAll(async () => {
		moto = await startMoto();
		const small = {revisions: 1, tasks: false, metricMinutes: 2, logLines: {INFO: 1, WARN: 0, ERROR: 1, FATAL: 0}} as const;
		await seedEnvironment(moto.endpoint, {env: 'staging', services: ['supervisor', 'threat-hunter', 'incident-response'], ...small});
		await seedEnvironment(moto.endpoint, {env: 'ops', services: ['supervisor'], ...small});
		await seedEnvironment(moto.endpoint, {env: 'qa', services: ['supervisor', 'threat-hunter'], region: otherRegion, ...small});
	}, 120_000);

	afterAll(async () => {
		for (const h of open) h.unmount();
		await moto?.stop();
	});

	function start(calls: string[]) {
		const cloudFor = (region: string) =>
			createAwsCloud({region, endpointUrl: moto.endpoint, credentials: motoCredentials, isWriteEnabled: () => false, observe: c => calls.push(`${region} ${c.operation}`)});
		const makeCloud: MakeCloud = async place => ({ok: true, cloud: cloudFor(place.region ?? motoRegion)});
		const config = testConfig({env: 'qa', endpointUrl: moto.endpoint, region: motoRegion, refresh: '3600'});
		const h = renderTui(<App cloud={cloudFor(motoRegion)} config={config} makeCloud={makeCloud} />, {columns: 140, rows: 32});
		open.push(h);
		return h;
	}

	it('offers the seeded clusters with their service counts, and shows the one picked', async () => {
		const calls: string[] = [];
		const h = start(calls);
		const frame = await h.waitFor(f => f.includes('cluster acso-qa-cluster (the guess for --env qa) does not exist') && f.includes('database acso-qa-db'), 30_000);
		expect(frame).toContain('database acso-qa-db (the guess for --env qa) does not exist');
		await h.press('c');
		const picker = await h.waitFor('active service', 30_000);
		// The counts are DescribeClusters' own. moto 5.2.1 never updates activeServicesCount (always
		// 0; AWS keeps it current), but counts the tasks its services run: 2 per service here.
		expect(picker).toMatch(/› acso-staging-cluster\s+\d+ active services?\s+6 running tasks/);
		expect(picker).toMatch(/acso-ops-cluster\s+\d+ active services?\s+2 running tasks/);
		expect(picker).toContain(`Clusters in ${motoRegion}`);
		// The qa cluster lives in the other region: not offered here.
		expect(picker).not.toMatch(/^[› ] acso-qa-cluster/m);
		expect(calls.filter(c => c.endsWith('ListClusters'))).toHaveLength(1);
		expect(calls.filter(c => c.endsWith('DescribeClusters'))).toHaveLength(1);
		await h.press(keys.enter);
		const shown = await h.waitFor('acso-staging-threat-hunter', 30_000);
		expect(shown.split('\n')[0]).toContain('acso-staging-cluster (picked)');
	}, 60_000);

	it('switches region in place with :region: a new Cloud, every panel from the other region', async () => {
		const calls: string[] = [];
		const h = start(calls);
		await h.waitFor('cluster acso-qa-cluster (the guess for --env qa) does not exist', 30_000);
		await h.press(':');
		await h.type(`region ${otherRegion}`);
		await h.press(keys.enter);
		const frame = await h.waitFor(f => f.includes('threat-hunter') && f.includes('acso-qa-db  available'), 30_000);
		expect(frame.split('\n')[0]).toMatch(new RegExp(`ACSO qa │ READ-ONLY │ Overview │ ${otherRegion} │ acso-qa-cluster`));
		expect(frame).not.toContain('does not exist');
		const there = calls.filter(c => c.startsWith(otherRegion)).map(c => c.split(' ')[1]);
		for (const operation of ['ListServices', 'DescribeServices', 'DescribeAlarms', 'DescribeDBInstances', 'FilterLogEvents']) expect(there).toContain(operation);
	}, 60_000);
});
