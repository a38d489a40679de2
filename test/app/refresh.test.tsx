import {describe, expect, it} from 'vitest';
import {App} from '../../source/app.js';
import type {Cloud, DbInstance, ReadOptions} from '../../source/port/types.js';
import {createSimCloud} from '../../source/sim/index.js';
import {renderTui, testConfig} from '../helpers/render.js';

// The `r` key on the whole app, on the simulated account whose database reads the test holds open:
// pressing r twice while the database panel's read is slow sends one more read, not two (and not
// three in flight, as before reads could be cancelled and refreshes coalesced).

type HeldRead = {options?: ReadOptions; release(): void};

function slowDatabase(cloud: Cloud): {cloud: Cloud; reads: HeldRead[]} {
	const reads: HeldRead[] = [];
	const databases = {
		describeDbInstances: async (id?: string, options?: ReadOptions): Promise<DbInstance[]> => {
			let release = () => {};
			const held = new Promise<void>(resolve => (release = resolve));
			reads.push({options, release});
			await held;
			return cloud.databases.describeDbInstances(id, options);
		},
	};
	return {cloud: {...cloud, databases, reset: () => cloud.reset(), warnings: () => cloud.warnings()}, reads};
}

describe('r on the overview', () => {
	it('r pressed twice during a slow database read sends one more read after it, not two', async () => {
		const config = testConfig({demo: true, refresh: '3600'});
		const {cloud, reads} = slowDatabase(createSimCloud({seed: 7, isWriteEnabled: () => false}));
		const app = renderTui(<App cloud={cloud} config={config} />, {columns: 120, rows: 40});
		try {
			await app.waitFor(() => reads.length === 1, 10_000);
			await app.waitFor(/acso-\w+-\w+/, 10_000);
			await app.press('r');
			await app.press('r');
			await new Promise(resolve => setTimeout(resolve, 200));
			expect(reads).toHaveLength(1);
			expect(reads[0]!.options?.signal?.aborted).toBe(false);

			reads[0]!.release();
			await app.waitFor(() => reads.length === 2, 5000);
			reads[1]!.release();
			await app.waitFor(frame => /available/.test(frame), 10_000);
			await new Promise(resolve => setTimeout(resolve, 300));
			expect(reads).toHaveLength(2);
		} finally {
			app.unmount();
		}
		// Unmounted with nothing in flight: no read was cancelled.
		expect(reads.every(read => read.options?.signal?.aborted === false)).toBe(true);
	});

	it('quitting the screen while a read is slow cancels it', async () => {
		const config = testConfig({demo: true, refresh: '3600'});
		const {cloud, reads} = slowDatabase(createSimCloud({seed: 7, isWriteEnabled: () => false}));
		const app = renderTui(<App cloud={cloud} config={config} />, {columns: 120, rows: 40});
		await app.waitFor(() => reads.length === 1, 10_000);
		app.unmount();
		expect(reads[0]!.options?.signal?.aborted).toBe(true);
	});
});
