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

	it('answers as a plain model of ids in delivery order would, through the cap, expiry and clears', () => {
		let seed = 11;
		const random = (n: number) => {
			seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0;
			return Math.floor((seed / 2 ** 32) * n);
		};
		const cap = 64;
		const ids = new RecentIds(cap);
		let model: Array<{group: string; id: string; timestamp: number}> = [];
		const groups = ['/a', '/b', '/a/b'];
		for (let step = 0; step < 20_000; step++) {
			const group = groups[random(groups.length)]!;
			const roll = random(100);
			if (roll < 2) {
				const before = step - random(200);
				ids.expire(group, before);
				model = model.filter(entry => entry.group !== group || entry.timestamp >= before);
			} else if (roll < 3) {
				ids.clear();
				model = [];
			} else {
				// Ids repeat across groups and over time, as a re-read returns them.
				const id = `e${random(300)}`;
				ids.add(group, id, step);
				if (!model.some(entry => entry.group === group && entry.id === id)) {
					model.push({group, id, timestamp: step});
					if (model.length > cap) model.shift();
				}
			}
			const probe = `e${random(300)}`;
			const probeGroup = groups[random(groups.length)]!;
			expect(ids.has(probeGroup, probe)).toBe(model.some(entry => entry.group === probeGroup && entry.id === probe));
			expect(ids.size).toBe(model.length);
		}
	});

	it('remembers per group the newest timestamp the cap forgot, also when ids leave out of time order', () => {
		const ids = new RecentIds(2);
		ids.add('g', 'a', 50);
		ids.add('h', 'b', 7);
		expect([ids.forgottenUntil('g'), ids.forgottenUntil('h'), ids.forgottenUntil('nowhere')]).toEqual([undefined, undefined, undefined]);
		ids.add('g', 'c', 10); // 'a' (50) goes
		ids.add('g', 'd', 20); // 'b' (h, 7) goes
		ids.add('g', 'e', 30); // 'c' (10) goes: g keeps 50, the newest it forgot
		expect([ids.forgottenUntil('g'), ids.forgottenUntil('h')]).toEqual([50, 7]);
		ids.clear();
		expect([ids.forgottenUntil('g'), ids.forgottenUntil('h')]).toEqual([undefined, undefined]);
		ids.add('h', 'x', 1);
		ids.add('h', 'y', 2);
		ids.add('h', 'z', 3);
		expect([ids.forgottenUntil('g'), ids.forgottenUntil('h')]).toEqual([undefined, 1]);
	});
});
