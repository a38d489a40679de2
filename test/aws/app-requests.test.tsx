import {afterAll, beforeAll, expect, it} from 'vitest';
import {App} from '../../source/app.js';
import {createAwsCloud} from '../../source/aws/index.js';
import {describeWithMoto, motoCredentials, motoRegion, startMoto, type MotoServer} from '../helpers/moto.js';
import {seedEnvironment} from '../helpers/moto-seed.js';
import {renderTui, testConfig} from '../helpers/render.js';

// Issue 3's budget, as the app spends it: the overview of a 25-service environment loads with at
// most 3 DescribeServices and exactly 1 GetMetricData (every service's CPU and memory and the
// database's metrics in one batch), and a refresh (r) costs the same again.

describeWithMoto('what the overview asks AWS for', () => {
	let moto: MotoServer;

	beforeAll(async () => {
		moto = await startMoto();
		await seedEnvironment(moto.endpoint, {env: 'staging', services: 25, revisions: 1, tasks: false, metricMinutes: 5});
	}, 120_000);

	afterAll(async () => {
		await moto?.stop();
	});

	// The overview's own reads, plus discovery's (once a minute, and on `r`): ListServices and
	// 3 DescribeServices again, DescribeTaskDefinition once per revision a session, ListTasks.
	it('loads 25 services with 3 DescribeServices and 1 GetMetricData (and discovery its own), and refreshes for the same', async () => {
		const calls: string[] = [];
		const cloud = createAwsCloud({region: motoRegion, endpointUrl: moto.endpoint, credentials: motoCredentials, isWriteEnabled: () => false, observe: c => calls.push(c.operation)});
		const config = testConfig({env: 'staging', endpointUrl: moto.endpoint, region: motoRegion, refresh: '3600'});
		const app = renderTui(<App cloud={cloud} config={config} />, {columns: 120, rows: 40});
		try {
			await app.waitFor(f => /\d+\.\d%/.test(f) && f.includes('acso-staging-db  available') && /ERRORS\s+\d+/.test(f), 30_000);
			const count = (operation: string) => calls.filter(c => c === operation).length;
			expect(count('DescribeServices')).toBe(3 + 3);
			expect(count('GetMetricData')).toBe(1);
			expect(count('ListServices')).toBe(1 + 1);
			expect(count('DescribeTaskDefinition')).toBe(25);

			calls.length = 0;
			await app.press('r');
			await app.waitFor(() => count('GetMetricData') === 1 && count('DescribeDBInstances') === 1 && count('DescribeMetricFilters') >= 1, 30_000);
			await new Promise(resolve => setTimeout(resolve, 300));
			expect(count('DescribeServices')).toBe(3 + 3);
			expect(count('GetMetricData')).toBe(1);
			expect(count('DescribeTaskDefinition')).toBe(0); // immutable: cached by revision
		} finally {
			app.unmount();
		}
	});
});
