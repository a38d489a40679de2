import {Box, Text, useApp as useInkApp} from 'ink';
import {useCallback, useEffect, useLayoutEffect, useMemo, useReducer, useRef, useState} from 'react';
import {createAuditLog, newSessionId, type AuditContext, type AuditLog} from './fixes/audit.js';
import {configForContext, createContextReducer, initialContext, needsNewCloud, planSwitch, type ActiveContext, type ContextAction} from './config/active-context.js';
import {demoEnvironments, type AppConfig} from './config/app-config.js';
import type {AwsProfile} from './config/aws-profiles.js';
import {environmentNames} from './format/pick-rows.js';
import {useFixDesk} from './fixes/ui/fix-desk.js';
import {useBindings} from './input/bindings.js';
import {KeyRouter} from './input/key-router.js';
import {shellBindings} from './shell/shell-bindings.js';
import {drillBindings} from './shell/drill-bindings.js';
import type {DrillShell} from './hooks/use-drill.js';
import {createEnvironmentAlarmReader} from './discovery/alarm-reads.js';
import {useCapturedNotices} from './hooks/use-captured-notices.js';
import {useDiscovery} from './hooks/use-discovery.js';
import {useTerminalSize} from './hooks/use-terminal-size.js';
import type {PollCache} from './hooks/poll-state.js';
import {createRefreshSignal} from './hooks/refresh-signal.js';
import {LogStore} from './logs/log-store.js';
import type {Cloud} from './port/types.js';
import {builtInRunbook, type LoadedRunbook} from './runbooks/load-runbook.js';
import {createRunbookSession, type RunbookSession} from './runbooks/walker/runbook-session.js';
import {AppContext, type AppContextValue} from './shell/app-context.js';
import {ScreenHost} from './shell/screen-host.js';
import {noticeMs} from './shell/status-line.js';
import {PickerLayer} from './shell/picker-layer.js';
import {pickService, serviceChoices} from './shell/deploy-command.js';
import {findCommand, type CommandChoices, type ScreenId} from './shell/screen-ids.js';
import {currentScreen, initialShellState, shellReducer, type PickerKind} from './shell/shell-state.js';
import {screenHooks} from './screens/index.js';

export const minimumSize = {columns: 60, rows: 20};

/** Makes the Cloud for another region or profile (`:region`, `:profile`, an environment the config file places elsewhere). */
export type MakeCloud = (place: {region?: string; profile?: string}) => Promise<{ok: true; cloud: Cloud} | {ok: false; error: string}>;

export type AppProps = {
	/** The Cloud the app starts on. */
	cloud: Cloud;
	config: AppConfig;
	now?: () => number;
	initialScreen?: ScreenId;
	/** Writes OSC 52 through the renderer; absent where there is no terminal (tests). */
	copyToClipboard?: (text: string) => boolean;
	/** The runbook to walk (`--guide FILE`, with its warnings); the built-in ACSO runbook when absent. */
	runbook?: LoadedRunbook;
	/** Where changes are recorded. Absent (the CLI): made from config.auditLogPath, each line with the environment, region and profile of its moment. A given one keeps its own context. */
	audit?: AuditLog;
	/** This run's id, in the audit trail and the SDK user agent; a fresh one when absent. */
	sessionId?: string;
	/** Absent: region and profile cannot be switched in place (the demo, most tests). */
	makeCloud?: MakeCloud;
	/** The profiles of ~/.aws/config (names and regions only), for `:profile`. */
	awsProfiles?: readonly AwsProfile[];
	/** A drill in progress (`acso-tui drill`): its badge in the header, its keys, and what it listens to. */
	drill?: DrillShell;
};

