// The CLI lets the first frame reach the terminal before the simulated account is built: reads
// wait for `buildAfter`, then answer exactly what an account built at once answers.
import {describe, expect, it} from 'vitest';
import {createManualClock, createSimCloud, inspectSim} from '../../source/sim/index.js';
import {PROD, PROD_LOGS, SUPERVISOR, T0} from './sim-helpers.js';

function gate() {
	let open: () => void = () => {};
	const opened = new Promise<void>(resolve => {
		open = resolve;
	});
	return {opened, open};
}

describe('buildAfter', () => {
	it('holds reads until it resolves, then answers as an account built at once', async () => {
		const {opened, open} = gate();
		const clock = createManualClock(T0);
		const gated = createSimCloud({seed: 7, clock, isWriteEnabled: () => false, buildAfter: opened});
		let answered = false;
		const services = gated.services.listServices(PROD).then(names => {
			answered = true;
			return names;
		});
		for (let i = 0; i < 5; i++) await new Promise(resolve => setImmediate(resolve));
		expect(answered).toBe(false);
		clock.advance(3000);
		open();

		const plainClock = createManualClock(T0);
		const plain = createSimCloud({seed: 7, clock: plainClock, isWriteEnabled: () => false});
		plainClock.advance(3000);
		expect(await services).toEqual(await plain.services.listServices(PROD));
		// Built as of its creation, whenever the first read came: the same series and lines.
		const range = {start: T0 - 24 * 60 * 60_000, end: T0 + 1};
		const query = [{id: 'cpu', namespace: 'AWS/ECS', metricName: 'CPUUtilization', dimensions: {ClusterName: PROD, ServiceName: SUPERVISOR}, stat: 'Average' as const, periodSeconds: 60}];
		expect(await gated.metrics.getMetricData(query, range)).toEqual(await plain.metrics.getMetricData(query, range));
		expect(await gated.logs.filterLogEvents({logGroup: PROD_LOGS, startTime: T0 - 5 * 60_000, endTime: T0})).toEqual(await plain.logs.filterLogEvents({logGroup: PROD_LOGS, startTime: T0 - 5 * 60_000, endTime: T0}));
	});

	it('a rejected gate still lets reads through', async () => {
		const {opened, open} = gate();
		const cloud = createSimCloud({seed: 3, clock: createManualClock(T0), isWriteEnabled: () => false, buildAfter: opened.then(() => Promise.reject(new Error('no terminal')))});
		const read = cloud.alarms.describeAlarms();
		open();
		expect((await read).length).toBeGreaterThan(0);
		expect(inspectSim(cloud).alarms).toBeGreaterThan(0);
	});

	it('an aborted read rejects after the wait, as without one', async () => {
		const {opened, open} = gate();
		const cloud = createSimCloud({seed: 3, clock: createManualClock(T0), isWriteEnabled: () => false, buildAfter: opened});
		const controller = new AbortController();
		const read = cloud.alarms.describeAlarms(undefined, {signal: controller.signal});
		controller.abort();
		open();
		await expect(read).rejects.toThrow();
		expect(cloud.control.calls().describeAlarms).toBeUndefined();
	});
});
