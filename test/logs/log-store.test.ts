import {describe, expect, it, vi} from 'vitest';
import {LogStore} from '../../source/logs/log-store.js';
import type {LogEvent} from '../../source/port/types.js';

const event = (id: string, timestamp: number, message = `line ${id}`): LogEvent => ({eventId: id, timestamp, logGroup: '/g', logStream: 's', message});

describe('LogStore', () => {
	it('drops events it already holds, as a restarted tail re-reads its overlap', () => {
		const store = new LogStore(100);
		expect(store.add([event('a', 1), event('b', 2)])).toBe(2);
		expect(store.add([event('b', 2), event('c', 3)])).toBe(1);
		expect(store.buffer.toArray().map(l => l.event.eventId)).toEqual(['a', 'b', 'c']);
	});

	it('places a late event by its timestamp', () => {
		const store = new LogStore(100);
		store.add([event('a', 10), event('c', 30)]);
		store.add([event('b', 20)]);
		expect(store.buffer.toArray().map(l => l.event.eventId)).toEqual(['a', 'b', 'c']);
	});

	it('stays at its bound through 100,000 lines and keeps the newest', () => {
		const store = new LogStore(10_000);
		for (let batch = 0; batch < 100; batch++) {
			store.add(Array.from({length: 1000}, (_, i) => event(`e${batch * 1000 + i}`, batch * 1000 + i)));
		}
		expect(store.buffer.size).toBe(10_000);
		expect(store.buffer.at(-1)?.event.eventId).toBe('e99999');
		expect(store.buffer.at(0)?.event.eventId).toBe('e90000');
	});

	it('records each line severity once, on arrival', () => {
		const store = new LogStore(10);
		store.add([event('a', 1, '2026-11-28T12:00:00Z FATAL [supervisor] out of memory'), event('b', 2, '{"level":"WARN","msg":"slow"}')]);
		expect(store.buffer.toArray().map(l => l.severity)).toEqual(['FATAL', 'WARN']);
	});
});

describe('LogStore views', () => {
	it('keeps the lines of the view it shows, and starts empty for another', () => {
		const store = new LogStore(100);
		store.showing('/g|?ERROR ?FATAL|15m');
		store.add([event('a', 1)]);
		store.showing('/g|?ERROR ?FATAL|15m');
		expect(store.buffer.size).toBe(1);
		store.showing('/g|timeout|15m');
		expect(store.buffer.size).toBe(0);
		// A line seen under the old view is not remembered as a duplicate in the new one.
		expect(store.add([event('a', 1)])).toBe(1);
	});
});

describe('LogStore late lines', () => {
	const ids = (store: LogStore) => store.buffer.toArray().map(l => l.event.eventId);

	it('lays a late line in by its timestamp however far back, marks it, and only it', () => {
		const store = new LogStore(10_000);
		// A flood: 8,000 lines in 5 minutes, then one stamped 4 minutes back, 6,400 lines up.
		store.add(Array.from({length: 8000}, (_, i) => event(`e${i}`, i * 37)));
		store.add([event('late', 1600 * 37 + 5), event('now', 8000 * 37)]);
		const lines = store.buffer.toArray();
		expect(lines.findIndex(l => l.event.eventId === 'late')).toBe(1601);
		expect(lines.filter(l => l.late).map(l => l.event.eventId)).toEqual(['late']);
		expect(lines.at(-1)?.event.eventId).toBe('now');
		expect(lines.every((l, i) => i === 0 || lines[i - 1]!.event.timestamp <= l.event.timestamp)).toBe(true);
	});

	it('puts a late line after the lines of its own millisecond, and drops it once known', () => {
		const store = new LogStore(100);
		store.add([event('a', 10), event('b', 20), event('c', 30)]);
		expect(store.add([event('b2', 20), event('a', 10)])).toBe(1);
		expect(ids(store)).toEqual(['a', 'b', 'b2', 'c']);
		expect(store.buffer.at(2)?.late).toBe(true);
		expect(store.add([event('b2', 20)])).toBe(0);
	});

	it('in a full buffer, a late line older than every line falls off as the oldest would', () => {
		const store = new LogStore(3);
		store.add([event('a', 10), event('b', 20), event('c', 30)]);
		store.add([event('old', 5)]);
		expect(ids(store)).toEqual(['a', 'b', 'c']);
		store.add([event('mid', 15)]);
		expect(ids(store)).toEqual(['mid', 'b', 'c']);
	});

	it('moves only the lines after the late one, in place (bounded by the buffer, not the log)', () => {
		const store = new LogStore(10_000);
		store.add(Array.from({length: 10_000}, (_, i) => event(`e${i}`, i)));
		// LogLines.move copies one line from slot to slot: the count is the work of the insert.
		const move = vi.spyOn(store.buffer as unknown as {move(from: number, to: number): void}, 'move');
		store.add([event('late', 9990.5)]);
		expect(move).toHaveBeenCalledTimes(9); // e9991..e9999 move up; the oldest falls off for room
		expect(store.buffer.at(9990)?.event.eventId).toBe('late');
		expect(store.buffer.at(0)?.event.eventId).toBe('e1');
		expect(store.buffer.dropped).toBe(1);
	});
});
