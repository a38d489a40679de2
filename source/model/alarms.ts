import type {ResourceNames} from '../port/names.js';
import type {Alarm, AlarmState} from '../port/types.js';

/**
 * The alarms that belong to an environment: metric alarms whose dimensions name its cluster or
 * database, composite alarms whose rule names one of those, and any alarm listed by name in the
 * config. Alarm names are account-wide, so an environment is found by what an alarm watches.
 */
export function alarmsOfEnvironment(alarms: readonly Alarm[], names: ResourceNames): Alarm[] {
	const listed = new Set(names.alarmNames);
	const watching = (alarm: Alarm) =>
		alarm.kind === 'metric' &&
		(alarm.dimensions.ClusterName === names.cluster || alarm.dimensions.DBInstanceIdentifier === names.db);
	const mine = new Set(alarms.filter(a => listed.has(a.name) || watching(a)).map(a => a.name));
	const composite = alarms.filter(
		a => a.kind === 'composite' && [...mine].some(name => a.alarmRule.includes(`"${name}"`) || a.alarmRule.includes(`'${name}'`)),
	);
	for (const c of composite) mine.add(c.name);
	return sortAlarms(alarms.filter(a => mine.has(a.name)));
}

const stateRank: Record<AlarmState, number> = {ALARM: 0, INSUFFICIENT_DATA: 1, OK: 2};

/** ALARM first, then INSUFFICIENT_DATA, then OK; within a state, the longest in it first. */
export function sortAlarms(alarms: readonly Alarm[]): Alarm[] {
	return [...alarms].sort((a, b) => stateRank[a.state] - stateRank[b.state] || a.stateUpdatedAt - b.stateUpdatedAt || a.name.localeCompare(b.name));
}
