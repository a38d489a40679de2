import type {Alarm, DbInstance, MetricSeries} from '../port/types.js';
import {latestValue} from '../model/metric-queries.js';
import {formatBytes, formatPercent} from './numbers.js';
import {sanitize} from './sanitize.js';
import type {Cell} from './service-rows.js';

export function alarmCells(alarms: readonly Alarm[]): Cell[] {
	if (alarms.length === 0) return [{text: 'no alarms watch this environment', tone: 'muted'}];
	return alarms.map(a => ({
		text: `${a.state === 'ALARM' ? '●' : a.state === 'OK' ? '○' : '◌'} ${sanitize(a.name)} ${a.state}`,
		tone: a.state === 'ALARM' ? 'bad' : a.state === 'OK' ? 'ok' : 'warn',
	}));
}

export type DatabaseSeries = {cpu?: MetricSeries; connections?: MetricSeries; freeableMemory?: MetricSeries};

export function databaseCells(db: DbInstance, series: DatabaseSeries | undefined): Cell[] {
	const cpu = latestValue(series?.cpu);
	const connections = latestValue(series?.connections);
	const free = latestValue(series?.freeableMemory);
	return [
		{text: sanitize(db.id)},
		{text: sanitize(db.status), tone: db.status === 'available' ? 'ok' : 'warn'},
		{text: sanitize(db.instanceClass)},
		{text: `CPU ${cpu === undefined ? '—' : formatPercent(cpu)}`, tone: cpu !== undefined && cpu >= 80 ? 'bad' : undefined},
		{text: `conns ${connections === undefined ? '—' : Math.round(connections)}`},
		{text: `free ${free === undefined ? '—' : formatBytes(free)}`},
	];
}

export function errorCells(count: {errors: number; fatal: number; capped: boolean; windowMs: number}): Cell[] {
	const minutes = Math.round(count.windowMs / 60_000);
	const more = count.capped ? '+' : '';
	return [
		{text: `${count.errors}${more} ERROR`, tone: count.errors > 0 ? 'warn' : 'ok'},
		{text: `${count.fatal}${more} FATAL`, tone: count.fatal > 0 ? 'bad' : 'ok'},
		{text: `in the last ${minutes}m`, tone: 'muted'},
	];
}
