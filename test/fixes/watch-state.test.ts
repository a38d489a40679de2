import {describe, expect, it} from 'vitest';
import {initialWatchState, maxWatchEvents, reduceWatch, type WatchState} from '../../source/fixes/watch-state.js';
import type {Deployment, Service, ServiceEvent} from '../../source/port/types.js';

const t0 = 1_000_000;
const start = () => initialWatchState({cluster: 'c', service: 's', since: t0, startedAt: t0, timeoutMs: 600_000});

function deployment(id: string, changes: Partial<Deployment> = {}): Deployment {
	return {id, status: 'PRIMARY', rolloutState: 'IN_PROGRESS', taskDefinition: 's:8', desiredCount: 2, runningCount: 0, pendingCount: 2, failedTasks: 0, createdAt: t0, updatedAt: t0, ...changes};
}

function service(deployments: Deployment[], counts: {running: number; desired?: number; pending?: number}, events: ServiceEvent[] = []): Service {
	return {
		name: 's',
		arn: 'arn:s',
		cluster: 'c',
		status: 'ACTIVE',
		desiredCount: counts.desired ?? 2,
		runningCount: counts.running,
		pendingCount: counts.pending ?? 0,
		taskDefinition: deployments.find(d => d.status === 'PRIMARY')?.taskDefinition ?? 's:8',
		deployments,
		events,
	};
}

const event = (id: string, createdAt: number, message = id): ServiceEvent => ({id, createdAt, message});

