import {useMemo} from 'react';
import {chartGridLines, type PanelSpec} from '../format/chart-grid.js';
import {SegmentLines} from './segment-lines.js';

/**
 * Charts in a grid filling `width` x `height`. The panels array should be memoised by the caller:
 * charts are recomputed only when it or the size changes, not on every clock tick.
 */
export function ChartGrid({panels, width, height, columns, rowHeights}: {panels: readonly PanelSpec[]; width: number; height: number; columns: number; rowHeights?: readonly number[]}) {
	const lines = useMemo(() => chartGridLines(panels, width, height, columns, rowHeights), [panels, width, height, columns, rowHeights]);
	return <SegmentLines lines={lines} />;
}
