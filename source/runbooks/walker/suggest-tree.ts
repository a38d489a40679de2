// Which troubleshooting tree the overview's data points at, so one key (`t`) opens it: an alarm in
// ALARM on memory -> Memory Leaks, on CPU -> High CPU Utilization, on the database -> Database
// Connection Issues; a service short of tasks with tasks pending, or a failed rollout -> Container
// Image Pull Failures; an error spike -> the emergency "View recent errors". Issues are found by
// their titles in the runbook in use, so a guide loaded with --guide gets offers where it has trees.
import type {ErrorCount} from '../../hooks/use-error-count.js';
import type {Alarm, Service} from '../../port/types.js';
import {allIssues, type Runbook, type Step} from '../model.js';

export type OverviewData = {
	services?: readonly Service[];
	alarms?: readonly Alarm[];
	errors?: ErrorCount;
};

/** An issue to open (issueId), or a step to open on its page (stepId, for the emergency commands). */
export type TreeSuggestion = {issueId?: string; stepId?: string; title: string; reason: string; /** Set instead: a rollout to follow in the cockpit (the service's name). */ rollout?: string};

type Topic = 'memory' | 'cpu' | 'database' | 'image';

// How each topic's issue is recognised by title (the built-in guide's, and guides written like it).
const topicIssue: Record<Topic, RegExp> = {
	memory: /memory/i,
	cpu: /\bcpu\b/i,
	database: /database|connection/i,
	image: /image|pull/i,
};

/**
 * Errors in the overview's five-minute window that count as a spike: any FATAL, or this many
 * ERROR lines (the demo's healthy services log none; a real service logging errors steadily is
 * already a problem worth the emergency tree).
 */
export const errorSpikeThreshold = 10;

function alarmTopic(alarm: Alarm): Topic | undefined {
	if (alarm.kind !== 'metric') return undefined;
	if (alarm.namespace === 'AWS/RDS') return 'database';
	if (/memory/i.test(alarm.metricName)) return 'memory';
	if (/cpu/i.test(alarm.metricName)) return 'cpu';
	return undefined;
}

function issueFor(runbook: Runbook, topic: Topic): {id: string; title: string} | undefined {
	const issue = allIssues(runbook).find(i => topicIssue[topic].test(i.title));
	return issue ? {id: issue.id, title: issue.title} : undefined;
}

/** The emergency step that searches the logs for errors, if the runbook has one. */
function recentErrorsStep(runbook: Runbook): Step | undefined {
	const searches = runbook.emergency.filter(s => s.call?.op === 'logs.filter-log-events');
	return searches.find(s => /error/i.test(s.title)) ?? searches[0];
}

function shortOf(service: Service): string {
	const failed = service.deployments.find(d => d.rolloutState === 'FAILED');
	if (failed) return `${service.name}: rollout FAILED${failed.rolloutStateReason ? ` (${failed.rolloutStateReason})` : ''}`;
	return `${service.name}: ${service.runningCount}/${service.desiredCount} running, ${service.pendingCount} pending`;
}

/** A service that cannot get its tasks running: pending while short of its desired count, or a failed rollout. */
export function isStuck(service: Service): boolean {
	// Pending alone is every deployment's normal state; pending while short of desired is not.
	return service.deployments.some(d => d.rolloutState === 'FAILED') || (service.pendingCount > 0 && service.runningCount < service.desiredCount);
}

export function suggestTree(data: OverviewData, runbook: Runbook): TreeSuggestion | undefined {
	for (const alarm of data.alarms ?? []) {
		if (alarm.state !== 'ALARM') continue;
		const topic = alarmTopic(alarm);
		const issue = topic ? issueFor(runbook, topic) : undefined;
		if (issue) return {issueId: issue.id, title: issue.title, reason: `${alarm.name} is in ALARM`};
	}
	const stuck = (data.services ?? []).find(isStuck);
	if (stuck) {
		const issue = issueFor(runbook, 'image');
		if (issue) return {issueId: issue.id, title: issue.title, reason: shortOf(stuck)};
	}
	const errors = data.errors;
	if (errors && (errors.fatal > 0 || errors.errors >= errorSpikeThreshold)) {
		const step = recentErrorsStep(runbook);
		const minutes = Math.round(errors.windowMs / 60_000);
		if (step) return {stepId: step.id, title: step.title, reason: `${errors.errors}${errors.capped ? '+' : ''} ERROR, ${errors.fatal} FATAL in ${minutes}m`};
	}
	return undefined;
}
