import {describe, expect, it} from 'vitest';
import {LogLines, type ArrivingLine} from '../../source/logs/log-lines.js';
import {LogStore} from '../../source/logs/log-store.js';
import type {LogEvent} from '../../source/port/types.js';

const event = (id: string, timestamp: number, message = `line ${id}`): LogEvent => ({eventId: id, timestamp, logGroup: '/g', logStream: 's', message});
const arriving = (id: string, timestamp: number, message?: string): ArrivingLine => ({event: event(id, timestamp, message), severity: undefined, late: false});
const ids = (lines: LogLines) => lines.toArray().map(l => l.event.eventId);

/** A model of what the lines must be: every line ever added, sorted stably by time, the newest `capacity`. */
function expected(all: Array<{id: string; timestamp: number}>, capacity: number): string[] {
	return all
		.map((line, order) => ({...line, order}))
		.sort((a, b) => a.timestamp - b.timestamp || a.order - b.order)
		.slice(-capacity)
		.map(line => line.id);
}

describe('LogLines', () => {
	it('keeps the lines in timestamp order, the newest at the bound, and counts what fell off', () => {
		const lines = new LogLines(5);
		lines.insert([arriving('a', 1), arriving('b', 2), arriving('c', 3)]);
		lines.insert([arriving('d', 4), arriving('e', 5), arriving('f', 6), arriving('g', 7)]);
		expect(ids(lines)).toEqual(['c', 'd', 'e', 'f', 'g']);
		expect(lines.dropped).toBe(2);
		expect(lines.size).toBe(5);
	});

	it('lays a late line in by its timestamp, after the lines of its millisecond, moving only the lines after it', () => {
		const lines = new LogLines(10);
		lines.insert([arriving('a', 10), arriving('b', 20), arriving('c', 30), arriving('d', 40)]);
		lines.insert([{...arriving('b2', 20), late: true}]);
		expect(ids(lines)).toEqual(['a', 'b', 'b2', 'c', 'd']);
		expect(lines.at(2)?.late).toBe(true);
		expect(lines.at(1)?.late).toBeUndefined();
	});

	it('matches a sorted model through random late and in-order batches, full or not', () => {
		let seed = 7;
		const random = () => {
			seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0;
			return seed / 2 ** 32;
		};
		for (const capacity of [1, 3, 16, 100]) {
			const lines = new LogLines(capacity);
			const all: Array<{id: string; timestamp: number}> = [];
			let n = 0;
			for (let round = 0; round < 200; round++) {
				const size = 1 + Math.floor(random() * (capacity * 1.5));
				const base = round * 10;
				// Some batches reach back (late lines), some go past the buffer's size.
				const batch = Array.from({length: size}, () => ({id: `e${n++}`, timestamp: Math.max(0, base + Math.floor(random() * 40) - 25)}));
				// A batch arrives in timestamp order (the store sorts it), keeping its own order on ties.
				const sorted = batch.map((line, order) => ({...line, order})).sort((a, b) => a.timestamp - b.timestamp || a.order - b.order);
				lines.insert(sorted.map(line => arriving(line.id, line.timestamp)));
				all.push(...sorted);
				expect(ids(lines)).toEqual(expected(all, capacity));
			}
			expect(lines.dropped).toBe(all.length - lines.size);
		}
	});

	it('keeps every message as it came, in any alphabet and at any length, through late inserts and wrap-around', () => {
		const lines = new LogLines(50);
		const messages = new Map<string, string>();
		for (let i = 0; i < 400; i++) {
			const message = i % 37 === 0 ? 'x'.repeat(300_000 + i) : `${'é漢🙂'.repeat(i % 5)} line ${i} ${'z'.repeat(i % 300)}`;
			messages.set(`e${i}`, message);
			// Every fifth line arrives late, stamped among the ones held.
			lines.insert([arriving(`e${i}`, i % 5 === 0 ? i - 3.5 : i, message)]);
		}
		expect(lines.size).toBe(50);
		for (const line of lines.toArray()) expect(line.event.message).toBe(messages.get(line.event.eventId));
		for (let i = 0; i < lines.size; i++) expect(lines.at(i)!.event.message).toBe(messages.get(lines.at(i)!.event.eventId));
	});

	it('copies the messages to fresh chunks when a few lines pin many (lines stamped ahead stay while their chunk-mates leave)', () => {
		const lines = new LogLines(200);
		const arena = () => (lines as unknown as {arena: {held: number; live: number}}).arena;
		const text = 'y'.repeat(1000);
		let n = 0;
		for (let round = 0; round < 100; round++) {
			// One line stamped far ahead per chunk's worth of lines: it outlives every line beside it.
			lines.insert([arriving(`f${round}`, 1e12 + round, text)]);
			for (let i = 0; i < 300; i++, n++) lines.insert([arriving(`e${n}`, n, text)]);
		}
		expect(arena().held).toBeLessThanOrEqual(4 * arena().live + 4 * 256 * 1024);
		expect(lines.toArray().every(line => line.event.message === text)).toBe(true);
		expect(lines.at(-1)?.event.eventId).toBe('f99');
	});

	it('reuses the chunks of lines that fell off when a flood replaces the whole buffer, instead of taking new ones', () => {
		const lines = new LogLines(2000);
		const chunks = () => (lines as unknown as {arena: {chunks: Array<Buffer | undefined>}}).arena.chunks;
		const text = 'w'.repeat(500); // 2000 lines: about four chunks of 256 KB
		const seen = new Set<Buffer>();
		let n = 0;
		for (let round = 0; round < 20; round++) {
			lines.insert(Array.from({length: 2000}, () => arriving(`e${n}`, n++, text)));
			for (const chunk of chunks()) if (chunk) seen.add(chunk);
		}
		expect(lines.toArray().every(line => line.event.message === text)).toBe(true);
		// Given back and taken again, 20 rounds would have seen some 80 chunks.
		expect(seen.size).toBeLessThanOrEqual(12);
	});

	it('hands the view the same object for the same line from one frame to the next, also after lines moved', () => {
		const lines = new LogLines(10);
		lines.insert([arriving('a', 10), arriving('c', 30)]);
		const c = lines.at(1);
		expect(lines.at(-1)).toBe(c);
		lines.insert([arriving('b', 20)]);
		expect(lines.at(2)).toBe(c);
		expect(lines.slice(-2)).toEqual([lines.at(1), c]);
	});

	it('keeps the dropped count across a clear, and starts empty', () => {
		const lines = new LogLines(2);
		lines.insert([arriving('a', 1), arriving('b', 2), arriving('c', 3)]);
		const version = lines.version;
		lines.clear();
		expect(lines.size).toBe(0);
		expect(lines.dropped).toBe(1);
		expect(lines.version).toBe(version + 1);
		lines.insert([arriving('d', 4)]);
		expect(ids(lines)).toEqual(['d']);
	});

	it('rejects a bad capacity clearly', () => {
		expect(() => new LogLines(0)).toThrow(/capacity must be a positive integer/);
	});
});

