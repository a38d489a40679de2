import {describe, expect, it} from 'vitest';
import {watchDeployment, watchTargetOf, type Sleep} from '../../source/fixes/watch.js';
import type {Plan} from '../../source/fixes/types.js';
import type {WatchState} from '../../source/fixes/watch-state.js';
import {createWatchRegistry} from '../../source/fixes/watches.js';
import {CloudError} from '../../source/port/errors.js';
import type {Deployment, Service, ServiceReader} from '../../source/port/types.js';

const t0 = 5_000_000;

function snapshot(rolloutState: Deployment['rolloutState'], running: number, deployments = 1, events: Service['events'] = []): Service {
	const primary: Deployment = {id: 'new', status: 'PRIMARY', rolloutState, taskDefinition: 's:8', desiredCount: 2, runningCount: running, pendingCount: 2 - running, failedTasks: 0, createdAt: t0, updatedAt: t0};
	const old: Deployment = {...primary, id: 'old', status: 'ACTIVE', rolloutState: 'COMPLETED', taskDefinition: 's:8', runningCount: 2, pendingCount: 0};
	return {
		name: 's',
		arn: 'arn:s',
		cluster: 'c',
		status: 'ACTIVE',
		desiredCount: 2,
		runningCount: running,
		pendingCount: 2 - running,
		taskDefinition: 's:8',
		deployments: deployments === 2 ? [primary, old] : [primary],
		events,
	};
}

/** A reader answering a script of snapshots (the last one repeats), counting calls. */
function scriptedReader(script: Array<Service | Error>): ServiceReader & {calls: number} {
	const reader = {
		calls: 0,
		listServices: async () => ['s'],
		describeServices: async () => {
			const next = script[Math.min(reader.calls, script.length - 1)]!;
			reader.calls++;
			if (next instanceof Error) throw next;
			return [next];
		},
		listTasks: async () => [],
		describeTasks: async () => [],
		describeTaskDefinition: async () => {
			throw new Error('not used');
		},
	};
	return reader;
}

/** A manual clock whose sleep moves time forward instantly. */
function manualTime() {
	const clock = {t: t0, slept: [] as number[]};
	const sleep: Sleep = async ms => {
		clock.slept.push(ms);
		clock.t += ms;
	};
	return {clock, now: () => clock.t, sleep};
}

async function collect(iterable: AsyncIterable<WatchState>): Promise<WatchState[]> {
	const states: WatchState[] = [];
	for await (const state of iterable) states.push(state);
	return states;
}

