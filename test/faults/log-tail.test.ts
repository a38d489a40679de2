import {CloudWatchLogsClient, CreateLogGroupCommand, CreateLogStreamCommand, PutLogEventsCommand} from '@aws-sdk/client-cloudwatch-logs';
import {afterAll, beforeAll, expect, it} from 'vitest';
import {createAwsCloud} from '../../source/aws/index.js';
import {LogStore} from '../../source/logs/log-store.js';
import {createLogTailer, type LogTailer, type LogTailerState} from '../../source/logs/tailer.js';
import {isCloudError} from '../../source/port/errors.js';
import type {Cloud, LogEvent} from '../../source/port/types.js';
import {startFaultProxy, type Fault, type FaultKind, type FaultProxy} from '../helpers/fault-proxy.js';
import {describeWithMoto, motoCredentials, motoRegion, startMoto, type MotoServer} from '../helpers/moto.js';
import {pause, until} from './wait.js';

// The log tail across faults: lines are appended to a moto log group the whole time (straight to
// moto, so writing never fails), while createLogTailer reads through the proxy and meets
// throttling, 429, 500, 503, resets, slow answers and the endpoint going away and coming back.
// At the end every marker written was delivered exactly once: no gap, no duplicate.

const group = '/aws/acso/faults/agents';
const stream = 'acso/supervisor-agent/fault-run';
const maxLines = 5000; // the writer's hard bound, whatever happens to the phases
const maxWriteMs = 60_000;
/**
 * Shorter than the run, so a poll re-reading its overlap cannot hide a lost window; far longer than
 * a PutLogEvents takes to land in moto, so no line is legitimately late.
 */
const overlapMs = 2000;

type Phase = {name: string; fault: Fault; hits: number};

// Aimed at FilterLogEvents: StartLiveTail (which moto lacks) is asked once at the start only.
const on = {operations: ['FilterLogEvents']};
const phases: Phase[] = [
	{name: 'throttled (HTTP 400)', fault: {kind: 'throttle', ...on}, hits: 3},
	{name: 'throttled (HTTP 429)', fault: {kind: 'too-many-requests', ...on}, hits: 2},
	{name: 'internal error (HTTP 500)', fault: {kind: 'internal-error', ...on}, hits: 2},
	{name: 'unavailable (HTTP 503)', fault: {kind: 'unavailable', ...on}, hits: 2},
	{name: 'connection reset', fault: {kind: 'reset', ...on}, hits: 2},
	{name: 'slow answers', fault: {kind: 'slow', delayMs: 300, ...on}, hits: 2},
	{name: 'every other request reset', fault: {kind: 'reset', every: 2, times: 3, ...on}, hits: 3},
];

