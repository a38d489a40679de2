import {useCallback, useEffect, useMemo, useReducer, useState, type ReactNode} from 'react';
import type {AuditLog} from '../audit.js';
import type {Target} from '../types.js';
import {createWatchRegistry} from '../watches.js';
import type {AppConfig} from '../../config/app-config.js';
import {errorMessage} from '../../port/errors.js';
import type {Cloud} from '../../port/types.js';
import type {FixRequest} from '../hint.js';
import type {Notice} from '../../shell/shell-state.js';
import {FixMenu} from './fix-menu.js';
import {confirmRules} from './confirm-rules.js';
import {defaultWatchTimeoutMs, type FixDeps} from './deps.js';
import {deskReducer, initialDeskState, topPanel, type DeskAction, type DeskState} from './desk-state.js';
import {FixFlow} from './fix-flow.js';
import {flowStartOf} from './resolve-request.js';
import {createWaker} from './waker.js';
import {WatchList} from './watch-list.js';
import {WatchView} from './watch-view.js';

export type FixDeskOptions = {
	cloud: Cloud;
	config: AppConfig;
	now: () => number;
	audit: AuditLog;
	notify(text: string, tone?: Notice['tone']): void;
	onChanged(): void;
	copyToClipboard(text: string): boolean;
	quit(): void;
	watchTimeoutMs?: number;
	/** What to do about credentials AWS refuses, while it does: writes are blocked meanwhile. */
	credentialsProblem?: string;
	/** Opens the rollback cockpit of a service (the screen under the panels). */
	openCockpit?(service: string): void;
};

/** What the shell holds of the fix panels: the context API, whether one is open, and how to draw it. */
export type FixDesk = {
	isOpen: boolean;
	proposeFix(request: FixRequest): void;
	openFixMenu(target: Target): void;
	openWatches(): void;
	/** `r`: every running deployment watch polls now. */
	pollNow(): void;
	/** Deployment watches were started this session (the `w` hint is worth a footer slot). */
	hasWatches(): boolean;
	/** The open panel, `height` rows including its own key hints. */
	render(width: number, height: number, now: number): ReactNode;
};

/**
 * The fix panels of the app: fix menu, fix flow, watch list and watch view, stacked over the
 * screen. The watch registry lives here, in App state, so a watch outlives the panel that started it.
 */
export function useFixDesk(options: FixDeskOptions): FixDesk {
	const {cloud, config, now, audit, notify, onChanged, copyToClipboard, quit, openCockpit} = options;
	const [state, dispatch] = useReducer(deskReducer, initialDeskState);
	const [watches] = useState(() => createWatchRegistry());
	const [waker] = useState(() => createWaker());
	// Leaving the app stops the polling; the deployments themselves go on.
	useEffect(() => () => watches.cancelAll(), [watches]);

	const deps = useMemo<FixDeps>(
		() => ({
			cloud,
			config,
			rules: confirmRules(config, options.credentialsProblem),
			now,
			audit,
			watches,
			waker,
			watchTimeoutMs: options.watchTimeoutMs ?? defaultWatchTimeoutMs,
			notify,
			onChanged,
			copyToClipboard,
			quit,
			...(openCockpit
				? {
						openCockpit: (service: string) => {
							dispatch({type: 'close'});
							openCockpit(service);
						},
					}
				: {}),
		}),
		[cloud, config, now, audit, watches, waker, options.watchTimeoutMs, options.credentialsProblem, notify, onChanged, copyToClipboard, quit, openCockpit],
	);

	const proposeFix = useCallback(
		(request: FixRequest) => {
			try {
				dispatch({type: 'open', panel: {kind: 'flow', start: flowStartOf(request)}});
			} catch (error) {
				notify(`cannot propose this fix: ${errorMessage(error)}`, 'error');
			}
		},
		[notify],
	);
	const openFixMenu = useCallback((target: Target) => dispatch({type: 'open', panel: {kind: 'menu', target}}), []);
	const openWatches = useCallback(() => dispatch({type: 'open', panel: {kind: 'watches'}}), []);

	return {
		isOpen: state.stack.length > 0,
		proposeFix,
		openFixMenu,
		openWatches,
		pollNow: waker.wake,
		hasWatches: () => watches.list().length > 0,
		render: (width, height, clock) => <DeskView state={state} dispatch={dispatch} deps={deps} width={width} height={height} now={clock} />,
	};
}

function DeskView({state, dispatch, deps, width, height, now}: {state: DeskState; dispatch: (action: DeskAction) => void; deps: FixDeps; width: number; height: number; now: number}) {
	const panel = topPanel(state);
	const pop = () => dispatch({type: 'pop'});
	if (!panel) return null;
	switch (panel.kind) {
		case 'menu':
			return (
				<FixMenu
					key={`menu:${state.stack.length}`}
					target={panel.target}
					deps={deps}
					width={width}
					height={height}
					onPick={fix => dispatch({type: 'push', panel: {kind: 'flow', start: {fix, target: panel.target}}})}
					onClose={pop}
				/>
			);
		case 'flow':
			// Once a change went out, Esc leaves the panels altogether: the menu it came from is stale.
			return <FixFlow key={`flow:${panel.id}`} start={panel.start} deps={deps} now={now} width={width} height={height} onClose={finished => dispatch({type: finished ? 'close' : 'pop'})} />;
		case 'watches':
			return (
				<WatchList
					key={`watches:${state.stack.length}`}
					deps={deps}
					now={now}
					width={width}
					height={height}
					onOpen={watch => dispatch({type: 'push', panel: {kind: 'watch', cluster: watch.cluster, service: watch.service}})}
					onClose={pop}
				/>
			);
		case 'watch': {
			const watch = deps.watches.get(panel.cluster, panel.service);
			if (!watch) return <MissingWatch service={panel.service} deps={deps} onClose={pop} />;
			return <WatchView key={`watch:${panel.service}`} watch={watch} deps={deps} now={now} width={width} height={height} onClose={pop} />;
		}
	}
}

/** The registry forgets nothing while the app runs, so this is a defect: said, not hidden. */
function MissingWatch({service, deps, onClose}: {service: string; deps: FixDeps; onClose: () => void}) {
	useEffect(() => {
		deps.notify(`no deployment watch for ${service}`, 'error');
		onClose();
	}, []); // eslint-disable-line react-hooks/exhaustive-deps -- once, on mount: the panel reports the missing watch and closes itself
	return null;
}
