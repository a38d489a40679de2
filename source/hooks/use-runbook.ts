// The runbook of this session for the screens: the walker's state (kept in AppContext so results
// survive leaving the screen) with its requests performed on the port, and the overview's offer of
// the tree its data points at.
import {useEffect, useMemo, useRef, useState, useSyncExternalStore} from 'react';
import {rolloutOffer} from '../model/rollouts.js';
import {builtInRunbook} from '../runbooks/load-runbook.js';
import {createRunbookSession, type RunbookSession} from '../runbooks/walker/runbook-session.js';
import {suggestTree, type OverviewData, type TreeSuggestion} from '../runbooks/walker/suggest-tree.js';
import {type EffectDeps, performRequest} from '../runbooks/walker/walker-effects.js';
import type {WalkerState} from '../runbooks/walker/walker-state.js';
import {useApp} from '../shell/app-context.js';

/** The App's runbook session; a private one (built-in runbook) where no App provides it. */
export function useRunbookSession(): RunbookSession {
	const app = useApp();
	const [own] = useState(() => (app.runbook ? undefined : createRunbookSession(() => builtInRunbook(app.config.names))));
	return app.runbook ?? (own as RunbookSession);
}

/**
 * The walker's state, re-rendering on every change, with this screen performing its requests
 * (reads through the port, the aws CLI, the fix flow, the clipboard) while it is mounted.
 */
export function useWalker(session: RunbookSession): WalkerState {
	const app = useApp();
	const state = useSyncExternalStore(session.subscribe, session.getState, session.getState);
	const deps = useRef<EffectDeps | undefined>(undefined);
	deps.current = {
		cloud: app.cloud,
		config: app.config,
		now: app.now,
		runbook: session.loaded().runbook,
		copyToClipboard: app.copyToClipboard,
		notify: app.notify,
		...(typeof app.proposeFix === 'function' ? {proposeFix: app.proposeFix} : {}),
		...(app.audit ? {audit: app.audit} : {}),
	};
	useEffect(() => session.attach((request, dispatch) => performRequest(request, deps.current as EffectDeps, dispatch)), [session]);
	return state;
}

/** The tree the overview's data points at, if any (see suggestTree). */
export function useTreeSuggestion(data: OverviewData): TreeSuggestion | undefined {
	const session = useRunbookSession();
	const {services, alarms, errors} = data;
	return useMemo(
		// A rollout in progress or failing is followed in the cockpit first; otherwise the tree.
		// Only build the runbook when something is wrong: a healthy overview never pays for it.
		() => rolloutSuggestion(services) ?? (hasTrouble(data) ? suggestTree({...(services ? {services} : {}), ...(alarms ? {alarms} : {}), ...(errors ? {errors} : {})}, session.loaded().runbook) : undefined),
		// eslint-disable-next-line react-hooks/exhaustive-deps -- the suggestion depends on the data's identity (equal data keeps it); data itself is a new object every render
		[session, services, alarms, errors],
	);
}

function rolloutSuggestion(services: OverviewData['services']): TreeSuggestion | undefined {
	const offer = rolloutOffer(services ?? []);
	return offer ? {title: `rollout cockpit of ${offer.service}`, reason: offer.reason, rollout: offer.service} : undefined;
}

function hasTrouble(data: OverviewData): boolean {
	return (
		(data.alarms ?? []).some(a => a.state === 'ALARM') ||
		(data.services ?? []).some(s => s.pendingCount > 0 || s.deployments.some(d => d.rolloutState === 'FAILED')) ||
		(data.errors !== undefined && (data.errors.errors > 0 || data.errors.fatal > 0))
	);
}
