import stringWidth from 'string-width';
import {describe, expect, it} from 'vitest';
import {commandText, stepDetailLines, verdictLines} from '../../source/format/diagnosis-lines.js';
import type {SegmentLine} from '../../source/format/segments.js';
import {namesFor} from '../../source/port/names.js';
import {buildAcsoRunbook} from '../../source/runbooks/acso-runbook.js';
import {allSteps, type Step} from '../../source/runbooks/model.js';
import {stepKind} from '../../source/runbooks/walker/step-kind.js';
import type {StepRecord} from '../../source/runbooks/walker/walker-state.js';

const text = (line: SegmentLine) => line.map(s => s.text).join('');
const all = (lines: readonly SegmentLine[]) => lines.map(text);
const runbook = buildAcsoRunbook(namesFor('production'));
const step = (id: string): Step => {
	const found = allSteps(runbook).find(s => s.id === id);
	if (!found) throw new Error(`no step ${id}`);
	return found;
};
const options = (s: Step, width = 80) => ({width, kind: stepKind(s), write: false});

describe('commandText', () => {
	it('joins backslash continuations into one line, as the shell reads them', () => {
		expect(commandText('aws logs filter-log-events \\\n  --log-group-name "/aws/acso/production/agents" \\\n  --filter-pattern "ERROR OR FATAL"')).toBe(
			'aws logs filter-log-events --log-group-name "/aws/acso/production/agents" --filter-pattern "ERROR OR FATAL"',
		);
		expect(commandText('echo \u001b]0;x\u0007')).toBe('echo \\x1b]0;x\\x07');
	});
});

describe('verdictLines', () => {
	it('shows the verdict, the recommended resolution with its key, and related issues', () => {
		const lines = all(
			verdictLines(
				{level: 'problem', reason: 'ACSO-HighMemory is in ALARM', recommends: {index: 0, title: 'Immediate fix - restart service'}, seeAlso: [{issueId: 'memory-leaks', title: 'Memory Leaks'}]},
				80,
			),
		);
		expect(lines).toEqual([
			'✗ PROBLEM  ACSO-HighMemory is in ALARM',
			'◆ recommended: Resolution 1: Immediate fix - restart service  (n jumps to it)',
			'see also: Memory Leaks  (o opens it)',
		]);
		expect(all(verdictLines({level: 'ok', reason: 'fine'}, 80))).toEqual(['✓ OK  fine']);
	});

	it('wraps a long reason under itself, within the width', () => {
		const lines = all(verdictLines({level: 'unknown', reason: 'word '.repeat(40)}, 40));
		expect(lines.length).toBe(3);
		for (const line of lines) expect(stringWidth(line)).toBeLessThanOrEqual(40);
		expect(lines[1]).toMatch(/^ {11}word/);
	});
});

describe('stepDetailLines', () => {
	it('before a run: the command, what Enter does, the parameters and notes', () => {
		const s = step('memory-leaks/diagnosis/1');
		const {head, body} = stepDetailLines(s, undefined, options(s));
		const lines = all(head);
		expect(lines[0]).toMatch(/^\$ aws cloudwatch get-metric-statistics --namespace AWS\/ECS/);
		expect(lines[1]).toMatch(/^ {2}\S/);
		expect(lines.slice(0, 3).join(' ')).toMatch(/--dimensions\s+Name=ServiceName,Value=acso-production-supervisor/);
		expect(lines.join('\n')).toContain('acso-tui runs this read itself, through its own read-only API calls: ⏎ runs it.');
		expect(lines.join('\n')).toMatch(/namespace AWS\/ECS · metricName MemoryUtilization/);
		expect(lines.join('\n')).toContain('· Run as GetMetricData');
		expect(body).toEqual([]);
		for (const line of lines) expect(stringWidth(line)).toBeLessThanOrEqual(80);
	});

	it('after a run: the verdict under the command, the rows to scroll, then the parameters', () => {
		const s = step('memory-leaks/diagnosis/1');
		const record: StepRecord = {
			status: 'done',
			runId: 1,
			at: 0,
			outcome: {
				kind: 'native',
				result: {verdict: {level: 'problem', reason: 'memory keeps rising', recommends: {index: 0, title: 'Immediate fix - restart service'}}, lines: ['TIME  AVERAGE', '12:00 71%\u001b[31m'], notes: ['capped at 10 pages'], calls: 2},
			},
		};
		const {head, body} = stepDetailLines(s, record, options(s));
		const lines = all(head);
		expect(lines.slice(2)).toEqual(['✗ PROBLEM  memory keeps rising', '◆ recommended: Resolution 1: Immediate fix - restart service  (n jumps to it)']);
		expect(all(body).slice(0, 5)).toEqual(['TIME  AVERAGE', '12:00 71%\\x1b[31m', '· capped at 10 pages', '2 API calls', expect.stringMatching(/^namespace AWS\/ECS/)]);
	});

	it('shows a running step, an aws CLI result, and a filled-in command', () => {
		const s = step('deployment-fails-with-service-not-found/diagnosis/3');
		expect(all(stepDetailLines(s, {status: 'running', runId: 1, startedAt: Date.UTC(2026, 10, 28, 12, 0, 5)}, options(s)).head)).toContain('… running since 12:00:05Z');
		const failed: StepRecord = {
			status: 'failed',
			runId: 2,
			at: 0,
			outcome: {kind: 'external', result: {status: 'failed', message: 'aws exited with code 254', argv: ['aws', 'cloudformation', 'describe-stacks', '--stack-name', 'a b'], exitCode: 254, signal: null, stdout: '', stderr: 'Stack does not exist\n', truncated: false}},
		};
		const detail = stepDetailLines(s, failed, options(s));
		expect(all(detail.head).slice(1)).toEqual(['✗ aws exited with code 254', "$ aws cloudformation describe-stacks --stack-name 'a b'"]);
		expect(detail.body[0]).toEqual([{text: 'Stack does not exist', tone: 'warn'}]);
		const interactive = step('memory-leaks/diagnosis/3');
		const filled = stepDetailLines(interactive, {status: 'done', runId: 3, at: 0, outcome: {kind: 'command', argv: ['aws', 'ecs', 'execute-command', '--task', 'abc']}}, options(interactive));
		expect(all(filled.head)).toEqual(expect.arrayContaining(['filled in (y copies it):', '$ aws ecs execute-command --task abc']));
	});

	it('shows a question of the escalation checklist as a question', () => {
		const s = step('escalation/4');
		expect(all(stepDetailLines(s, undefined, options(s)).head)).toEqual(['? When did the issue start?', 'A question to answer before escalating.']);
	});

	it('fits every step of the built-in runbook into a narrow body', () => {
		for (const s of allSteps(runbook)) {
			const {head} = stepDetailLines(s, undefined, options(s, 30));
			expect(head.length, s.id).toBeGreaterThan(0);
			for (const line of all(head)) expect(stringWidth(line), s.id).toBeLessThanOrEqual(30);
		}
	});
});
