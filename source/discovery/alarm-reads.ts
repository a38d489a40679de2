import type {Alarm, AlarmReader, ReadOptions} from '../port/types.js';
import {attributeAlarms, type AlarmScope, type EnvironmentAlarm} from './alarm-attribution.js';

// The environment's alarms at every refresh, without listing the whole account every time: the
// account's alarms are read in full (one paged DescribeAlarms) at most once a minute, or when the
// scope changed, to decide which alarms belong; in between, one DescribeAlarms by name (100 names a
// call) refreshes the states of those that do. A state change therefore shows at the next refresh;
// a newly created alarm within a minute. ECS itself polls DescribeAlarms for deployment alarms, so
// our reads stay light.

export const fullReadEveryMs = 60_000;

export type EnvironmentAlarmReader = {
	read(scope: AlarmScope, now: number, options?: ReadOptions): Promise<EnvironmentAlarm[]>;
};

export function createEnvironmentAlarmReader(alarms: AlarmReader): EnvironmentAlarmReader {
	let attributedAt: number | undefined;
	let attributedFor = '';
	let why = new Map<string, string>();

	const full = async (scope: AlarmScope, now: number, options: ReadOptions) => {
		// aws cloudwatch describe-alarms --alarm-types MetricAlarm CompositeAlarm
		const mine = attributeAlarms(await alarms.describeAlarms(undefined, options), scope);
		why = new Map(mine.map(a => [a.name, a.why]));
		attributedAt = now;
		attributedFor = scopeKey(scope);
		return mine;
	};

	return {
		async read(scope, now, options = {}) {
			if (attributedAt === undefined || now - attributedAt >= fullReadEveryMs || attributedFor !== scopeKey(scope)) return full(scope, now, options);
			const names = [...why.keys()];
			if (names.length === 0) return [];
			// aws cloudwatch describe-alarms --alarm-names NAME... (the adapter sends 100 names a call)
			const answer = await alarms.describeAlarms({names}, options);
			return answer.flatMap((alarm: Alarm) => {
				const reason = why.get(alarm.name);
				return reason === undefined ? [] : [{...alarm, why: reason}];
			});
		},
	};
}

function scopeKey(scope: AlarmScope): string {
	const filters = scope.metricFilters.map(f => `${f.logGroup}/${f.name}:${f.transformations.map(t => `${t.metricNamespace}/${t.metricName}`).join(',')}`);
	return JSON.stringify([scope.cluster, scope.db, [...scope.services].sort(), filters.sort(), [...scope.alarmNames].sort()]);
}