/** The shell: header, the active screen, the footer, and the overlays over it. */
export function App({cloud: startCloud, config: startConfig, now = Date.now, initialScreen = 'overview', copyToClipboard, runbook, audit: givenAudit, sessionId, makeCloud, awsProfiles = [], drill}: AppProps) {
	const {exit} = useInkApp();
	const [state, dispatch] = useReducer(shellReducer, initialScreen, initialShellState);
	// Where the app looks (environment, region, profile, picked names): the config every screen
	// reads is derived from it, so a switch reaches every panel, the fix rules and the runbook.
	const [contextReducer] = useState(() => createContextReducer(startConfig));
	const [place, dispatchPlace] = useReducer(contextReducer, startConfig, initialContext);
	const placeConfig = useMemo(() => (place.generation === 0 ? startConfig : configForContext(startConfig, place)), [startConfig, place]);
	const [cloud, setCloud] = useState(startCloud);
	const [refresh] = useState(createRefreshSignal);
	const [logStore] = useState(() => new LogStore(startConfig.logBufferLines));
	const [pollCache] = useState<PollCache>(() => new Map());
	const size = useTerminalSize();
	const discovery = useDiscovery(cloud, placeConfig.names, {now, refresh});
	// The discovered log groups replace the convention's guess everywhere names are read.
	const discoveredGroups = discovery.poll.data?.logGroups;
	const config = useMemo<AppConfig>(
		() => (discoveredGroups ? {...placeConfig, names: {...placeConfig.names, logGroups: discoveredGroups}} : placeConfig),
		[placeConfig, discoveredGroups],
	);
	const logGroupsReady = !placeConfig.names.logGroupsGuessed || discovery.poll.status !== 'loading';
	const alarmReader = useMemo(() => createEnvironmentAlarmReader(cloud.alarms), [cloud]);
	// Another environment is another runbook: every name in it comes from the environment.
	// Keyed by where the app looks, not by every change of names: discovery adding a log group must
	// not throw away the walk in progress. The runbook is built lazily, with the names of that moment.
	const namesNow = useRef(config.names);
	namesNow.current = config.names;
	const runbookKey = `${placeConfig.env}|${placeConfig.names.cluster}|${placeConfig.names.db}`;
	const sessions = useRef<{key: string; session: RunbookSession} | undefined>(undefined);
	if (sessions.current?.key !== runbookKey) sessions.current = {key: runbookKey, session: createRunbookSession(() => runbook ?? builtInRunbook(namesNow.current))};
	const runbookSession = sessions.current.session;
	// A drill times the engineer's way through the walker: the pages opened, the verdicts found.
	useEffect(() => drill?.observeRunbook(runbookSession), [drill, runbookSession]);
	const [session] = useState(() => sessionId ?? newSessionId());
	// Each intent records where it was made: the context is read when the intent is written.
	const auditContext = useRef<AuditContext>({env: config.env, region: cloud.region, sessionId: session});
	auditContext.current = {env: config.env, region: cloud.region, ...(config.profile === undefined ? {} : {profile: config.profile}), sessionId: session};
	const [audit] = useState(() => givenAudit ?? createAuditLog({path: config.auditLogPath, context: () => auditContext.current, now}));

	useEffect(() => {
		if (state.quitting) exit();
	}, [state.quitting, exit]);

	// A notice stays for a while, then the status line is free again.
	useEffect(() => {
		if (!state.notice) return;
		const timer = setTimeout(() => dispatch({type: 'clear-notice'}), noticeMs);
		return () => clearTimeout(timer);
	}, [state.notice]);

	const notify = useCallback<AppContextValue['notify']>((text, tone = 'info') => dispatch({type: 'notify', notice: {text, tone, at: now()}}), [now]);
	// A drill's page arrives as a notice when its fault goes in.
	useEffect(() => drill?.listen(text => notify(text, 'warn')), [drill, notify]);
	useCapturedNotices(cloud, notify);
	// What discovery could not read or found missing is said once, not at every rediscovery.
	const discoveryNotes = discovery.poll.data?.notes;
	const [toldNotes] = useState(() => new Set<string>());
	useEffect(() => {
		for (const note of discoveryNotes ?? []) {
			if (toldNotes.has(note)) continue;
			toldNotes.add(note);
			notify(note, 'warn');
		}
	}, [discoveryNotes, toldNotes, notify]);
	const onChanged = useCallback(() => refresh.request(), [refresh]);
	const copy = useCallback((text: string) => copyToClipboard?.(text) ?? false, [copyToClipboard]);
	const onQuit = useCallback(() => dispatch({type: 'quit'}), []);
	// Set by the screen whose data AWS refused for its credentials; blocks every write until it answers again.
	const [credentialsProblem, setCredentialsProblem] = useState<string | undefined>();
	// From a watch: the cockpit of the service, unless it is the screen under the panels already.
	const shownRef = useRef(currentScreen(state));
	shownRef.current = currentScreen(state);
	const openCockpit = useCallback((service: string) => {
		const shown = shownRef.current;
		if (shown.id !== 'deploy' || shown.params?.service !== service) dispatch({type: 'open', screen: 'deploy', params: {service}});
	}, []);
	const desk = useFixDesk({cloud, config, now, audit, notify, onChanged, copyToClipboard: copy, quit: onQuit, credentialsProblem, openCockpit});
	// The fix panels are a layer of the shell's stack: opened over whatever is on top, closed when their last panel closes.
	useLayoutEffect(() => dispatch({type: 'fixes', open: desk.isOpen}), [desk.isOpen]);
	const switchPlace = useSwitchPlace({place, dispatchPlace, contextReducer, cloud, setCloud, makeCloud, notify, pollCache, logStore, onSwitched: () => dispatch({type: 'switched'})});
	const pick = useCallback((kind: PickerKind) => dispatch({type: 'pick', picker: kind}), []);
	const context = useMemo<AppContextValue>(
		() => ({
			cloud,
			config,
			now,
			refresh,
			go: (screen, params) => dispatch({type: 'go', screen, params}),
			open: (screen, params) => dispatch({type: 'open', screen, params}),
			back: () => dispatch({type: 'back'}),
			notify,
			logStore,
			pollCache,
			notices: state.notices,
			copyToClipboard: copy,
			// The fix panels (source/fixes/ui): previews, confirmation, audit, undo and watches.
			proposeFix: desk.proposeFix,
			openFixMenu: desk.openFixMenu,
			openWatches: desk.openWatches,
			pick,
			runbook: runbookSession,
			discovery,
			logGroupsReady,
			alarmReader,
			audit,
			...(drill ? {drill} : {}),
		}),
		[cloud, config, now, refresh, notify, state.notices, logStore, pollCache, copy, pick, runbookSession, desk.proposeFix, desk.openFixMenu, desk.openWatches, discovery, logGroupsReady, alarmReader, audit, drill],
	);

	const globalBindings = [
		...shellBindings({
			dispatch,
			refresh: () => {
				cloud.reset();
				refresh.request();
				desk.pollNow();
			},
			openWatches: desk.openWatches,
			hasWatches: desk.hasWatches(),
			quit: onQuit,
		}),
		...(drill ? drillBindings(drill, text => notify(text, 'info')) : []),
	];

	const onCommand = (text: string) => {
		const match = findCommand(text);
		if (!match.ok) {
			dispatch({type: 'overlay', overlay: 'none'});
			notify(match.error, 'warn');
			return;
		}
		if (match.command.quit) onQuit();
		else if (match.command.arg === 'service') {
			// :deploy SERVICE: the rollback cockpit of one service.
			const picked = pickService(match.arg, discovery.poll.data?.services ?? [], config.names);
			dispatch({type: 'overlay', overlay: 'none'});
			if (picked.ok) dispatch({type: 'open', screen: 'deploy', params: {service: picked.service}});
			else notify(picked.error, 'warn');
		} else if (match.command.screen) dispatch({type: 'go', screen: match.command.screen});
		else if (match.command.arg) {
			const kind = match.command.arg;
			// Alone, :ctx and :profile open a picker; :region needs a name, and the demo has no profiles.
			if (match.arg !== undefined || kind === 'region' || (config.mode === 'demo' && kind !== 'env')) {
				const plan = planSwitch(config, {kind, value: match.arg ?? ''});
				dispatch({type: 'overlay', overlay: 'none'});
				if (plan.ok) switchPlace(plan.action);
				else notify(plan.error, 'warn');
			} else dispatch({type: 'pick', picker: kind});
		}
	};
	const onPick = (kind: PickerKind, value: string) => {
		dispatch({type: 'overlay', overlay: 'none'});
		if (kind === 'cluster') switchPlace({type: 'pick-cluster', cluster: value});
		else if (kind === 'db') switchPlace({type: 'pick-db', db: value});
		else {
			const plan = planSwitch(config, {kind, value});
			if (plan.ok) switchPlace(plan.action);
			else notify(plan.error, 'warn');
		}
	};
	const discoveredServices = discovery.poll.data?.services;
	const commandChoices = useMemo<CommandChoices>(() => ({...choicesOf(config, awsProfiles), service: serviceChoices(discoveredServices ?? [], config.names)}), [config, awsProfiles, discoveredServices]);

	// Ink 6.8 clears and repaints the whole screen on every frame as tall as the terminal. The diff
	// layer hides that from the real terminal, but one row short keeps plain Ink sane too.
	const height = Math.max(1, size.rows - 1);
	const tooSmall = size.columns < minimumSize.columns || size.rows < minimumSize.rows;
	const entry = currentScreen(state);
	// The rollback cockpit is a tree of its own for a drill (a rollout gone bad).
	useEffect(() => {
		if (entry.id === 'deploy') drill?.reached('deploy');
	}, [entry.id, drill]);
	return (
		<KeyRouter tap={drill?.onKey}>
			<AppContext.Provider value={context}>
			{tooSmall ? (
				<TooSmall columns={size.columns} rows={size.rows} onQuit={onQuit} />
			) : (
				<ScreenHost
					key={`${place.generation}:${entry.id}:${JSON.stringify(entry.params ?? {})}:${state.stack.length}`}
					entry={entry}
					useScreen={screenHooks[entry.id]}
					layers={state.layers}
					openHelp={() => dispatch({type: 'overlay', overlay: 'help'})}
					notice={state.notice}
					globalBindings={globalBindings}
					width={size.columns}
					height={height}
					now={now}
					onCommand={onCommand}
					commandChoices={commandChoices}
					closeOverlay={() => dispatch({type: 'overlay', overlay: 'none'})}
					renderFixes={(width, rows) => desk.render(width, rows, now())}
					renderPicker={(width, rows) => {
						const picker = state.layers.find(l => l.kind === 'picker');
						return picker?.kind === 'picker' ? <PickerLayer kind={picker.picker} profiles={awsProfiles} width={width} height={rows} onPick={onPick} onClose={() => dispatch({type: 'overlay', overlay: 'none'})} onHelp={() => dispatch({type: 'overlay', overlay: 'help'})} /> : null;
					}}
					onCredentials={setCredentialsProblem}
					{...(drill ? {badge: drill.badge} : {})}
				/>
			)}
			</AppContext.Provider>
		</KeyRouter>
	);
}

