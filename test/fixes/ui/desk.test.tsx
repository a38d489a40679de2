import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {Box, Text} from 'ink';
import {useCallback, useState} from 'react';
import {afterAll, afterEach, describe, expect, it} from 'vitest';
import {createAuditLog, type AuditLog, type AuditRecord} from '../../../source/fixes/audit.js';
import type {AppConfig} from '../../../source/config/app-config.js';
import {useFixDesk, type FixDesk} from '../../../source/fixes/ui/fix-desk.js';
import {CloudError} from '../../../source/port/errors.js';
import type {Cloud} from '../../../source/port/types.js';
import {createSimCloud, type SimCloud} from '../../../source/sim/index.js';
import {checkedOperator} from '../checked-operator.js';
import {keys, manualClock, renderTui, testConfig, tick, type Harness} from '../../helpers/render.js';

// The fix panels on their own (as the shell holds them), driven through proposeFix as the runbook
// walker calls it, on the simulated account or on a fake Operator that checks every call.

const root = mkdtempSync(join(tmpdir(), 'acso-fix-desk-'));
afterAll(() => rmSync(root, {recursive: true, force: true}));
const open: Harness[] = [];
afterEach(() => {
	for (const h of open.splice(0)) h.unmount();
});

const cluster = 'acso-production-cluster';
const supervisor = 'acso-production-supervisor';
const supervisorTarget = {kind: 'service', cluster, service: supervisor} as const;

function Host({cloud, config, now, audit, api}: {cloud: Cloud; config: AppConfig; now: () => number; audit: AuditLog; api: {desk?: FixDesk}}) {
	const [notice, setNotice] = useState('');
	const notify = useCallback((text: string) => setNotice(text), []);
	const desk = useFixDesk({cloud, config, now, audit, notify, onChanged: () => undefined, copyToClipboard: () => false, quit: () => setNotice('quit asked')});
	api.desk = desk;
	return (
		<Box flexDirection="column">
			<Text>notice: {notice}</Text>
			{desk.isOpen ? desk.render(110, 26, now()) : <Text>(no panel)</Text>}
		</Box>
	);
}

let files = 0;
/** Write mode, with production out of productionEnvs unless asked: `y` confirms. */
function mount(options: {cloud?: (sim: SimCloud) => Cloud; production?: boolean; auditPath?: string} = {}) {
	const clock = manualClock();
	const config: AppConfig = {...testConfig({demo: true, write: true}), ...(options.production ? {} : {productionEnvs: []})};
	const sim = createSimCloud({seed: 7, clock, isWriteEnabled: () => true});
	const cloud = options.cloud ? options.cloud(sim) : sim;
	const auditPath = options.auditPath ?? join(root, `audit-${++files}.jsonl`);
	const audit = createAuditLog({path: auditPath, context: {env: 'production', region: 'simulated', sessionId: 'desk-test'}, now: clock.now});
	const api: {desk?: FixDesk} = {};
	const h = renderTui(<Host cloud={cloud} config={config} now={clock.now} audit={audit} api={api} />, {columns: 110, rows: 30});
	open.push(h);
	const propose = async (request: Parameters<FixDesk['proposeFix']>[0]) => {
		api.desk!.proposeFix(request);
		await tick();
		return h.lastFrame();
	};
	return {h, sim, clock, auditPath, propose, api};
}

const records = (path: string) => readFileSync(path, 'utf8').trimEnd().split('\n').map(line => JSON.parse(line) as AuditRecord);
const desiredOf = async (sim: SimCloud, name: string) => (await sim.services.describeServices(cluster, [name]))[0]!.desiredCount;

