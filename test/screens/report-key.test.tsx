import {existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {afterEach, beforeEach, describe, expect, it, vi} from 'vitest';
import {namesFor} from '../../source/port/names.js';
import {buildAcsoRunbook} from '../../source/runbooks/acso-runbook.js';
import {type Harness, keys, renderApp} from '../helpers/render.js';

// `E` writes the escalation report (the same files as `acso-tui report`) from the dashboard, into
// $XDG_STATE_HOME/acso-tui/reports/<time>/, and the status line says where.

let app: Harness | undefined;
let state: string;
beforeEach(() => {
	state = mkdtempSync(path.join(tmpdir(), 'acso-report-key-'));
	vi.stubEnv('XDG_STATE_HOME', state);
});
afterEach(() => {
	app?.unmount();
	app = undefined;
	vi.unstubAllEnvs();
	rmSync(state, {recursive: true, force: true});
});

// Reading two hours of the simulated account takes a moment on a busy machine (no timing asserted).
const slow = 30_000;

/** The one report folder written, and its two files read. */
function writtenReport() {
	const reports = path.join(state, 'acso-tui', 'reports');
	const folders = readdirSync(reports);
	expect(folders).toHaveLength(1);
	const folder = path.join(reports, folders[0]!);
	expect(folders[0]).toMatch(/^\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ$/);
	expect(readdirSync(folder).sort()).toEqual(['report.json', 'report.md']);
	const json = JSON.parse(readFileSync(path.join(folder, 'report.json'), 'utf8')) as {schema: number; status: {services: unknown[]}; timeline: unknown[]; since: string; at: string};
	return {folder, json, md: readFileSync(path.join(folder, 'report.md'), 'utf8')};
}

describe('the escalation report key', () => {
	it('on the overview: E writes report.md and report.json of the last 2h and the screen says where', {timeout: slow * 2}, async () => {
		const h = renderApp({flags: {demo: true, refresh: '3600'}, size: {columns: 160, rows: 40}});
		app = h;
		await h.waitFor('supervisor');
		const help = await h.press('?');
		expect(help).toMatch(/^\s*E\s{2,}write the escalation report/m);
		await h.press(keys.esc);
		await h.press('E');
		const frame = await h.waitFor(/escalation report written: /, slow);
		const {folder, json, md} = writtenReport();
		expect(frame).toContain(`escalation report written: ${path.join(folder, 'report.md')}`);
		expect(json.schema).toBe(1);
		expect(json.status.services.length).toBeGreaterThan(0);
		expect(json.timeline.length).toBeGreaterThan(0);
		expect(Date.parse(json.at) - Date.parse(json.since)).toBe(2 * 60 * 60_000);
		expect(md).toMatch(/^# /m);
	});

	it('on the runbooks escalation checklist: E is in the footer and writes the report', {timeout: slow * 2}, async () => {
		const h = renderApp({flags: {demo: true, refresh: '3600'}, size: {columns: 160, rows: 40}, initialScreen: 'runbooks'});
		app = h;
		await h.waitFor('ACSO Troubleshooting Guide');
		// The escalation checklist comes after the areas, the emergency commands and the recovery procedures.
		const runbook = buildAcsoRunbook(namesFor('production'));
		const before = runbook.areas.length + (runbook.emergency.length > 0 ? 1 : 0) + (runbook.recoveries.length > 0 ? 1 : 0);
		await h.press('g');
		for (let i = 0; i < before; i++) await h.press('j');
		await h.press(keys.enter);
		const page = await h.waitFor('Information to gather before escalating');
		expect(page).toMatch(/E .*escalation report/);
		await h.press('E');
		const frame = await h.waitFor(/escalation report written: /, slow);
		const {folder} = writtenReport();
		expect(frame).toContain(path.join(folder, 'report.md'));
	});

	it('says why when the folder cannot be made, and writes nothing', {timeout: slow * 2}, async () => {
		// The state directory is a file: no folder can be made under it.
		const blocked = path.join(state, 'not-a-directory');
		writeFileSync(blocked, '');
		vi.stubEnv('XDG_STATE_HOME', blocked);
		const h = renderApp({flags: {demo: true, refresh: '3600'}, size: {columns: 160, rows: 40}});
		app = h;
		await h.waitFor('supervisor');
		await h.press('E');
		const frame = await h.waitFor(/escalation report not written/, slow);
		expect(frame).toMatch(/escalation report not written to .*not-a-directory.*(ENOTDIR|EEXIST|not a directory)/);
		expect(existsSync(path.join(state, 'acso-tui'))).toBe(false);
	});
});
