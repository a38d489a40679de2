// Which changes the engineer applied during a drill, read from the audit trail every fix writes:
// an intent line, then an outcome line. Only a change that went through (outcome ok) counts.
import type {AuditLog} from '../fixes/audit.js';

export type AppliedChange = {action: string; title: string; resource: string};

/** The same audit log, telling `onApplied` of each change that succeeded. */
export function observeAudit(audit: AuditLog, onApplied: (change: AppliedChange) => void): AuditLog {
	const pending = new Map<string, AppliedChange>();
	return {
		get path() {
			return audit.path;
		},
		get sessionId() {
			return audit.sessionId;
		},
		intent(plan) {
			const id = audit.intent(plan);
			const change = 'fixId' in plan ? {action: plan.fixId, title: plan.title, resource: plan.resourceName} : {action: plan.action, title: plan.title, resource: plan.resource};
			pending.set(id, change);
			return id;
		},
		outcome(entryId, outcome) {
			audit.outcome(entryId, outcome);
			const change = pending.get(entryId);
			pending.delete(entryId);
			if (change && outcome.ok) onApplied(change);
		},
	};
}
