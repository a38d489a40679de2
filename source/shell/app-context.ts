import {createContext, useContext} from 'react';
import type {AppConfig} from '../config/app-config.js';
import type {EnvironmentAlarmReader} from '../discovery/alarm-reads.js';
import type {PollCache} from '../hooks/poll-state.js';
import type {RefreshSignal} from '../hooks/refresh-signal.js';
import type {DiscoveryState} from '../discovery/discovery-state.js';
import type {LogStore} from '../logs/log-store.js';
import type {Cloud} from '../port/types.js';
import type {AuditLog} from '../fixes/audit.js';
import type {DrillShell} from '../hooks/use-drill.js';
import type {FixRequest} from '../fixes/hint.js';
import type {Target} from '../fixes/types.js';
import type {RunbookSession} from '../runbooks/walker/runbook-session.js';
import type {ScreenId} from './screen-ids.js';
import type {Notice, PickerKind} from './shell-state.js';

/** What every screen may use: the port, the configuration, navigation and the notice line. */
export type AppContextValue = {
	cloud: Cloud;
	config: AppConfig;
	now: () => number;
	/** Requested by `r` (and after a change): every visible poll fetches at once, nothing re-renders for the asking. */
	refresh: RefreshSignal;
	go(screen: ScreenId, params?: Record<string, string>): void;
	open(screen: ScreenId, params?: Record<string, string>): void;
	back(): void;
	notify(text: string, tone?: Notice['tone']): void;
	/** Every notice of the session, oldest first (`:notices` lists them, the header counts them). */
	notices: readonly Notice[];
	/** Each panel's last data, kept across visits to its screen. */
	pollCache: PollCache;
	/** The log lines, kept across visits to the logs screen. */
	logStore: LogStore;
	/** Puts text on the engineer's clipboard through the terminal (OSC 52); false when unavailable. */
	copyToClipboard(text: string): boolean;
	/** Opens the fix flow overlay: form, preview, confirm, outcome, undo, watch. Never changes AWS by itself. */
	proposeFix(request: FixRequest): void;
	/** Opens the fix menu (the fixes for the target's kind) over the screen: the `a` key. */
	openFixMenu(target: Target): void;
	/** Shows the deployment watches started this session: the `w` key. */
	openWatches(): void;
	/**
	 * What the account says the environment is made of (services, log groups from the task
	 * definitions, stream -> service mapping, metric filters); `config.names.logGroups` already
	 * holds the discovered groups.
	 */
	discovery: DiscoveryState;
	/** False while the log groups are still the convention's guess, waiting for the first discovery. */
	logGroupsReady: boolean;
	/** The environment's alarms, read and attributed by what they watch (one reader a session). */
	alarmReader: EnvironmentAlarmReader;
	/** Opens the picker layer: a cluster or database that exists (when the named one does not), an environment, a profile. */
	pick(kind: PickerKind): void;
	/** The runbook walked on the runbooks screen (built-in or --guide FILE) and the walker's state, kept across visits. */
	runbook?: RunbookSession;
	/** The audit trail of this session: fixes and the runbooks' aws CLI changes write to it. */
	audit?: AuditLog;
	/** A drill in progress hears what screens other than the walker find (the cockpit's verdict). */
	drill?: Pick<DrillShell, 'found'>;
};

export const AppContext = createContext<AppContextValue | undefined>(undefined);

export function useApp(): AppContextValue {
	const value = useContext(AppContext);
	if (!value) throw new Error('useApp outside <AppContext.Provider>');
	return value;
}
