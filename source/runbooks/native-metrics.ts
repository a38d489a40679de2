// `aws cloudwatch get-metric-statistics`, run as one GetMetricData request, and judged by metric:
// CPU above 80 %, memory climbing or near full, database connections near the instance's limit.
import type {MetricQuery, MetricSeries} from '../port/types.js';
import {estimateMaxConnections} from './database-capacity.js';
import {type NativeCall, resolveTime} from './native-call.js';
import {type Finding, ok, problem, type ReadContext, type ReadOutcome, round1, shortTime, table, unknown} from './native-result.js';

type Call = Extract<NativeCall, {op: 'cloudwatch.get-metric-statistics'}>;

export const cpuThreshold = 80;
export const memoryHighThreshold = 90;
/** A climb of this many percentage points over the window, mostly upwards, is a leak. */
export const memoryClimbPoints = 10;
/** A task's Maximum memory at or above this is at its limit (the next allocation can kill it). */
export const memoryLimitThreshold = 95;
/** Periods at the limit that make a pattern rather than a spike. */
export const memoryLimitPeriods = 3;
/** Connections at this share of the estimated maximum are "near the limit". */
export const connectionsShare = 0.8;

export type Trend = {first: number; last: number; rises: number; steps: number};

export function trendOf(values: readonly number[]): Trend | undefined {
	if (values.length < 3) return undefined;
	let rises = 0;
	for (let i = 1; i < values.length; i++) if ((values[i] as number) >= (values[i - 1] as number)) rises++;
	return {first: values[0] as number, last: values[values.length - 1] as number, rises, steps: values.length - 1};
}

/** Memory that went up by `memoryClimbPoints` or more, in at least 70 % of the steps. */
export function isClimbing(trend: Trend | undefined): boolean {
	return trend !== undefined && trend.last - trend.first >= memoryClimbPoints && trend.rises / trend.steps >= 0.7;
}

const valuesOf = (series: MetricSeries | undefined) => (series ? series.points.map(p => p.v) : []);
const peak = (values: readonly number[]) => values.reduce((m, v) => Math.max(m, v), Number.NEGATIVE_INFINITY);

