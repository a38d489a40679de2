import {describe, expect, it} from 'vitest';
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
