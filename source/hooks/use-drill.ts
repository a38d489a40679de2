// Runs a drill on the simulated account: the noise at once, the fault when it is due, the fixed
// check and the time limit on a short tick, the keys, the walker's pages and verdicts and the
// applied fixes fed to the drill's reducer (source/drills/drill-state.ts).
import {useCallback, useEffect, useMemo, useReducer, useRef} from 'react';
import type {AuditLog} from '../fixes/audit.js';
import type {RunbookSession} from '../runbooks/walker/runbook-session.js';
import type {SimCloud} from '../sim/index.js';
import {createDrillReducer, elapsedLabel, hintLine, initialDrillState, keyCount, revealedHints, type DrillState} from '../drills/drill-state.js';
import {observeAudit} from '../drills/observe-audit.js';
import type {DrillScenario} from '../drills/scenario-types.js';
import {walkerProgress} from '../drills/walker-progress.js';

/** What the shell needs of a drill: the header's badge, the drill's two keys, and the taps it listens on. */
export type DrillShell = {
	badge(): string;
	/** Reveals the next step of the ideal path (at a cost) and returns it as a line. */
	hint(): string;
	giveUp(): void;
	/** Every key the engineer pressed, as the key router heard it (typed text: one per character). */
	onKey(input: string): void;
	observeRunbook(session: RunbookSession): () => void;
	/** A tree other than the walker's was opened (`deploy`: the rollback cockpit). */
	reached(tree: string): void;
	/** A tree other than the walker's reached a verdict (the cockpit: FAILING is a problem found). */
	found(tree: string, level: 'ok' | 'problem' | 'unknown'): void;
	/** Hears the page (what the pager says) when the fault goes in; returns the unsubscribe. */
	listen(say: (text: string) => void): () => void;
};

export type DrillRun = {state: DrillState; shell: DrillShell; audit: AuditLog; hints: string[]};

export type DrillOptions = {
	scenario: DrillScenario;
	cloud: SimCloud;
	audit: AuditLog;
	now: () => number;
	/** Milliseconds after the start the fault goes in (a random moment of the first minute, or 0). */
	injectDelayMs: number;
	/** How often the clock, the fault and the fixed check are looked at (default 500 ms). */
	tickMs?: number;
};

export function useDrill({scenario, cloud, audit: baseAudit, now, injectDelayMs, tickMs = 500}: DrillOptions): DrillRun {
	const reducer = useMemo(() => createDrillReducer(scenario), [scenario]);
	const [state, dispatch] = useReducer(reducer, undefined, () => initialDrillState(scenario, now(), injectDelayMs));
	const latest = useRef(state);
	latest.current = state;
	const noiseIn = useRef(false);
	const listeners = useRef(new Set<(text: string) => void>());

	useEffect(() => {
		const look = () => {
			const current = latest.current;
			if (current.end) return;
			const at = now();
			if (!noiseIn.current) {
				noiseIn.current = true;
				for (const noise of scenario.noise) cloud.control.injectFault(noise);
			}
			if (current.injectedAt === undefined && at >= current.injectAt) {
				cloud.control.injectFault(scenario.fault);
				dispatch({type: 'injected', at});
				for (const say of listeners.current) say(`PAGE: ${scenario.page}`);
			} else if (current.injectedAt !== undefined && cloud.control.faultFixed(scenario.fault)) {
				dispatch({type: 'fixed', at});
			}
			dispatch({type: 'tick', at});
		};
		look();
		const timer = setInterval(look, tickMs);
		return () => clearInterval(timer);
	}, [cloud, scenario, now, tickMs]);

	const audit = useMemo(() => observeAudit(baseAudit, change => dispatch({type: 'fix', at: now(), ...change})), [baseAudit, now]);
	const onKey = useCallback((input: string) => dispatch({type: 'key', count: keyCount(input)}), []);
	const observeRunbook = useCallback(
		(session: RunbookSession) => {
			const { runbook } = session.loaded();
			const seen = new Set<string>();
			const read = () => {
				const at = now();
				const progress = walkerProgress(runbook, session.getState());
				// The walker may change while a screen renders: the drill hears of it just after.
				queueMicrotask(() => {
					if (progress.openIssue) dispatch({type: 'tree', tree: progress.openIssue, at});
					for (const verdict of progress.verdicts) {
						const key = `${verdict.stepId}:${verdict.level}`;
						if (seen.has(key)) continue;
						seen.add(key);
						dispatch({type: 'verdict', tree: verdict.issueId, level: verdict.level, at});
					}
				});
			};
			read();
			return session.subscribe(read);
		},
		[now],
	);
	const hint = useCallback(() => {
		const index = latest.current.hints;
		const step = scenario.idealPath[index];
		if (!step) return scenario.idealPath.length === 0 ? 'no hints for this drill' : 'no more hints: the whole ideal path is shown';
		dispatch({type: 'hint'});
		return hintLine(scenario, index);
	}, [scenario]);
	const giveUp = useCallback(() => dispatch({type: 'give-up', at: now()}), [now]);
	const badge = useCallback(() => `DRILL ${elapsedLabel(latest.current, now())}`, [now]);
	const listen = useCallback((say: (text: string) => void) => {
		listeners.current.add(say);
		return () => void listeners.current.delete(say);
	}, []);
	// Called from effects of other components: the drill hears of it just after, as with the walker.
	const reached = useCallback((tree: string) => {
		const at = now();
		queueMicrotask(() => dispatch({type: 'tree', tree, at}));
	}, [now]);
	const found = useCallback((tree: string, level: 'ok' | 'problem' | 'unknown') => {
		const at = now();
		queueMicrotask(() => dispatch({type: 'verdict', tree, level, at}));
	}, [now]);
	const shell = useMemo<DrillShell>(() => ({badge, hint, giveUp, onKey, observeRunbook, listen, reached, found}), [badge, hint, giveUp, onKey, observeRunbook, listen, reached, found]);
	return {state, shell, audit, hints: revealedHints(scenario, state)};
}
