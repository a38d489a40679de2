import {afterAll, afterEach, beforeAll, expect, it} from 'vitest';
import {App} from '../../source/app.js';
import {createAwsCloud} from '../../source/aws/index.js';
import type {Cloud} from '../../source/port/types.js';
import {startFaultProxy, type FaultProxy} from '../helpers/fault-proxy.js';
import {describeWithMoto, motoCredentials, motoRegion, startMoto, type MotoServer} from '../helpers/moto.js';
import {seedEnvironment, type SeedManifest} from '../helpers/moto-seed.js';
import {renderTui, testConfig, type Harness} from '../helpers/render.js';
import {pause, until} from './wait.js';

// The real App on the real SDK path (createAwsCloud -> fault proxy -> moto_server) with a seeded
// staging environment, refreshing every second. What the on-call engineer must see: the data; a
// throttling notice while that data stays; STALE in the header while the endpoint is gone, the
// data still there; STALE clearing by itself once it is back; polling that slows down while
// failing; and a credentials banner that `r` clears. States are read from frames with waitFor.

// The four panels of the overview that poll every refresh (the error count polls every 15 s).
const fastPolls = ['ListServices', 'GetMetricData', 'DescribeAlarms', 'DescribeDBInstances'];

const headerOf = (frame: string) => frame.split('\n')[0] ?? '';
const statusOf = (frame: string) => frame.split('\n')[1] ?? '';

