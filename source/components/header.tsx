import {Box, Text} from 'ink';
import type {AppConfig} from '../config/app-config.js';
import {freshnessLabel, type Freshness, type FreshnessLabel} from '../format/freshness.js';
import {sanitize} from '../format/sanitize.js';
import {useEffect, useRef, useState} from 'react';
import {toneColor} from './theme.js';

/** Where am I, can I change things, and how old is what I see. */
export function Header({config, region, screenTitle, freshness, now, width, notices = '', badge}: {
	config: AppConfig;
	/** A drill's badge and clock ("DRILL 01:23"), first on the line. */
	badge?: () => string;
	/** "3 notices (:notices)", or '' when there are none. */
	notices?: string;
	region: string;
	screenTitle: string;
	freshness?: Freshness;
	now: () => number;
	width: number;
}) {
	// Ticks on its own, and redraws only when the words change: the rest of the screen is not
	// touched between refreshes, and an idle dashboard costs next to nothing.
	const label = useFreshnessLabel(freshness, now);
	const drill = useTicking(badge);
	return (
		<Box width={width} justifyContent="space-between">
			<Text wrap="truncate-end">
				{drill ? (
					<Text bold inverse color={toneColor('warn')}>
						{` ${sanitize(drill)} `}
					</Text>
				) : null}
				{drill ? ' ' : null}
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
				{config.mode !== 'demo' && config.profile !== undefined ? <Text color={toneColor('muted')}> · profile {sanitize(config.profile)}</Text> : null}
				<Text color={toneColor('muted')}> │ </Text>
				<Text>{sanitize(config.names.cluster)}</Text>
				{/* A picked name is not what the flags or the file say: the header says so. */}
				{config.origin?.cluster === 'picked' ? <Text color={toneColor('warn')}> (picked)</Text> : null}
				{config.origin?.db === 'picked' ? <Text color={toneColor('warn')}> · db {sanitize(config.names.db)} (picked)</Text> : null}
			</Text>
			<Box flexShrink={0} marginLeft={1}>
				{notices ? <Text color={toneColor('muted')}>{notices} · </Text> : null}
				<Text color={toneColor(label.tone)}>{label.text}</Text>
			</Box>
		</Box>
	);
}

/** A text re-read every second, stored (and so redrawn) only when it changes. */
function useTicking(read: (() => string) | undefined): string | undefined {
	const [text, setText] = useState(() => read?.());
	useEffect(() => {
		if (!read) return;
		setText(read());
		const timer = setInterval(() => setText(read()), 1000);
		return () => clearInterval(timer);
	}, [read]);
	return read ? text : undefined;
}

/** The freshness label, re-read every second but stored (and so redrawn) only when it changes. */
function useFreshnessLabel(freshness: Freshness | undefined, now: () => number): FreshnessLabel {
	const [label, setLabel] = useState(() => freshnessLabel(freshness, now()));
	const latest = useRef(freshness);
	latest.current = freshness;
	const current = freshnessLabel(freshness, now());
	useEffect(() => {
		const timer = setInterval(() => {
			const next = freshnessLabel(latest.current, now());
			setLabel(previous => (previous.text === next.text && previous.tone === next.tone ? previous : next));
		}, 1000);
		return () => clearInterval(timer);
	}, [now]);
	// New freshness (a refresh) shows at once; between refreshes the interval keeps it current.
	return current.text === label.text ? label : current;
}
