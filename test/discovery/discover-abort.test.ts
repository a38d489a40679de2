import {describe, expect, it} from 'vitest';
import {createDiscoveryCache, discoverEnvironment} from '../../source/discovery/discover.js';
import {isAborted} from '../../source/port/errors.js';
import {namesFor} from '../../source/port/names.js';
import type {Cloud} from '../../source/port/types.js';
import {createManualClock, createSimCloud} from '../../source/sim/index.js';

// Discovery turns a failed read into a note and carries on; a cancelled one is no failure: it
// stops the discovery, which rejects with the AbortError (usePoll then shows nothing of it).

describe('a cancelled discovery', () => {
	it('rejects with the AbortError instead of resolving with notes, and sends nothing after the abort', async () => {
		const sim = createSimCloud({seed: 7, clock: createManualClock(Date.parse('2026-11-28T12:00:00Z')), isWriteEnabled: () => false});
		const controller = new AbortController();
		// The screen goes away while the task definitions are being read.
		const cloud: Cloud = {
			...sim,
			services: {
				...sim.services,
				describeTaskDefinition: (ref, options) => {
					controller.abort();
					return sim.services.describeTaskDefinition(ref, options);
				},
			},
		};
		const before = sim.control.calls();
		const outcome = await discoverEnvironment(cloud, namesFor('production'), createDiscoveryCache(), {signal: controller.signal}).then(
			found => ({resolved: found.notes}),
			(error: unknown) => ({aborted: isAborted(error)}),
		);
		expect(outcome).toEqual({aborted: true});
		const after = sim.control.calls();
		// Nothing past the task definitions was asked for (the sim does not count an aborted call).
		for (const method of ['listTasks', 'describeTasks', 'describeLogGroups', 'describeMetricFilters']) expect(after[method] ?? 0).toBe(before[method] ?? 0);
	});
});
