import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest';
import {CloudError} from '../../source/port/errors.js';
import {createRecovery, outageOf, type RecoveryWaiter} from '../../source/port/recovery.js';

beforeEach(() => {
	vi.useFakeTimers({toFake: ['setTimeout', 'clearTimeout', 'Date']});
	vi.setSystemTime(1_700_000_000_000);
});

afterEach(() => {
	vi.useRealTimers();
});

function waiter(name: string, woken: string[], intervalMs = 5000, unreachable = true): RecoveryWaiter {
	return {wake: () => woken.push(name), intervalMs, unreachable};
}

describe('recovery after an outage', () => {
	it('counts a refused or timed-out endpoint and a 5xx as an outage, not throttling, denial or not found', () => {
		expect(outageOf(new CloudError('network', 'connect ECONNREFUSED 127.0.0.1:4566', {code: 'ECONNREFUSED'}))).toBe(true);
		expect(outageOf(new CloudError('unknown', 'ServiceUnavailable'))).toBe(true);
		for (const kind of ['throttled', 'not-found', 'denied', 'credentials'] as const) expect(outageOf(new CloudError(kind, kind))).toBe(false);
		expect(outageOf(new Error('a bug'))).toBe(false);
	});

	it('probes one waiting panel every two intervals, round the panels, longest waiting first', async () => {
		const recovery = createRecovery();
		const woken: string[] = [];
		const names = ['services', 'metrics', 'alarms', 'db'];
		const rewait = (name: string) => recovery.wait({...waiter(name, woken), wake: () => {
			woken.push(name);
			// Its probe failed too: it waits again, at the end of the queue.
			rewait(name);
		}});
		for (const name of names) rewait(name);
		await vi.advanceTimersByTimeAsync(9999);
		expect(woken).toEqual([]);
		await vi.advanceTimersByTimeAsync(1);
		expect(woken).toEqual(['services']);
		await vi.advanceTimersByTimeAsync(60_000 - 10_000);
		// One request every 10 s in all, instead of four every 5 s.
		expect(woken).toEqual(['services', 'metrics', 'alarms', 'db', 'services', 'metrics']);
		expect(recovery.waiting).toBe(4);
	});

	it('wakes every waiting panel when one gets an answer, once per outage', () => {
		const recovery = createRecovery();
		const woken: string[] = [];
		recovery.wait(waiter('services', woken));
		recovery.wait(waiter('db', woken, 5000, false)); // not found: waits, never probes
		recovery.wait(waiter('alarms', woken));
		recovery.answered();
		expect(woken.sort()).toEqual(['alarms', 'db', 'services']);
		expect(recovery.waiting).toBe(0);
		// A second panel answering in the same recovery wakes nobody again.
		recovery.wait(waiter('db', woken, 5000, false));
		recovery.answered();
		expect(woken).toHaveLength(3);
	});

	it('does not probe for panels that only failed otherwise (not found, denied), nor after the wait stopped', async () => {
		const recovery = createRecovery();
		const woken: string[] = [];
		recovery.wait(waiter('db', woken, 5000, false));
		await vi.advanceTimersByTimeAsync(120_000);
		expect(woken).toEqual([]);
		const stop = recovery.wait(waiter('services', woken));
		stop(); // its own timer fired first, or it unmounted
		await vi.advanceTimersByTimeAsync(120_000);
		expect(woken).toEqual([]);
	});

	it('probes at twice the shortest interval of the panels that can probe', async () => {
		const recovery = createRecovery();
		const woken: string[] = [];
		recovery.wait(waiter('errors', woken, 15_000));
		recovery.wait(waiter('tail', woken, 2000));
		await vi.advanceTimersByTimeAsync(3999);
		expect(woken).toEqual([]);
		await vi.advanceTimersByTimeAsync(1);
		expect(woken).toEqual(['errors']); // the longest waiting probes, on the shortest clock
	});
});

describe('the log tail in the shared recovery', () => {
	it('waits for the probes while the endpoint is away, and its own answer wakes the other panels', async () => {
		const {FakeLogs} = await import('../logs/fake-log-reader.js');
		const {createLogTailer} = await import('../../source/logs/tailer.js');
		const logs = new FakeLogs();
		logs.add('/g', 'a', Date.now() - 1000);
		const recovery = createRecovery();
		const states: boolean[] = [];
		const tailer = createLogTailer(logs.reader, {logGroups: ['/g'], now: () => Date.now(), pollIntervalMs: 2000, liveTail: false, recovery, onEvents: () => {}, onState: s => states.push(s.stale)});
		const refused = () => new CloudError('network', 'connect ECONNREFUSED', {code: 'ECONNREFUSED'});
		logs.failures.push(undefined, ...Array.from({length: 100}, refused));
		tailer.start();
		await vi.advanceTimersByTimeAsync(2000); // the first poll answered; the second is refused
		expect(states.at(-1)).toBe(true);
		const woken: string[] = [];
		recovery.wait(waiter('db', woken)); // another panel, refused too
		const calls = logs.calls.length;
		await vi.advanceTimersByTimeAsync(30_000);
		// One probe every 4 s in all (two intervals), the database panel taking one of them: about
		// half the tail's 15 polls in that time, shared with every other panel waiting.
		expect(logs.calls.length - calls).toBeLessThanOrEqual(7);
		expect(woken.length).toBeGreaterThan(0);
		recovery.wait(waiter('db', woken));
		const before = woken.length;
		logs.failures.length = 0; // the endpoint is back
		await vi.advanceTimersByTimeAsync(8000); // the tail's turn comes, the endpoint answers it
		expect(states.at(-1)).toBe(false);
		expect(woken.length).toBe(before + 1); // ... and the database panel is woken at once
		tailer.stop();
	});
});