describe('proposeFix from a runbook hint', () => {
	it('asks for the service when the hint names only the cluster, then previews and sends the rollback', async () => {
		const {h, sim, propose} = mount();
		const picker = await propose({hint: {kind: 'rollback', target: {kind: 'cluster', cluster}, params: {}, notes: ['the guide rolls back every service at once']}});
		expect(picker).toContain('Emergency rollback acts on one service: choose one in acso-production-cluster');
		expect(picker).toContain('note: the guide rolls back every service at once');
		const list = await h.waitFor('acso-production-threat-hunter');
		expect(list).toMatch(/acso-production-supervisor\s+2\/2 running/);
		// Sorted by name: supervisor is the fourth.
		await h.press('j', 'j', 'j', keys.enter);
		const preview = await h.waitFor('aws ecs update-service');
		expect(preview).toContain('Fix · Emergency rollback · service acso-production-supervisor');
		expect(preview).toMatch(/Changes\s+taskDefinition: acso-production-supervisor:\d+ → acso-production-supervisor:\d+/);
		expect(preview).toContain('Send this change to production? y/⏎ confirm · n/esc back');
		const before = sim.control.calls()['updateService'] ?? 0;
		await h.press('y');
		expect(await h.waitFor('✓ Done: Roll back')).toContain('Rollout of acso-production-supervisor');
		expect(sim.control.calls()['updateService']).toBe(before + 1);
	});

	it('quits on ctrl-c from a panel, except while a change is on its way', async () => {
		const {h, propose} = mount();
		await propose({fixId: 'force-new-deployment', target: supervisorTarget});
		await h.waitFor('aws ecs update-service');
		expect(await h.press(keys.ctrlC)).toContain('notice: quit asked');
	});

	it('says why a hint cannot be proposed', async () => {
		const {propose} = mount();
		const frame = await propose({hint: {kind: 'reboot-the-world' as never, target: {kind: 'cluster', cluster}, params: {}}});
		expect(frame).toContain('notice: cannot propose this fix: no fix for runbook step kind "reboot-the-world"');
		expect(frame).toContain('(no panel)');
	});
});

