import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, afterEach, describe, expect, it} from 'vitest';
import type {AuditRecord} from '../../source/fixes/audit.js';
import type {RawFlags} from '../../source/config/parse-flags.js';
import {keys, renderApp, tick, type AppHarness} from '../helpers/render.js';

// :ctx switches the environment in place on the demo: every panel reloads with the other
// environment's names, the header says where we are, and the production rule and the audit trail
// follow.

const root = mkdtempSync(join(tmpdir(), 'acso-ctx-'));
afterAll(() => rmSync(root, {recursive: true, force: true}));
const open: AppHarness[] = [];
afterEach(() => {
	for (const h of open.splice(0)) h.unmount();
});

function start(flags: RawFlags) {
	const h = renderApp({flags: {refresh: '3600', ...flags}, size: {columns: 160, rows: 32}});
	open.push(h);
	return h;
}

const headerOf = (frame: string) => frame.split('\n')[0] ?? '';
const loaded = (env: string) => (f: string) => f.includes(`DATABASE acso-${env}-db  available`) && /ERRORS\s+\d+/.test(f) && /\d+\.\d%/.test(f) && /ALARMS\s+\S/.test(f);

describe(':ctx on the demo', () => {
	it('switches every panel of the overview to staging, and the header says so', async () => {
		const h = start({demo: true});
		await h.waitFor(loaded('production'));
		const before = h.cloud.control.calls();
		await h.press(':');
		await h.type('ctx staging');
		await h.press(keys.enter);
		const frame = await h.waitFor(loaded('staging'));
		expect(headerOf(frame)).toMatch(/^ACSO staging │ READ-ONLY │ Overview │ simulated │ acso-staging-cluster/);
		expect(frame).toContain('now showing staging');
		expect(frame).not.toContain('acso-production');
		// Every panel asked again: services, metrics, alarms, database, the error count.
		const after = h.cloud.control.calls();
		for (const method of ['listServices', 'describeServices', 'getMetricData', 'describeAlarms', 'describeDbInstances', 'filterLogEvents']) {
			expect((after[method] ?? 0) - (before[method] ?? 0), method).toBeGreaterThan(0);
		}
	});

	it('switches the log tail and the services screen too', async () => {
		const h = start({demo: true});
		await h.waitFor(loaded('production'));
		await h.press(':');
		await h.type('env staging');
		await h.press(keys.enter);
		await h.waitFor(loaded('staging'));
		await h.press(':');
		await h.type('logs');
		await h.press(keys.enter);
		const logs = await h.waitFor(/\d\d:\d\d:\d\d (ERROR|FATAL)/, 10_000);
		expect(logs).toContain('/aws/acso/staging/agents');
		expect(logs).not.toContain('/aws/acso/production/agents');
		await h.press(':');
		await h.type('services');
		await h.press(keys.enter);
		const services = await h.waitFor(f => headerOf(f).includes('Services') && /\d+\.\d%/.test(f));
		expect(headerOf(services)).toContain('acso-staging-cluster');
		expect(services).not.toContain('acso-production');
	});

	it('completes environments with Tab and opens a picker for :ctx alone', async () => {
		const h = start({demo: true});
		await h.waitFor(loaded('production'));
		await h.press(':');
		await h.type('ctx ');
		expect(h.lastFrame()).toContain(':ctx production  :ctx staging');
		await h.type('st');
		await h.press(keys.tab);
		expect(h.lastFrame()).toMatch(/:ctx staging\s*$/m);
		await h.press(keys.esc);
		await h.press(':');
		await h.type('ctx');
		const picker = await h.press(keys.enter);
		expect(picker).toContain('Pick an environment');
		expect(picker).toMatch(/production\s+simulated\s+production rules \(current\)/);
		await h.press('j', keys.enter);
		expect(headerOf(await h.waitFor(loaded('staging')))).toContain('ACSO staging');
	});

	it('refuses what the demo does not have, saying why', async () => {
		const h = start({demo: true});
		await h.waitFor(loaded('production'));
		await h.press(':');
		await h.type('region eu-west-1');
		expect(await h.press(keys.enter)).toContain('the simulated account (--demo) has no regions');
		await h.press(':');
		await h.type('ctx qa');
		expect(await h.press(keys.enter)).toContain('the simulated account has the environments production and staging, not "qa"');
		expect(headerOf(h.lastFrame())).toContain('ACSO production');
	});

	it('lets the production rule and the audit trail follow the environment', async () => {
		const auditLog = join(root, 'audit.jsonl');
		const h = start({demo: true, write: true, auditLog});
		await h.waitFor(loaded('production'));
		await h.press(':');
		await h.type('ctx staging');
		await h.press(keys.enter);
		await h.waitFor(loaded('staging'));
		expect(headerOf(h.lastFrame())).toContain('ACSO staging │  WRITE');
		const menu = await h.press('a');
		expect(menu).toContain('Fixes for service acso-staging-');
		await h.press(keys.enter);
		const preview = await h.waitFor('aws ecs update-service');
		// Staging is not a production environment: no name to type.
		expect(preview).not.toMatch(/type acso-staging-\S+ to confirm/);
		await tick();
		await h.press('y');
		await h.waitFor('✓ Done', 10_000);
		const records = readFileSync(auditLog, 'utf8').trim().split('\n').map(line => JSON.parse(line) as AuditRecord);
		expect(records.map(r => [r.phase, r.env])).toEqual([
			['intent', 'staging'],
			['outcome', 'staging'],
		]);
		expect(records[0]?.resource).toMatch(/acso-staging-/);
	});
});
