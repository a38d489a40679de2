import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest';
import {createLogTailer, defaultLateWindowMs, defaultSweepEveryMs, type LogTailerOptions} from '../../source/logs/tailer.js';
import type {LogEvent} from '../../source/port/types.js';
import {FakeLogs} from './fake-log-reader.js';

// Issue 11: a line CloudWatch receives up to 5 minutes after its timestamp is still shown, once.
// FilterLogEvents selects by timestamp, so only a read that reaches back over the timestamp finds
// such a line: the tailer's late sweep, every 30 s, from 5 minutes before the previous sweep.

const T0 = 1_700_000_000_000;
const G = '/ecs/ledger-live/reconciler';
const second = 1000;
const minute = 60 * second;

async function settle(): Promise<void> {
	for (let i = 0; i < 10; i++) await new Promise<void>(resolve => setImmediate(resolve));
}

beforeEach(() => {
	vi.useFakeTimers({toFake: ['setTimeout', 'clearTimeout', 'Date']});
	vi.setSystemTime(T0);
});

afterEach(() => {
	vi.useRealTimers();
});

/** A tailer on FakeLogs as the app runs it (5 s polls, the default overlap, window and sweep). */
function tail(logs: FakeLogs, options: Partial<LogTailerOptions> = {}) {
	const delivered: LogEvent[] = [];
	const tailer = createLogTailer(logs.reader, {
		logGroups: [G],
		now: () => Date.now(),
		startTime: T0 - 10 * minute,
		pollIntervalMs: 5 * second,
		liveTail: false,
		random: () => 0.5,
		onEvents: events => delivered.push(...events),
		onState: () => {},
		...options,
	});
	const count = (id: string) => delivered.filter(e => e.eventId === id).length;
	const repeated = () => delivered.length - new Set(delivered.map(e => e.eventId)).size;
	return {tailer, delivered, count, repeated};
}

/** Lets `ms` pass one second at a time, with `perSecond` on-time lines arriving every second. */
async function run(logs: FakeLogs, ms: number, perSecond = 1): Promise<void> {
	for (let t = 0; t < ms; t += second) {
		for (let i = 0; i < perSecond; i++) logs.add(G, `on-${Date.now()}-${i}`, Date.now());
		await vi.advanceTimersByTimeAsync(second);
		await settle();
	}
}