describe('watchDeployment', () => {
	it('polls until the PRIMARY deployment completes, yielding each state with the new events', async () => {
		const reader = scriptedReader([
			snapshot('IN_PROGRESS', 0, 2, [{id: 'e1', createdAt: t0 + 1, message: '(service s) has started 2 tasks: (task a) (task b).'}]),
			new CloudError('throttled', 'Rate exceeded'),
			snapshot('IN_PROGRESS', 2, 2),
			snapshot('COMPLETED', 2, 1, [{id: 'e2', createdAt: t0 + 30_000, message: '(service s) has reached a steady state.'}]),
		]);
		const {now, sleep, clock} = manualTime();
		const watch = watchDeployment(reader, {cluster: 'c', service: 's', since: t0, timeoutMs: 600_000, intervalMs: 5000, now, sleep});
		const states = await collect(watch);
		const final = await watch.finished;

		expect(final.done).toBe('completed');
		expect(reader.calls).toBe(4);
		expect(clock.slept).toEqual([5000, 5000, 5000]);
		expect(states.at(-1)).toBe(final);
		expect(states.map(s => s.lastError).filter(Boolean)).toEqual(['Rate exceeded']);
		expect(final.events.map(e => e.message)).toEqual(['(service s) has started 2 tasks: (task a) (task b).', '(service s) has reached a steady state.']);
		expect(final).toMatchObject({running: 2, desired: 2, pending: 0, rolloutState: 'COMPLETED', deploymentId: 'new'});
	});

	it('times out, waking at the deadline rather than a whole interval later', async () => {
		const reader = scriptedReader([snapshot('IN_PROGRESS', 1, 2)]);
		const {now, sleep, clock} = manualTime();
		const watch = watchDeployment(reader, {cluster: 'c', service: 's', since: t0, timeoutMs: 12_000, intervalMs: 5000, now, sleep});
		const final = await watch.finished;
		expect(final.done).toBe('timeout');
		expect(clock.slept).toEqual([5000, 5000, 2000]);
		expect(reader.calls).toBe(3);
	});

	it('can be left and re-attached, and cancelled without touching the deployment', async () => {
		const reader = scriptedReader([snapshot('IN_PROGRESS', 0, 2)]);
		let wake: (() => void) | undefined;
		// A sleep that only ends when the test says so or the watch is cancelled.
		const sleep: Sleep = (_ms, signal) =>
			new Promise(resolve => {
				wake = resolve;
				signal.addEventListener('abort', () => resolve(), {once: true});
			});
		const watch = watchDeployment(reader, {cluster: 'c', service: 's', since: t0, timeoutMs: 600_000, now: () => t0, sleep});

		const seen: WatchState[] = [];
		const leave = watch.subscribe(state => seen.push(state));
		await new Promise(resolve => setTimeout(resolve, 0));
		leave(); // the engineer leaves the screen
		expect(seen.length).toBeGreaterThan(0);
		wake?.();
		await new Promise(resolve => setTimeout(resolve, 0));
		expect(reader.calls).toBe(2); // still polling while nobody watches
		const seenBefore = seen.length;

		const again: WatchState[] = [];
		watch.subscribe(state => again.push(state)); // comes back: gets the latest state at once
		expect(again[0]).toBe(watch.state());
		expect(again[0]!.polls).toBe(2);
		expect(seen.length).toBe(seenBefore);

		watch.cancel();
		const final = await watch.finished;
		expect(final.done).toBe('cancelled');
		expect(again.at(-1)!.done).toBe('cancelled');
		await new Promise(resolve => setTimeout(resolve, 0));
		expect(reader.calls).toBe(2);
	});

	it('ends as failed when the service is gone', async () => {
		const reader = scriptedReader([new CloudError('not-found', 'cluster c not found', {resource: 'c'})]);
		const {now, sleep} = manualTime();
		const final = await watchDeployment(reader, {cluster: 'c', service: 's', since: t0, timeoutMs: 60_000, now, sleep}).finished;
		expect(final).toMatchObject({done: 'failed', reason: 'cluster c not found'});
	});

	it('refuses a non-positive timeout', () => {
		expect(() => watchDeployment(scriptedReader([]), {cluster: 'c', service: 's', since: t0, timeoutMs: 0})).toThrow('watchDeployment: timeoutMs must be positive, got 0');
	});
});

describe('watch registry', () => {
	it('keeps one watch per service, cancelling the one a new change replaces', async () => {
		const registry = createWatchRegistry();
		const never: Sleep = (_ms, signal) => new Promise(resolve => signal.addEventListener('abort', () => resolve(), {once: true}));
		const reader = scriptedReader([snapshot('IN_PROGRESS', 0, 2)]);
		const first = registry.start(reader, {cluster: 'c', service: 's', since: t0, timeoutMs: 60_000, now: () => t0, sleep: never});
		const second = registry.start(reader, {cluster: 'c', service: 's', since: t0 + 1, timeoutMs: 60_000, now: () => t0, sleep: never});
		expect((await first.finished).done).toBe('cancelled');
		expect(registry.get('c', 's')).toBe(second);
		expect(registry.list()).toEqual([second]);
		registry.cancelAll();
		await second.finished;
		registry.prune();
		expect(registry.list()).toEqual([]);
	});
});

describe('watchTargetOf', () => {
	const plan = (target: Plan['target']) => ({target}) as Plan;
	it('follows the deployment a successful service change answered with', () => {
		expect(watchTargetOf(plan({kind: 'service', cluster: 'c', service: 's'}), {ok: true, after: {deploymentId: 'd-1'}, requestIds: []})).toEqual({cluster: 'c', service: 's', deploymentId: 'd-1'});
		expect(watchTargetOf(plan({kind: 'service', cluster: 'c', service: 's'}), {ok: true, after: {}, requestIds: []})).toEqual({cluster: 'c', service: 's'});
	});
	it('has nothing to watch after a failure or a non-service change', () => {
		expect(watchTargetOf(plan({kind: 'service', cluster: 'c', service: 's'}), {ok: false, error: {message: 'x', kind: 'denied', apiCall: 'ecs:UpdateService'}, completed: [], requestIds: []})).toBeUndefined();
		expect(watchTargetOf(plan({kind: 'db', db: 'd'}), {ok: true, after: {}, requestIds: []})).toBeUndefined();
	});
});
