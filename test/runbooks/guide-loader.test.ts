import {readFileSync} from 'node:fs';
import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {namesFor} from '../../source/port/names.js';
import {GuideError, loadGuide} from '../../source/runbooks/guide-loader.js';
import {allIssues, allSteps} from '../../source/runbooks/model.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/guides/${name}`, import.meta.url), 'utf8');
const production = namesFor('production');
// The ACSO guide the app bundles (source/runbooks/acso-troubleshooting-guide.md), read as a file here.
const acsoGuide = () => readFileSync(new URL('../../source/runbooks/acso-troubleshooting-guide.md', import.meta.url), 'utf8');

function loadError(markdown: string): GuideError {
	try {
		loadGuide(markdown, production);
	} catch (error) {
		if (error instanceof GuideError) return error;
		throw error;
	}
	throw new Error('expected a GuideError');
}

describe('loadGuide on the ACSO guide', () => {
	const {runbook, warnings} = loadGuide(acsoGuide(), production);

	it('loads without warnings', () => {
		expect(warnings).toEqual([]);
		expect(runbook.title).toBe('ACSO Troubleshooting Guide');
	});

	it('finds the six areas and every "### Issue:" of the guide, in order', () => {
		expect(runbook.areas.map(a => a.title)).toEqual(['Deployment', 'Agent Communication', 'Performance', 'Security', 'Monitoring and Alerting', 'Data and Storage']);
		const titles = [...acsoGuide().matchAll(/^### Issue: (.+)$/gm)].map(m => m[1]);
		expect(allIssues(runbook).map(i => i.title)).toEqual(titles);
	});

	it('reads symptoms, diagnosis steps titled by their comments, and numbered resolutions', () => {
		const issue = allIssues(runbook).find(i => i.id === 'deployment-fails-with-service-not-found');
		expect(issue?.symptoms).toEqual(['Deployment script reports service not found', 'ECS console shows no services in cluster']);
		expect(issue?.diagnosis.map(s => s.title)).toEqual(['Check if cluster exists', 'List all clusters', 'Check CloudFormation stack status']);
		expect(issue?.resolutions.map(r => r.title)).toEqual(["If cluster doesn't exist", "If cluster exists but services don't"]);
		expect(issue?.diagnosis[0]?.line).toBe(46);
	});

	it('joins continuation lines into one command', () => {
		const step = allSteps(runbook).find(s => s.title === 'View recent errors');
		expect(step?.command.split('\n')).toHaveLength(4);
		expect(step?.call).toMatchObject({op: 'logs.filter-log-events', pattern: '?ERROR ?FATAL', writtenPattern: 'ERROR OR FATAL'});
	});

	it('reads the emergency commands, both recovery procedures and the escalation section', () => {
		expect(runbook.emergency.map(s => s.title)).toEqual(['Check overall system health', 'View service status', 'Emergency rollback', 'View recent errors']);
		expect(runbook.recoveries.map(r => [r.title, r.whenToUse])).toEqual([
			['Complete System Recovery', 'Total system failure, data corruption, major security breach'],
			['Partial Service Recovery', 'Single agent failure, partial data loss'],
		]);
		expect(runbook.recoveries[0]?.steps.map(s => s.group)).toEqual(['Assess Damage', 'Assess Damage', 'Assess Damage', 'Activate DR Site', 'Restore from Backup', 'Validate Recovery']);
		expect(runbook.escalation.when.map(w => w.title)).toEqual(['Immediate Escalation', 'Standard Escalation', 'Scheduled Escalation']);
		expect(runbook.escalation.levels.map(l => l.title)).toEqual(['Level 1 - On-Call Engineer', 'Level 2 - Development Team Lead', 'Level 3 - Engineering Manager', 'Level 4 - CTO/VP Engineering']);
		expect(runbook.escalation.checklist.map(s => s.group)).toEqual(['System Status', 'Error Logs', 'Performance Metrics', 'Timeline of Events', 'Timeline of Events', 'Timeline of Events']);
		expect(runbook.escalation.checklist.slice(3).map(s => s.title)).toEqual(['When did the issue start?', 'What changed recently?', 'What troubleshooting steps were taken?']);
	});

	it('keeps a comment without a command as a manual instruction', () => {
		const step = allSteps(runbook).find(s => s.title === 'If not available, request access through AWS Console');
		expect(step).toMatchObject({runner: 'manual', command: ''});
	});

	it('gives every step a unique id', () => {
		const ids = allSteps(runbook).map(s => s.id);
		expect(new Set(ids).size).toBe(ids.length);
	});

	it('loads a CRLF copy the same way', () => {
		const crlf = loadGuide(acsoGuide().replace(/\n/g, '\r\n'), production);
		expect(crlf.warnings).toEqual([]);
		expect(JSON.stringify(crlf.runbook)).toBe(JSON.stringify(runbook));
	});
});

describe('loadGuide on a guide with other titles and names', () => {
	const names = namesFor('staging', {cluster: 'ledger-staging-cluster', logGroups: ['/aws/ledger/staging/api'], db: 'ledger-staging-db', servicePrefix: 'ledger-staging-'});
	const {runbook, warnings} = loadGuide(fixture('ledger-guide.md'), names);

	it('reads its areas and issues', () => {
		expect(runbook.title).toBe('Ledger Platform On-Call Handbook');
		expect(runbook.areas.map(a => [a.title, a.issues.map(i => i.title)])).toEqual([
			['Capacity', ['API Pods Starved of CPU', 'Ledger Database Saturated']],
			['Storage', ['Audit Logs Kept Forever']],
		]);
		expect(allIssues(runbook)[0]?.symptoms).toEqual(['p99 latency above 2 s', 'CPU graphs flat at the top']);
	});

	it('rewrites its production names for the environment, and knows where each came from', () => {
		const [cpu, timeouts] = allIssues(runbook)[0]?.diagnosis ?? [];
		expect(cpu?.call).toMatchObject({
			op: 'cloudwatch.get-metric-statistics',
			dimensions: {ClusterName: 'ledger-staging-cluster', ServiceName: 'ledger-staging-api'},
			stats: ['Maximum'],
			periodSeconds: 60,
			window: {start: {offsetMs: -3 * 3_600_000}, end: {offsetMs: 0}},
		});
		expect(timeouts?.call).toMatchObject({logGroup: '/aws/ledger/staging/api', pattern: '?timeout ?deadline', window: {start: {offsetMs: -900_000}}});
		expect(timeouts?.params.logGroup).toEqual({value: '/aws/ledger/staging/api', source: 'environment'});
		expect(timeouts?.params.timeWindow?.source).toBe('clock');
		expect(JSON.stringify(runbook)).not.toContain('production');
	});

	it('reads `1) **Title:**` options under **Fix:**, and the typed fix of the command', () => {
		const resolution = allIssues(runbook)[0]?.resolutions[0];
		expect(resolution?.title).toBe('Add tasks');
		expect(resolution?.steps[0]?.fix).toEqual({kind: 'set-desired-count', target: {kind: 'service', cluster: 'ledger-staging-cluster', service: 'ledger-staging-api'}, params: {desiredCount: 6}, notes: []});
	});

	it('lists what it skipped or found missing', () => {
		expect(warnings).toEqual(
			expect.arrayContaining([
				{line: 43, message: 'a ```json block is not shell: skipped'},
				{line: 31, message: 'issue "Ledger Database Saturated" has no **Resolution:** options'},
				{line: 49, message: 'issue "Audit Logs Kept Forever" has no **Resolution:** options'},
			]),
		);
		expect(runbook.emergency.map(s => s.call)).toEqual([{op: 'cloudwatch.describe-alarms', state: 'ALARM'}]);
	});
});

describe('loadGuide on broken and hostile guides', () => {
	it('loads what it can from a broken guide and names every line it skipped', () => {
		const {runbook, warnings} = loadGuide(fixture('broken-guide.md'), production);
		const titles = allIssues(runbook).map(i => i.title);
		expect(titles).toEqual(['Good One', 'Unclosed Fence', 'After The Unclosed Fence', 'Control Characters', 'No Sections At All', 'Last One Never Closed']);
		const messages = warnings.map(w => `${w.line}: ${w.message}`);
		expect(messages).toContain('19: the ``` block opened at line 19 is not closed before the heading at line 22: its 2 lines were skipped');
		expect(messages).toContain('34: control or invisible character U+001B: line skipped (the command it belongs to may be incomplete)');
		expect(messages).toContain('35: control or invisible character U+202E: line skipped (the command it belongs to may be incomplete)');
		expect(messages).toContain('38: "### Issue:" without a title: skipped');
		expect(messages).toContain('47: the ``` block opened at line 47 is never closed: its 2 lines were skipped');
		expect(messages).toContain('40: issue "No Sections At All" has no **Diagnosis:** commands');
		// The block after the unclosed one is read normally, and the hostile lines never became commands.
		expect(allIssues(runbook)[2]?.diagnosis[0]?.call).toEqual({op: 'rds.describe-db-instances', db: 'acso-production-db'});
		expect(allIssues(runbook)[3]?.diagnosis.map(s => s.title)).toEqual(['Looks harmless']);
		expect(allIssues(runbook)[3]?.diagnosis[0]?.command).toBe('');
		expect(JSON.stringify(runbook)).not.toMatch(/\u001b|\u202e/);
	});

	it.each([
		['', 1, /empty/],
		['   \n\n  ', 1, /empty/],
		['# Title\n\nplain text\n', 1, /no troubleshooting content/],
		['ab\u0000cd', 1, /binary/],
		['line one\nline two \u0000', 2, /binary/],
	])('refuses %j with a GuideError naming a line', (markdown, line, message) => {
		const error = loadError(markdown);
		expect(error.line).toBe(line);
		expect(error.message).toMatch(message);
	});

	it('refuses a guide with no issues, naming the first problem it met', () => {
		const error = loadError(fixture('no-issues.md'));
		expect(error.message).toMatch(/no troubleshooting content found/);
	});

	it('skips huge lines with their line number', () => {
		const markdown = `${acsoGuide()}\n${'x'.repeat(20_000)}\n`;
		const {warnings} = loadGuide(markdown, production);
		expect(warnings).toEqual([{line: 798, message: 'line is 20000 characters long (limit 10000): skipped'}]);
	});

	it('refuses a single 10 MB line with a clear error, quickly', () => {
		const error = loadError('#'.repeat(10 * 1024 * 1024));
		expect(error.message).toMatch(/^line 1: no troubleshooting content found: .*line is 10485760 characters long/);
	});

	it('loads a 10 MB guide (the real one many times over) and caps what it keeps', () => {
		const one = acsoGuide();
		const big = one.repeat(Math.ceil((10 * 1024 * 1024) / one.length));
		const {runbook, warnings} = loadGuide(big, production);
		expect(allIssues(runbook).length).toBeGreaterThan(1000);
		expect(allSteps(runbook).length).toBeLessThanOrEqual(20_000 + 200);
		expect(warnings.length).toBeLessThanOrEqual(101);
		expect(warnings.some(w => /more than 20000 commands/.test(w.message))).toBe(true);
	});

	it('refuses input over the size limit', () => {
		expect(loadError('a'.repeat(17 * 1024 * 1024)).message).toMatch(/the limit is 16 MB/);
	});

	it('never throws anything but a GuideError, whatever the markdown', () => {
		const pieces = fc.constantFrom('## Area\n', '### Issue: T\n', '**Symptoms:**\n', '- s\n', '**Diagnosis:**\n', '**Resolution:**\n', '1. **Opt:**\n', '```bash\n', '```\n', '~~~\n', '# c\n', 'aws ecs list-clusters\n', 'aws logs filter-log-events --log-group-name g \\\n', '"\n', '\u001b\n', '### Emergency Commands\n', '## Recovery Procedures\n', '### R\n', '## Escalation\n', '### Information to Gather\n', '  - q\n', '\n');
		fc.assert(
			fc.property(fc.array(pieces, {maxLength: 60}), parts => {
				try {
					const {runbook} = loadGuide(parts.join(''), production);
					expect(Array.isArray(runbook.areas)).toBe(true);
				} catch (error) {
					expect(error).toBeInstanceOf(GuideError);
				}
			}),
			{numRuns: 1500},
		);
	});

	it('never throws anything but a GuideError on arbitrary text', () => {
		fc.assert(
			fc.property(fc.string({maxLength: 2000}), text => {
				try {
					loadGuide(text, production);
				} catch (error) {
					expect(error).toBeInstanceOf(GuideError);
				}
			}),
			{numRuns: 500},
		);
	});
});
