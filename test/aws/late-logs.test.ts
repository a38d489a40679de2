import {CloudWatchLogsClient, CreateLogGroupCommand, CreateLogStreamCommand, PutLogEventsCommand} from '@aws-sdk/client-cloudwatch-logs';
import {afterAll, beforeAll, expect, it} from 'vitest';
import {createAwsCloud} from '../../source/aws/index.js';
import {LogStore} from '../../source/logs/log-store.js';
import {createLogTailer} from '../../source/logs/tailer.js';
import type {LogEvent} from '../../source/port/types.js';
import {until} from '../faults/wait.js';
import {describeWithMoto, motoCredentials, motoRegion, startMoto, type MotoServer} from '../helpers/moto.js';

// Issue 11 on the SDK path: a slow shipper's lines, stamped 60 s and 4 min before they reach
// moto_server (PutLogEvents with back-dated timestamps), are shown by the polling tail, once each,
// marked late in the log store. The sweep runs every 2 s here instead of 30 s to keep the test
// short; the late window is the default 5 minutes.

const group = '/ecs/ledger-live/reconciler';
const stream = 'ecs/reconciler/0f3c2a9e1b7d4c55';

describeWithMoto('late log lines on moto_server', () => {
	let moto: MotoServer;
	let writer: CloudWatchLogsClient;

	beforeAll(async () => {
		moto = await startMoto();
		writer = new CloudWatchLogsClient({region: motoRegion, endpoint: moto.endpoint, credentials: motoCredentials, maxAttempts: 3});
		// aws logs create-log-group --log-group-name GROUP
		await writer.send(new CreateLogGroupCommand({logGroupName: group}));
		// aws logs create-log-stream --log-group-name GROUP --log-stream-name STREAM
		await writer.send(new CreateLogStreamCommand({logGroupName: group, logStreamName: stream}));
	}, 60_000);

	afterAll(async () => {
		writer?.destroy();
		await moto?.stop();
	});

	// aws logs put-log-events --log-group-name GROUP --log-stream-name STREAM --log-events timestamp=T,message=M
	const put = (timestamp: number, message: string) => writer.send(new PutLogEventsCommand({logGroupName: group, logStreamName: stream, logEvents: [{timestamp, message}]}));

	it('shows lines stamped 60 s and 4 min in the past, once each, marked late', async () => {
		const cloud = createAwsCloud({region: motoRegion, endpointUrl: moto.endpoint, credentials: motoCredentials, isWriteEnabled: () => false});
		const delivered: LogEvent[] = [];
		const store = new LogStore(1000);
		let requests = 0;
		const tailer = createLogTailer(
			{...cloud.logs, filterLogEvents: (request, options) => (requests++, cloud.logs.filterLogEvents(request, options))},
			{
				logGroups: [group],
				now: Date.now,
				pollIntervalMs: 500,
				sweepEveryMs: 2000,
				liveTail: false,
				onEvents: events => {
					delivered.push(...events);
					store.add(events);
				},
				onState: () => {},
			},
		);
		const count = (text: string) => delivered.filter(e => e.message.includes(text)).length;
		try {
			await put(Date.now(), 'INFO [reconciler] started');
			tailer.start();
			await until('the first line', () => count('started') === 1, 15_000);
			await put(Date.now(), 'INFO [reconciler] on time');
			await until('the on-time line', () => count('on time') === 1, 15_000);

			await put(Date.now() - 60_000, 'ERROR [reconciler] ledger mismatch, shipped 60 s late');
			await put(Date.now() - 4 * 60_000, 'ERROR [reconciler] batch failed, shipped 4 min late');
			await until('both late lines', () => count('60 s late') === 1 && count('4 min late') === 1, 20_000);
			// Several more sweeps re-read both: still once each.
			const sweepsFrom = requests;
			await until('three more sweeps', () => requests >= sweepsFrom + 12, 20_000);
			expect([count('60 s late'), count('4 min late'), count('on time'), count('started')]).toEqual([1, 1, 1, 1]);

			const lines = store.buffer.toArray();
			expect(lines.map(l => l.event.message.split(' ')[2])).toEqual(['batch', 'ledger', 'started', 'on']); // in time order
			expect(lines.filter(l => l.late).map(l => l.event.message)).toEqual([
				'ERROR [reconciler] batch failed, shipped 4 min late',
				'ERROR [reconciler] ledger mismatch, shipped 60 s late',
			]);
		} finally {
			tailer.stop();
			cloud.reset();
		}
	}, 90_000);
});
