import stringWidth from 'string-width';
import {describe, expect, it} from 'vitest';
import {breadcrumbLine, introLines, recordStatus, walkerRowLine, walkerWindow} from '../../source/format/runbook-rows.js';
import type {SegmentLine} from '../../source/format/segments.js';
import {namesFor} from '../../source/port/names.js';
import {buildAcsoRunbook} from '../../source/runbooks/acso-runbook.js';
import {findIssue} from '../../source/runbooks/model.js';
import type {ExternalResult} from '../../source/runbooks/external.js';
import {stepKind} from '../../source/runbooks/walker/step-kind.js';
import type {StepRecord} from '../../source/runbooks/walker/walker-state.js';
import {pageOf, type PageRow} from '../../source/runbooks/walker/walker-tree.js';

const text = (line: SegmentLine) => line.map(s => s.text).join('');
const runbook = buildAcsoRunbook(namesFor('production'));
const tree = {runbook, warnings: []};
const memory = pageOf(tree, {kind: 'issue', id: 'memory-leaks'});

const native = (level: 'ok' | 'problem' | 'unknown', error = false): StepRecord => ({
	status: 'done',
	runId: 1,
	at: 0,
	outcome: {kind: 'native', result: {verdict: {level, reason: 'r'}, lines: [], notes: [], calls: 1, ...(error ? {error: {kind: 'denied', message: 'no'}} : {})}},
});
const external = (over: Partial<ExternalResult>): StepRecord => ({
	status: 'done',
	runId: 2,
	at: 0,
	outcome: {kind: 'external', result: {status: 'ok', message: 'aws finished', argv: ['aws'], exitCode: 0, signal: null, stdout: '', stderr: '', truncated: false, ...over}},
});

describe('breadcrumbLine', () => {
	it('joins the levels with › and fits the width exactly', () => {
		const line = breadcrumbLine(['Runbooks', 'Performance', 'Memory Leaks'], 60);
		expect(text(line).trimEnd()).toBe('Runbooks › Performance › Memory Leaks');
		expect(stringWidth(text(line))).toBe(60);
		expect(line.find(s => s.text === 'Memory Leaks')).toMatchObject({bold: true});
	});

	it('keeps the first and the current level when the path is too wide, and sanitizes titles', () => {
		expect(text(breadcrumbLine(['Runbooks', 'Agent Communication', 'Agents Cannot Communicate with Bedrock'], 56)).trimEnd()).toBe('Runbooks › … › Agents Cannot Communicate with Bedrock');
		expect(text(breadcrumbLine(['Runbooks', 'A\u001b[2JB'], 40))).toContain('A\\x1b[2JB');
	});
});

describe('introLines', () => {
	it('shows the symptoms on at most the lines given, labelled', () => {
		const lines = introLines({label: 'Symptoms', items: ['Memory utilization continuously increasing', 'Out of memory errors', 'Container restarts']}, 40, 2);
		expect(lines).toHaveLength(2);
		expect(lines[0]?.[0]).toEqual({text: 'Symptoms: ', bold: true});
		expect(lines.map(text).every(l => stringWidth(l) <= 40)).toBe(true);
		expect(text(lines[1] ?? [])).toMatch(/…$/);
		expect(text(introLines({label: 'Symptoms', items: []}, 40, 2)[0] ?? [])).toBe('Symptoms: none listed');
	});
});

