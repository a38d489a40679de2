import {describe, expect, it} from 'vitest';
import {RecentIds} from '../../source/logs/recent-ids.js';

describe('RecentIds', () => {
	it('forgets the oldest ids at its cap, keeping the newest', () => {
		const ids = new RecentIds(3);
		for (const id of ['a', 'b', 'c', 'd']) ids.add('g', id, 1);
		expect(['a', 'b', 'c', 'd'].map(id => ids.has('g', id))).toEqual([false, true, true, true]);
		expect(ids.size).toBe(3);
	});

	it('tells groups apart', () => {
		const ids = new RecentIds(10);
		ids.add('g1', 'x', 1);
		expect(ids.has('g2', 'x')).toBe(false);
	});

	it('expires a group by time and keeps evicting in delivery order afterwards', () => {
		const ids = new RecentIds(4);
		ids.add('g', 'old', 1);
		ids.add('g', 'new', 10);
		ids.add('h', 'other', 1);
		ids.expire('g', 5);
		expect([ids.has('g', 'old'), ids.has('g', 'new'), ids.has('h', 'other')]).toEqual([false, true, true]);
		for (const id of ['p', 'q', 'r']) ids.add('g', id, 20);
		// Cap 4: 'new' and 'other' were oldest; one of them had to go for the third add.
		expect(ids.size).toBe(4);
		expect(ids.has('g', 'new')).toBe(false);
		expect(['other', 'p', 'q', 'r'].map((id, i) => ids.has(i === 0 ? 'h' : 'g', id))).toEqual([true, true, true, true]);
	});

	it('keeps adding at constant cost past its cap (a log flood)', () => {
		const ids = new RecentIds(50_000);
		for (let i = 0; i < 300_000; i++) ids.add('g', `e${i}`, i);
		expect(ids.size).toBe(50_000);
		expect(ids.has('g', 'e299999')).toBe(true);
		expect(ids.has('g', 'e249999')).toBe(false);
	});
});
