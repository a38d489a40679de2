import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest';
import {createLogTailer} from '../../source/logs/tailer.js';
import {CloudError} from '../../source/port/errors.js';
import type {LogEvent} from '../../source/port/types.js';
import {FakeLogs} from './fake-log-reader.js';

const T0 = 1_700_000_000_000;
const G = '/aws/acso/test/agents';

async function settle(): Promise<void> {
	for (let i = 0; i < 50; i++) await new Promise<void>(resolve => setImmediate(resolve));
}

beforeEach(() => {
	vi.useFakeTimers({toFake: ['setTimeout', 'clearTimeout', 'Date']});
	vi.setSystemTime(T0);
});

afterEach(() => {
	vi.useRealTimers();
});

function flood(count: number, pageSize: number) {
	const logs = new FakeLogs();
	logs.pageSize = pageSize;
	for (let i = 0; i < count; i++) logs.add(G, `e${String(i).padStart(6, '0')}`, T0 - 50_000 + i);
	const parts: Array<{events: LogEvent[]; batch: object}> = [];
	const tailer = createLogTailer(logs.reader, {
		logGroups: [G],
		now: () => Date.now(),
		startTime: T0 - 60_000,
		liveTail: false,
		pollIntervalMs: 1000,
		random: () => 0.5,
		onEvents: (events, batch) => parts.push({events, batch}),
		onState: () => {},
	});
	const ids = () => parts.flatMap(part => part.events.map(e => e.eventId));
	return {logs, tailer, parts, ids};
}

describe('log tailer: a poll of many pages', () => {
	it('hands a backlog over a page at a time, in order, under one batch token', async () => {
		const h = flood(35_000, 5000);
		h.tailer.start();
		await settle();
		expect(h.ids()).toHaveLength(35_000);
		// Never the whole poll at once: at most one full page (10,000) waits before it goes.
		expect(h.parts.map(part => part.events.length)).toEqual([10_000, 10_000, 10_000, 5000]);
		expect(new Set(h.parts.map(part => part.batch)).size).toBe(1);
		const all = h.ids();
		expect([...all].sort()).toEqual(all);
		h.tailer.stop();
	});

	it('after a page fails midway, reads again from the unmoved cursor: nothing lost, nothing twice', async () => {
		const h = flood(30_000, 5000);
		// Pages 1-3 answer, page 4 fails: pages 1-2 were handed over, page 3 was waiting.
		h.logs.failures.push(undefined, undefined, undefined, new CloudError('network', 'socket hang up'));
		h.tailer.start();
		await settle();
		expect(h.ids()).toHaveLength(10_000);
		const firstStart = h.logs.calls[0]!.startTime;
		expect(h.logs.calls).toHaveLength(4);
		await vi.advanceTimersByTimeAsync(60_000);
		await settle();
		// The next read starts where the failed one did: the cursor did not move past unread pages.
		expect(h.logs.calls[4]!.startTime).toBe(firstStart);
		expect(h.logs.calls[4]!.nextToken).toBeUndefined();
		const all = h.ids();
		expect(new Set(all).size).toBe(all.length);
		expect(all).toHaveLength(30_000);
		// The second poll's parts are another batch.
		expect(h.parts.at(-1)!.batch).not.toBe(h.parts[0]!.batch);
		h.tailer.stop();
	});
});
