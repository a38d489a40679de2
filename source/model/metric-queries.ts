import type {ResourceNames} from '../port/names.js';
import type {MetricQuery, MetricSeries} from '../port/types.js';

// Which CloudWatch series a screen needs, built as one batch so a refresh is one GetMetricData call
// (up to 500 series) instead of one call per service.

export type ServiceMetric = 'CPUUtilization' | 'MemoryUtilization';
export type DatabaseMetric = 'CPUUtilization' | 'DatabaseConnections' | 'FreeableMemory';

export const serviceMetrics: readonly ServiceMetric[] = ['CPUUtilization', 'MemoryUtilization'];
export const databaseMetrics: readonly DatabaseMetric[] = ['CPUUtilization', 'DatabaseConnections', 'FreeableMemory'];

export function serviceQueryId(index: number, metric: ServiceMetric): string {
	return `${metric === 'CPUUtilization' ? 'cpu' : 'mem'}_${index}`;
}

export function databaseQueryId(metric: DatabaseMetric): string {
	return {CPUUtilization: 'db_cpu', DatabaseConnections: 'db_conn', FreeableMemory: 'db_free'}[metric];
}

export function serviceQueries(names: ResourceNames, services: readonly string[], periodSeconds: number): MetricQuery[] {
	return services.flatMap((service, index) =>
		serviceMetrics.map(metric => ({
			id: serviceQueryId(index, metric),
			namespace: 'AWS/ECS',
			metricName: metric,
			dimensions: {ClusterName: names.cluster, ServiceName: service},
			stat: 'Average' as const,
			periodSeconds,
			label: `${service} ${metric}`,
		})),
	);
}

export function databaseQueries(names: ResourceNames, periodSeconds: number): MetricQuery[] {
	return databaseMetrics.map(metric => ({
		id: databaseQueryId(metric),
		namespace: 'AWS/RDS',
		metricName: metric,
		dimensions: {DBInstanceIdentifier: names.db},
		stat: 'Average' as const,
		periodSeconds,
		label: `${names.db} ${metric}`,
	}));
}

export type ServiceSeries = {cpu?: MetricSeries; memory?: MetricSeries};

/** Splits one batch's answer back into per-service and database series. */
export function splitSeries(services: readonly string[], series: readonly MetricSeries[]) {
	const byId = new Map(series.map(s => [s.id, s]));
	const perService = new Map<string, ServiceSeries>();
	services.forEach((service, index) => {
		perService.set(service, {
			cpu: byId.get(serviceQueryId(index, 'CPUUtilization')),
			memory: byId.get(serviceQueryId(index, 'MemoryUtilization')),
		});
	});
	return {
		perService,
		db: {
			cpu: byId.get(databaseQueryId('CPUUtilization')),
			connections: byId.get(databaseQueryId('DatabaseConnections')),
			freeableMemory: byId.get(databaseQueryId('FreeableMemory')),
		},
	};
}

export function latestValue(series: MetricSeries | undefined): number | undefined {
	const last = series?.points[series.points.length - 1];
	return last?.v;
}
