// Ties a finding to the issue it was found in: which of the issue's resolutions to try (by the
// typed fix its steps carry, else by its title), and which other issues the data points at.
// Works for the built-in runbook and for a guide loaded with --guide alike.
import type {FixHint} from '../fixes/hint.js';
import type {FixId} from '../fixes/types.js';
import {allIssues, type Issue, type Runbook, type Verdict} from './model.js';
import type {Finding} from './native-result.js';

// `grows` narrows a new revision to the one giving more CPU (or memory).
type Preference = {fix?: FixId[]; grows?: FixHint['grows']; title?: RegExp};

/** For each finding, the resolutions to look for, best first. */
export const preferences: Readonly<Record<string, readonly Preference[]>> = {
	'no-cluster': [{title: /cluster (doesn'?t|does not) exist|infrastructure/i}],
	'no-services': [{title: /services? (don'?t|do not|doesn'?t)|create services/i}],
	'service-missing': [{fix: ['create-service']}, {title: /services? (don'?t|do not|doesn'?t)|create services/i}],
	'pull-error': [{title: /image|push|registry/i}],
	'pull-denied': [{title: /iam|permission/i}, {title: /image|push|registry/i}],
	'cpu-high': [{fix: ['set-desired-count']}, {fix: ['new-revision'], grows: 'cpu'}, {title: /scale/i}],
	'memory-rising': [{fix: ['force-new-deployment']}, {title: /restart/i}, {fix: ['new-revision'], grows: 'memory'}],
	'memory-high': [{fix: ['force-new-deployment']}, {fix: ['new-revision'], grows: 'memory'}],
	'memory-limit': [{fix: ['force-new-deployment']}, {title: /restart/i}, {fix: ['new-revision'], grows: 'memory'}],
	oom: [{fix: ['new-revision'], grows: 'memory'}, {fix: ['force-new-deployment']}],
	'db-connections-high': [{title: /pool/i}, {fix: ['modify-db-class']}],
	'db-cpu-high': [{fix: ['modify-db-class']}],
	'no-log-group': [{fix: ['create-log-group']}],
	'no-retention': [{fix: ['put-retention']}],
	'retention-short': [{fix: ['put-retention']}],
	'no-metric-filters': [{fix: ['put-metric-filter']}],
	'bad-filter-pattern': [{fix: ['put-metric-filter']}],
	'alarm-flapping': [{fix: ['put-metric-alarm']}],
	'alarms-missing': [{fix: ['put-metric-alarm']}],
	'services-degraded': [{fix: ['force-new-deployment']}, {title: /restart|discovery/i}],
	'log-errors': [],
	'parameter-drift': [{fix: ['restore-parameter']}, {title: /reset|restore/i}],
	'role-missing': [{fix: ['create-execution-role']}, {title: /iam|role/i}],
	'role-trust': [{title: /iam|role/i}],
	'role-policy': [{fix: ['create-execution-role']}, {title: /iam|role/i}],
	'role-unassumable': [{fix: ['create-execution-role']}, {title: /iam|role/i}],
	'ingress-missing': [{fix: ['authorize-ingress']}, {title: /security group/i}],
	'ingress-open': [{title: /security group/i}],
	'denied-calls': [{title: /iam|permission/i}],
};

// Topic -> how to recognise its issue by title.
const topicIssues: Record<string, RegExp> = {
	memory: /memory/i,
	cpu: /\bcpu\b/i,
	database: /database|connection/i,
	image: /image|pull/i,
	access: /authenticat|access|permission/i,
	performance: /\bcpu\b|performance|slow/i,
	role: /task definition registration|\biam role|\broles?\b/i,
};

function matches(resolution: Issue['resolutions'][number], preference: Preference): boolean {
	if (preference.fix && resolution.steps.some(step => step.fix && preference.fix?.includes(step.fix.kind) && (preference.grows === undefined || step.fix.grows === preference.grows))) return true;
	if (preference.title && (preference.title.test(resolution.title) || resolution.steps.some(step => preference.title?.test(step.title)))) return true;
	return false;
}

export function recommendResolution(issue: Issue, finding: string | undefined, topics: readonly string[] = []): Verdict['recommends'] {
	if (finding === undefined) return undefined;
	const wanted = [...(preferences[finding] ?? [])];
	// Log errors about access point at IAM fixes; about memory, at a restart.
	if (finding === 'log-errors' && topics.includes('access')) wanted.push({title: /iam|permission/i});
	if (finding === 'log-errors' && topics.includes('memory')) wanted.push({fix: ['force-new-deployment']});
	if (finding === 'log-errors' && topics.includes('database')) wanted.push({title: /pool/i});
	for (const preference of wanted) {
		const index = issue.resolutions.findIndex(resolution => matches(resolution, preference));
		if (index >= 0) return {index, title: (issue.resolutions[index] as Issue['resolutions'][number]).title};
	}
	return undefined;
}

export function relatedIssues(runbook: Runbook, topics: readonly string[], current?: Issue): Verdict['seeAlso'] {
	const found: NonNullable<Verdict['seeAlso']> = [];
	for (const topic of topics) {
		const pattern = topicIssues[topic];
		if (!pattern) continue;
		const issue = allIssues(runbook).find(candidate => candidate.id !== current?.id && pattern.test(candidate.title) && !found.some(f => f.issueId === candidate.id));
		if (issue) found.push({issueId: issue.id, title: issue.title});
	}
	return found.length > 0 ? found : undefined;
}

/** A finding made into a verdict of `issue` (when the step belongs to one) within `runbook`. */
export function toVerdict(finding: Finding, where: {issue?: Issue; runbook?: Runbook} = {}): Verdict {
	const verdict: Verdict = {level: finding.level, reason: finding.reason, ...(finding.finding === undefined ? {} : {finding: finding.finding})};
	if (finding.level === 'problem' && where.issue) {
		const recommends = recommendResolution(where.issue, finding.finding, finding.topics);
		if (recommends) verdict.recommends = recommends;
	}
	if (finding.level === 'problem' && where.runbook && finding.topics) {
		const seeAlso = relatedIssues(where.runbook, finding.topics, where.issue);
		if (seeAlso) verdict.seeAlso = seeAlso;
	}
	return verdict;
}
