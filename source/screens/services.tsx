import {Box} from 'ink';
import {ServicesTable} from '../components/services-table.js';
import {CellLine, panelMessage, staleCells} from '../components/cell-line.js';
import {combineFreshness} from '../format/freshness.js';
import {useApp} from '../shell/app-context.js';
import type {ScreenModel, ScreenProps} from '../shell/screen-model.js';
import {useListFilter} from './list-filter.js';
import {useMissingOffer} from './missing-offer.js';
import {freshnessOf} from '../hooks/poll-state.js';
import {useServiceList} from './service-list.js';

/** Every service of the cluster, full height. */
export function useServicesScreen(props: ScreenProps): ScreenModel {
	const {config, now} = useApp();
	const filter = useListFilter('services');
	const list = useServiceList(props, false, filter.text);
	const {services} = list;
	const missing = useMissingOffer({services});
	return {
		bindings: filter.editing ? filter.bindings : [...filter.bindings, ...list.bindings, ...missing.bindings],
		capturesInput: filter.editing,
		freshness: combineFreshness([freshnessOf(services), freshnessOf(list.metrics)]),
		body: list.shown ? (
			<Box flexDirection="column">
				<ServicesTable services={list.shown} series={list.series.perService} names={config.names} cursor={list.cursor} width={props.width} height={props.height - filter.rows} stale={staleCells(services, now())[0]?.text} />
				{filter.row}
			</Box>
		) : (
			<CellLine label="SERVICES" cells={missing.cluster ?? panelMessage(services, 'no services')} />
		),
	};
}
