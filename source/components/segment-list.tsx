import {Box, Text} from 'ink';
import {listWindow} from '../format/list-window.js';
import {fitLine, type SegmentLine} from '../format/segments.js';
import {SegmentText} from './segment-lines.js';
import {toneColor} from './theme.js';

/**
 * A titled list exactly `height` rows tall: the title row (with ▲ n when rows are hidden above),
 * only the visible window of rows, and a ▼ row when more follow. `cursor` < 0 selects nothing.
 */
export function SegmentList({title, header, rows, cursor, height, width, empty}: {
	title: SegmentLine;
	/** Column headings under the title, when the rows are a table. */
	header?: SegmentLine;
	rows: readonly SegmentLine[];
	cursor: number;
	height: number;
	width: number;
	/** Said in place of the rows when there are none. */
	empty?: string;
}) {
	if (height <= 0) return null;
	const room = Math.max(0, height - 1 - (header && height > 1 ? 1 : 0));
	const win = listWindow(rows.length, Math.max(0, cursor), rows.length > room ? room - 1 : room);
	const marker = win.above > 0 ? ` ▲${win.above}` : '';
	return (
		<Box flexDirection="column" height={height} width={width}>
			<SegmentText line={fitLine([...title, {text: marker, tone: 'muted'}], width)} />
			{header && height > 1 ? <SegmentText line={fitLine(header, width)} /> : null}
			{rows.length === 0 && empty && room > 0 ? (
				<Text wrap="truncate-end" color={toneColor('muted')}>
					{empty}
				</Text>
			) : null}
			{room > 0
				? rows.slice(win.start, win.end).map((row, i) => <SegmentText key={win.start + i} line={fitLine(row, width)} inverse={win.start + i === cursor} />)
				: null}
			{room > 1 && win.below > 0 ? <Text color={toneColor('muted')}>▼ {win.below} more</Text> : null}
		</Box>
	);
}
