import {Box, Text} from 'ink';
import type {AppConfig} from '../config/app-config.js';
import {freshnessLabel, type Freshness} from '../format/freshness.js';
import {sanitize} from '../format/sanitize.js';
import {useNow} from '../hooks/use-now.js';
import {toneColor} from './theme.js';

/** Where am I, can I change things, and how old is what I see. */
export function Header({config, region, screenTitle, freshness, now, width}: {
	config: AppConfig;
	region: string;
	screenTitle: string;
	freshness?: Freshness;
	now: () => number;
	width: number;
}) {
	// Ticks on its own: "updated 3s ago" changes every second, the rest of the screen does not.
	const at = useNow(now);
	const label = freshnessLabel(freshness, at);
	return (
		<Box width={width} justifyContent="space-between">
			<Text wrap="truncate-end">
				<Text bold color={toneColor('accent')}>
					ACSO
				</Text>
				<Text> {sanitize(config.env)}</Text>
				<Text color={toneColor('muted')}> │ </Text>
				{/* The mode comes first: on a narrow terminal the end of this line is what gets cut. */}
				{config.write ? (
					<Text bold inverse color={toneColor('bad')}>
						{' WRITE '}
					</Text>
				) : (
					<Text color={toneColor('ok')}>READ-ONLY</Text>
				)}
				<Text color={toneColor('muted')}> │ </Text>
				<Text bold>{screenTitle}</Text>
				<Text color={toneColor('muted')}> │ </Text>
				<Text>{config.mode === 'demo' ? 'simulated' : sanitize(region)}</Text>
				<Text color={toneColor('muted')}> │ </Text>
				<Text>{sanitize(config.names.cluster)}</Text>
			</Text>
			<Box flexShrink={0} marginLeft={1}>
				<Text color={toneColor(label.tone)}>{label.text}</Text>
			</Box>
		</Box>
	);
}
