import {useMemo, useState} from 'react';
import {moveCursor} from '../format/list-window.js';
import {matchesFilter} from '../format/list-filter.js';
import {sanitize} from '../format/sanitize.js';
import {serviceTableLayout, sparkWindowMs} from '../format/service-rows.js';
import {serviceTarget, useFixKeys} from '../fixes/ui/fix-keys.js';
import {useMetricBatch, useServices} from '../hooks/use-cloud-data.js';
import type {Binding} from '../input/bindings.js';
import {databaseQueries, serviceQueries, splitSeries} from '../model/metric-queries.js';
import {shortServiceName} from '../port/names.js';
import {useApp} from '../shell/app-context.js';
import type {ScreenProps} from '../shell/screen-model.js';
import {deployBinding} from './deploy/deploy-key.js';

// The part of a screen both the overview and the services screen are made of: the services with
// their live CPU and memory, the cursor over them and the keys that act on the selected one.

/** The services list with its live CPU and memory, shared by the overview and the services screen. */
export function useServiceList(props: ScreenProps, withDatabase: boolean, filter = '') {
	const {config, open} = useApp();
	const services = useServices();
	// The `/` filter narrows the rows (and what the cursor moves over), not what is fetched.
	const shown = useMemo(
		() => (filter === '' ? services.data : services.data?.filter(s => matchesFilter(shortServiceName(s.name, config.names), filter))),
		[services.data, filter, config.names],
	);
	const serviceNames = useMemo(() => (services.data ?? []).map(s => s.name), [services.data]);
	const queries = useMemo(
		() => [...serviceQueries(config.names, serviceNames, 60), ...(withDatabase ? databaseQueries(config.names, 60) : [])],
		[config.names, serviceNames, withDatabase],
	);
	// One batch for every service and the database: wait for the service names rather than asking
	// for the database alone first (one GetMetricData more on every first load).
	// One sparkline cell a minute: a wider terminal shows more history, not wider cells.
	const longest = useMemo(() => Math.max(0, ...serviceNames.map(n => sanitize(shortServiceName(n, config.names)).length)), [serviceNames, config.names]);
	const windowMs = sparkWindowMs(serviceTableLayout(props.width, longest));
	const metrics = useMetricBatch(queries, windowMs, services.data !== undefined);
	const series = useMemo(() => splitSeries(serviceNames, metrics.data ?? []), [serviceNames, metrics.data]);
	const [cursor, setCursor] = useState(0);
	const count = shown?.length ?? 0;
	const selected = shown?.[Math.min(cursor, count - 1)];
	const bindings: Binding[] = [
		{keys: ['j', 'down'], description: 'next service', handler: () => setCursor(c => moveCursor(c, 1, count))},
		{keys: ['k', 'up'], description: 'previous service', handler: () => setCursor(c => moveCursor(c, -1, count))},
		{keys: ['g', 'home'], description: 'first service', handler: () => setCursor(0)},
		{keys: ['G', 'end'], description: 'last service', handler: () => setCursor(Math.max(0, count - 1))},
		{keys: ['pagedown', 'ctrl-d'], description: 'page down', handler: () => setCursor(c => moveCursor(c, Math.max(1, props.height - 6), count))},
		{keys: ['pageup', 'ctrl-u'], description: 'page up', handler: () => setCursor(c => moveCursor(c, -Math.max(1, props.height - 6), count))},
		{
			keys: ['enter'],
			description: 'open service detail',
			footer: true,
			handler: () => {
				if (selected) open('service', {name: selected.name});
			},
		},
		{
			keys: ['l'],
			description: 'logs of this service',
			footer: selected !== undefined,
			handler: () => {
				if (selected) open('logs', {service: selected.name});
			},
		},
		...useFixKeys(serviceTarget(config.names.cluster, selected?.name), 'service'),
		deployBinding(selected?.name, open),
	];
	return {services, shown, metrics, series, cursor: Math.min(cursor, Math.max(0, count - 1)), bindings, selected};
}