export async function getMetricStatistics(call: Call, context: ReadContext): Promise<ReadOutcome> {
	const range = {start: resolveTime(call.window.start, context.now), end: resolveTime(call.window.end, context.now)};
	const queries: MetricQuery[] = call.stats.map((stat, i) => ({
		id: `m${i}`,
		namespace: call.namespace,
		metricName: call.metricName,
		dimensions: call.dimensions,
		stat,
		periodSeconds: call.periodSeconds,
		label: stat,
	}));
	// aws cloudwatch get-metric-data --metric-data-queries '[...one per statistic...]' --start-time S --end-time E
	const series = await context.cloud.metrics.getMetricData(queries, range);
	let calls = 1;
	const byStat = new Map(call.stats.map((stat, i) => [stat, series.find(s => s.id === `m${i}`)]));
	const times = [...new Set(series.flatMap(s => s.points.map(p => p.t)))].sort((a, b) => a - b);
	const percent = /Utilization$/.test(call.metricName);
	const fmt = (v: number | undefined) => (v === undefined ? '-' : `${round1(v)}${percent ? '%' : ''}`);
	const rows = [['TIME', ...call.stats.map(s => s.toUpperCase())]];
	for (const t of times) rows.push([shortTime(t), ...call.stats.map(stat => fmt(byStat.get(stat)?.points.find(p => p.t === t)?.v))]);
	const dims = Object.entries(call.dimensions).map(([k, v]) => `${k}=${v}`).join(', ');
	const lines = [`${call.namespace} ${call.metricName} (${dims || 'no dimensions'}), every ${call.periodSeconds} s`, ...(times.length === 0 ? ['(no datapoints)'] : table(rows))];
	const notes: string[] = [];
	if (series.some(s => !s.complete)) notes.push('CloudWatch says more datapoints exist than it returned.');

	const main = valuesOf(byStat.get('Average')).length > 0 ? valuesOf(byStat.get('Average')) : valuesOf(byStat.get('Maximum'));
	const mainName = valuesOf(byStat.get('Average')).length > 0 ? 'average' : 'maximum';
	let finding: Finding;
	if (times.length === 0 || main.length === 0) {
		finding = unknown(`No datapoints for ${call.metricName} in the window: the service may run no task, or the dimensions name nothing.`, 'no-data');
	} else if (call.metricName === 'CPUUtilization') {
		const top = peak(main);
		const latest = main[main.length - 1] as number;
		const subject = call.dimensions.ServiceName ?? call.dimensions.DBInstanceIdentifier ?? call.dimensions.ClusterName ?? call.namespace;
		finding = top > cpuThreshold
			? problem(`${subject}: ${mainName} CPU reached ${round1(top)}% (above ${cpuThreshold}%), latest ${round1(latest)}%: scale out or give tasks more CPU.`, call.namespace === 'AWS/RDS' ? 'db-cpu-high' : 'cpu-high', call.namespace === 'AWS/RDS' ? ['database'] : ['cpu'])
			: ok(`${subject}: ${mainName} CPU peaked at ${round1(top)}% (threshold ${cpuThreshold}%), latest ${round1(latest)}%.`);
	} else if (call.metricName === 'MemoryUtilization') {
		const trend = trendOf(main);
		const latest = main[main.length - 1] as number;
		const subject = call.dimensions.ServiceName ?? call.dimensions.ClusterName ?? call.namespace;
		if (isClimbing(trend) && trend) {
			finding = problem(
				`${subject}: memory climbed from ${round1(trend.first)}% to ${round1(trend.last)}% (up in ${trend.rises} of ${trend.steps} periods), a leak: restart to clear it now, then give the task more memory if it climbs again.`,
				'memory-rising',
				['memory'],
			);
		} else if (valuesOf(byStat.get('Maximum')).filter(v => v >= memoryLimitThreshold).length >= memoryLimitPeriods) {
			const maxima = valuesOf(byStat.get('Maximum'));
			const hits = maxima.filter(v => v >= memoryLimitThreshold).length;
			finding = problem(
				`${subject}: tasks reached ${round1(peak(maxima))}% of their memory in ${hits} of ${maxima.length} periods while the average stays ${round1(Math.min(...main))}% to ${round1(peak(main))}%: memory builds up until tasks are killed and replaced (a leak, or too little memory). Restart to clear it now, then give the task more memory.`,
				'memory-limit',
				['memory'],
			);
		} else if (latest >= memoryHighThreshold) {
			finding = problem(`${subject}: memory at ${round1(latest)}% (${memoryHighThreshold}% or more): tasks are close to being killed for memory.`, 'memory-high', ['memory']);
		} else finding = ok(`${subject}: memory steady, ${round1(Math.min(...main))}% to ${round1(peak(main))}%, latest ${round1(latest)}%.`);
	} else if (call.metricName === 'DatabaseConnections') {
		const connections = valuesOf(byStat.get('Maximum')).length > 0 ? valuesOf(byStat.get('Maximum')) : main;
		const top = peak(connections);
		const db = call.dimensions.DBInstanceIdentifier;
		let estimate: ReturnType<typeof estimateMaxConnections>;
		if (db !== undefined) {
			// aws rds describe-db-instances --db-instance-identifier DB  (the class tells the connection limit)
			const [instance] = await context.cloud.databases.describeDbInstances(db);
			calls++;
			if (instance) estimate = estimateMaxConnections(instance.instanceClass, instance.engine);
			if (estimate) notes.push(`Limit estimated: ${estimate.basis} (a parameter group can change it).`);
		}
		if (!estimate) finding = unknown(`Up to ${Math.round(top)} connections; the instance's limit is unknown (class or engine not recognised).`);
		else if (top >= connectionsShare * estimate.max) {
			finding = problem(`${db ?? 'The database'}: up to ${Math.round(top)} connections of about ${estimate.max} allowed (${Math.round((100 * top) / estimate.max)}%): shrink the services' pools, or move to a bigger instance class.`, 'db-connections-high', ['database']);
		} else finding = ok(`${db ?? 'The database'}: up to ${Math.round(top)} connections of about ${estimate.max} allowed (${Math.round((100 * top) / estimate.max)}%).`);
	} else {
		finding = unknown(`${main.length} datapoints of ${call.metricName} (peak ${fmt(peak(main))}); acso-tui has no threshold for this metric.`);
	}
	return {finding, lines, notes, calls};
}
