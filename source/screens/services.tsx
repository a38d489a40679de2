import {ServicesTable} from '../components/services-table.js';
import {CellLine, panelMessage, staleCells} from '../components/cell-line.js';
import {combineFreshness} from '../format/freshness.js';
import {useApp} from '../shell/app-context.js';
import type {ScreenModel, ScreenProps} from '../shell/screen-model.js';
import {useMissingOffer} from './missing-offer.js';
import {freshnessOf} from '../hooks/poll-state.js';
import {useServiceList} from './overview.js';

/** Every service of the cluster, full height. */
export function useServicesScreen(props: ScreenProps): ScreenModel {
	const {config, now} = useApp();
	const list = useServiceList(props, false);
	const {services} = list;
	const missing = useMissingOffer({services});
	return {
		bindings: [...list.bindings, ...missing.bindings],
		freshness: combineFreshness([freshnessOf(services), freshnessOf(list.metrics)]),
		body: services.data ? (
			<ServicesTable services={services.data} series={list.series.perService} names={config.names} cursor={list.cursor} width={props.width} height={props.height} stale={staleCells(services, now())[0]?.text} />
		) : (
			<CellLine label="SERVICES" cells={missing.cluster ?? panelMessage(services, 'no services')} />
		),
	};
}