describe('walkerRowLine', () => {
	const rows = memory?.rows ?? [];
	const stepRow = rows.find((r): r is Extract<PageRow, {kind: 'step'}> => r.kind === 'step' && r.step.id === 'memory-leaks/diagnosis/1');

	it('draws a step with its number, who runs it and how its last run went, exactly the width', () => {
		if (!stepRow) throw new Error('no step row');
		const line = walkerRowLine(stepRow, {width: 70, kind: stepKind(stepRow.step), record: native('problem')});
		expect(text(line)).toMatch(/^ {2}1 {4}\[run \] Check memory trends +✗ problem +$/);
		expect(stringWidth(text(line))).toBe(70);
		expect(line.find(s => s.text.startsWith('✗'))?.tone).toBe('bad');
		expect(text(walkerRowLine(stepRow, {width: 70, kind: 'native'}))).toMatch(/Check memory trends +$/);
	});

	it('marks the recommended resolution heading and its steps', () => {
		const heading = rows.find(r => r.kind === 'heading' && r.resolution === 0);
		if (!heading) throw new Error('no heading');
		const marked = walkerRowLine(heading, {width: 80, recommended: 0});
		expect(text(marked)).toMatch(/^Resolution 1: Immediate fix - restart service {2}◆ recommended \(n jumps here\)/);
		expect(marked[0]?.tone).toBe('ok');
		expect(text(walkerRowLine(heading, {width: 80, recommended: 1}))).not.toContain('recommended');
		const fixRow = rows.find(r => r.kind === 'step' && r.resolution === 0);
		if (fixRow?.kind !== 'step') throw new Error('no fix row');
		expect(text(walkerRowLine(fixRow, {width: 80, kind: 'fix', recommended: 0}))).toMatch(/^ {2}1\.1 {2}\[fix \] Force new deployment/);
	});

	it('draws entries and text rows sanitized and cut to the width', () => {
		const entry: PageRow = {kind: 'entry', title: 'Evil\u001b]52;c;AAAA\u0007', detail: 'x'.repeat(200), node: {kind: 'root'}};
		const line = text(walkerRowLine(entry, {width: 50}));
		expect(line).toContain('Evil\\x1b]52;c;AAAA\\x07');
		expect(stringWidth(line)).toBe(50);
		expect(line.endsWith('…')).toBe(true);
		expect(text(walkerRowLine({kind: 'text', text: 'line 4: skipped\u202e'}, {width: 30})).trimEnd()).toBe('  line 4: skipped<U+202E>');
	});
});

describe('recordStatus', () => {
	it('says how a run went in a few columns', () => {
		expect(recordStatus(undefined)).toBeUndefined();
		expect(recordStatus({status: 'running', runId: 1, startedAt: 0})).toEqual({text: '… running', tone: 'accent'});
		expect(recordStatus(native('ok'))).toEqual({text: '✓ ok', tone: 'ok'});
		expect(recordStatus(native('unknown'))).toEqual({text: '? unknown', tone: 'warn'});
		expect(recordStatus(native('unknown', true))).toEqual({text: '✗ failed', tone: 'bad'});
		expect(recordStatus(external({}))).toEqual({text: '✓ exit 0', tone: 'ok'});
		expect(recordStatus(external({status: 'failed', exitCode: 255}))).toEqual({text: '✗ exit 255', tone: 'bad'});
		expect(recordStatus(external({status: 'timeout', exitCode: null}))).toEqual({text: '✗ timeout', tone: 'bad'});
		expect(recordStatus({status: 'done', runId: 3, at: 0, outcome: {kind: 'command', argv: ['aws']}})).toEqual({text: '⧉ filled in', tone: 'info'});
	});

	it('is given for every step of the built-in runbook without throwing', () => {
		for (const issue of runbook.areas.flatMap(a => a.issues)) {
			const page = pageOf(tree, {kind: 'issue', id: issue.id});
			for (const row of page?.rows ?? []) {
				const line = walkerRowLine(row, row.kind === 'step' ? {width: 60, kind: stepKind(row.step)} : {width: 60});
				expect(stringWidth(text(line)), `${issue.id}`).toBe(60);
			}
		}
		expect(findIssue(runbook, 'memory-leaks')).toBeDefined();
	});
});

describe('walkerWindow', () => {
	it('draws everything that fits', () => {
		expect(walkerWindow(5, 4, 5)).toEqual({start: 0, end: 5, above: 0, below: 0});
	});

	it('shows the page from its top while the cursor allows, one row of context below it', () => {
		expect(walkerWindow(20, 3, 10)).toEqual({start: 0, end: 9, above: 0, below: 11});
		expect(walkerWindow(20, 7, 10)).toEqual({start: 0, end: 9, above: 0, below: 11});
		expect(walkerWindow(20, 8, 10)).toEqual({start: 1, end: 10, above: 1, below: 10});
		expect(walkerWindow(20, 19, 10)).toEqual({start: 11, end: 20, above: 11, below: 0});
	});
});
