// The rollback cockpit on the demo's staging environment: incident-response rolling out a revision
// that logs errors several times as often, threat-hunter rolling out an image that cannot be pulled.
import {mkdtempSync, readFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterEach, describe, expect, it} from 'vitest';
import {keys, manualClock, renderApp, tick, type AppHarness} from '../helpers/render.js';
import {settle} from './go-to.js';

/** `:text` Enter, one key at a time (go-to.ts's goTo, for text with a space in it). */
async function command(h: AppHarness, text: string) {
	const typed = (part: string) => h.lastFrame().split('\n').some(line => line.trimEnd() === `:${part}`.trimEnd());
	await h.press(':');
	await h.waitFor(() => typed(''));
	await settle();
	for (let i = 1; i <= text.length; i++) {
		await h.press(text[i - 1]!);
		await h.waitFor(() => typed(text.slice(0, i)));
		await settle();
	}
	return h.press(keys.enter);
}

let app: AppHarness | undefined;
afterEach(() => app?.unmount());

async function openCockpit(service: string, flags: Record<string, unknown> = {}) {
	const clock = manualClock();
	app = renderApp({now: clock.now, flags: {demo: true, refresh: '3600', env: 'staging', ...flags}, size: {columns: 140, rows: 48}});
	await app.waitFor('supervisor');
	// Discovery names the services (completion, short names) and the log destinations.
	await settle();
	await command(app, `deploy ${service}`);
	await app.waitFor(`Deploy · ${service}`);
	await app.waitFor(f => /^(FAILING|PROGRESSING|HEALTHY|ROLLING BACK) /m.test(f) && !f.includes('loading…'), 15_000);
	return {h: app, clock};
}

describe(':deploy on the staging demo', () => {
	it('incident-response: both revisions, the new tasks\' error lines, the error rate of each and a failing verdict', async () => {
		const {h} = await openCockpit('incident-response');
		const frame = await h.waitFor(f => /LOGS of the new revision \d+ lines/.test(f) && / ERROR \[incident-response\]/.test(f), 15_000);
		// Both deployments side by side.
		expect(frame).toMatch(/NEW PRIMARY acso-staging-incident-response:6 .*OLD ACTIVE acso-staging-incident-response:5/);
		expect(frame).toMatch(/IN_PROGRESS .*COMPLETED/);
		expect(frame).toMatch(/running 1 {2}desired 1 {2}pending 0 {2}failed 0/);
		// Error rate per revision, side by side over the same minutes.
		const rates = frame.split('\n').find(line => line.includes('errors/min'))!;
		expect(rates.match(/errors\/min/g)).toHaveLength(2);
		const [fresh, old] = [...rates.matchAll(/([\d.]+) per task/g)].map(m => Number(m[1]));
		expect(fresh).toBeGreaterThan(3 * old!);
		// The verdict says why and what to do.
		expect(frame).toMatch(/^FAILING acso-staging-incident-response:6 logs errors [\d.]+× as often as acso-staging-incident-response:5/m);
		expect(frame).toContain('→ press R to roll back to acso-staging-incident-response:5');
		expect(frame).toContain('circuit breaker 0 of 3 failures');
		// The tail shows only the new revision's task; the old one's lines appear with v.
		const tail = frame.slice(frame.indexOf('LOGS of'));
		expect(tail).toMatch(/KeyError|TypeError/);
		const both = await h.press('v');
		await h.waitFor('LOGS of the old revision');
		expect(both).not.toBe('');
		const oldTail = h.lastFrame().slice(h.lastFrame().indexOf('LOGS of'));
		expect(oldTail).not.toMatch(/KeyError: 'severity_score'/);
		await h.press('v');
		await h.waitFor(f => /LOGS of both revisions/.test(f) && /\d{2}:\d{2}:\d{2} :6 /.test(f) && /\d{2}:\d{2}:\d{2} :5 /.test(f));
	});

	it('R with --write previews, sends and audits the rollback, then shows the old revision steady', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'acso-cockpit-'));
		const auditLog = join(dir, 'audit.jsonl');
		const {h, clock} = await openCockpit('incident-response', {write: true, auditLog});
		await h.press('R');
		const preview = await h.waitFor('ecs:StopServiceDeployment', 15_000);
		expect(preview).toContain('aws ecs stop-service-deployment --service-deployment-arn');
		expect(preview).toContain('arn:aws:ecs:us-east-1:123456789012:service-deployment/acso-staging-cluster/acso-staging-incident-response/');
		expect(preview).toContain('--stop-type ROLLBACK');
		expect(preview).toMatch(/Roll back acso-staging-incident-response from acso-staging-incident-response:6 to acso-staging-incident-response:5/);
		await tick();
		await h.press(keys.enter);
		await h.waitFor(/done: Roll back/, 15_000);
		const records = readFileSync(auditLog, 'utf8').trim().split('\n').map(line => JSON.parse(line) as Record<string, unknown>);
		expect(records.map(r => [r['phase'], r['outcome'], r['action']])).toEqual([
			['intent', 'pending', 'rollback'],
			['outcome', 'ok', 'rollback'],
		]);
		expect(JSON.stringify(records[0])).toContain('ecs:StopServiceDeployment');
		// Back on the cockpit: it follows the rollback until the old revision is steady.
		await h.press(keys.esc);
		await settle();
		clock.advance(60_000);
		await h.press('r');
		const steady = await h.waitFor(/^HEALTHY rolled back from acso-staging-incident-response:6: acso-staging-incident-response:5 is steady/m, 15_000);
		expect(steady).toContain('the rollback is done; the old revision serves again');
		expect(steady).toMatch(/NEW PRIMARY acso-staging-incident-response:5/);
	});

	it('threat-hunter: says why its new tasks fail', async () => {
		const {h} = await openCockpit('threat-hunter');
		const frame = h.lastFrame();
		expect(frame).toMatch(/^FAILING \d+ new tasks of acso-staging-threat-hunter:13 stopped: CannotPullContainerError/m);
		expect(frame).toMatch(/STOPPED .*TaskFailedToStart CannotPullContainerError: pull image manifest/);
		expect(frame).toContain('no circuit breaker');
		expect(frame).toMatch(/OLD ACTIVE acso-staging-threat-hunter:12/);
		expect(frame).toContain('press R to roll back to acso-staging-threat-hunter:12');
	});

	it('R without --write shows the preview and refuses to send', async () => {
		const {h} = await openCockpit('threat-hunter');
		await h.press('R');
		const preview = await h.waitFor(/read-only: start acso-tui with --write/, 15_000);
		expect(preview).toMatch(/Roll back acso-staging-threat-hunter/);
	});
});

describe('from a deployment watch', () => {
	it('D on the watch after an ECS fix opens the cockpit of its service', async () => {
		const clock = manualClock();
		app = renderApp({now: clock.now, flags: {demo: true, refresh: '3600', env: 'staging', write: true}, size: {columns: 140, rows: 48}});
		const h = app;
		await h.waitFor('supervisor');
		await settle();
		// Force a new deployment of the selected (first) service through the action menu.
		await h.press('a');
		await h.waitFor('Force a new deployment');
		await settle();
		await h.press(keys.enter);
		await h.waitFor('aws ecs update-service', 15_000);
		await settle();
		await h.press(keys.enter);
		await h.waitFor(/D follow it in the rollback cockpit/, 15_000);
		await settle();
		await h.press('D');
		await h.waitFor('Deploy · financial-intelligence', 15_000);
		await h.waitFor(/^(PROGRESSING|HEALTHY) /m, 15_000);
	});
});
