import {Box, Text, useApp as useInkApp} from 'ink';
import {useCallback, useEffect, useMemo, useReducer, useState} from 'react';
import {createAuditLog, newSessionId, type AuditLog} from './actions/audit.js';
import type {AppConfig} from './config/app-config.js';
import {useFixDesk} from './fixes-ui/fix-desk.js';
import {useBindings, type Binding} from './input/bindings.js';
import {KeyRouter} from './input/key-router.js';
import {createEnvironmentAlarmReader} from './discovery/alarm-reads.js';
import {useCapturedNotices} from './hooks/use-captured-notices.js';
import {useDiscovery} from './hooks/use-discovery.js';
import {useTerminalSize} from './hooks/use-terminal-size.js';
import type {PollCache} from './hooks/poll-state.js';
import {LogStore} from './logs/log-store.js';
import type {Cloud} from './port/types.js';
import {builtInRunbook, type LoadedRunbook} from './runbooks/load-runbook.js';
import {createRunbookSession} from './screens/runbooks/runbook-session.js';
import {AppContext, type AppContextValue} from './shell/app-context.js';
import {ScreenHost} from './shell/screen-host.js';
import {noticeMs} from './shell/status-line.js';
import {findCommand, type ScreenId} from './shell/screen-ids.js';
import {currentScreen, initialShellState, shellReducer} from './shell/shell-state.js';
import {screenHooks} from './screens/index.js';

export const minimumSize = {columns: 60, rows: 20};

export type AppProps = {
	cloud: Cloud;
	config: AppConfig;
	now?: () => number;
	initialScreen?: ScreenId;
	/** Writes OSC 52 through the renderer; absent where there is no terminal (tests). */
	copyToClipboard?: (text: string) => boolean;
	/** The runbook to walk (`--guide FILE`, with its warnings); the built-in ACSO runbook when absent. */
	runbook?: LoadedRunbook;
	/** Where changes are recorded (cli.tsx makes it from --audit-log and the session); made from the config when absent. */
	audit?: AuditLog;
	/** This run's id, in the audit trail and the SDK user agent; a fresh one when absent. */
	sessionId?: string;
};

