import {shortServiceName, type ResourceNames} from '../port/names.js';
import type {Service} from '../port/types.js';
import {healthOf, rolloutOf} from '../model/services.js';
import {latestValue, type ServiceSeries} from '../model/metric-queries.js';
import {formatPercent} from './numbers.js';
import {sanitize} from './sanitize.js';
import {sparkline} from './sparkline.js';
import {padEnd, padStart, truncate} from './truncate.js';

export type Cell = {text: string; tone?: 'ok' | 'warn' | 'bad' | 'muted'};

export type ServiceTableLayout = {nameWidth: number; sparkWidth: number};

const fixed = {status: 8, tasks: 11, rollout: 11, value: 6};

/** The longest name the SERVICE column grows to; longer ones are cut with `…`. */
export const maxNameWidth = 32;
/** One sparkline cell is one minute: the chart's window, within these bounds. */
export const sparkMinutes = {min: 30, max: 180};

/**
 * Column widths for the services table at a terminal width. The SERVICE column is as wide as the
 * longest name (up to maxNameWidth, never narrower than its title); every column left over goes
 * to the two sparklines, which then show more history. Sparklines go first when there is no room.
 */
export function serviceTableLayout(width: number, longestName = 20): ServiceTableLayout {
	const gaps = 5;
	const rest = width - fixed.status - fixed.tasks - fixed.rollout - 2 * fixed.value - gaps;
	const minSpark = 6;
	const wanted = Math.min(maxNameWidth, Math.max('SERVICE'.length, longestName));
	const nameWidth = Math.max(8, Math.min(wanted, rest - 2 * (minSpark + 1)));
	const sparkWidth = Math.min(sparkMinutes.max, Math.floor((rest - nameWidth) / 2) - 1);
	if (sparkWidth < minSpark) return {nameWidth: Math.max(8, Math.min(wanted, rest)), sparkWidth: 0};
	return {nameWidth, sparkWidth};
}

/** The metric window the sparklines show: one minute a cell, at least half an hour. */
export function sparkWindowMs(layout: ServiceTableLayout): number {
	return Math.max(sparkMinutes.min, Math.min(sparkMinutes.max, layout.sparkWidth)) * 60_000;
}

export function serviceHeader(layout: ServiceTableLayout): string {
	const metric = (title: string) => (layout.sparkWidth > 0 ? padEnd(title, layout.sparkWidth + 1 + fixed.value) : padStart(title, fixed.value));
	return [
		padEnd('SERVICE', layout.nameWidth),
		padEnd('STATUS', fixed.status),
		padEnd('RUN/DES/PEN', fixed.tasks),
		padEnd('ROLLOUT', fixed.rollout),
		metric('CPU'),
		metric('MEM'),
	].join(' ');
}

function metricCells(series: ServiceSeries['cpu'], layout: ServiceTableLayout, warnAt: number): Cell[] {
	const value = latestValue(series);
	const tone = value === undefined ? 'muted' : value >= warnAt ? 'bad' : value >= warnAt - 15 ? 'warn' : 'ok';
	const text = padStart(value === undefined ? '—' : formatPercent(value), fixed.value);
	if (layout.sparkWidth === 0) return [{text, tone}];
	const spark = sparkline(series?.points.map(p => p.v) ?? [], layout.sparkWidth, {min: 0, max: 100});
	return [{text: padEnd(spark, layout.sparkWidth), tone: 'muted'}, {text, tone}];
}

/** One row of cells per service; every AWS string sanitised, every cell fitted to its column. */
export function serviceRow(service: Service, series: ServiceSeries | undefined, names: ResourceNames, layout: ServiceTableLayout): Cell[] {
	const health = healthOf(service);
	const tone = health === 'bad' ? 'bad' : health === 'warn' ? 'warn' : 'ok';
	const rollout = rolloutOf(service);
	return [
		{text: padEnd(truncate(sanitize(shortServiceName(service.name, names)), layout.nameWidth), layout.nameWidth)},
		{text: padEnd(truncate(sanitize(service.status), fixed.status), fixed.status), tone: service.status === 'ACTIVE' ? undefined : 'warn'},
		{text: padEnd(`${service.runningCount}/${service.desiredCount}/${service.pendingCount}`, fixed.tasks), tone},
		{text: padEnd(truncate(sanitize(rollout), fixed.rollout), fixed.rollout), tone: rollout === 'COMPLETED' ? 'ok' : rollout === 'FAILED' ? 'bad' : 'warn'},
		...metricCells(series?.cpu, layout, 80),
		...metricCells(series?.memory, layout, 85),
	];
}
