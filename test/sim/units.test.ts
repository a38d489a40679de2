// The sim's pure parts: seeded randomness, the manual clock, the metric ring, the event log, the
// leak curve and task-definition references.
import {describe, expect, it} from 'vitest';
import {alarmReasonTime, createManualClock, isoTime} from '../../source/sim/clock.js';
import {appendEvent, createEventLog, eventCount, lowerBound, trimEvents} from '../../source/sim/event-log.js';
import {nameFromArn, parseTaskDefinitionRef} from '../../source/sim/ids.js';
import {addSample, aggregatePeriods, createMetricStore, RING_MINUTES, seriesFor} from '../../source/sim/metric-store.js';
import {createRng, hash32, smoothNoise} from '../../source/sim/random.js';
import {memoryPercent, oomAfterMs, type TaskLoad} from '../../source/sim/workload.js';

describe('random', () => {
	it('is a pure function of the seed', () => {
		const a = createRng(42);
		const b = createRng(42);
		const c = createRng(43);
		const draw = (rng: typeof a) => [rng.next(), rng.int(1, 6), rng.hex(12), rng.pick(['x', 'y', 'z']), rng.gauss()];
		const first = draw(a);
		expect(draw(b)).toEqual(first);
		expect(draw(c)).not.toEqual(first);
		for (let i = 0; i < 1000; i++) {
			const value = a.next();
			expect(value).toBeGreaterThanOrEqual(0);
			expect(value).toBeLessThan(1);
			const die = a.int(1, 6);
			expect(die >= 1 && die <= 6 && Number.isInteger(die)).toBe(true);
		}
		expect(() => a.pick([])).toThrow('pick from an empty list');
		expect(hash32('ab', 'c')).not.toBe(hash32('a', 'bc'));
		expect(hash32('x', 1)).toBe(hash32('x', 1));
	});

	it('smooth noise stays within [-1, 1] and moves gradually', () => {
		let previous = smoothNoise(0, 60_000, 7);
		for (let t = 1000; t < 3_600_000; t += 1000) {
			const value = smoothNoise(t, 60_000, 7);
			expect(Math.abs(value)).toBeLessThanOrEqual(1);
			expect(Math.abs(value - previous)).toBeLessThan(0.1);
			previous = value;
		}
	});
});

describe('clock', () => {
	it('the manual clock only moves when told, forward', () => {
		const clock = createManualClock(1000);
		expect(clock.now()).toBe(1000);
		clock.advance(500);
		expect(clock.now()).toBe(1500);
		clock.set(10);
		expect(clock.now()).toBe(10);
		expect(() => clock.advance(-1)).toThrow('manual clock can only move forward by a finite amount, got -1');
		expect(() => createManualClock(Number.NaN)).toThrow('manual clock start must be a finite epoch time in ms, got NaN');
	});

	it('formats times as log lines and alarm reasons do', () => {
		const t = Date.UTC(2026, 10, 28, 9, 5, 7, 42);
		expect(isoTime(t)).toBe('2026-11-28T09:05:07.042Z');
		expect(isoTime(t + 958)).toBe('2026-11-28T09:05:08.000Z');
		expect(isoTime(t - 43)).toBe('2026-11-28T09:05:06.999Z');
		expect(alarmReasonTime(t)).toBe('28/11/26 09:05:07');
	});
});

describe('metric ring', () => {
	it('aggregates one-minute buckets into aligned periods, skipping empty ones', () => {
		const store = createMetricStore();
		const series = seriesFor(store, 'k')!;
		const base = 1_800_000_000_000 - (1_800_000_000_000 % 300_000);
		addSample(series, base + 1000, 10);
		addSample(series, base + 2000, 20);
		addSample(series, base + 61_000, 30, 2);
		addSample(series, base + 600_000, 5);
		const minute = aggregatePeriods(series, base, base + 900_000, 60_000, 'Average');
		expect(minute).toEqual([
			{t: base, v: 15},
			{t: base + 60_000, v: 30},
			{t: base + 600_000, v: 5},
		]);
		const five = aggregatePeriods(series, base + 30_000, base + 900_000, 300_000, 'Average');
		expect(five).toEqual([
			{t: base, v: (10 + 20 + 60) / 4},
			{t: base + 600_000, v: 5},
		]);
		expect(aggregatePeriods(series, base, base + 900_000, 300_000, 'SampleCount').map(p => p.v)).toEqual([4, 1]);
		expect(aggregatePeriods(series, base, base + 900_000, 300_000, 'Maximum').map(p => p.v)).toEqual([30, 5]);
		expect(aggregatePeriods(series, base, base + 60_000, 60_000, 'Sum')).toEqual([{t: base, v: 30}]);
	});

	it('holds a fixed number of minutes: older data falls out, writes older than the ring are dropped', () => {
		const series = seriesFor(createMetricStore(), 'k')!;
		const start = 1_800_000_000_000;
		for (let m = 0; m < RING_MINUTES + 100; m++) addSample(series, start + m * 60_000, m);
		const all = aggregatePeriods(series, start - 86_400_000, start + 10 * 86_400_000, 60_000, 'Average');
		expect(all).toHaveLength(RING_MINUTES);
		expect(all[0]!.v).toBe(100);
		addSample(series, start, 999); // far older than the ring holds
		expect(aggregatePeriods(series, start, start + 60_000, 60_000, 'Average')).toEqual([]);
	});
});

