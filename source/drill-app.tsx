import {useApp as useInkApp} from 'ink';
import {useEffect, useState} from 'react';
import {App, type AppProps} from './app.js';
import {appendCard} from './drills/history.js';
import {reportCard, type ReportCard} from './drills/score.js';
import type {DrillScenario} from './drills/scenario-types.js';
import type {AuditLog} from './fixes/audit.js';
import {useDrill} from './hooks/use-drill.js';
import {useTerminalSize} from './hooks/use-terminal-size.js';
import {KeyRouter} from './input/key-router.js';
import {DrillCard} from './screens/drill-card.js';
import type {SimCloud} from './sim/index.js';

export type DrillAppProps = Omit<AppProps, 'cloud' | 'audit' | 'drill'> & {
	scenario: DrillScenario;
	cloud: SimCloud;
	audit: AuditLog;
	/** Where the card is appended (drills.jsonl). */
	historyPath: string;
	injectDelayMs: number;
	tickMs?: number;
};

/** A drill: the dashboard on the simulated account until the drill ends, then the report card. */
export function DrillApp({scenario, cloud, audit, historyPath, injectDelayMs, tickMs, now = Date.now, ...app}: DrillAppProps) {
	const run = useDrill({scenario, cloud, audit, now, injectDelayMs, ...(tickMs === undefined ? {} : {tickMs})});
	const {exit} = useInkApp();
	const size = useTerminalSize();
	const [done, setDone] = useState<{card: ReportCard; saved: {path: string} | {error: string}} | undefined>();
	const ended = run.state.end !== undefined;
	useEffect(() => {
		if (!ended || done) return;
		const card = reportCard(scenario, run.state);
		let saved: {path: string} | {error: string};
		try {
			appendCard(historyPath, card);
			saved = {path: historyPath};
		} catch (error) {
			saved = {error: error instanceof Error ? error.message : String(error)};
		}
		setDone({card, saved});
	}, [ended, done, scenario, run.state, historyPath]);
	if (!ended) return <App {...app} cloud={cloud} audit={run.audit} now={now} drill={run.shell} />;
	if (!done) return null;
	return (
		<KeyRouter>
			<DrillCard card={done.card} saved={done.saved} width={size.columns} height={Math.max(1, size.rows - 1)} onQuit={exit} />
		</KeyRouter>
	);
}
