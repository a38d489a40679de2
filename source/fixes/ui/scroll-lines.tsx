import {Box, Text} from 'ink';
import {SegmentText} from '../../components/segment-lines.js';
import {toneColor} from '../../components/theme.js';
import {fitLine, type SegmentLine} from '../../format/segments.js';

/** The furthest a list of `count` lines can scroll in `height` rows (one row goes to each marker). */
export function maxScroll(count: number, height: number): number {
	return count <= height ? 0 : count - Math.max(1, height - 2);
}

/**
 * Exactly `height` rows of `lines` from `top`, with ▲/▼ rows saying how many are hidden: only the
 * visible window is drawn.
 */
export function ScrollLines({lines, top, height, width}: {lines: readonly SegmentLine[]; top: number; height: number; width: number}) {
	if (height <= 0) return null;
	const fits = lines.length <= height;
	const start = fits ? 0 : Math.min(Math.max(0, top), maxScroll(lines.length, height));
	const above = start > 0;
	const room = fits ? height : Math.max(1, height - (above ? 1 : 0) - 1);
	const shown = lines.slice(start, start + room);
	const below = lines.length - start - shown.length;
	return (
		<Box flexDirection="column" height={height} width={width}>
			{above ? <Text color={toneColor('muted')}>▲ {start} more (↑/PgUp)</Text> : null}
			{shown.map((line, i) => (
				<SegmentText key={start + i} line={fitLine(line, width)} />
			))}
			{below > 0 ? <Text color={toneColor('muted')}>▼ {below} more (↓/PgDn)</Text> : null}
		</Box>
	);
}
