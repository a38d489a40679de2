// Runs a runbook step's native diagnosis through the Cloud port (never a shell, never the aws CLI)
// and returns readable lines with a verdict. Changes are not run here: a write step carries a typed
// fix hint for the fixes catalogue. Errors come back as an "unknown" verdict naming the error kind,
// so a walker can show them in place; nothing is thrown.
import {type CloudErrorKind, errorMessage, isCloudError} from '../port/errors.js';
import type {Issue, Runbook, Step, Verdict} from './model.js';
import type {NativeCall} from './native-call.js';
import {describeAlarmHistory, describeAlarms} from './native-alarms.js';
import {describeClusters, describeServices, describeTasks, listClusters, listServices, listTasks} from './native-ecs.js';
import {describeLogGroups, describeMetricFilters, filterLogEvents} from './native-logs.js';
import {getMetricStatistics} from './native-metrics.js';
import {describeDbInstances} from './native-rds.js';
import {getParametersByPath} from './native-parameters.js';
import {getRole} from './native-iam.js';
import {describeSecurityGroups} from './native-network.js';
import type {ReadContext, ReadOutcome} from './native-result.js';
import {toVerdict} from './recommend.js';

export type {ReadCloud, ReadContext} from './native-result.js';

export type NativeContext = ReadContext & {
	/** The issue the step belongs to: its resolutions are what a verdict recommends. */
	issue?: Issue;
	/** The whole runbook: other issues a verdict points at. */
	runbook?: Runbook;
};

export type NativeResult = {
	verdict: Verdict;
	/** Readable rows: tables padded to width, one event or datapoint a line. */
	lines: string[];
	/** How the guide's command was adjusted, caps reached, estimates made. */
	notes: string[];
	calls: number;
	error?: {kind: CloudErrorKind; message: string};
};

const runners: {[Op in NativeCall['op']]: (call: Extract<NativeCall, {op: Op}>, context: ReadContext) => Promise<ReadOutcome>} = {
	'ecs.describe-clusters': describeClusters,
	'ecs.list-clusters': listClusters,
	'ecs.list-services': listServices,
	'ecs.describe-services': describeServices,
	'ecs.list-tasks': listTasks,
	'ecs.describe-tasks': describeTasks,
	'logs.filter-log-events': filterLogEvents,
	'logs.describe-log-groups': describeLogGroups,
	'logs.describe-metric-filters': describeMetricFilters,
	'cloudwatch.get-metric-statistics': getMetricStatistics,
	'cloudwatch.describe-alarms': describeAlarms,
	'cloudwatch.describe-alarm-history': describeAlarmHistory,
	'rds.describe-db-instances': describeDbInstances,
	'ssm.get-parameters-by-path': getParametersByPath,
	'iam.get-role': getRole,
	'ec2.describe-security-groups': describeSecurityGroups,
};

/** Runs one native read call. */
export async function runNative(call: NativeCall, context: NativeContext): Promise<NativeResult> {
	const run = runners[call.op] as (call: NativeCall, context: ReadContext) => Promise<ReadOutcome>;
	try {
		const outcome = await run(call, context);
		return {
			verdict: toVerdict(outcome.finding, {...(context.issue ? {issue: context.issue} : {}), ...(context.runbook ? {runbook: context.runbook} : {})}),
			lines: outcome.lines,
			notes: outcome.notes,
			calls: outcome.calls,
		};
	} catch (error) {
		const kind: CloudErrorKind = isCloudError(error) ? error.kind : 'unknown';
		const message = errorMessage(error);
		const hint = isCloudError(error) && error.hint ? ` (${error.hint})` : '';
		return {
			verdict: {level: 'unknown', reason: `${kindText[kind]}: ${message}${hint}`, finding: `error-${kind}`},
			lines: [],
			notes: [],
			calls: 0,
			error: {kind, message},
		};
	}
}

const kindText: Record<CloudErrorKind, string> = {
	throttled: 'AWS is throttling requests; try again shortly',
	credentials: 'No valid AWS credentials',
	denied: 'Access denied',
	'not-found': 'Not found',
	network: 'The AWS endpoint cannot be reached',
	invalid: 'AWS refused the request',
	unsupported: 'This endpoint does not support the call',
	'read-only': 'Refused in read-only mode',
	region: 'No AWS region configured',
	unknown: 'The call failed',
};

/**
 * Runs a step's diagnosis when it is a native read. Any other step answers "unknown" with what to do
 * instead: a change goes through its fix, an aws CLI step through runExternal, a manual one by hand.
 */
export async function runNativeStep(step: Step, context: NativeContext): Promise<NativeResult> {
	const notes = step.notes ?? [];
	if (step.runner === 'native' && step.effect === 'read' && step.call) {
		const result = await runNative(step.call, context);
		return {...result, notes: [...notes, ...result.notes]};
	}
	let reason: string;
	if (step.effect === 'write') {
		reason = step.fix
			? `A change (${step.fix.kind}): run it as a fix, with its preview and confirmation; acso-tui does not run it as a diagnosis.`
			: 'A change acso-tui has no typed fix for: run it with the aws CLI with --write, or by hand.';
	} else if (step.runner === 'external') reason = 'Runs with the aws CLI (not through acso-tui\'s own calls).';
	else reason = 'Run this yourself: acso-tui cannot run it.';
	return {verdict: {level: 'unknown', reason, finding: 'not-native'}, lines: [], notes, calls: 0};
}
