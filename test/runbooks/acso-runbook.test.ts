import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {namesFor} from '../../source/port/names.js';
import {buildAcsoRunbook} from '../../source/runbooks/acso-runbook.js';
import acsoGuideMarkdown from '../../source/runbooks/acso-troubleshooting-guide.md';
import {allIssues, allSteps, findIssue} from '../../source/runbooks/model.js';

const guide = readFileSync(new URL('../../source/runbooks/acso-troubleshooting-guide.md', import.meta.url), 'utf8');
const production = buildAcsoRunbook(namesFor('production'));
const staging = buildAcsoRunbook(namesFor('staging'));

const issueIds = [
	'deployment-fails-with-service-not-found',
	'container-image-pull-failures',
	'task-definition-registration-fails',
	'agents-cannot-communicate-with-bedrock',
	'inter-agent-communication-failures',
	'high-cpu-utilization',
	'memory-leaks',
	'database-connection-issues',
	'authentication-failures',
	'network-security-violations',
	'missing-metrics',
	'alert-fatigue',
	'log-retention-problems',
	'configuration-drift',
];

describe('the built-in ACSO runbook', () => {
	it('bundles the guide from its markdown file, byte for byte', () => {
		expect(acsoGuideMarkdown).toBe(guide);
	});

	it('holds every issue of the guide, each with symptoms, diagnosis and two resolutions', () => {
		expect(allIssues(production).map(i => i.id)).toEqual(issueIds);
		// The guide has 14 "### Issue:" sections (the brief counted 15): every one is here.
		expect(issueIds).toHaveLength([...guide.matchAll(/^### Issue: /gm)].length);
		for (const issue of allIssues(production)) {
			expect(issue.symptoms.length, issue.id).toBeGreaterThanOrEqual(2);
			expect(issue.diagnosis.length, issue.id).toBeGreaterThanOrEqual(2);
			expect(issue.resolutions.length, issue.id).toBe(2);
			for (const resolution of issue.resolutions) expect(resolution.steps.length, `${issue.id}: ${resolution.title}`).toBeGreaterThan(0);
		}
	});

	it('holds the emergency commands, both recoveries and the escalation checklist', () => {
		expect(production.emergency.map(s => s.title)).toEqual([
			'Check overall system health',
			'View service status',
			'View service status (acso-tui reads it directly)',
			'Emergency rollback',
			'View recent errors',
		]);
		expect(production.recoveries.map(r => r.title)).toEqual(['Complete System Recovery', 'Partial Service Recovery']);
		expect(production.recoveries.map(r => r.steps.length)).toEqual([6, 3]);
		expect(production.escalation.levels).toHaveLength(4);
		expect(production.escalation.when).toHaveLength(3);
		expect(production.escalation.checklist.map(s => s.group)).toEqual(['System Status', 'Error Logs', 'Performance Metrics', 'Timeline of Events', 'Timeline of Events', 'Timeline of Events']);
	});

	it('adds its own ECS checks where the guide only looks at ECR, marked as such', () => {
		const pull = findIssue(production, 'container-image-pull-failures');
		expect(pull?.diagnosis.slice(0, 2).map(s => [s.origin, s.call?.op])).toEqual([
			['acso-tui', 'ecs.list-tasks'],
			['acso-tui', 'ecs.describe-services'],
		]);
		expect(findIssue(production, 'memory-leaks')?.diagnosis.at(-1)?.call).toEqual({op: 'ecs.list-tasks', cluster: 'acso-production-cluster', desiredStatus: 'STOPPED'});
	});

	it('gives every step a unique id and every native read a call', () => {
		const steps = allSteps(production);
		expect(new Set(steps.map(s => s.id)).size).toBe(steps.length);
		for (const step of steps) {
			if (step.runner === 'native' && step.effect === 'read') expect(step.call, step.id).toBeDefined();
			if (step.runner === 'native' && step.effect === 'write') expect(step.fix, step.id).toBeDefined();
			if (step.call) expect(step.effect, step.id).toBe('read');
		}
	});

	it('runs natively every ecs/logs/cloudwatch/rds read of the guide that needs no placeholder', () => {
		const reads = allSteps(production).filter(s => /^aws (ecs|logs|cloudwatch|rds) /.test(s.command) && s.effect === 'read' && !s.placeholders);
		expect(reads.length).toBeGreaterThanOrEqual(25);
		for (const step of reads) expect(step.runner, step.id).toBe('native');
	});

	it('maps the guide\'s changes to the typed fixes', () => {
		const kinds = new Set(allSteps(production).flatMap(s => (s.fix ? [s.fix.kind] : [])));
		expect([...kinds].sort()).toEqual([
			'authorize-ingress',
			'create-execution-role',
			'create-log-group',
			'create-service',
			'deploy-revision',
			'force-new-deployment',
			'modify-db-class',
			'new-revision',
			'put-composite-alarm',
			'put-metric-alarm',
			'put-metric-filter',
			'put-retention',
			'restore-parameter',
			'rollback',
			'set-desired-count',
		]);
		expect(findIssue(production, 'memory-leaks')?.resolutions[1]?.steps[0]?.fix).toMatchObject({kind: 'new-revision', grows: 'memory', params: {cpu: 1024, memory: 4096}});
		expect(findIssue(production, 'high-cpu-utilization')?.resolutions[0]?.steps[0]?.fix).toMatchObject({kind: 'new-revision', grows: 'cpu', params: {cpu: 1024, memory: 2048}});
		expect(findIssue(production, 'database-connection-issues')?.resolutions[1]?.steps[0]?.fix).toEqual({
			kind: 'modify-db-class',
			target: {kind: 'db', db: 'acso-production-db'},
			params: {instanceClass: 'db.t3.large', applyImmediately: true},
		});
	});

	it('classifies iam, ec2 (but its security groups), ecr, ssm, cloudformation and bedrock as external, scripts and tools as manual', () => {
		for (const step of allSteps(production)) {
			// Unless it holds a trick acso-tui never runs (file://, --region ...): then it is the engineer's.
			const refused = /file:\/\/|--region|--profile|--endpoint-url/.test(step.command);
			// Parameter Store's read and the delete the restore fix stands for are acso-tui's own (native-plan-parameters.ts).
			const nativeSsm = /^aws ssm (get-parameters-by-path|delete-parameter) /.test(step.command);
			if (nativeSsm) expect(step.runner, step.id).toBe('native');
			// The roles the task definitions name are read and created natively (native-iam.ts, fixes/roles.ts).
			const nativeIam = /^aws iam (get-role|create-role) /.test(step.command);
			if (nativeIam) expect(step.runner, step.id).toBe('native');
			// The security groups are read and opened natively (native-network.ts, fixes/network.ts).
			const securityGroups = /^aws ec2 (describe-security-groups|authorize-security-group-ingress) /.test(step.command);
			if (securityGroups) expect(step.runner, step.id).toBe('native');
			if (/^aws (iam|ec2|ecr|ssm|cloudformation|bedrock) /.test(step.command) && !nativeSsm && !nativeIam && !securityGroups) expect(step.runner, step.id).toBe(refused ? 'manual' : 'external');
			if (refused && step.command.startsWith('aws ') && !step.fix) expect(step.notes?.join(' '), step.id).toMatch(/Run it yourself/);
			if (/^(\S+=\S+ )*(\.\/scripts|python|docker|cdk|cd|cat|diff) /.test(step.command)) expect(step.runner, step.id).toBe('manual');
		}
		const exec = allSteps(production).filter(s => s.command.includes('execute-command'));
		expect(exec).toHaveLength(3);
		for (const step of exec) expect(step).toMatchObject({interactive: true, effect: 'write', placeholders: [expect.objectContaining({token: 'TASK-ID', choices: 'running-tasks'})]});
	});

	it('marks every change as a write', () => {
		const writes = allSteps(production).filter(s => /(update-service|register-task-definition|put-|create-|delete-|modify-|attach-|authorize-|cdk deploy|docker push|rollback)/.test(s.command));
		for (const step of writes) expect(step.effect, step.id).toBe('write');
	});

	it('says where each parameter comes from', () => {
		const step = findIssue(production, 'memory-leaks')?.diagnosis[0];
		expect(step?.params).toMatchObject({
			dimensions: {value: 'Name=ServiceName,Value=acso-production-supervisor', source: 'environment'},
			period: {value: '3600', source: 'guide'},
			timeWindow: {value: '1 day ago to now', source: 'clock'},
		});
		const logs = findIssue(production, 'agents-cannot-communicate-with-bedrock')?.diagnosis[1];
		expect(logs?.params.timeWindow).toMatchObject({value: '1 hour ago to now', source: 'default'});
		expect(logs?.notes?.join(' ')).toMatch(/no --start-time/);
	});
});

describe('the built-in runbook for another environment', () => {
	const names = namesFor('staging');

	it('never mentions production, except the name of a script file', () => {
		const text = JSON.stringify(staging);
		const mentions = [...text.matchAll(/[\w./-]*production[\w./-]*/g)].map(m => m[0]);
		expect([...new Set(mentions)]).toEqual(['scripts/production-validation.py']);
	});

	it('diagnoses the staging resources', () => {
		const calls = allSteps(staging).flatMap(s => (s.call ? [JSON.stringify(s.call)] : []));
		expect(calls.join('\n')).toContain('"acso-staging-cluster"');
		expect(calls.join('\n')).toContain('"/aws/acso/staging/agents"');
		expect(calls.join('\n')).toContain('"acso-staging-db"');
		expect(calls.join('\n')).toContain('"acso-staging-supervisor"');
		expect(findIssue(staging, 'missing-metrics')?.diagnosis[0]?.call).toEqual({op: 'logs.describe-log-groups', prefix: '/aws/acso/staging/'});
		const commands = allSteps(staging).map(s => s.command).join('\n');
		for (const expected of ['/acso/staging/database/max_connections', 'acso-staging-execution-role', 'acso-staging-task-role', 'acso-staging-infrastructure', 'Environment=staging', 'ENVIRONMENT=staging', '--environment staging', '--path "/acso/staging"']) {
			expect(commands).toContain(expected);
		}
		expect(names.env).toBe('staging');
	});

	it('follows overridden names', () => {
		const custom = buildAcsoRunbook(namesFor('qa', {cluster: 'qa-main', db: 'qa-postgres', logGroups: ['/qa/agents'], servicePrefix: 'qa-svc-'}));
		const cpu = findIssue(custom, 'high-cpu-utilization')?.diagnosis[0]?.call;
		expect(cpu).toMatchObject({dimensions: {ServiceName: 'qa-svc-supervisor', ClusterName: 'qa-main'}});
		expect(findIssue(custom, 'database-connection-issues')?.diagnosis[0]?.call).toEqual({op: 'rds.describe-db-instances', db: 'qa-postgres'});
		expect(findIssue(custom, 'memory-leaks')?.diagnosis[1]?.call).toMatchObject({logGroup: '/qa/agents'});
		// Role names are not services: they follow the environment, not the service prefix.
		expect(allSteps(custom).map(s => s.command).join('\n')).toContain('acso-qa-execution-role');
		expect(JSON.stringify(custom)).not.toMatch(/acso-production|\/production\//);
	});
});