describe('event log', () => {
	it('keeps events ordered, inserts late-stamped ones in place, and trims by age and count', () => {
		const log = createEventLog();
		for (let i = 0; i < 10; i++) appendEvent(log, {seq: i, ts: 1000 + i * 10, ing: 1000 + i * 10, stream: 's', msg: `m${i}`});
		appendEvent(log, {seq: 10, ts: 1015, ing: 1015, stream: 's', msg: 'late'});
		expect(log.items.map(e => e.msg).slice(0, 4)).toEqual(['m0', 'm1', 'late', 'm2']);
		expect(lowerBound(log, 1015, 0)).toBe(2);
		expect(lowerBound(log, 1015, 11)).toBe(3);
		expect(trimEvents(log, 1020, 100)).toBe(3);
		expect(eventCount(log)).toBe(8);
		expect(trimEvents(log, 0, 5)).toBe(3);
		expect(log.items.slice(log.head).map(e => e.msg)).toEqual(['m5', 'm6', 'm7', 'm8', 'm9']);
	});
});

describe('leak curve', () => {
	const load = (memoryMiB: number, leak = 20): TaskLoad => ({id: 'task', startedAt: 0, baseMiB: 800, leakMiBPerMin: leak, memoryMiB, cpuUnits: 1024});

	it('climbs about a percent a minute, slows near the limit, and ends in an OOM kill', () => {
		const small = load(2048);
		expect(memoryPercent(small, 0)).toBeCloseTo(39, 0);
		expect(memoryPercent(small, 30 * 60_000) - memoryPercent(small, 20 * 60_000)).toBeGreaterThan(8);
		const oom = oomAfterMs(small)!;
		expect(oom / 60_000).toBeGreaterThan(70);
		expect(oom / 60_000).toBeLessThan(110);
		expect(memoryPercent(small, oom)).toBeGreaterThan(98);
		expect(memoryPercent(small, oom - 10 * 60_000) - memoryPercent(small, oom - 20 * 60_000)).toBeLessThan(3);
	});

	it('more memory means a lower percentage and a much later OOM; no leak, no OOM', () => {
		expect(memoryPercent(load(4096), 30 * 60_000)).toBeLessThan(memoryPercent(load(2048), 30 * 60_000) / 1.5);
		expect(oomAfterMs(load(4096))!).toBeGreaterThan(2 * oomAfterMs(load(2048))!);
		expect(oomAfterMs(load(2048, 0))).toBeUndefined();
	});
});

describe('task definition references', () => {
	it('parses family, family:revision and ARNs; refuses anything else', () => {
		expect(parseTaskDefinitionRef('acso-production-supervisor')).toEqual({family: 'acso-production-supervisor'});
		expect(parseTaskDefinitionRef('acso-production-supervisor:7')).toEqual({family: 'acso-production-supervisor', revision: 7});
		expect(parseTaskDefinitionRef('arn:aws:ecs:us-east-1:123456789012:task-definition/fam:3')).toEqual({family: 'fam', revision: 3});
		expect(parseTaskDefinitionRef('arn:aws:ecs:us-east-1:123456789012:cluster/x')).toBeUndefined();
		expect(parseTaskDefinitionRef('bad name:1')).toBeUndefined();
		expect(nameFromArn('arn:aws:ecs:us-east-1:123456789012:service/c/s')).toBe('s');
		expect(nameFromArn('plain')).toBe('plain');
	});
});
