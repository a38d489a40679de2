import type {ScreenId} from '../shell/screen-ids.js';
import type {ScreenHook} from '../shell/screen-model.js';
import {useAlarmsScreen} from './alarms.js';
import {useNoticesScreen} from './notices.js';
import {useDatabaseScreen} from './database.js';
import {useDeployScreen} from './deploy/deploy-screen.js';
import {useLogsScreen} from './logs/logs-screen.js';
import {useMetricsScreen} from './metrics.js';
import {useOverviewScreen} from './overview.js';
import {useRunbooksScreen} from './runbooks/runbooks-screen.js';
import {useServiceDetailScreen} from './service-detail.js';
import {useServicesScreen} from './services.js';

/** Each screen's hook, by id: the shell mounts one at a time (keyed), so only it polls. */
export const screenHooks: Record<ScreenId, ScreenHook> = {
	overview: useOverviewScreen,
	services: useServicesScreen,
	service: useServiceDetailScreen,
	deploy: useDeployScreen,
	metrics: useMetricsScreen,
	logs: useLogsScreen,
	alarms: useAlarmsScreen,
	db: useDatabaseScreen,
	runbooks: useRunbooksScreen,
	notices: useNoticesScreen,
};
