// The trail's log group judged by its records: a CloudTrail event says it was refused in its
// errorCode, so "Check CloudTrail for denied actions" names the role and the action, and the
// guide's `AccessDenied OR Denied` (three terms that must all appear) is searched as the
// alternatives it means.
import {describe, expect, it} from 'vitest';
import {namesFor} from '../../source/port/names.js';
import {buildAcsoRunbook} from '../../source/runbooks/acso-runbook.js';
import {findIssue} from '../../source/runbooks/model.js';
import {runNativeStep} from '../../source/runbooks/native.js';
import {planAwsCommand} from '../../source/runbooks/native-plan.js';
import {parseCommand} from '../../source/runbooks/aws-command.js';
import {deniedCalls} from '../../source/runbooks/trail-events.js';
import {createManualClock, createSimCloud, type SimFault} from '../../source/sim/index.js';

const T0 = Date.UTC(2026, 10, 28, 12, 0, 0);
const event = (message: string, timestamp = T0) => ({eventId: String(timestamp), timestamp, logGroup: 'trail', logStream: 's', message});
const record = (fields: Record<string, unknown>) => JSON.stringify({eventVersion: '1.09', ...fields});

describe('deniedCalls', () => {
	it('counts refused calls per principal and action, the role named from the session issuer; allowed calls and plain lines are not counted', () => {
		const role = {type: 'AssumedRole', arn: 'arn:aws:sts::1:assumed-role/app-role/task1', sessionContext: {sessionIssuer: {arn: 'arn:aws:iam::1:role/service-role/app-role'}}};
		const events = [
			event(record({userIdentity: role, eventSource: 's3.amazonaws.com', eventName: 'GetObject', errorCode: 'AccessDenied', resources: [{ARN: 'arn:aws:s3:::b/k'}]}), T0),
			event(record({userIdentity: role, eventSource: 's3.amazonaws.com', eventName: 'GetObject', errorCode: 'AccessDenied'}), T0 + 5),
			event(record({userIdentity: {arn: 'arn:aws:iam::1:user/ci'}, eventSource: 'ec2.amazonaws.com', eventName: 'AuthorizeSecurityGroupIngress', errorCode: 'Client.UnauthorizedOperation'}), T0 + 1),
			event(record({userIdentity: role, eventSource: 's3.amazonaws.com', eventName: 'PutObject'}), T0 + 2),
			event(record({userIdentity: role, eventSource: 'kms.amazonaws.com', eventName: 'Decrypt', errorCode: 'ThrottlingException'}), T0 + 3),
			event('ERROR AccessDenied: not json', T0 + 4),
			event('{not json either', T0 + 4),
		];
		expect(deniedCalls(events)).toEqual([
			{principal: 'role app-role', action: 's3:GetObject', resource: 'arn:aws:s3:::b/k', count: 2, newest: T0 + 5},
			{principal: 'arn:aws:iam::1:user/ci', action: 'ec2:AuthorizeSecurityGroupIngress', count: 1, newest: T0 + 1},
		]);
	});
});

describe('a guide pattern with a bare OR or AND between terms', () => {
	const context = {names: namesFor('production'), now: T0, title: 'x'};
	const plan = (pattern: string) => {
		return planAwsCommand(parseCommand(`aws logs filter-log-events --log-group-name G --filter-pattern '${pattern}'`, {now: T0}), context);
	};

	it.each([
		['Unauthorized OR Forbidden OR "Access Denied"', '?Unauthorized ?Forbidden ?"Access Denied"', /OR is just another word/],
		['AccessDenied AND s3', 'AccessDenied s3', /no AND keyword/],
	])('%s is searched as %s, with a note naming the change', (written, sent, note) => {
		const result = plan(written);
		expect(result.kind).toBe('read');
		if (result.kind !== 'read') return;
		expect(result.call).toMatchObject({pattern: sent, writtenPattern: written});
		expect(result.notes.some(n => note.test(n) && n.includes(written) && n.includes(sent))).toBe(true);
	});

	it('a pattern without them is sent as written, with no note', () => {
		const result = plan('?AccessDenied ?Denied');
		if (result.kind !== 'read') throw new Error(result.kind);
		expect(result.call).toMatchObject({pattern: '?AccessDenied ?Denied'});
		expect(result.call).not.toHaveProperty('writtenPattern');
		expect(result.notes.filter(n => /CloudWatch/.test(n))).toEqual([]);
	});
});

describe('Check CloudTrail for denied actions, on the simulated account', () => {
	const fault: SimFault = {
		kind: 'denied-role',
		service: 'acso-production-service-orchestration',
		role: 'arn:aws:iam::123456789012:role/acso-production-task-role',
		action: 's3:GetObject',
		resource: 'arn:aws:s3:::acso-production-bucket/playbooks/containment.yaml',
		share: 0.3,
	};
	const names = namesFor('production');
	const runbook = buildAcsoRunbook(names);
	const issue = findIssue(runbook, 'authentication-failures')!;
	const step = issue.diagnosis.find(s => s.title === 'Check CloudTrail for denied actions')!;

	function sim() {
		const clock = createManualClock(T0);
		return {clock, sim: createSimCloud({seed: 2, clock, isWriteEnabled: () => true, calm: true})};
	}

	it('names the role and the action refused, and points at the IAM resolution; the pattern as written would find nothing', async () => {
		const {clock, sim: cloud} = sim();
		cloud.control.injectFault(fault);
		clock.advance(4 * 60_000);
		const result = await runNativeStep(step, {cloud, names, now: clock.now(), issue, runbook});
		expect(result.verdict).toMatchObject({level: 'problem', finding: 'denied-calls', recommends: {index: 0, title: 'Fix IAM permissions'}});
		expect(result.verdict.reason).toMatch(/^Denied calls in CloudTrail\/AcsoAuditLog: role acso-production-task-role may not s3:GetObject on arn:aws:s3:::acso-production-bucket\/playbooks\/containment\.yaml \(\d+ times, last /);
		expect(result.notes.join('\n')).toContain('acso-tui searches "?AccessDenied ?Denied"');
		const written = await cloud.logs.filterLogEvents({logGroup: 'CloudTrail/AcsoAuditLog', pattern: 'AccessDenied OR Denied', startTime: clock.now() - 3600_000, endTime: clock.now()});
		expect(written.events).toEqual([]);
	});

	it('on the calm account it reports no problem', async () => {
		const {clock, sim: cloud} = sim();
		clock.advance(4 * 60_000);
		const result = await runNativeStep(step, {cloud, names, now: clock.now(), issue, runbook});
		expect(result.verdict.level).not.toBe('problem');
	});
});
