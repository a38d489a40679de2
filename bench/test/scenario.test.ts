import {describe, expect, it} from 'vitest';
import type {LogFilterPage, LogReader, MetricQuery, MetricReader, MetricSeries} from '../../source/port/types.js';
import {createManualClock, createSimCloud} from '../../source/sim/index.js';
import {answerBench, listenForApp} from '../control.js';
import {createLogFeed, createNudgedMetrics} from '../scenario-cloud.js';
import {trackCloud} from '../tracked-cloud.js';

const query = (id: string, metricName: string): MetricQuery => ({id, namespace: 'AWS/ECS', metricName, dimensions: {ServiceName: id}, stat: 'Average', periodSeconds: 60});

describe('createNudgedMetrics', () => {
	const series: MetricSeries[] = [
		{id: 'a_cpu', label: 'a', points: [{t: 1, v: 10}, {t: 2, v: 20}], complete: true},
		{id: 'a_mem', label: 'a', points: [{t: 1, v: 30}, {t: 2, v: 40}], complete: true},
	];
	const base: MetricReader = {getMetricData: async () => series};

	it('moves only the newest CPU point of the first service, and leaves the source alone', async () => {
		const metrics = createNudgedMetrics(base);
		const queries = [query('a_cpu', 'CPUUtilization'), query('a_mem', 'MemoryUtilization')];
		metrics.setCpuOffset(3);
		const nudged = await metrics.getMetricData(queries, {start: 0, end: 3});
		expect(nudged[0]!.points).toEqual([{t: 1, v: 10}, {t: 2, v: 23}]);
		expect(nudged[1]).toBe(series[1]);
		expect(series[0]!.points[1]!.v).toBe(20);
		metrics.setCpuOffset(0);
		expect(await metrics.getMetricData(queries, {start: 0, end: 3})).toBe(series);
	});

	it('refuses an offset that is not a number', () => {
		expect(() => createNudgedMetrics(base).setCpuOffset(Number.NaN)).toThrow(/finite number/);
	});
});

describe('createLogFeed', () => {
	const group = '/aws/acso/production/agents';
	const quiet: LogReader = {filterLogEvents: async () => ({events: []}), describeLogGroups: async () => [], describeMetricFilters: async () => []};

	it('hands each poll up to perPoll new events in pages, then stops at the target', async () => {
		const clock = createManualClock(1_000_000);
		const feed = createLogFeed(quiet, clock, group);
		expect((await feed.filterLogEvents({logGroup: group, startTime: 0})).events).toEqual([]);
		feed.start(25, 10, 4);
		const read = async () => {
			const ids: string[] = [];
			let page: LogFilterPage = await feed.filterLogEvents({logGroup: group, startTime: 0});
			ids.push(...page.events.map(e => e.eventId));
			while (page.nextToken) {
				page = await feed.filterLogEvents({logGroup: group, startTime: 0, nextToken: page.nextToken});
				ids.push(...page.events.map(e => e.eventId));
			}
			return ids;
		};
		expect(await read()).toHaveLength(10);
		expect(await read()).toHaveLength(10);
		const last = await read();
		expect(last).toEqual(['feed-20', 'feed-21', 'feed-22', 'feed-23', 'feed-24']);
		expect(await read()).toEqual([]);
		expect(feed.status()).toMatchObject({target: 25, produced: 25, polls: 5}); // the read before start() was a poll too
		expect(clock.now()).toBe(1_000_000 + 1 + 25); // the clock follows the newest event
	});

	it('refuses nonsense sizes', () => {
		const feed = createLogFeed(quiet, createManualClock(0), group);
		expect(() => feed.start(10, 0, 5)).toThrow(/perPoll must be a positive whole number/);
	});
});

describe('trackCloud', () => {
	it('counts calls and failures and settles once the calls are over and quiet', async () => {
		const clock = createManualClock(Date.parse('2026-11-28T12:00:00Z'));
		const sim = createSimCloud({seed: 1, clock, isWriteEnabled: () => false});
		const tracked = trackCloud(sim);
		await tracked.cloud.databases.describeDbInstances();
		sim.control.setFault('throttled');
		await expect(tracked.cloud.alarms.describeAlarms()).rejects.toThrow();
		const activity = tracked.activity();
		expect(activity).toMatchObject({calls: 2, inflight: 0, failures: 1});
		expect(activity.lastError).toMatch(/^describeAlarms: /);
		sim.control.setFault(undefined);
		const settling = tracked.settled({since: 2, quietMs: 20, timeoutMs: 2000});
		await tracked.cloud.databases.describeDbInstances();
		await expect(settling).resolves.toMatchObject({calls: 3, inflight: 0});
		await expect(tracked.settled({since: 10, quietMs: 20, timeoutMs: 50})).rejects.toThrow(/did not settle within 50 ms/);
	});
});

describe('the control channel', () => {
	it('carries requests and answers, and names an unknown op', async () => {
		const server = await listenForApp();
		try {
			const client = await answerBench(server.path, {add: args => Number(args.a) + Number(args.b), boom: () => Promise.reject(new Error('no way'))});
			await server.connected(2000);
			expect(await server.call('add', {a: 2, b: 3})).toBe(5);
			await expect(server.call('boom')).rejects.toThrow('no way');
			await expect(server.call('nope')).rejects.toThrow(/unknown control op "nope" \(known: add, boom\)/);
			// Its own time in the app is counted, to be left out of the app's CPU per update.
			expect(client.channelMicros()).toBeGreaterThan(0);
			client.socket.destroy();
		} finally {
			server.close();
		}
	});
});
