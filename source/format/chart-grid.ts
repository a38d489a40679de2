// Laying charts out in a grid that fills a given area exactly.

import {chartPanel, type ChartPanelInput} from './chart-panel.js';
import {besideLines, blankLine, type SegmentLine} from './segments.js';

/** `total` split into `parts` integers that differ by at most one and sum to `total` (earlier ones larger). */
export function splitEvenly(total: number, parts: number): number[] {
	if (!Number.isInteger(parts) || parts < 1) throw new RangeError(`splitEvenly: parts must be a positive integer, got ${String(parts)}`);
	const t = Math.max(0, Math.floor(total));
	const base = Math.floor(t / parts);
	return Array.from({length: parts}, (_, i) => base + (i < t % parts ? 1 : 0));
}

export const minChartWidth = 36;

/** How many charts fit side by side: as many as keep each at least `minWidth` wide, one at least. */
export function gridColumns(count: number, width: number, minWidth = minChartWidth): number {
	if (count <= 0) return 1;
	return Math.max(1, Math.min(count, Math.floor((width + 1) / (minWidth + 1))));
}

export type PanelSpec = Omit<ChartPanelInput, 'width' | 'height'>;

/**
 * Exactly `height` lines of `width` columns: `panels` in rows of `columns`, one space between
 * neighbours, rows sharing the height (`rowHeights` when given, one per row).
 */
export function chartGridLines(panels: readonly PanelSpec[], width: number, height: number, columns: number, rowHeights?: readonly number[]): SegmentLine[] {
	const rowCount = Math.ceil(panels.length / columns);
	if (rowCount === 0) return Array.from({length: height}, () => blankLine(width));
	const heights = rowHeights ?? splitEvenly(height, rowCount);
	const widths = splitEvenly(width - (columns - 1), columns);
	const lines: SegmentLine[] = [];
	for (let r = 0; r < rowCount; r++) {
		const rowHeight = heights[r] ?? 0;
		if (rowHeight <= 0) continue;
		let row: SegmentLine[] = [];
		let used = 0;
		for (let c = 0; c < columns; c++) {
			const panel = panels[r * columns + c];
			const w = widths[c] ?? 1;
			const cell = panel ? chartPanel({...panel, width: Math.max(1, w), height: rowHeight}) : Array.from({length: rowHeight}, () => blankLine(w));
			row = c === 0 ? cell : besideLines(row, used, cell, w);
			used += (c === 0 ? 0 : 1) + w;
		}
		lines.push(...row);
	}
	while (lines.length < height) lines.push(blankLine(width));
	return lines.slice(0, height);
}