describe('log tailer: late lines', () => {
	it('shows lines that arrive 60 s and 4 min after their timestamp, once each, within a sweep', async () => {
		const logs = new FakeLogs();
		logs.pageSize = 10_000;
		const h = tail(logs);
		h.tailer.start();
		await run(logs, 45 * second);

		// A buffered agent ships a minute late, a slow shipper four minutes late.
		logs.add(G, 'late-60s', Date.now() - 60 * second, 'ERROR [reconciler] ledger mismatch');
		logs.add(G, 'late-4m', Date.now() - 4 * minute, 'ERROR [reconciler] batch failed');
		// The short overlap (10 s) cannot see them: they wait for the next sweep.
		await run(logs, 10 * second);
		expect([h.count('late-60s'), h.count('late-4m')]).toEqual([0, 0]);
		await run(logs, defaultSweepEveryMs - 10 * second + 5 * second);
		expect([h.count('late-60s'), h.count('late-4m')]).toEqual([1, 1]);

		// Twenty more sweeps re-read them: still once each, and no other line repeated either.
		await run(logs, 10 * minute);
		expect([h.count('late-60s'), h.count('late-4m')]).toEqual([1, 1]);
		expect(h.repeated()).toBe(0);
		h.tailer.stop();
	});

	it('reaches exactly the late window back: 4 min 59 s late is shown, 5 min 40 s late is not', async () => {
		// Either figure fails if the window changes: shrunk, the first line is lost; stretched, or
		// read from the history start every time, the second appears.
		const logs = new FakeLogs();
		logs.pageSize = 10_000;
		const h = tail(logs);
		h.tailer.start();
		await run(logs, 60 * second); // sweeps at T0, T0 + 30 s and T0 + 60 s have read the group
		const sweptAt = T0 + 60 * second;
		expect(logs.calls.some(c => c.startTime === sweptAt - 30 * second - defaultLateWindowMs)).toBe(true);

		// Arriving just after that sweep: the next one (at T0 + 90 s) reads from sweptAt - 5 min.
		logs.add(G, 'late-4m59s', Date.now() - (5 * minute - 1 * second));
		logs.add(G, 'late-5m40s', Date.now() - (5 * minute + 40 * second));
		await run(logs, 10 * minute);
		expect(h.count('late-4m59s')).toBe(1);
		expect(h.count('late-5m40s')).toBe(0);
		expect(h.repeated()).toBe(0);
		h.tailer.stop();
	});

	it('sweeps once every 30 s; the other polls re-read only the short overlap', async () => {
		const logs = new FakeLogs();
		logs.pageSize = 10_000;
		const h = tail(logs);
		h.tailer.start();
		await run(logs, 2 * minute);
		const calls = logs.calls.slice(1); // after the first read of the history
		// Each call's reach back, from the moment it was sent (polls go every 5 s from T0).
		const reach = calls.map((c, i) => T0 + (i + 1) * 5 * second - c.startTime);
		const wide = reach.filter(ms => ms > 20 * second);
		expect(wide.length).toBe(Math.floor((2 * minute) / defaultSweepEveryMs));
		// From 5 minutes before the previous sweep, 30 s ago.
		for (const ms of wide) expect(ms).toBe(defaultSweepEveryMs + defaultLateWindowMs);
		// The others from the overlap (10 s) before what was read already: at most a poll ago.
		for (const ms of reach.filter(ms => ms <= 20 * second)) expect(ms).toBeLessThanOrEqual(10 * second + 5 * second);
		h.tailer.stop();
	});

	it('in a flood past the id cap, narrows the window instead of showing a line twice', async () => {
		const logs = new FakeLogs();
		logs.pageSize = 10_000;
		// 20 lines a second: 5 min 30 s of them is 6,600 ids, far past a cap of 500.
		const h = tail(logs, {maxRecentIds: 500});
		h.tailer.start();
		await run(logs, 2 * minute, 20);
		logs.add(G, 'late-5s', Date.now() - 5 * second); // inside what the ids still cover
		await run(logs, 2 * minute, 20);
		expect(h.repeated()).toBe(0);
		expect(h.count('late-5s')).toBe(1);
		// Every on-time line was shown.
		const onTime = [...logs.store.get(G)!].filter(e => e.eventId.startsWith('on-') && e.timestamp < Date.now() - 10 * second);
		expect(onTime.every(e => h.count(e.eventId) === 1)).toBe(true);
		h.tailer.stop();
	});
});

describe('log tailer: what the late window costs', () => {
	/** Ten minutes at `perSecond` lines a second, 5 s polls: requests and events read, per poll. */
	async function measure(perSecond: number, options: Partial<LogTailerOptions>) {
		const logs = new FakeLogs();
		logs.pageSize = 10_000; // FilterLogEvents' page: 10,000 events (or 1 MB)
		const h = tail(logs, options);
		h.tailer.start();
		await run(logs, 6 * minute, perSecond); // past the first history read and a full late window
		const [calls, returned, delivered] = [logs.calls.length, logs.returned, h.delivered.length];
		await run(logs, 10 * minute, perSecond);
		const polls = (10 * minute) / (5 * second);
		expect(h.repeated()).toBe(0);
		return {requests: (logs.calls.length - calls) / polls, reread: (logs.returned - returned - (h.delivered.length - delivered)) / polls};
	}

	it.each([1, 10, 100])('at %i lines a second: the re-read events and extra requests per poll, against no overlap at all', async perSecond => {
		const none = await measure(perSecond, {overlapMs: 0, lateWindowMs: 0, sweepEveryMs: Number.MAX_SAFE_INTEGER});
		const late = await measure(perSecond, {});
		// Per poll: the 10 s overlap (10 s of lines), and one poll in six reads 5 min 30 s back.
		const sweepsPerPoll = (5 * second) / defaultSweepEveryMs;
		const expected = perSecond * ((10 * second) / second) * (1 - sweepsPerPoll) + perSecond * ((defaultLateWindowMs + defaultSweepEveryMs) / second - 5) * sweepsPerPoll;
		expect(late.reread).toBeGreaterThan(expected * 0.85);
		expect(late.reread).toBeLessThan(expected * 1.15);
		// A sweep is the same request from an earlier start: more requests only past a 10,000-event page.
		const sweepPages = Math.ceil((perSecond * (defaultLateWindowMs + defaultSweepEveryMs)) / second / 10_000);
		expect(late.requests - none.requests).toBeCloseTo((sweepPages - 1) * sweepsPerPoll, 1);
	});
});
