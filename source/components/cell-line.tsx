import {Text} from 'ink';
import {memo} from 'react';
import {formatAge} from '../format/durations.js';
import {sanitize} from '../format/sanitize.js';
import type {Cell} from '../format/service-rows.js';
import {toneColor} from './theme.js';

type CellLineProps = {label: string; cells: readonly Cell[]; labelWidth?: number};

/** Equal lines: a screen builds its lines' cells anew on every render, mostly the same ones. */
export function sameCellLine(a: CellLineProps, b: CellLineProps): boolean {
	if (a.label !== b.label || a.labelWidth !== b.labelWidth || a.cells.length !== b.cells.length) return false;
	return a.cells.every((cell, i) => cell.text === b.cells[i]!.text && cell.tone === b.cells[i]!.tone);
}

/**
 * A labelled line of coloured cells: `ALARMS  ● ACSO-HighMemory ALARM  ○ ACSO-HighCPU OK`.
 * Rendered again only when its cells' words or tones change, not on every render of its screen.
 */
export const CellLine = memo(function CellLine({label, cells, labelWidth = 9}: CellLineProps) {
	return (
		<Text wrap="truncate-end">
			<Text bold>{label.padEnd(labelWidth)}</Text>
			{cells.map((cell, i) => (
				<Text key={i} color={toneColor(cell.tone)}>
					{i > 0 ? '  ' : ''}
					{cell.text}
				</Text>
			))}
		</Text>
	);
}, sameCellLine);

/**
 * A panel's own freshness, shown beside it when its last refresh failed: the data shown is kept,
 * and marked with how old it is, so one failing panel never passes for live.
 */
export function staleCells(state: {stale: boolean; updatedAt?: number}, now: number): Cell[] {
	if (!state.stale || state.updatedAt === undefined) return [];
	return [{text: `STALE ${formatAge(Math.max(0, now - state.updatedAt))}`, tone: 'bad'}];
}

/** What a panel says while it has nothing to show: loading, empty, or why it failed. */
export function panelMessage(state: {status: string; error?: Error}, empty: string): Cell[] {
	if (state.status === 'loading') return [{text: 'loading…', tone: 'muted'}];
	if (state.status === 'empty') return [{text: empty, tone: 'muted'}];
	// An AWS error message is AWS-sourced text like any other: sanitized before it is drawn.
	if (state.error) return [{text: sanitize(state.error.message), tone: 'bad'}];
	return [];
}