/** What `:ctx`, `:region` and `:profile` complete from: the config file, the demo, ~/.aws/config. */
function choicesOf(config: AppConfig, profiles: readonly AwsProfile[]): CommandChoices {
	if (config.mode === 'demo') return {env: environmentNames(config, demoEnvironments)};
	const fileRegions = Object.values(config.sources?.environments ?? {}).map(e => e.region);
	const regions = [config.region, ...fileRegions, ...profiles.map(p => p.region)].filter((r): r is string => r !== undefined);
	return {env: environmentNames(config, demoEnvironments), region: [...new Set(regions)].sort(), profile: profiles.map(p => p.name)};
}

type SwitchDeps = {
	place: ActiveContext;
	dispatchPlace(action: ContextAction): void;
	contextReducer(state: ActiveContext, action: ContextAction): ActiveContext;
	cloud: Cloud;
	setCloud(cloud: Cloud): void;
	makeCloud?: MakeCloud;
	notify: AppContextValue['notify'];
	pollCache: PollCache;
	logStore: LogStore;
	onSwitched(): void;
};

/**
 * Switches where the app looks. Another region or profile needs another Cloud: it is made first
 * (a failure leaves everything as it was), the old one is reset, and what was kept of the old one
 * (each panel's last data, the log lines) is dropped so nothing of it passes for the new place.
 */
