import {describe, expect, it} from 'vitest';
import {databaseQueries, latestValue, serviceQueries, splitSeries} from '../../source/model/metric-queries.js';
import {namesFor} from '../../source/port/names.js';

describe('metric queries', () => {
	const names = namesFor('production');

	it('asks CPU and memory of every service and the database in one batch', () => {
		const queries = [...serviceQueries(names, ['a', 'b'], 60), ...databaseQueries(names, 60)];
		expect(queries).toHaveLength(7);
		expect(new Set(queries.map(q => q.id)).size).toBe(7);
		for (const q of queries) expect(q.id).toMatch(/^[a-z][a-z0-9_]*$/);
		expect(queries[0]).toMatchObject({namespace: 'AWS/ECS', metricName: 'CPUUtilization', dimensions: {ClusterName: 'acso-production-cluster', ServiceName: 'a'}});
		expect(queries.at(-1)).toMatchObject({namespace: 'AWS/RDS', dimensions: {DBInstanceIdentifier: 'acso-production-db'}});
	});

	it('splits the answer back by service', () => {
		const series = [
			{id: 'cpu_1', label: '', points: [{t: 1, v: 10}, {t: 2, v: 20}], complete: true},
			{id: 'mem_0', label: '', points: [{t: 1, v: 50}], complete: true},
			{id: 'db_conn', label: '', points: [{t: 1, v: 120}], complete: true},
		];
		const split = splitSeries(['a', 'b'], series);
		expect(latestValue(split.perService.get('b')?.cpu)).toBe(20);
		expect(latestValue(split.perService.get('a')?.memory)).toBe(50);
		expect(split.perService.get('a')?.cpu).toBeUndefined();
		expect(latestValue(split.db.connections)).toBe(120);
	});
});