describe('LogStore batches', () => {
	it('does not mark the parts of one poll late to each other (another group\'s page of the same minutes)', () => {
		const store = new LogStore(100);
		store.add([event('old', 5)]);
		const poll = {};
		store.add([{...event('a1', 10), logGroup: '/a'}, {...event('a2', 30), logGroup: '/a'}], poll);
		store.add([{...event('b1', 20), logGroup: '/b'}, {...event('b0', 4), logGroup: '/b'}], poll);
		expect(store.buffer.toArray().map(l => [l.event.eventId, l.late === true])).toEqual([
			['b0', true], // stamped before what was held when the poll began: late
			['old', false],
			['a1', false],
			['b1', false],
			['a2', false],
		]);
		// The next poll is a new batch: a line stamped before its newest is late again.
		store.add([event('c', 25)], {});
		expect(store.buffer.at(4)?.event.eventId).toBe('c');
		expect(store.buffer.at(4)?.late).toBe(true);
	});

	it('finds a line by group and id, and says where the newest one is stamped', () => {
		const store = new LogStore(10);
		store.add([event('a', 1), {...event('a', 2), logGroup: '/other'}, event('b', 3)]);
		expect(store.indexOf('/other', 'a')).toBe(1);
		expect(store.indexOf('/g', 'a')).toBe(0);
		expect(store.indexOf('/g', 'zz')).toBe(-1);
		expect(store.newestTimestamp).toBe(3);
	});
});