function useSwitchPlace(deps: SwitchDeps): (action: ContextAction) => void {
	const latest = useRef(deps);
	latest.current = deps;
	const request = useRef(0);
	return useCallback((action: ContextAction) => {
		const {place, contextReducer, makeCloud, notify} = latest.current;
		const next = contextReducer(place, action);
		if (next === place) {
			notify('already there', 'info');
			return;
		}
		const commit = () => {
			latest.current.dispatchPlace(action);
			latest.current.onSwitched();
			notify(`now showing ${describePlace(next)}`, 'info');
		};
		if (!needsNewCloud(place, next)) {
			commit();
			return;
		}
		if (!makeCloud) {
			notify('switching region or profile needs AWS: not available here', 'warn');
			return;
		}
		const mine = ++request.current;
		notify(`switching to ${describePlace(next)}…`, 'info');
		void makeCloud({region: next.region, profile: next.profile}).then(
			made => {
				if (mine !== request.current) return;
				if (!made.ok) {
					notify(made.error, 'error');
					return;
				}
				const {cloud: old, setCloud, pollCache, logStore} = latest.current;
				old.reset();
				pollCache.clear();
				logStore.clear();
				setCloud(made.cloud);
				commit();
			},
			(error: unknown) => {
				if (mine === request.current) notify(`cannot switch: ${error instanceof Error ? error.message : String(error)}`, 'error');
			},
		);
	}, []);
}

function describePlace(place: ActiveContext): string {
	const where = [place.region, place.profile && `profile ${place.profile}`].filter(Boolean).join(', ');
	const picked = [place.picked.cluster && `cluster ${place.picked.cluster}`, place.picked.db && `database ${place.picked.db}`].filter(Boolean).join(', ');
	return `${place.env}${where ? ` (${where})` : ''}${picked ? `: ${picked}` : ''}`;
}

function TooSmall({columns, rows, onQuit}: {columns: number; rows: number; onQuit: () => void}) {
	useBindings([{keys: ['q', 'ctrl-c'], description: 'quit', handler: onQuit}], {isActive: true});
	return (
		<Box flexDirection="column">
			<Text>
				Terminal too small: {columns}x{rows}.
			</Text>
			<Text>
				acso-tui needs at least {minimumSize.columns}x{minimumSize.rows}. Enlarge the window, or press q to quit.
			</Text>
		</Box>
	);
}
