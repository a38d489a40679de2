// CloudWatch alarm diagnoses: which alarms fire, which are missing, which flap. Alarms whose
// dimensions name another environment's resources are listed but never judged, so a staging
// diagnosis cannot report production's alarms as its own.
import {isCloudError} from '../port/errors.js';
import type {Alarm} from '../port/types.js';
import type {ResourceNames} from '../port/names.js';
import {type NativeCall, resolveTime} from './native-call.js';
import {type Finding, listOf, ok, plural, problem, type ReadContext, type ReadOutcome, shortTime, table, unknown} from './native-result.js';

type Call<Op extends NativeCall['op']> = Extract<NativeCall, {op: Op}>;

/** Alarm state changes into ALARM in the window at which an alarm counts as flapping. */
export const flappingTransitions = 4;

/** The resource of another environment an alarm watches, or undefined when it is this one's (or nobody's). */
export function otherEnvironment(alarm: Alarm, names: ResourceNames): string | undefined {
	if (alarm.kind !== 'metric' || names.alarmNames.includes(alarm.name)) return undefined;
	const d = alarm.dimensions;
	if (d.ClusterName !== undefined && d.ClusterName !== names.cluster) return d.ClusterName;
	if (d.ServiceName !== undefined && !d.ServiceName.startsWith(names.servicePrefix)) return d.ServiceName;
	if (d.DBInstanceIdentifier !== undefined && d.DBInstanceIdentifier !== names.db) return d.DBInstanceIdentifier;
	if (d.LogGroupName !== undefined && !names.logGroups.includes(d.LogGroupName)) return d.LogGroupName;
	return undefined;
}

/** The trees an alarm points at, by the metric it watches. */
function topicsOf(alarm: Alarm): string[] {
	if (alarm.kind !== 'metric') return [];
	if (alarm.metricName === 'MemoryUtilization') return ['memory'];
	if (alarm.metricName === 'DatabaseConnections' || alarm.namespace === 'AWS/RDS') return ['database'];
	if (alarm.metricName === 'CPUUtilization') return ['cpu'];
	return [];
}

function describeAlarm(alarm: Alarm): string {
	if (alarm.kind === 'composite') return `composite: ${alarm.alarmRule}`;
	const op = {GreaterThanThreshold: '>', GreaterThanOrEqualToThreshold: '>=', LessThanThreshold: '<', LessThanOrEqualToThreshold: '<='}[alarm.comparisonOperator];
	return `${alarm.statistic} ${alarm.metricName} ${op} ${alarm.threshold} for ${alarm.evaluationPeriods}x${alarm.periodSeconds}s`;
}

export async function describeAlarms(call: Call<'cloudwatch.describe-alarms'>, context: ReadContext): Promise<ReadOutcome> {
	// aws cloudwatch describe-alarms [--alarm-names A B] [--alarm-name-prefix P]
	let alarms = await context.cloud.alarms.describeAlarms({...(call.names ? {names: call.names} : {}), ...(call.prefix === undefined ? {} : {prefix: call.prefix})});
	if (call.state) alarms = alarms.filter(a => a.state === call.state);
	const missing = (call.names ?? []).filter(name => !alarms.some(a => a.name === name));
	const rows = [['ALARM', 'STATE', 'SINCE', 'RULE', 'REASON']];
	const others = new Map<string, string>();
	for (const a of alarms) {
		const other = otherEnvironment(a, context.names);
		if (other) others.set(a.name, other);
		rows.push([a.name, other ? `${a.state} (other environment: ${other})` : a.state, shortTime(a.stateUpdatedAt), describeAlarm(a), a.stateReason]);
	}
	for (const name of missing) rows.push([name, 'MISSING', '-', '-', '-']);
	const mine = alarms.filter(a => !others.has(a.name));
	const firing = mine.filter(a => a.state === 'ALARM');
	let finding: Finding;
	if (firing.length > 0) {
		finding = problem(
			`${listOf(firing.map(a => `${a.name} is in ALARM since ${shortTime(a.stateUpdatedAt)}`))}: ${firing[0]?.stateReason ?? ''}`.trim(),
			'alarm-firing',
			[...new Set(firing.flatMap(topicsOf))],
		);
	} else if (call.names && call.names.length > 0 && missing.length === call.names.length) {
		finding = problem(`None of the alarms exists (${listOf(missing)}): nothing will alert.`, 'alarms-missing');
	} else if (mine.length === 0) {
		finding = others.size > 0 ? unknown(`The alarms found watch another environment (${listOf([...new Set(others.values())])}); none is this one's.`) : unknown('No alarms found.');
	} else {
		const noData = mine.filter(a => a.state === 'INSUFFICIENT_DATA');
		const parts = [`${plural(mine.length - noData.length, 'alarm')} OK`];
		if (noData.length > 0) parts.push(`${listOf(noData.map(a => a.name))} without data`);
		if (missing.length > 0) parts.push(`${listOf(missing)} missing`);
		finding = noData.length === mine.length ? unknown(`${listOf(noData.map(a => a.name))} ${noData.length === 1 ? 'has' : 'have'} no data: they cannot alert.`, 'alarm-no-data') : ok(`${parts.join('; ')}.`);
		if (missing.length > 0 && finding.level === 'ok') finding = problem(`${parts.join('; ')}: a missing alarm never alerts.`, 'alarms-missing');
	}
	return {finding, lines: table(rows), notes: [], calls: 1};
}

export async function describeAlarmHistory(call: Call<'cloudwatch.describe-alarm-history'>, context: ReadContext): Promise<ReadOutcome> {
	const range = {start: resolveTime(call.window.start, context.now), end: resolveTime(call.window.end, context.now)};
	let items;
	try {
		// aws cloudwatch describe-alarm-history --alarm-name NAME --start-date S --end-date E
		items = await context.cloud.alarms.describeAlarmHistory(call.name, range);
	} catch (error) {
		if (isCloudError(error) && error.kind === 'not-found') {
			return {finding: problem(`Alarm ${call.name} does not exist: nothing will alert on it.`, 'alarms-missing'), lines: [`${call.name}  MISSING`], notes: [], calls: 1};
		}
		if (isCloudError(error) && error.kind === 'unsupported') {
			return {finding: unknown(`This endpoint has no alarm history (${error.message}).`), lines: [], notes: [], calls: 1};
		}
		throw error;
	}
	const sorted = [...items].sort((a, b) => a.timestamp - b.timestamp);
	const toAlarm = sorted.filter(i => i.type === 'StateUpdate' && /to ALARM\b/.test(i.summary));
	const lines = sorted.length === 0 ? ['(no history in the window)'] : table([['TIME', 'TYPE', 'SUMMARY'], ...sorted.map(i => [shortTime(i.timestamp), i.type, i.summary])]);
	let finding: Finding;
	if (toAlarm.length >= flappingTransitions) {
		finding = problem(`${call.name} went into ALARM ${plural(toAlarm.length, 'time')} between ${shortTime(range.start)} and ${shortTime(range.end)}: it flaps; raise the threshold or the evaluation periods.`, 'alarm-flapping');
	} else if (sorted.length === 0) finding = ok(`${call.name} did not change in the window.`);
	else finding = ok(`${call.name}: ${plural(toAlarm.length, 'transition')} into ALARM in the window (flapping starts at ${flappingTransitions}).`);
	return {finding, lines, notes: [], calls: 1};
}
