import type {Alarm, MetricAlarm, MetricFilter} from '../port/types.js';

// Which alarms watch an environment, read from what each alarm says it watches: the dimensions of
// its metric and of every metric in its metric-math expression, the metric filters that produce its
// metric, and for a composite alarm its children. Alarm names are account-wide and follow no rule we
// can trust, so the name only counts when the config file lists it (or a prefix of it).

export type AlarmScope = {
	cluster: string;
	/** The cluster's service names. */
	services: readonly string[];
	db: string;
	/** The metric filters on the environment's log groups. */
	metricFilters: readonly MetricFilter[];
	/** From the config file: whole names, or prefixes ending in `*`. */
	alarmNames: readonly string[];
};

/** An alarm of the environment, with why it was attributed ("ServiceName=writer"). */
export type EnvironmentAlarm = Alarm & {why: string};

type MetricRef = {namespace: string; metricName: string; dimensions: Record<string, string>};

/** The alarm's own metric, and every metric of its metric-math expression (SDK `Metrics`). */
export function metricsOf(alarm: MetricAlarm): MetricRef[] {
	const refs: MetricRef[] = [];
	if (alarm.metricName !== '' || Object.keys(alarm.dimensions).length > 0) refs.push({namespace: alarm.namespace, metricName: alarm.metricName, dimensions: alarm.dimensions});
	const math = alarm.extra?.Metrics;
	if (Array.isArray(math)) {
		for (const query of math as Array<{MetricStat?: {Metric?: {Namespace?: string; MetricName?: string; Dimensions?: Array<{Name?: string; Value?: string}>}}}>) {
			const metric = query?.MetricStat?.Metric;
			if (!metric) continue;
			refs.push({
				namespace: metric.Namespace ?? '',
				metricName: metric.MetricName ?? '',
				dimensions: Object.fromEntries((metric.Dimensions ?? []).map(d => [d.Name ?? '', d.Value ?? ''])),
			});
		}
	}
	return refs;
}

function dimensionReason(ref: MetricRef, scope: AlarmScope, services: ReadonlySet<string>): string | undefined {
	const {ClusterName: cluster, ServiceName: service, DBInstanceIdentifier: db} = ref.dimensions;
	if (cluster !== undefined) {
		// A ClusterName that names another cluster rules the metric out, whatever its service is
		// called: two clusters may well run services of the same name.
		if (cluster !== scope.cluster) return undefined;
		return service === undefined ? `ClusterName=${cluster}` : `ClusterName=${cluster} ServiceName=${service}`;
	}
	if (service !== undefined && services.has(service)) return `ServiceName=${service}`;
	if (db !== undefined && db === scope.db) return `DBInstanceIdentifier=${db}`;
	return undefined;
}

function filterReason(ref: MetricRef, filters: readonly MetricFilter[]): string | undefined {
	for (const filter of filters) {
		if (filter.transformations.some(t => t.metricName === ref.metricName && t.metricNamespace === ref.namespace)) return `metric filter ${filter.name} on ${filter.logGroup}`;
	}
	return undefined;
}

function listedReason(name: string, listed: readonly string[]): string | undefined {
	for (const entry of listed) {
		if (entry.endsWith('*') ? name.startsWith(entry.slice(0, -1)) : name === entry) return `listed in the config (${entry})`;
	}
	return undefined;
}

/** The alarm names a composite rule refers to: ALARM("a"), OK(b), INSUFFICIENT_DATA(arn:...:alarm:c). */
export function childrenOf(rule: string): string[] {
	const names: string[] = [];
	const call = /\b(?:ALARM|OK|INSUFFICIENT_DATA)\s*\(\s*(?:"([^"]*)"|'([^']*)'|([^)\s]+))\s*\)/g;
	for (let match = call.exec(rule); match; match = call.exec(rule)) {
		const ref = (match[1] ?? match[2] ?? match[3] ?? '').trim();
		const arn = /^arn:[^:]*:cloudwatch:[^:]*:[^:]*:alarm:(.+)$/.exec(ref);
		names.push(arn ? arn[1]! : ref);
	}
	return names;
}

/**
 * The alarms that belong to the environment, each with why. Composite alarms belong when one of
 * their children does (through any depth of nesting).
 */
export function attributeAlarms(alarms: readonly Alarm[], scope: AlarmScope): EnvironmentAlarm[] {
	const services = new Set(scope.services);
	const why = new Map<string, string>();
	for (const alarm of alarms) {
		const listed = listedReason(alarm.name, scope.alarmNames);
		if (listed) {
			why.set(alarm.name, listed);
			continue;
		}
		if (alarm.kind !== 'metric') continue;
		for (const ref of metricsOf(alarm)) {
			const reason = dimensionReason(ref, scope, services) ?? filterReason(ref, scope.metricFilters);
			if (reason) {
				why.set(alarm.name, reason);
				break;
			}
		}
	}
	// Composites of composites: repeat until nothing more is added (at most one pass per level).
	const composites = alarms.filter(a => a.kind === 'composite');
	for (let changed = true; changed; ) {
		changed = false;
		for (const alarm of composites) {
			if (why.has(alarm.name)) continue;
			const child = childrenOf(alarm.alarmRule).find(name => why.has(name));
			if (child !== undefined) {
				why.set(alarm.name, `composite of ${child}`);
				changed = true;
			}
		}
	}
	return alarms.filter(a => why.has(a.name)).map(a => ({...a, why: why.get(a.name)!}));
}
