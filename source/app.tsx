import {Box, Text, useApp as useInkApp} from 'ink';
import {useCallback, useEffect, useMemo, useReducer, useState} from 'react';
import type {AppConfig} from './config/app-config.js';
import {useBindings, type Binding} from './input/bindings.js';
import {useCapturedNotices} from './hooks/use-captured-notices.js';
import {useNow} from './hooks/use-now.js';
import {useTerminalSize} from './hooks/use-terminal-size.js';
import {LogStore} from './logs/log-store.js';
import type {Cloud} from './port/types.js';
import {AppContext, type AppContextValue} from './shell/app-context.js';
import {ScreenHost} from './shell/screen-host.js';
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
};

/** The shell: header, the active screen, the footer, and the overlays over it. */
export function App({cloud, config, now = Date.now, initialScreen = 'overview', copyToClipboard}: AppProps) {
	const {exit} = useInkApp();
	const [state, dispatch] = useReducer(shellReducer, initialScreen, initialShellState);
	const [refreshToken, setRefreshToken] = useState(0);
	const [logStore] = useState(() => new LogStore(config.logBufferLines));
	const size = useTerminalSize();
	const clock = useNow(now);

	useEffect(() => {
		if (state.quitting) exit();
	}, [state.quitting, exit]);

	const notify = useCallback<AppContextValue['notify']>((text, tone = 'info') => dispatch({type: 'notify', notice: {text, tone, at: now()}}), [now]);
	useCapturedNotices(cloud, notify);
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
			copyToClipboard: text => copyToClipboard?.(text) ?? false,
			// Wired to the fix flow overlay in progress (fixes-ui); until then they say so.
			proposeFix: () => notify('fix flow: not wired yet', 'warn'),
			openActions: () => notify('actions: not wired yet', 'warn'),
			openWatches: () => notify('watches: not wired yet', 'warn'),
		}),
		[cloud, config, now, refreshToken, notify, logStore, copyToClipboard],
	);

	const quit = () => dispatch({type: 'quit'});
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
			},
		},
		{keys: ['q', 'ctrl-c'], description: 'quit', footer: true, handler: quit},
	];

	const onCommand = (text: string) => {
		const match = findCommand(text);
		if (!match.ok) {
			dispatch({type: 'overlay', overlay: 'none'});
			notify(match.error, 'warn');
			return;
		}
		if (match.command.quit) quit();
		else if (match.command.screen) dispatch({type: 'go', screen: match.command.screen});
	};

	// Ink 6.8 clears and repaints the whole screen on every frame as tall as the terminal. The diff
	// layer hides that from the real terminal, but one row short keeps plain Ink sane too.
	const height = Math.max(1, size.rows - 1);
	const tooSmall = size.columns < minimumSize.columns || size.rows < minimumSize.rows;
	const entry = currentScreen(state);
	return (
		<AppContext.Provider value={context}>
			{tooSmall ? (
				<TooSmall columns={size.columns} rows={size.rows} onQuit={quit} />
			) : (
				<ScreenHost
					key={`${entry.id}:${JSON.stringify(entry.params ?? {})}:${state.stack.length}`}
					entry={entry}
					useScreen={screenHooks[entry.id]}
					overlay={state.overlay}
					notice={state.notice}
					globalBindings={globalBindings}
					width={size.columns}
					height={height}
					now={clock}
					onCommand={onCommand}
					closeOverlay={() => dispatch({type: 'overlay', overlay: 'none'})}
				/>
			)}
		</AppContext.Provider>
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