describeWithMoto('the app through faults on the AWS path', () => {
	let moto: MotoServer;
	let proxy: FaultProxy;
	let seed: SeedManifest;
	const running: Array<{app: Harness; cloud: Cloud}> = [];

	beforeAll(async () => {
		moto = await startMoto();
		seed = await seedEnvironment(moto.endpoint, {env: 'staging'});
		proxy = await startFaultProxy(moto.endpoint);
	});

	afterEach(async () => {
		proxy.setFault(undefined);
		if (proxy.away) await proxy.comeBack();
		for (const {app, cloud} of running.splice(0)) {
			app.unmount();
			cloud.reset();
		}
	});

	afterAll(async () => {
		await proxy?.stop();
		await moto?.stop();
	});

	/** The App as the CLI builds it for `--env staging --endpoint-url PROXY --region us-east-1 --refresh 1`. */
	function start(wrap: (cloud: Cloud) => Cloud = cloud => cloud) {
		const cloud = wrap(createAwsCloud({region: motoRegion, endpointUrl: proxy.endpoint, credentials: motoCredentials, isWriteEnabled: () => false, maxAttempts: 1}));
		const config = testConfig({env: 'staging', endpointUrl: proxy.endpoint, region: motoRegion, refresh: '1'});
		const app = renderTui(<App cloud={cloud} config={config} />, {columns: 110, rows: 30});
		let exited = false;
		void app.exited.then(() => {
			exited = true;
		});
		running.push({app, cloud});
		return {app, cloud, hasExited: () => exited};
	}

	/** Every panel loaded: each seeded service with its metrics, an alarm, the database and the error count. */
	const showsData = (frame: string) =>
		seed.services.every(s => new RegExp(`${s.shortName}\\s.*\\d+\\.\\d%`).test(frame)) &&
		frame.includes('ACSO-HighCPU ALARM') &&
		frame.includes(seed.db.id) &&
		/ERRORS\s+\d+ ERROR/.test(frame);

	const fresh = (frame: string) => /updated (just now|\d+s ago)/.test(headerOf(frame)) && !headerOf(frame).includes('STALE');

	it('shows the data, then a throttling notice while the last data stays, and recovers', async () => {
		const {app, hasExited} = start();
		await app.waitFor(showsData, 15_000);

		proxy.setFault({kind: 'throttle'});
		const throttled = await app.waitFor(frame => /AWS is throttling/.test(statusOf(frame)), 15_000);
		expect(statusOf(throttled)).toContain('showing the last data');
		expect(headerOf(throttled)).toMatch(/throttled/);
		expect(showsData(throttled)).toBe(true);

		proxy.setFault(undefined);
		const recovered = await app.waitFor(frame => fresh(frame) && !/throttl/i.test(statusOf(frame)), 30_000);
		expect(showsData(recovered)).toBe(true);
		expect(hasExited()).toBe(false);
	}, 60_000);

	it('marks the data STALE while the endpoint is gone, keeps it on screen, and clears STALE by itself when it is back', async () => {
		const {app, hasExited} = start();
		await app.waitFor(frame => showsData(frame) && fresh(frame), 15_000);

		await proxy.goAway();
		// The status row comes in on the frame after the header turns STALE.
		const stale = await app.waitFor(frame => /STALE.*network/.test(headerOf(frame)) && /Cannot reach AWS/.test(statusOf(frame)), 15_000);
		expect(showsData(stale)).toBe(true);
		expect(statusOf(stale)).toMatch(/Cannot reach AWS/);

		await proxy.comeBack();
		// No key is pressed: the polls' own retries find the endpoint again.
		const back = await app.waitFor(frame => fresh(frame), 30_000);
		expect(showsData(back)).toBe(true);
		expect(statusOf(back)).not.toMatch(/Cannot reach AWS/);
		expect(hasExited()).toBe(false);
	}, 60_000);

	it('polls far less than once a refresh while failing, keeps the last data, and recovers', async () => {
		const {app, hasExited} = start();
		await app.waitFor(frame => showsData(frame) && fresh(frame), 15_000);

		const outageStart = proxy.history.length;
		const firstOutageFrame = app.frames.length;
		const faultsSince = (mark: number, operation: string) => proxy.history.slice(mark).filter(r => r.operation === operation && r.fault !== undefined).length;
		// The four fast panels only: the error count's 15 s poll would back off from 15 s, and its
		// recovery alone would make this test slow without showing anything more.
		proxy.setFault({kind: 'unavailable', operations: fastPolls});
		// A failure each first. The panels then wait on one shared probe that takes turns among every
		// poll of the app (discovery's too), so a second failure of each can take a while to come.
		await until('a failed poll of every panel', () => fastPolls.every(op => faultsSince(outageStart, op) >= 1), 40_000);

		// A measurement window, not a timing assertion: at one poll a second, the four panels would
		// send about 4 requests a second; backing off, far fewer.
		const windowMs = 5000;
		const mark = proxy.history.length;
		await pause(windowMs);
		const inWindow = proxy.history.slice(mark).filter(r => fastPolls.includes(r.operation)).length;
		const oncePerRefresh = fastPolls.length * (windowMs / 1000);
		expect(inWindow).toBeGreaterThan(0); // still trying
		expect(inWindow).toBeLessThan(oncePerRefresh / 2);

		const during = app.lastFrame();
		expect(showsData(during)).toBe(true);
		expect(headerOf(during)).toMatch(/STALE/);
		expect(statusOf(during)).toMatch(/ServiceUnavailable|unavailable/i);
		// The SDK's own log record of each failed call must not take over the status line: the
		// failure is already shown, in words, as the panel's state.
		const outageFrames = app.frames.slice(firstOutageFrame);
		expect(outageFrames.filter(frame => statusOf(frame).includes('AWS SDK: error'))).toEqual([]);

		proxy.setFault(undefined);
		const back = await app.waitFor(frame => fresh(frame), 45_000);
		expect(showsData(back)).toBe(true);
		expect(hasExited()).toBe(false);
	}, 90_000);

	it('shows the credentials banner with what to run when the token expired, and r retries with new clients', async () => {
		let resets = 0;
		const {app, hasExited} = start(cloud => ({
			...cloud,
			get region() {
				return cloud.region;
			},
			reset() {
				resets++;
				cloud.reset();
			},
		}));
		await app.waitFor(frame => showsData(frame) && fresh(frame), 15_000);

		proxy.setFault({kind: 'expired-token'});
		const banner = await app.waitFor(frame => statusOf(frame).startsWith('credentials:'), 15_000);
		expect(statusOf(banner)).toMatch(/aws sso login|AWS_PROFILE/);
		expect(headerOf(banner)).toMatch(/STALE.*credentials/);
		expect(showsData(banner)).toBe(true);
		expect(resets).toBe(0);

		// The engineer logs in again, then presses r.
		proxy.setFault(undefined);
		await app.press('r');
		expect(resets).toBe(1);
		const back = await app.waitFor(frame => fresh(frame) && !statusOf(frame).startsWith('credentials:'), 15_000);
		expect(showsData(back)).toBe(true);
		expect(hasExited()).toBe(false);
	}, 60_000);
});
