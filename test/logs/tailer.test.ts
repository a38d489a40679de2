import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest';
import {FilterPatternError} from '../../source/logs/filter-pattern.js';
import {createLogTailer, type LogTailerOptions, type LogTailerState} from '../../source/logs/tailer.js';
import {CloudError} from '../../source/port/errors.js';
import type {LogEvent, LogReader} from '../../source/port/types.js';
import {FakeLiveTail, FakeLogs} from './fake-log-reader.js';

const T0 = 1_700_000_000_000;
const G = '/aws/acso/test/agents';

// Only setTimeout and Date are faked: setImmediate stays real, to let promise chains finish.
async function settle(): Promise<void> {
	for (let i = 0; i < 10; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

async function advance(ms: number): Promise<void> {
	await vi.advanceTimersByTimeAsync(ms);
	await settle();
}

function harness(reader: LogReader, options: Partial<LogTailerOptions> = {}) {
	const batches: LogEvent[][] = [];
	const states: LogTailerState[] = [];
	const delays: number[] = [];
	const tailer = createLogTailer(reader, {
		logGroups: [G],
		now: () => Date.now(),
		startTime: T0 - 60_000,
		random: () => 0.5,
		onEvents: (events) => batches.push(events),
		onState: (state) => states.push(state),
		timers: {
			setTimeout: (fn, ms) => {
				delays.push(ms);
				return setTimeout(fn, ms);
			},
			clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
		},
		...options,
	});
	const ids = () => batches.flat().map((e) => e.eventId);
	const lastState = () => states[states.length - 1];
	return {tailer, batches, states, delays, ids, lastState};
}

beforeEach(() => {
	vi.useFakeTimers({toFake: ['setTimeout', 'clearTimeout', 'Date']});
	vi.setSystemTime(T0);
});

afterEach(() => {
	vi.useRealTimers();
});

describe('log tailer: polling', () => {
	it('pages to the end of nextToken, through empty pages, and delivers in timestamp order', async () => {
		const logs = new FakeLogs();
		logs.emptyPagesBetween = 2;
		for (const [id, ts] of [['e3', 30], ['e1', 10], ['e5', 50], ['e2', 20], ['e4', 40]] as const) logs.add(G, id, T0 - 1000 + ts);
		const h = harness(logs.reader, {liveTail: false});
		h.tailer.start();
		await settle();
		expect(h.ids()).toEqual(['e1', 'e2', 'e3', 'e4', 'e5']);
		expect(h.batches).toHaveLength(1);
		// 3 data pages of 2 + 2 empty pages before each of the last two
		expect(logs.calls).toHaveLength(7);
		expect(logs.calls.every((c) => c.logStreamNames === undefined)).toBe(true); // whole group, never "the latest stream"
		expect(h.lastState()).toMatchObject({mode: 'polling', stale: false, lastOkAt: T0});
		h.tailer.stop();
	});

	it('re-reads the overlap window, delivers late events and drops duplicates by eventId', async () => {
		const logs = new FakeLogs();
		logs.add(G, 'a', T0 - 5000);
		logs.add(G, 'b', T0 - 1000);
		const h = harness(logs.reader, {liveTail: false, overlapMs: 10_000, pollIntervalMs: 2000});
		h.tailer.start();
		await settle();
		expect(h.ids()).toEqual(['a', 'b']);

		// A late event: stamped before `b`, but ingested after the first poll.
		logs.add(G, 'late', T0 - 3000);
		logs.add(G, 'c', T0 + 1500);
		await advance(2000);
		expect(logs.calls[logs.calls.length - 1]!.startTime).toBe(T0 - 10_000); // min(newest, now) - overlap, not past the history start
		expect(h.ids()).toEqual(['a', 'b', 'late', 'c']);
		expect(h.batches[1]!.map((e) => e.eventId)).toEqual(['late', 'c']);

		// Nothing new: no empty batch, no repeats.
		await advance(2000);
		await advance(2000);
		expect(h.ids()).toEqual(['a', 'b', 'late', 'c']);
		expect(h.batches).toHaveLength(2);
		h.tailer.stop();
	});

	it('moves the window forward on a quiet group and never re-delivers, even from a backend that ignores startTime', async () => {
		const logs = new FakeLogs();
		logs.ignoreStartTime = true;
		logs.add(G, 'old', T0 - 30_000);
		const h = harness(logs.reader, {liveTail: false, overlapMs: 5000, pollIntervalMs: 2000});
		h.tailer.start();
		await settle();
		for (let i = 0; i < 20; i++) await advance(2000); // 40 s: `old` left the window long ago
		logs.add(G, 'new', Date.now() - 100);
		await advance(2000);
		expect(h.ids()).toEqual(['old', 'new']);
		// The quiet group's window followed the clock instead of staying at the history start.
		expect(logs.calls[logs.calls.length - 1]!.startTime).toBeGreaterThan(T0 + 30_000);
		h.tailer.stop();
	});

	it('drops what a backend ignoring startTime returns from before it: ids the cap forgot stay delivered once', async () => {
		const logs = new FakeLogs();
		logs.ignoreStartTime = true;
		for (const [id, ago] of [['e1', 3000], ['e2', 2000], ['e3', 1000]] as const) logs.add(G, id, T0 - ago);
		// A cap of two forgets e1 as e3 arrives: the next read starts after it, and e1 comes back anyway.
		const h = harness(logs.reader, {liveTail: false, maxRecentIds: 2, pollIntervalMs: 2000});
		h.tailer.start();
		await settle();
		for (let i = 0; i < 3; i++) await advance(2000);
		expect(logs.calls.length).toBeGreaterThan(2);
		expect(h.ids()).toEqual(['e1', 'e2', 'e3']);
		h.tailer.stop();
	});

	it('never starts a poll while one is in flight', async () => {
		const logs = new FakeLogs();
		logs.add(G, 'a', T0 - 100);
		let open!: () => void;
		logs.gate = new Promise<void>((resolve) => (open = resolve));
		const h = harness(logs.reader, {liveTail: false, pollIntervalMs: 1000});
		h.tailer.start();
		await advance(10_000);
		expect(logs.calls).toHaveLength(1);
		h.tailer.setPattern('a'); // asks for a re-read while the first is still open
		await advance(10_000);
		expect(logs.calls).toHaveLength(1);
		logs.gate = undefined;
		open();
		await settle();
		expect(logs.maxInFlight).toBe(1);
		expect(logs.calls).toHaveLength(2); // the re-read, right after
		expect(logs.calls[1]!.pattern).toBe('a');
		expect(h.ids()).toEqual(['a']); // the first poll's result was for the old pattern: dropped
		h.tailer.stop();
	});

	it('pollNow (the r key) polls at once, and during a poll once more right after it, however often asked', async () => {
		const logs = new FakeLogs();
		logs.add(G, 'a', T0 - 100);
		const h = harness(logs.reader, {liveTail: false, pollIntervalMs: 5000});
		h.tailer.start();
		await settle();
		expect(logs.calls).toHaveLength(1);
		logs.add(G, 'b', T0 + 50);
		h.tailer.pollNow();
		await settle();
		expect(logs.calls).toHaveLength(2); // not waiting for the 5 s interval
		expect(h.ids()).toEqual(['a', 'b']);

		let open!: () => void;
		logs.gate = new Promise<void>((resolve) => (open = resolve));
		h.tailer.pollNow();
		await settle();
		h.tailer.pollNow();
		h.tailer.pollNow();
		await settle();
		expect(logs.calls).toHaveLength(3);
		logs.gate = undefined;
		open();
		await settle();
		expect(logs.calls).toHaveLength(4); // one more, not two
		expect(logs.maxInFlight).toBe(1);
		expect(h.ids()).toEqual(['a', 'b']); // the overlap read again, nothing doubled
		h.tailer.stop();
		h.tailer.pollNow(); // a stopped tail stays stopped
		await advance(10_000);
		expect(logs.calls).toHaveLength(4);
	});

	it('keeps going after errors, backing off up to the cap, then recovers without gaps or duplicates', async () => {
		const logs = new FakeLogs();
		logs.add(G, 'a', T0 - 2000);
		const h = harness(logs.reader, {liveTail: false, pollIntervalMs: 1000, maxBackoffMs: 8000});
		h.tailer.start();
		await settle();
		expect(h.ids()).toEqual(['a']);

		const throttled = new CloudError('throttled', 'Rate exceeded');
		logs.failures.push(throttled, throttled, throttled, throttled, throttled);
		// Events keep arriving while the backend refuses us.
		logs.add(G, 'b', T0 + 500);
		logs.add(G, 'c', T0 + 900);
		await advance(1000);
		expect(h.lastState()).toMatchObject({stale: true, error: throttled, lastOkAt: T0});
		for (let i = 0; i < 4; i++) await advance(8000);
		logs.add(G, 'd', Date.now() - 50);
		await advance(8000);
		expect(h.lastState()).toMatchObject({stale: false, mode: 'polling'});
		expect(h.lastState()!.error).toBeUndefined();
		expect(h.ids()).toEqual(['a', 'b', 'c', 'd']);

		// Delays after each failure grow and stop at the cap (random fixed at 0.5: 3/4 of the ceiling).
		const failureDelays = h.delays.slice(1, 6);
		expect(failureDelays).toEqual([750, 1500, 3000, 6000, 6000]);
		expect(h.delays[6]).toBe(1000); // back to the normal interval
		h.tailer.stop();
	});

	it('discards a group read that failed midway through its pages, then reads it again whole', async () => {
		const logs = new FakeLogs();
		for (let i = 1; i <= 5; i++) logs.add(G, `e${i}`, T0 - 1000 + i);
		logs.failures.push(undefined, new CloudError('network', 'socket hang up'));
		const h = harness(logs.reader, {liveTail: false, pollIntervalMs: 1000});
		h.tailer.start();
		await settle();
		expect(h.ids()).toEqual([]);
		expect(h.lastState()).toMatchObject({stale: true});
		await advance(1000);
		expect(h.ids()).toEqual(['e1', 'e2', 'e3', 'e4', 'e5']);
		h.tailer.stop();
	});

	it('backs off straight to the cap on permanent errors', async () => {
		const logs = new FakeLogs();
		logs.failures.push(new CloudError('denied', 'not allowed', {action: 'logs:FilterLogEvents'}));
		const h = harness(logs.reader, {liveTail: false, pollIntervalMs: 1000, maxBackoffMs: 30_000});
		h.tailer.start();
		await settle();
		expect(h.delays).toEqual([30_000]);
		expect(h.lastState()).toMatchObject({stale: true, retryAt: T0 + 30_000});
		h.tailer.stop();
	});

	it('merges several groups into one timestamp-ordered batch, with eventIds scoped to their group', async () => {
		const logs = new FakeLogs();
		const G2 = '/aws/acso/test/other';
		logs.add(G, 'x', T0 - 300);
		logs.add(G2, 'x', T0 - 200); // same id, other group: a different event
		logs.add(G, 'y', T0 - 100);
		const h = harness(logs.reader, {liveTail: false, logGroups: [G, G2]});
		h.tailer.start();
		await settle();
		expect(h.batches[0]!.map((e) => `${e.logGroup}:${e.eventId}`)).toEqual([`${G}:x`, `${G2}:x`, `${G}:y`]);
		h.tailer.stop();
	});

	it('re-filters locally when the pattern is one a backend may not honour (moto matches everything)', async () => {
		const logs = new FakeLogs(); // ignores the pattern, like moto for ? { [ % -
		logs.add(G, 'e', T0 - 300, 'ERROR db down');
		logs.add(G, 'i', T0 - 200, 'INFO fine');
		logs.add(G, 'f', T0 - 100, 'FATAL oom');
		const h = harness(logs.reader, {liveTail: false, pattern: '?ERROR ?FATAL'});
		h.tailer.start();
		await settle();
		expect(logs.calls[0]!.pattern).toBe('?ERROR ?FATAL');
		expect(h.ids()).toEqual(['e', 'f']);
		h.tailer.stop();
	});

	it('rejects an invalid pattern with its position, and keeps the old one', async () => {
		const logs = new FakeLogs();
		logs.add(G, 'j', T0 - 100, '{"level":"ERROR"}');
		logs.add(G, 'p', T0 - 50, 'plain');
		expect(() => harness(logs.reader, {pattern: '{ $.level = '})).toThrow(FilterPatternError);
		const h = harness(logs.reader, {liveTail: false, pattern: '{ $.level = "ERROR" }'});
		h.tailer.start();
		await settle();
		expect(() => h.tailer.setPattern('{ $.level == "ERROR" }')).toThrow(/'==' is not an operator/);
		await advance(2000);
		expect(h.ids()).toEqual(['j']);
		expect(logs.calls.every((c) => c.pattern === '{ $.level = "ERROR" }')).toBe(true);
		h.tailer.stop();
	});

	it('setPattern re-reads the history with the new pattern', async () => {
		const logs = new FakeLogs();
		logs.add(G, 'e', T0 - 300, 'ERROR one');
		logs.add(G, 'w', T0 - 200, 'WARN two');
		const h = harness(logs.reader, {liveTail: false, pattern: '?ERROR'});
		h.tailer.start();
		await settle();
		expect(h.ids()).toEqual(['e']);
		h.tailer.setPattern('?WARN');
		await settle();
		expect(h.ids()).toEqual(['e', 'w']);
		expect(logs.calls[logs.calls.length - 1]).toMatchObject({pattern: '?WARN', startTime: T0 - 60_000});
		h.tailer.stop();
	});

	it('stop() and setPattern() abort the read in flight; the next generation reads with a fresh signal', async () => {
		const logs = new FakeLogs();
		logs.add(G, 'a', T0 - 100);
		let open!: () => void;
		logs.gate = new Promise<void>((resolve) => (open = resolve));
		const h = harness(logs.reader, {liveTail: false, pollIntervalMs: 1000});
		h.tailer.start();
		await settle();
		expect(logs.signals).toHaveLength(1);
		expect(logs.signals[0]!.aborted).toBe(false);
		h.tailer.setPattern('a');
		expect(logs.signals[0]!.aborted).toBe(true);
		logs.gate = undefined;
		open();
		await settle();
		expect(logs.signals).toHaveLength(2);
		expect(logs.signals[1]!.aborted).toBe(false);
		expect(h.lastState()?.stale).toBe(false);
		logs.gate = new Promise<void>((resolve) => (open = resolve));
		await advance(1000);
		expect(logs.signals).toHaveLength(3);
		h.tailer.stop();
		expect(logs.signals[2]!.aborted).toBe(true);
		open();
		await settle();
	});

	it('stop() silences it; start() carries on from where it was, without gaps or repeats', async () => {
		const logs = new FakeLogs();
		logs.add(G, 'a', T0 - 100);
		const h = harness(logs.reader, {liveTail: false, pollIntervalMs: 1000});
		h.tailer.start();
		await settle();
		h.tailer.stop();
		const calls = logs.calls.length;
		const states = h.states.length;
		logs.add(G, 'b', T0 + 500);
		await advance(5000);
		expect(logs.calls).toHaveLength(calls);
		expect(h.states).toHaveLength(states);
		logs.add(G, 'c', Date.now() - 10);
		h.tailer.start();
		await settle();
		expect(h.ids()).toEqual(['a', 'b', 'c']);
		h.tailer.stop();
	});

	it('names what is wrong with bad options', () => {
		const logs = new FakeLogs();
		expect(() => harness(logs.reader, {logGroups: []})).toThrow(/at least one log group/);
		expect(() => harness(logs.reader, {pollIntervalMs: 0})).toThrow(/pollIntervalMs must be positive/);
	});
});

describe('log tailer: Live Tail', () => {
	it('uses Live Tail when present, reads the history once, and dedupes the two', async () => {
		const logs = new FakeLogs();
		const live = new FakeLiveTail(logs);
		logs.add(G, 'h1', T0 - 5000);
		logs.add(G, 'h2', T0 - 10);
		const h = harness(live.reader, {pattern: 'ERROR'});
		h.tailer.start();
		await settle();
		expect(live.starts).toBe(1);
		expect(live.patterns).toEqual(['ERROR']);
		expect(h.lastState()).toMatchObject({mode: 'live', stale: false});
		const historyCalls = logs.calls.length;
		expect(historyCalls).toBe(1);
		expect(h.ids()).toEqual(['h1', 'h2']);

		// Live Tail repeats h2 (it overlaps the history read) and sends new events.
		const h2 = logs.store.get(G)![1]!;
		live.handlers!.onEvents([h2, {...h2, eventId: 'l1', timestamp: T0 + 1000}], {sampled: false});
		live.handlers!.onEvents([{...h2, eventId: 'l2', timestamp: T0 + 2000}], {sampled: true});
		expect(h.ids()).toEqual(['h1', 'h2', 'l1', 'l2']);
		expect(h.lastState()).toMatchObject({mode: 'live', sampled: true});

		await advance(60_000);
		expect(logs.calls).toHaveLength(historyCalls); // no polling while live
		h.tailer.stop();
		expect(live.closes).toBe(1);
	});

	it('falls back to polling when Live Tail is unsupported', async () => {
		const logs = new FakeLogs();
		const live = new FakeLiveTail(logs);
		live.startWith = new CloudError('unsupported', 'StartLiveTail is not implemented');
		logs.add(G, 'a', T0 - 100);
		const h = harness(live.reader, {pollIntervalMs: 1000});
		h.tailer.start();
		await settle();
		expect(h.lastState()).toMatchObject({mode: 'polling', stale: false});
		logs.add(G, 'b', T0 + 500);
		await advance(1000);
		expect(h.ids()).toEqual(['a', 'b']);
		expect(live.starts).toBe(1);
		h.tailer.stop();
	});

	it('when the session breaks, polls on from the newest event seen: no gap, no repeat', async () => {
		const logs = new FakeLogs();
		const live = new FakeLiveTail(logs);
		logs.add(G, 'h', T0 - 1000);
		const h = harness(live.reader, {pollIntervalMs: 1000, overlapMs: 10_000});
		h.tailer.start();
		await settle();
		const l1 = logs.add(G, 'l1', T0 + 100);
		live.handlers!.onEvents([l1], {sampled: false});
		// Events written while the session dies, one of them late.
		logs.add(G, 'gap1', T0 + 200);
		logs.add(G, 'gap0', T0 + 50);
		live.handlers!.onError(new CloudError('network', 'stream reset'));
		await settle();
		expect(live.closes).toBe(1);
		expect(h.ids()).toEqual(['h', 'l1', 'gap0', 'gap1']);
		expect(h.states.some((s) => s.mode === 'polling' && s.error?.message === 'stream reset')).toBe(true);
		expect(h.lastState()).toMatchObject({mode: 'polling', stale: false});
		logs.add(G, 'p', Date.now());
		await advance(1000);
		expect(h.ids()).toEqual(['h', 'l1', 'gap0', 'gap1', 'p']);
		h.tailer.stop();
	});

	it('retries a failed history read while live, from the original start', async () => {
		const logs = new FakeLogs();
		const live = new FakeLiveTail(logs);
		logs.add(G, 'old', T0 - 50_000);
		logs.failures.push(new CloudError('throttled', 'slow down'));
		const h = harness(live.reader, {pollIntervalMs: 1000, overlapMs: 5000});
		h.tailer.start();
		await settle();
		expect(h.lastState()).toMatchObject({mode: 'live', stale: true});
		// Live events move the newest timestamp far past the history.
		live.handlers!.onEvents([{eventId: 'l', timestamp: T0 + 500, logGroup: G, logStream: 's', message: 'm'}], {sampled: false});
		await advance(1000);
		expect(logs.calls[logs.calls.length - 1]!.startTime).toBe(T0 - 60_000);
		expect(h.ids()).toEqual(['l', 'old']);
		const calls = logs.calls.length;
		await advance(10_000);
		expect(logs.calls).toHaveLength(calls); // history read: no more polling
		h.tailer.stop();
	});

	it('re-filters Live Tail events locally for patterns a backend may not honour', async () => {
		const logs = new FakeLogs();
		const live = new FakeLiveTail(logs);
		const h = harness(live.reader, {pattern: '-healthcheck'});
		h.tailer.start();
		await settle();
		const base = {timestamp: T0 + 10, logGroup: G, logStream: 's'};
		live.handlers!.onEvents(
			[
				{...base, eventId: '1', message: 'GET /healthcheck 200'},
				{...base, eventId: '2', message: 'POST /scan 500'},
			],
			{sampled: false},
		);
		expect(h.ids()).toEqual(['2']);
		h.tailer.stop();
	});

	it('ignores a session that starts after stop(), and closes it', async () => {
		const logs = new FakeLogs();
		const live = new FakeLiveTail(logs);
		const h = harness(live.reader);
		h.tailer.start();
		h.tailer.stop();
		await settle();
		expect(live.closes).toBe(1);
		expect(h.states).toHaveLength(0);
		expect(logs.calls).toHaveLength(0);
	});
});