describeWithMoto('the log tail across faults', () => {
	let moto: MotoServer;
	let proxy: FaultProxy;
	let writer: CloudWatchLogsClient;

	beforeAll(async () => {
		moto = await startMoto();
		proxy = await startFaultProxy(moto.endpoint);
		writer = new CloudWatchLogsClient({region: motoRegion, endpoint: moto.endpoint, credentials: motoCredentials, maxAttempts: 3});
		// aws logs create-log-group --log-group-name GROUP
		await writer.send(new CreateLogGroupCommand({logGroupName: group}));
		// aws logs create-log-stream --log-group-name GROUP --log-stream-name STREAM
		await writer.send(new CreateLogStreamCommand({logGroupName: group, logStreamName: stream}));
	});

	afterAll(async () => {
		writer?.destroy();
		await proxy?.stop();
		await moto?.stop();
	});

	it('delivers every line written exactly once through throttling, 5xx, resets, slowness and an outage', async () => {
		const start = Date.now();
		const written: string[] = [];
		let writing = true;
		let writeError: unknown;

		// Appends two marked lines at a time until told to stop, or the bounds are reached.
		const write = (async () => {
			try {
				while (writing && written.length < maxLines && Date.now() - start < maxWriteMs) {
					const markers = [written.length + 1, written.length + 2].map(n => `fault-marker-${String(n).padStart(5, '0')}`);
					const now = Date.now();
					// aws logs put-log-events --log-group-name GROUP --log-stream-name STREAM --log-events ...
					await writer.send(
						new PutLogEventsCommand({
							logGroupName: group,
							logStreamName: stream,
							logEvents: markers.map(marker => ({timestamp: now, message: `INFO [supervisor] ${marker} processed`})),
						}),
					);
					written.push(...markers);
					await pause(15);
				}
			} catch (error) {
				writeError = error;
			}
		})();

		const cloud: Cloud = createAwsCloud({region: motoRegion, endpointUrl: proxy.endpoint, credentials: motoCredentials, isWriteEnabled: () => false, maxAttempts: 1});
		const deliveries: LogEvent[] = [];
		const store = new LogStore(maxLines * 2);
		const states: LogTailerState[] = [];
		let state: LogTailerState = {mode: 'polling', stale: false};
		const tailer: LogTailer = createLogTailer(cloud.logs, {
			logGroups: [group],
			now: Date.now,
			pollIntervalMs: 150,
			overlapMs,
			startTime: start - 1000,
			maxBackoffMs: 1000,
			onEvents: events => {
				deliveries.push(...events);
				store.add(events);
			},
			onState: next => {
				state = next;
				states.push(next);
			},
		});

		/** A poll that succeeded after `since`. */
		const pollOkSince = (since: number) => !state.stale && (state.lastOkAt ?? 0) >= since;

		try {
			tailer.start();
			await until('the first successful poll', () => pollOkSince(start), 15_000);

			for (const phase of phases) {
				const before = proxy.injected[phase.fault.kind];
				proxy.setFault(phase.fault);
				await until(`${phase.hits} × ${phase.name}`, () => proxy.injected[phase.fault.kind] - before >= phase.hits, 20_000);
				proxy.setFault(undefined);
				const cleared = Date.now();
				await until(`a successful poll after ${phase.name}`, () => pollOkSince(cleared), 20_000);
			}

			// The endpoint goes away for longer than the overlap window (so re-reading the overlap
			// alone could not hide lines a failed poll skipped), then comes back on the same port.
			const awayAt = Date.now();
			const failedStates = states.length;
			await proxy.goAway();
			const networkFailures = () => states.slice(failedStates).filter(s => isCloudError(s.error) && s.error.kind === 'network').length;
			await until('three failed polls while away, longer than the overlap', () => networkFailures() >= 3 && Date.now() - awayAt > overlapMs + 500, 20_000);
			await proxy.comeBack();
			const back = Date.now();
			await until('a successful poll after coming back', () => pollOkSince(back), 20_000);

			writing = false;
			await write;
			expect(writeError).toBeUndefined();
			const want = new Set(written);
			const deliveredMarkers = () => deliveries.map(e => /fault-marker-\d+/.exec(e.message)?.[0] ?? `?${e.message}`);
			// Bounded; should lines be missing, the figures below say how many rather than a timeout.
			await until('every written line to be delivered', () => deliveredMarkers().filter(m => want.has(m)).length >= want.size, 10_000).catch(() => undefined);
			// Two more polls, so a duplicate re-read through the overlap would have arrived.
			for (let i = 0; i < 2; i++) {
				const mark = Date.now();
				await until('another successful poll', () => pollOkSince(mark), 10_000);
			}
			tailer.stop();

			const markers = deliveredMarkers();
			const unique = new Set(markers);
			const figures = {
				faultsInjected: Object.fromEntries(Object.entries(proxy.injected).filter(([, n]) => n > 0)) as Partial<Record<FaultKind | 'gone', number>>,
				linesWritten: written.length,
				linesDelivered: markers.length,
				lost: written.filter(m => !unique.has(m)).length,
				duplicated: markers.length - unique.size,
				unexpected: [...unique].filter(m => !want.has(m)).length,
			};
			console.info(`log tail across faults: ${JSON.stringify(figures)}`);

			expect(figures.linesWritten).toBeGreaterThan(50);
			expect({lost: figures.lost, duplicated: figures.duplicated, unexpected: figures.unexpected}).toEqual({lost: 0, duplicated: 0, unexpected: 0});
			expect(figures.linesDelivered).toBe(figures.linesWritten);
			// Each phase's fault was really injected, and the tail was really failing in between.
			for (const kind of ['throttle', 'too-many-requests', 'internal-error', 'unavailable', 'reset', 'slow', 'gone'] as const) expect(figures.faultsInjected[kind]).toBeGreaterThan(0);
			const kindsSeen = new Set(states.map(s => (isCloudError(s.error) ? s.error.kind : undefined)).filter(Boolean));
			expect([...kindsSeen].sort()).toEqual(['network', 'throttled', 'unknown']);
			// What the logs screen holds: each line once, in time order.
			const held = store.buffer.toArray().map(line => /fault-marker-\d+/.exec(line.event.message)?.[0]);
			expect(held).toHaveLength(written.length);
			expect(new Set(held).size).toBe(written.length);
		} finally {
			writing = false;
			tailer.stop();
			proxy.setFault(undefined);
			if (proxy.away) await proxy.comeBack();
			await write;
			cloud.reset();
		}
	}, 90_000);
});
