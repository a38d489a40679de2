import type {Alarm, AlarmState} from '../port/types.js';

const stateRank: Record<AlarmState, number> = {ALARM: 0, INSUFFICIENT_DATA: 1, OK: 2};

/** ALARM first, then INSUFFICIENT_DATA, then OK; within a state, the longest in it first. */
export function sortAlarms<T extends Alarm>(alarms: readonly T[]): T[] {
	return [...alarms].sort((a, b) => stateRank[a.state] - stateRank[b.state] || a.stateUpdatedAt - b.stateUpdatedAt || a.name.localeCompare(b.name));
}
