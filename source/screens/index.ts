import type {ScreenId} from '../shell/screen-ids.js';
import type {ScreenHook} from '../shell/screen-model.js';
import {useOverviewScreen} from './overview.js';
import {placeholderScreen} from './placeholder.js';
import {useServicesScreen} from './services.js';

/** Each screen's hook, by id: the shell mounts one at a time (keyed), so only it polls. */
export const screenHooks: Record<ScreenId, ScreenHook> = {
	overview: useOverviewScreen,
	services: useServicesScreen,
	service: () => placeholderScreen('Service detail', 'deployments, events, running and stopped tasks, and the service charts.'),
	metrics: () => placeholderScreen('Metrics', 'CPU and memory charts per service, and the database charts.'),
	logs: () => placeholderScreen('Logs', 'a live tail of the log groups, filtered to errors.'),
	alarms: () => placeholderScreen('Alarms', 'every alarm of the environment, ALARM first.'),
	db: () => placeholderScreen('Database', 'the RDS instance and its charts.'),
	runbooks: () => placeholderScreen('Runbooks', 'the troubleshooting trees of the ACSO guide.'),
};
