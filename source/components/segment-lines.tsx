import {Box, Text} from 'ink';
import {memo} from 'react';
import type {SegmentLine} from '../format/segments.js';
import {colorEnabled, toneColor} from './theme.js';

/** One line of coloured segments; never wraps. */
export const SegmentText = memo(function SegmentText({line, inverse = false}: {line: SegmentLine; inverse?: boolean}) {
	return (
		<Text wrap="truncate-end" inverse={inverse}>
			{line.map((s, i) => (
				// Under NO_COLOR a "bad" segment keeps its meaning through bold.
				<Text key={i} color={inverse ? undefined : toneColor(s.tone)} bold={s.bold === true || (!colorEnabled && s.tone === 'bad')}>
					{s.text}
				</Text>
			))}
		</Text>
	);
});

/** Lines drawn one under the other: the formatter made each exactly as wide as the body. */
export function SegmentLines({lines}: {lines: readonly SegmentLine[]}) {
	return (
		<Box flexDirection="column">
			{lines.map((line, i) => (
				<SegmentText key={i} line={line} />
			))}
		</Box>
	);
}
