import {afterEach, describe, expect, it} from 'vitest';
import {App} from '../../source/app.js';
import {createSimCloud} from '../../source/sim/index.js';
import {keys, renderApp, renderTui, testConfig, type Harness} from '../helpers/render.js';

// A cluster or database that does not exist offers the ones that do: the simulated account has
// the production and staging clusters and databases, and no acso-qa-*.

const open: Harness[] = [];
afterEach(() => {
	for (const h of open.splice(0)) h.unmount();
});

/** `--env qa` on the simulated account's data: every conventional name is missing there. */
function startQa() {
	const config = testConfig({env: 'qa', refresh: '3600'});
	const cloud = createSimCloud({seed: 7, isWriteEnabled: () => false});
	const h = renderTui(<App cloud={cloud} config={config} />, {columns: 120, rows: 30});
	open.push(h);
	return h;
}

const headerOf = (frame: string) => frame.split('\n')[0] ?? '';

describe('a missing cluster', () => {
	it('is named with where the name came from, and c offers the clusters that exist', async () => {
		const h = startQa();
		const frame = await h.waitFor('cluster acso-qa-cluster (the guess for --env qa) does not exist');
		expect(frame).toContain('c pick a cluster that exists');
		await h.press('c');
		const picker = await h.waitFor('active service');
		expect(picker).toContain('Pick a cluster');
		expect(picker).toMatch(/acso-production-cluster\s+5 active services\s+\d+ running tasks/);
		expect(picker).toMatch(/acso-staging-cluster\s+5 active services\s+\d+ running tasks/);
		// The picker's own table is its footer.
		expect(picker).toContain('⏎ show this cluster');
		expect(picker).toContain('esc/q close');
	});

	it('has the keys while open: Tab does not change the screen, ? lists its bindings', async () => {
		const h = startQa();
		await h.waitFor('c: pick one of the clusters here');
		await h.press('c');
		await h.waitFor('active service');
		expect(await h.press(keys.tab)).toContain('Pick a cluster');
		expect(headerOf(h.lastFrame())).toContain('Overview');
		// `?` opens the shell's help layer over the picker, listing the picker's table.
		const help = await h.press('?');
		expect(help).toContain('Pick a cluster');
		expect(help).not.toContain('active service');
		for (const description of ['next cluster', 'previous cluster', 'show this cluster', 'close, keep what is shown']) expect(help).toContain(description);
		// Help has the keys now: j moves nothing in the picker under it.
		await h.press('j');
		// Esc closes the help, then the picker; the overview is back with its offer.
		expect(await h.press(keys.esc)).toContain('active service');
		expect(await h.press(keys.esc)).toContain('c: pick one of the clusters here');
	});

	it('shows the picked cluster, and the header says it was picked', async () => {
		const h = startQa();
		await h.waitFor('c: pick one of the clusters here');
		await h.press('c');
		await h.waitFor('active service');
		// The list is ordered by services, then name: production, staging. j moves to staging.
		await h.press('j');
		await h.press(keys.enter);
		const frame = await h.waitFor(/\d+\.\d%/);
		expect(headerOf(frame)).toContain('acso-staging-cluster (picked)');
		expect(headerOf(frame)).toContain('ACSO qa');
		expect(frame).toContain('acso-staging-supervisor');
		expect(frame).not.toContain('does not exist: cluster');
	});
});

describe('a missing database', () => {
	it('offers the DB instances that exist; the pick replaces the missing one', async () => {
		const h = renderApp({flags: {demo: true, db: 'ledger-db', refresh: '3600'}, size: {columns: 160, rows: 30}});
		open.push(h);
		const frame = await h.waitFor('does not exist');
		expect(frame).toContain('database ledger-db (given with --db) does not exist');
		expect(frame).toContain('d: pick one of the databases here');
		await h.press('d');
		const picker = await h.waitFor('acso-staging-db');
		expect(picker).toContain('Pick a database');
		expect(picker).toMatch(/acso-production-db\s+available/);
		await h.press(keys.enter);
		const after = await h.waitFor(/DATABASE acso-production-db\s+available/);
		expect(headerOf(after)).toContain('db acso-production-db (picked)');
	});

	it('names the given --cluster as missing when it was given', async () => {
		const h = renderApp({flags: {demo: true, cluster: 'ledger-live', refresh: '3600'}, size: {columns: 120, rows: 30}});
		open.push(h);
		const frame = await h.waitFor('does not exist');
		expect(frame).toContain('cluster ledger-live (given with --cluster) does not exist');
		await h.press('c');
		const picker = await h.waitFor('active service');
		expect(picker).toContain('cluster ledger-live (given with --cluster) does not exist. Clusters in the simulated account:');
	});
});
