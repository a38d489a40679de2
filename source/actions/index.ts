// The fixes catalogue, audit trail, undo and deployment watcher: what the UI imports.
export type * from './types.js';
export {FixInputError, isFixInputError} from './errors.js';
export {catalogue, fixById, fixesFor} from './catalogue.js';
export {fixFromRunbook, type RunbookFix, type RunbookFixKind, type RunbookTarget} from './runbook-hints.js';
export {forceNewDeployment, setDesiredCount, stopTask} from './ecs.js';
export {rollback, deployRevision, findPreviousActiveRevision, parseTaskDefinitionRef} from './ecs-revisions.js';
export {newRevision} from './new-revision.js';
export {putRetention, createLogGroup, putMetricFilter, retentionDays} from './logs.js';
export {putMetricAlarm} from './alarms.js';
export {putCompositeAlarm, alarmRuleReferences} from './composite-alarm.js';
export {modifyDbClass} from './rds.js';
export {checkFargateSize, fargateMemoryByCpu} from './fargate.js';
export {shellQuote, cliLine} from '../format/shell-quote.js';
export {
	AuditError,
	createAuditLog,
	defaultAuditPath,
	newSessionId,
	runPlan,
	type AuditContext,
	type AuditLog,
	type AuditOutcomeInput,
	type AuditRecord,
	type RunResult,
} from './audit.js';
export {initialWatchState, reduceWatch, maxWatchEvents, type WatchAction, type WatchDone, type WatchState} from './watch-state.js';
export {watchDeployment, watchTargetOf, defaultSleep, type DeploymentWatch, type Sleep, type WatchOptions} from './watch.js';
export {createWatchRegistry, type WatchRegistry} from './watches.js';
