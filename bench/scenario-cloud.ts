// The simulated account, held still, with the few knobs the benchmark turns. With a manual clock
// that does not move, every refresh returns the same data; each knob then changes exactly one
// thing, so one "update" is one known change and the bytes it costs can be compared with the
// smallest possible change of the screen.
import type {ManualClock} from '../source/sim/index.js';
import type {LogEvent, LogFilterPage, LogFilterRequest, LogReader, MetricQuery, MetricReader, MetricSeries, ServiceReader, TimeRange} from '../source/port/types.js';

/** Adds `offset` percentage points to the newest CPU point of the first service in each batch. */
export function createNudgedMetrics(base: MetricReader): MetricReader & {setCpuOffset(offset: number): void} {
	let offset = 0;
	return {
		setCpuOffset(next) {
			if (!Number.isFinite(next)) throw new Error(`setCpuOffset: offset must be a finite number, got ${next}`);
			offset = next;
		},
		async getMetricData(queries: MetricQuery[], range: TimeRange): Promise<MetricSeries[]> {
			const series = await base.getMetricData(queries, range);
			const target = queries.find(query => query.namespace === 'AWS/ECS' && query.metricName === 'CPUUtilization');
			if (!target || offset === 0) return series;
			return series.map(one => {
				const last = one.points[one.points.length - 1];
				if (one.id !== target.id || !last) return one;
				// A copy: the sim's own series must stay as they were for the next refresh.
				return {...one, points: [...one.points.slice(0, -1), {t: last.t, v: Math.min(100, last.v + offset)}]};
			});
		},
	};
}

export type FeedStatus = {target: number; produced: number; pages: number; polls: number};

const services = ['supervisor', 'threat-hunter', 'incident-response', 'service-orchestration', 'financial-intelligence'];
// An error storm: the logs screen shows ERROR and FATAL lines by default (?ERROR ?FATAL), and
// CloudWatch would return only those, so every event of the feed is one of them.
const levels = ['ERROR', 'ERROR', 'ERROR', 'ERROR', 'ERROR', 'ERROR', 'ERROR', 'ERROR', 'ERROR', 'FATAL'];

/** The n-th line of the feed: realistic length and shape. */
export function feedMessage(n: number, timestamp: number): string {
	const service = services[n % services.length] ?? 'supervisor';
	const level = levels[n % levels.length] ?? 'INFO';
	return `${new Date(timestamp).toISOString()} ${level} [${service}] feed event ${n} task=${(n * 2_654_435_761) % 4_294_967_296} request to bedrock-runtime failed after ${(n % 997) + 3}ms: ThrottlingException`;
}

/**
 * A LogReader that streams a flood: once started, each poll of the tailer (a first page without a
 * nextToken) gets up to `perPoll` new events in pages of `pageSize`, stamped 1 ms apart, until
 * `target` were produced. The clock follows the newest event, as the real one would.
 */
export function createLogFeed(base: LogReader, clock: ManualClock, group: string): LogReader & {start(target: number, perPoll: number, pageSize: number): void; status(): FeedStatus} {
	const start = clock.now();
	let target = 0;
	let perPoll = 0;
	let pageSize = 0;
	let produced = 0;
	let burstLeft = 0;
	let pages = 0;
	let polls = 0;

	function page(request: LogFilterRequest): LogFilterPage {
		if (request.nextToken === undefined) {
			polls += 1;
			burstLeft = Math.min(perPoll, target - produced);
		}
		const count = Math.max(0, Math.min(pageSize, burstLeft));
		const events: LogEvent[] = [];
		for (let i = 0; i < count; i++) {
			const n = produced + i;
			const timestamp = start + 1 + n;
			events.push({eventId: `feed-${n}`, timestamp, ingestionTime: timestamp, logGroup: request.logGroup, logStream: `acso/${services[n % services.length]}-agent/feed`, message: feedMessage(n, timestamp)});
		}
		produced += count;
		burstLeft -= count;
		pages += 1;
		if (count > 0) clock.set(Math.max(clock.now(), start + 1 + produced));
		return {events, ...(burstLeft > 0 ? {nextToken: `feed-page-${pages}`} : {})};
	}

	return {
		...base,
		async filterLogEvents(request) {
			if (request.logGroup !== group) return base.filterLogEvents(request);
			return page(request);
		},
		start(total, poll, size) {
			for (const [name, value] of [['total', total], ['perPoll', poll], ['pageSize', size]] as const) {
				if (!Number.isInteger(value) || value < 1) throw new Error(`feed: ${name} must be a positive whole number, got ${value}`);
			}
			target = total;
			perPoll = poll;
			pageSize = size;
		},
		status: () => ({target, produced, pages, polls}),
	};
}

/**
 * The account's services, `count` of them: the real ones, then copies named `<service>-NNN` that
 * answer as the service they copy (its tasks, its metrics), for the overview at scale.
 */
export function createManyServices(base: ServiceReader, metrics: MetricReader, count: number): {services: ServiceReader; metrics: MetricReader} {
	if (!Number.isInteger(count) || count < 1) throw new Error(`createManyServices: count must be a positive whole number, got ${count}`);
	const originalOf = new Map<string, string>();
	const original = (name: string) => originalOf.get(name) ?? name;
	return {
		services: {
			...base,
			async listServices(cluster) {
				const names = await base.listServices(cluster);
				if (names.length === 0) return names;
				const all = [...names];
				for (let i = names.length; i < count; i++) {
					const copied = names[i % names.length]!;
					const name = `${copied}-${String(Math.floor(i / names.length)).padStart(3, '0')}`;
					originalOf.set(name, copied);
					all.push(name);
				}
				return all;
			},
			async describeServices(cluster, names) {
				const found = await base.describeServices(cluster, [...new Set(names.map(original))]);
				const byName = new Map(found.map(service => [service.name, service]));
				return names.flatMap(name => {
					const service = byName.get(original(name));
					return service ? [{...service, name, arn: service.arn.replace(/[^/]+$/, name)}] : [];
				});
			},
			listTasks: (cluster, filter) => base.listTasks(cluster, filter?.service ? {...filter, service: original(filter.service)} : filter),
		},
		metrics: {
			getMetricData(queries, range) {
				const asked = queries.map(query => (query.dimensions.ServiceName === undefined ? query : {...query, dimensions: {...query.dimensions, ServiceName: original(query.dimensions.ServiceName)}}));
				return metrics.getMetricData(asked, range);
			},
		},
	};
}
