// The read calls acso-tui makes itself for a runbook step, through the Cloud port. Times are kept
// relative to the moment the step runs (offsets from `now`, negative = in the past), so a step
// built at startup still asks for "the last hour" when run an hour later.
import type {MetricStat} from '../port/types.js';
import type {SecurityGroupFilter} from '../port/security-groups.js';

/**
 * A point in time: relative to when the step runs (`$(date -d '1 hour ago')`, negative = past), or
 * a fixed time the command wrote out.
 */
export type TimeRef = {offsetMs: number} | {at: number};

export type RelativeWindow = {start: TimeRef; end: TimeRef};

export function resolveTime(ref: TimeRef, now: number): number {
	return 'at' in ref ? ref.at : now + ref.offsetMs;
}

export type NativeCall =
	| {op: 'ecs.describe-clusters'; clusters: string[]}
	| {op: 'ecs.list-clusters'}
	| {op: 'ecs.list-services'; cluster: string}
	/** services empty: every service of the cluster (the guide omits --services). */
	| {op: 'ecs.describe-services'; cluster: string; services: string[]}
	| {op: 'ecs.list-tasks'; cluster: string; service?: string; desiredStatus?: 'RUNNING' | 'STOPPED'}
	| {op: 'ecs.describe-tasks'; cluster: string; tasks: string[]}
	| {
			op: 'logs.filter-log-events';
			logGroup: string;
			/** The pattern acso-tui sends (the guide's `A OR B` already translated). */
			pattern?: string;
			/** The pattern as the guide wrote it, when it differs. */
			writtenPattern?: string;
			window: RelativeWindow;
			logStreamNames?: string[];
			/** --max-items / --limit of the guide, else acso-tui's cap. */
			maxEvents?: number;
	  }
	| {op: 'logs.describe-log-groups'; prefix?: string}
	| {op: 'logs.describe-metric-filters'; logGroup: string}
	| {
			op: 'cloudwatch.get-metric-statistics';
			namespace: string;
			metricName: string;
			dimensions: Record<string, string>;
			stats: MetricStat[];
			periodSeconds: number;
			window: RelativeWindow;
	  }
	| {op: 'cloudwatch.describe-alarms'; names?: string[]; prefix?: string; state?: 'OK' | 'ALARM' | 'INSUFFICIENT_DATA'}
	| {op: 'cloudwatch.describe-alarm-history'; name: string; window: RelativeWindow}
	| {op: 'rds.describe-db-instances'; db?: string}
	| {op: 'ssm.get-parameters-by-path'; path: string; recursive: boolean}
	| {op: 'iam.get-role'; role: string}
	| {op: 'ec2.describe-security-groups'; filters: SecurityGroupFilter[]};