describe('the form, the outcome and undo', () => {
	it("shows the catalogue's validation message, then sends the change and its undo through the same confirmation", async () => {
		const {h, sim, auditPath, propose} = mount();
		const before = await desiredOf(sim, supervisor);
		const form = await propose({fixId: 'set-desired-count', target: supervisorTarget});
		expect(form).toContain('▸ Desired count*');
		expect(form).toContain('Tasks to keep running, 0 to 1000.');
		await h.type('abc');
		await h.press(keys.enter);
		expect(await h.waitFor('must be a whole number')).toContain('desiredCount must be a whole number, got "abc"');
		await tick(); // the field is mounted again and listens from its effect on
		await h.press('\u007f', '\u007f', '\u007f');
		await h.type(String(before + 1));
		await h.press(keys.enter);
		const preview = await h.waitFor('aws ecs update-service');
		expect(preview).toMatch(new RegExp(`desiredCount: ${before} → ${before + 1}`));
		await h.press('y');
		const done = await h.waitFor('✓ Done: Set desired count');
		expect(done).toContain(`u undo: Undo sets the desired count of acso-production-supervisor back to ${before}.`);
		expect(await desiredOf(sim, supervisor)).toBe(before + 1);

		const undo = await h.press('u');
		expect(undo).toContain('Undo · Set desired count');
		expect(undo).toContain(`Undo: Set desired count of acso-production-supervisor to ${before + 1}`);
		expect(undo).toMatch(new RegExp(`desiredCount: ${before + 1} → ${before}`));
		await h.press('y');
		await h.waitFor(`✓ Done: Undo: Set desired count of acso-production-supervisor to ${before}`);
		expect(await desiredOf(sim, supervisor)).toBe(before);

		const lines = records(auditPath);
		expect(lines.map(r => `${r.phase}:${r.outcome}`)).toEqual(['intent:pending', 'outcome:ok', 'intent:pending', 'outcome:ok']);
		expect(lines[2]!.undoOf).toBe(`Set desired count of acso-production-supervisor to ${before + 1}`);
	});

	it('in production, the undo asks for the name again', async () => {
		const {h, propose} = mount({production: true});
		await propose({fixId: 'set-desired-count', target: supervisorTarget, params: {desiredCount: 5}});
		await h.press(keys.enter);
		await h.waitFor('type acso-production-supervisor to confirm');
		await tick();
		await h.type(supervisor);
		await h.press(keys.enter);
		await h.waitFor('✓ Done');
		const undo = await h.press('u');
		expect(undo).toContain('type acso-production-supervisor to confirm');
		await h.press('y');
		expect(await h.press(keys.enter)).toContain('"y" is not acso-production-supervisor');
	});

	it('reports an AWS failure in plain words, audits it, and sends nothing else', async () => {
		const checked = checkedOperator([
			{
				method: 'updateService',
				args: [cluster, supervisor, {desiredCount: 3}],
				error: new CloudError('denied', 'User: arn:aws:sts::123456789012:assumed-role/oncall/me is not authorized to perform: ecs:UpdateService', {
					action: 'ecs:UpdateService',
					requestId: 'req-denied-1',
					code: 'AccessDeniedException',
				}),
			},
		]);
		const {h, auditPath, propose} = mount({cloud: sim => ({...sim, operator: checked.operator})});
		await propose({fixId: 'set-desired-count', target: supervisorTarget, params: {desiredCount: 3}});
		await h.press(keys.enter);
		await h.waitFor('aws ecs update-service');
		await h.press('y');
		const failed = await h.waitFor('✗ Failed');
		expect(failed).toMatch(/Error\s+ecs:UpdateService: access denied \(denied\)/);
		expect(failed).toContain('is not authorized to perform: ecs:UpdateService');
		expect(failed).toContain('code AccessDeniedException · request id req-denied-1');
		expect(failed).toMatch(/Changed\s+nothing: the change was not applied/);
		expect(await h.press('u')).toContain('nothing to undo: the change failed and nothing was changed');
		checked.verify();
		const lines = records(auditPath);
		expect(lines.map(r => r.outcome)).toEqual(['pending', 'failed']);
		expect(lines[1]!.error).toMatchObject({kind: 'denied', requestId: 'req-denied-1', code: 'AccessDeniedException'});
	});

	it('sends nothing when the audit intent cannot be written', async () => {
		const blocker = join(root, 'not-a-directory');
		writeFileSync(blocker, '');
		const checked = checkedOperator([]);
		const {h, propose} = mount({cloud: sim => ({...sim, operator: checked.operator}), auditPath: join(blocker, 'audit.jsonl')});
		await propose({fixId: 'force-new-deployment', target: supervisorTarget});
		await h.waitFor('aws ecs update-service');
		await h.press('y');
		const frame = await h.waitFor('✗ Not sent');
		expect(frame).toContain('cannot write the audit log');
		expect(frame).toMatch(/Changed\s+nothing: a change is made only after its intent is in the audit log/);
		checked.verify();
	});
});

describe('watches', () => {
	it('keep running after the flow closes, and are listed and reopened from the watch list', async () => {
		const {h, clock, propose, api} = mount();
		await propose({fixId: 'force-new-deployment', target: supervisorTarget});
		await h.waitFor('aws ecs update-service');
		await h.press('y');
		await h.waitFor('Rollout of acso-production-supervisor: IN_PROGRESS');
		expect(await h.press(keys.esc)).toContain('(no panel)');
		// Time passes while no panel shows the watch.
		clock.advance(120_000);
		api.desk!.pollNow();
		api.desk!.openWatches();
		await tick();
		const list = await h.waitFor(/acso-production-supervisor\s+completed/);
		expect(list).toContain('Deployment watches (this session)');
		const view = await h.press(keys.enter);
		expect(view).toContain('Rollout of acso-production-supervisor: completed');
		// Stopping a watch that has ended is refused with the reason.
		expect(await h.press('x')).toContain('notice: stop watching (the deployment goes on): the watch has ended');
		expect(await h.press(keys.esc)).toContain('Deployment watches (this session)');
		expect(await h.press(keys.esc)).toContain('(no panel)');
	});
});
