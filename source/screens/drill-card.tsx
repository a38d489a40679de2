import {Box, Text} from 'ink';
import {useBindings} from '../input/bindings.js';
import {cardLines} from '../format/drill-card.js';
import type {ReportCard} from '../drills/score.js';
import {toneColor} from '../components/theme.js';
import {sanitize} from '../format/sanitize.js';

/** The report card at the end of a drill: where it was saved (or why not), and q to leave. */
export function DrillCard({card, saved, width, height, onQuit}: {card: ReportCard; saved: {path: string} | {error: string}; width: number; height: number; onQuit: () => void}) {
	useBindings([{keys: ['q', 'enter', 'esc', 'ctrl-c'], description: 'leave the drill', handler: onQuit}], {isActive: true});
	const lines = cardLines(card);
	return (
		<Box flexDirection="column" width={width} height={height}>
			<Text bold inverse color={toneColor(card.outcome === 'fixed' ? 'ok' : 'warn')} wrap="truncate-end">
				{` DRILL OVER `}
			</Text>
			{lines.slice(0, Math.max(1, height - 3)).map((line, i) => (
				<Text key={i} wrap="truncate-end" {...(i === 0 ? {bold: true} : {})}>
					{line === '' ? ' ' : line}
				</Text>
			))}
			<Text color={toneColor('muted')} wrap="truncate-end">
				{'path' in saved ? `saved to ${sanitize(saved.path)}` : `not saved: ${sanitize(saved.error)}`}
			</Text>
			<Text color={toneColor('muted')}>q leave the drill</Text>
		</Box>
	);
}
