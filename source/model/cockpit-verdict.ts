// The cockpit's verdict on a rollout, from what it read: progressing, healthy (steady), rolling back,
// or failing with the reason (new tasks stopping and why; the circuit breaker counting; the new
// revision logging errors more often than the old by a stated factor), and what to do about it.
import {prominentFailure, taskReason} from '../format/tasks.js';
import type {Task} from '../port/types.js';
import type {CockpitData} from './cockpit.js';
import {perTaskRate, rateMinutes, type RevisionRate} from './cockpit-logs.js';

export type VerdictKind = 'progressing' | 'healthy' | 'failing' | 'rolling-back' | 'unknown';

export type Verdict = {kind: VerdictKind; reason: string; advice: string};

/** The new revision logs errors at least this many times as often (per task) as the old: failing. */
export const errorFactorThreshold = 3;
/** ...and at least this many errors in the window, so one stray line is no verdict. */
const minimumErrors = 3;

/** "acso-staging-incident-response:6" -> 6 (NaN for anything else). */
function revisionNumber(revision: string): number {
	return Number(revision.slice(revision.lastIndexOf(':') + 1));
}

/** A deployment to an older revision of the family than the one it replaces is a rollback. */
export function isRollback(data: CockpitData): boolean {
	const {fresh, old, serviceDeployment} = data;
	if (serviceDeployment?.status.startsWith('ROLLBACK')) return true;
	if (!fresh || !old) return false;
	const [family] = fresh.taskDefinition.split(':');
	return old.taskDefinition.startsWith(`${family}:`) && revisionNumber(fresh.taskDefinition) < revisionNumber(old.taskDefinition);
}

/** New tasks that stopped for a failure (could not start, crashed, killed), newest first. */
export function failedNewTasks(data: CockpitData): Task[] {
	const revision = data.fresh?.taskDefinition;
	return data.tasks
		.filter(t => t.taskDefinition === revision && t.lastStatus === 'STOPPED' && (prominentFailure(t) !== undefined || t.stopCode === 'TaskFailedToStart' || t.stopCode === 'EssentialContainerExited' || /health check/i.test(t.stoppedReason ?? '')))
		.sort((a, b) => (b.stoppedAt ?? 0) - (a.stoppedAt ?? 0));
}

function firstLine(text: string): string {
	return (text.split('\n')[0] ?? '').trim();
}

/** How many times as often the new revision logs errors, per task; undefined when it cannot be said. */
export function errorFactor(fresh: RevisionRate | undefined, old: RevisionRate | undefined): number | undefined {
	const a = fresh && perTaskRate(fresh);
	const b = old && perTaskRate(old);
	if (a === undefined || b === undefined || fresh!.errors < minimumErrors) return undefined;
	// An old revision with no error in the window counts as one, so the factor stays finite and modest.
	const floor = 1 / rateMinutes / Math.max(1, old!.tasks);
	return a / Math.max(b, floor);
}

export function judgeRollout(data: CockpitData, rates: {fresh?: RevisionRate; old?: RevisionRate}, rolledBackFrom?: string): Verdict {
	const {fresh, old, service} = data;
	if (!fresh) return {kind: 'unknown', reason: `${service.name} has no PRIMARY deployment`, advice: 'nothing to follow'};
	const to = fresh.taskDefinition;
	const steady = service.deployments.length === 1 && fresh.rolloutState === 'COMPLETED' && fresh.runningCount >= fresh.desiredCount;
	if (steady) {
		const back = rolledBackFrom ? `rolled back from ${rolledBackFrom}: ` : '';
		return {kind: 'healthy', reason: `${back}${to} is steady, ${fresh.runningCount}/${fresh.desiredCount} running`, advice: rolledBackFrom ? 'the rollback is done; the old revision serves again' : 'nothing to do'};
	}
	if (isRollback(data)) {
		return {
			kind: 'rolling-back',
			reason: `rolling back to ${to}: ${fresh.runningCount}/${fresh.desiredCount} running${old ? `, ${old.taskDefinition} draining (${old.runningCount} left)` : ''}`,
			advice: 'wait: the cockpit follows the rollback until the old revision is steady',
		};
	}
	const target = old ? old.taskDefinition : 'the previous revision';
	const rollBack = `press R to roll back to ${target}`;
	if (fresh.rolloutState === 'FAILED') {
		return {kind: 'failing', reason: `rollout FAILED${fresh.rolloutStateReason ? `: ${firstLine(fresh.rolloutStateReason)}` : ''}`, advice: rollBack};
	}
	const failed = failedNewTasks(data);
	if (failed.length > 0) {
		const why = firstLine(taskReason(failed[0]!)) || failed[0]!.stopCode || 'no reason given';
		return {kind: 'failing', reason: `${failed.length} new task${failed.length === 1 ? '' : 's'} of ${to} stopped: ${why}`, advice: rollBack};
	}
	const breaker = data.serviceDeployment?.circuitBreaker;
	if (breaker && breaker.failureCount > 0) {
		return {kind: 'failing', reason: `circuit breaker counting: ${breaker.failureCount} of ${breaker.threshold} failures`, advice: rollBack};
	}
	if (!breaker && fresh.failedTasks > 0) {
		return {kind: 'failing', reason: `${fresh.failedTasks} task${fresh.failedTasks === 1 ? '' : 's'} of ${to} failed`, advice: rollBack};
	}
	const factor = errorFactor(rates.fresh, rates.old);
	if (factor !== undefined && factor >= errorFactorThreshold) {
		const a = perTaskRate(rates.fresh!)!;
		const b = perTaskRate(rates.old!)!;
		return {
			kind: 'failing',
			reason: `${to} logs errors ${factor.toFixed(1)}× as often as ${rates.old!.revision} (${a.toFixed(1)} vs ${b.toFixed(1)} per task a minute, last ${rateMinutes} min)`,
			advice: rollBack,
		};
	}
	return {kind: 'progressing', reason: `${to}: ${fresh.runningCount}/${fresh.desiredCount} running, ${fresh.pendingCount} pending${old ? `; ${old.taskDefinition} still serves ${old.runningCount}` : ''}`, advice: 'watch the new tasks and the error rates; R rolls back'};
}