describe('reduceWatch', () => {
	it('follows a forced deployment through draining to completed', () => {
		const old = deployment('old', {status: 'ACTIVE', rolloutState: 'COMPLETED', taskDefinition: 's:8', runningCount: 2, pendingCount: 0, createdAt: t0 - 10_000});
		let state: WatchState = start();
		state = reduceWatch(state, {type: 'polled', at: t0 + 5000, service: service([deployment('new'), old], {running: 2, pending: 2})});
		expect(state).toMatchObject({deploymentId: 'new', rolloutState: 'IN_PROGRESS', running: 2, desired: 2, pending: 2, deployments: 2, polls: 1});
		expect(state.done).toBeUndefined();

		state = reduceWatch(state, {type: 'polled', at: t0 + 30_000, service: service([deployment('new', {runningCount: 2, pendingCount: 0}), old], {running: 4})});
		expect(state.done).toBeUndefined(); // old tasks still draining

		// ECS can still say IN_PROGRESS for a moment after the old deployment is gone: not done yet.
		state = reduceWatch(state, {type: 'polled', at: t0 + 40_000, service: service([deployment('new', {runningCount: 2, pendingCount: 0})], {running: 2})});
		expect(state.done).toBeUndefined();

		state = reduceWatch(state, {
			type: 'polled',
			at: t0 + 45_000,
			service: service([deployment('new', {rolloutState: 'COMPLETED', runningCount: 2, pendingCount: 0}), {...old, status: 'INACTIVE'}], {running: 2}),
		});
		expect(state).toMatchObject({done: 'completed', rolloutState: 'COMPLETED', deployments: 1, reason: 's is steady: 2/2 running s:8'});
	});

	it('fails when the followed deployment fails, with ECS\'s reason', () => {
		const state = reduceWatch(start(), {
			type: 'polled',
			at: t0 + 1,
			service: service([deployment('new', {rolloutState: 'FAILED', rolloutStateReason: 'ECS deployment circuit breaker: tasks failed to start.'})], {running: 0}),
		});
		expect(state).toMatchObject({done: 'failed', reason: 'ECS deployment circuit breaker: tasks failed to start.'});
	});

	it('fails when another deployment becomes PRIMARY (a rollback)', () => {
		let state = reduceWatch(start(), {type: 'polled', at: t0 + 1, service: service([deployment('new')], {running: 0, pending: 2})});
		state = reduceWatch(state, {
			type: 'polled',
			at: t0 + 2,
			service: service([deployment('rollback', {taskDefinition: 's:7'}), deployment('new', {status: 'ACTIVE'})], {running: 0}),
		});
		expect(state.done).toBe('failed');
		expect(state.reason).toBe('deployment new was replaced by rollback (s:7): rolled back or superseded');
	});

	it('waits for a scale-out to reach the desired count on an already COMPLETED deployment', () => {
		const steady = deployment('d', {rolloutState: 'COMPLETED', desiredCount: 5, runningCount: 2, pendingCount: 3});
		let state = reduceWatch(start(), {type: 'polled', at: t0 + 1, service: service([steady], {running: 2, desired: 5, pending: 3})});
		expect(state.done).toBeUndefined();
		state = reduceWatch(state, {type: 'polled', at: t0 + 2, service: service([{...steady, runningCount: 5, pendingCount: 0}], {running: 5, desired: 5})});
		expect(state.done).toBe('completed');
	});

	it('judges a backend without rollout state on the counts alone', () => {
		const state = reduceWatch(start(), {type: 'polled', at: t0 + 1, service: service([deployment('d', {rolloutState: 'UNKNOWN', runningCount: 2, pendingCount: 0})], {running: 2})});
		expect(state.done).toBe('completed');
	});

	it('collects only events since the change, once each, oldest first, bounded', () => {
		let state = reduceWatch(start(), {
			type: 'polled',
			at: t0 + 1,
			service: service([deployment('d')], {running: 0}, [event('e3', t0 + 3), event('e2', t0 + 2), event('before', t0 - 1)]),
		});
		state = reduceWatch(state, {type: 'polled', at: t0 + 2, service: service([deployment('d')], {running: 0}, [event('e4', t0 + 4), event('e3', t0 + 3), event('e2', t0 + 2)])});
		expect(state.events.map(e => e.id)).toEqual(['e2', 'e3', 'e4']);
		const many = Array.from({length: maxWatchEvents + 20}, (_, i) => event(`m${i}`, t0 + 10 + i));
		state = reduceWatch(state, {type: 'polled', at: t0 + 3, service: service([deployment('d')], {running: 0}, many.reverse())});
		expect(state.events).toHaveLength(maxWatchEvents);
		expect(state.events.at(-1)!.id).toBe(`m${maxWatchEvents + 19}`);
	});

	it('keeps polling through transient errors, ends on permanent ones', () => {
		let state = reduceWatch(start(), {type: 'poll-failed', message: 'Rate exceeded', permanent: false, at: t0 + 1});
		expect(state.lastError).toBe('Rate exceeded');
		expect(state.done).toBeUndefined();
		state = reduceWatch(state, {type: 'polled', at: t0 + 2, service: service([deployment('d')], {running: 0})});
		expect(state.lastError).toBeUndefined();
		state = reduceWatch(state, {type: 'poll-failed', message: 'not authorized', permanent: true, at: t0 + 3});
		expect(state).toMatchObject({done: 'failed', reason: 'not authorized'});
	});

	it('times out at the deadline, and a finished watch never changes again', () => {
		let state = reduceWatch(start(), {type: 'tick', at: t0 + 599_999});
		expect(state.done).toBeUndefined();
		state = reduceWatch(state, {type: 'tick', at: t0 + 600_000});
		expect(state).toMatchObject({done: 'timeout', reason: 'not finished after 600 s (rollout unknown, 0/0 running)'});
		expect(reduceWatch(state, {type: 'cancel', at: t0 + 700_000})).toBe(state);
		expect(reduceWatch(state, {type: 'polled', at: t0 + 700_000, service: service([deployment('d', {rolloutState: 'COMPLETED', runningCount: 2, pendingCount: 0})], {running: 2})})).toBe(state);
	});

	it('cancels', () => {
		expect(reduceWatch(start(), {type: 'cancel', at: t0 + 1})).toMatchObject({done: 'cancelled'});
	});
});
