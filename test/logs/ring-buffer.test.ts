import {describe, expect, it} from 'vitest';
import {defaultLogCapacity, RingBuffer} from '../../source/logs/ring-buffer.js';

describe('RingBuffer', () => {
	it('keeps the newest lines at the bound after 100,000 pushes', () => {
		const buffer = new RingBuffer<number>();
		for (let i = 0; i < 100_000; i++) buffer.push(i);
		expect(buffer.capacity).toBe(defaultLogCapacity);
		expect(buffer.size).toBe(10_000);
		const all = buffer.toArray();
		expect(all).toHaveLength(10_000);
		expect(all[0]).toBe(90_000);
		expect(all[9_999]).toBe(99_999);
		expect(all.every((v, i) => v === 90_000 + i)).toBe(true);
		expect(buffer.dropped).toBe(90_000);
	});

	it('slices the visible window like Array.prototype.slice', () => {
		const buffer = new RingBuffer<string>(5);
		buffer.pushMany(['a', 'b', 'c', 'd', 'e', 'f', 'g']); // wraps: c d e f g
		const reference = ['c', 'd', 'e', 'f', 'g'];
		for (const [from, to] of [
			[0, 5],
			[1, 3],
			[-2, undefined],
			[3, 100],
			[-100, 2],
			[4, 2],
		] as Array<[number, number | undefined]>) {
			expect(buffer.slice(from, to)).toEqual(reference.slice(from, to));
		}
		expect(buffer.at(0)).toBe('c');
		expect(buffer.at(-1)).toBe('g');
		expect(buffer.at(5)).toBeUndefined();
	});

	it('bumps the version on every change, once per pushMany', () => {
		const buffer = new RingBuffer<number>(3);
		const v0 = buffer.version;
		buffer.push(1);
		expect(buffer.version).toBe(v0 + 1);
		buffer.pushMany([2, 3, 4, 5]);
		expect(buffer.version).toBe(v0 + 2);
		buffer.pushMany([]);
		expect(buffer.version).toBe(v0 + 2);
		expect(buffer.dropped).toBe(2);
		buffer.clear();
		expect(buffer.version).toBe(v0 + 3);
		expect(buffer.size).toBe(0);
		expect(buffer.dropped).toBe(2); // what fell off stays counted across a clear
		expect(buffer.toArray()).toEqual([]);
		buffer.push(9);
		expect(buffer.toArray()).toEqual([9]);
	});

	it('rejects a bad capacity clearly', () => {
		expect(() => new RingBuffer(0)).toThrow(/capacity must be a positive integer/);
		expect(() => new RingBuffer(1.5)).toThrow(/capacity must be a positive integer/);
	});
});

describe('RingBuffer.rewriteFrom', () => {
	it('replaces the items from an index on, with one version bump, dropping the oldest when full', () => {
		const buffer = new RingBuffer<string>(4);
		buffer.pushMany(['x', 'a', 'b', 'c', 'd']); // wraps: a b c d
		const version = buffer.version;
		buffer.rewriteFrom(2, ['b2', 'c', 'd']);
		expect(buffer.toArray()).toEqual(['b', 'b2', 'c', 'd']);
		expect(buffer.version).toBe(version + 1);
		expect(buffer.dropped).toBe(2);
		buffer.rewriteFrom(10, ['e']); // past the end: appends
		expect(buffer.toArray()).toEqual(['b2', 'c', 'd', 'e']);
	});
});