/** The shell: header, the active screen, the footer, and the overlays over it. */
export function App({cloud, config: givenConfig, now = Date.now, initialScreen = 'overview', copyToClipboard, runbook, audit: givenAudit, sessionId}: AppProps) {
	const {exit} = useInkApp();
	const [state, dispatch] = useReducer(shellReducer, initialScreen, initialShellState);
	const [refreshToken, setRefreshToken] = useState(0);
	const [logStore] = useState(() => new LogStore(givenConfig.logBufferLines));
	const [pollCache] = useState<PollCache>(() => new Map());
	const [runbookSession] = useState(() => createRunbookSession(() => runbook ?? builtInRunbook(givenConfig.names)));
	const size = useTerminalSize();
	const discovery = useDiscovery(cloud, givenConfig.names, {now, refreshToken});
	// The discovered log groups replace the convention's guess everywhere names are read.
	const discoveredGroups = discovery.poll.data?.logGroups;
	const config = useMemo<AppConfig>(
		() => (discoveredGroups ? {...givenConfig, names: {...givenConfig.names, logGroups: discoveredGroups}} : givenConfig),
		[givenConfig, discoveredGroups],
	);
	const logGroupsReady = !givenConfig.names.logGroupsGuessed || discovery.poll.status !== 'loading';
	const alarmReader = useMemo(() => createEnvironmentAlarmReader(cloud.alarms), [cloud]);
	const [audit] = useState(
		() =>
			givenAudit ??
			createAuditLog({
				path: config.auditLogPath,
				context: {env: config.env, region: cloud.region, ...(config.profile === undefined ? {} : {profile: config.profile}), sessionId: sessionId ?? newSessionId()},
				now,
			}),
	);

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
	const onChanged = useCallback(() => setRefreshToken(t => t + 1), []);
	const copy = useCallback((text: string) => copyToClipboard?.(text) ?? false, [copyToClipboard]);
	const onQuit = useCallback(() => dispatch({type: 'quit'}), []);
	// Set by the screen whose data AWS refused for its credentials; blocks every write until it answers again.
	const [credentialsProblem, setCredentialsProblem] = useState<string | undefined>();
	const desk = useFixDesk({cloud, config, now, audit, notify, onChanged, copyToClipboard: copy, quit: onQuit, credentialsProblem});
	const context = useMemo<AppContextValue>(
		() => ({
			cloud,
			config,
			now,
			refreshToken,
			go: (screen, params) => dispatch({type: 'go', screen, params}),
			open: (screen, params) => dispatch({type: 'open', screen, params}),
			back: () => dispatch({type: 'back'}),
			notify,
			logStore,
			pollCache,
			copyToClipboard: copy,
			// The fix panels (source/fixes-ui): previews, confirmation, audit, undo and watches.
			proposeFix: desk.proposeFix,
			openActions: desk.openActions,
			openWatches: desk.openWatches,
			runbook: runbookSession,
			discovery,
			logGroupsReady,
			alarmReader,
			audit,
		}),
		[cloud, config, now, refreshToken, notify, logStore, pollCache, copy, runbookSession, desk.proposeFix, desk.openActions, desk.openWatches, discovery, logGroupsReady, alarmReader, audit],
	);

	const globalBindings: Binding[] = [
		{keys: ['?'], description: 'help', footer: true, handler: () => dispatch({type: 'overlay', overlay: 'help'})},
		{keys: [':'], description: 'go to screen', footer: true, handler: () => dispatch({type: 'overlay', overlay: 'command'})},
		{keys: ['tab'], description: 'next screen', footer: true, handler: () => dispatch({type: 'cycle', step: 1})},
		{keys: ['shift-tab'], description: 'previous screen', handler: () => dispatch({type: 'cycle', step: -1})},
		{keys: ['esc'], description: 'back', handler: () => dispatch({type: 'back'})},
		{
			keys: ['r'],
			description: 'refresh now (rebuilds AWS clients after a credentials error)',
			handler: () => {
				cloud.reset();
				setRefreshToken(t => t + 1);
				desk.pollNow();
			},
		},
		{keys: ['w'], description: 'deployment watches', footer: desk.hasWatches(), handler: desk.openWatches},
		{keys: ['q', 'ctrl-c'], description: 'quit', footer: true, handler: onQuit},
	];

	const onCommand = (text: string) => {
		const match = findCommand(text);
		if (!match.ok) {
			dispatch({type: 'overlay', overlay: 'none'});
			notify(match.error, 'warn');
			return;
		}
		if (match.command.quit) onQuit();
		else if (match.command.screen) dispatch({type: 'go', screen: match.command.screen});
	};

	// Ink 6.8 clears and repaints the whole screen on every frame as tall as the terminal. The diff
	// layer hides that from the real terminal, but one row short keeps plain Ink sane too.
	const height = Math.max(1, size.rows - 1);
	const tooSmall = size.columns < minimumSize.columns || size.rows < minimumSize.rows;
	const entry = currentScreen(state);
	return (
		<KeyRouter>
			<AppContext.Provider value={context}>
			{tooSmall ? (
				<TooSmall columns={size.columns} rows={size.rows} onQuit={onQuit} />
			) : (
				<ScreenHost
					key={`${entry.id}:${JSON.stringify(entry.params ?? {})}:${state.stack.length}`}
					entry={entry}
					useScreen={screenHooks[entry.id]}
					overlay={desk.isOpen ? 'fixes' : state.overlay}
					notice={state.notice}
					globalBindings={globalBindings}
					width={size.columns}
					height={height}
					now={now}
					onCommand={onCommand}
					closeOverlay={() => dispatch({type: 'overlay', overlay: 'none'})}
					renderFixes={(width, rows) => desk.render(width, rows, now())}
					onCredentials={setCredentialsProblem}
				/>
			)}
			</AppContext.Provider>
		</KeyRouter>
	);
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
