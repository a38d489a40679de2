import {Box, Text} from 'ink';
import {useState} from 'react';
import {useBindings, type Binding, type BindingGroup} from '../input/bindings.js';
import {keyLabel} from '../input/keys.js';
import {padEnd} from '../format/truncate.js';
import {toneColor} from './theme.js';

type Line = {kind: 'title'; text: string} | {kind: 'binding'; binding: Binding};

export function helpLines(groups: readonly BindingGroup[]): Line[] {
	return groups.flatMap(g => [{kind: 'title', text: g.title} as Line, ...g.bindings.map(b => ({kind: 'binding', binding: b}) as Line)]);
}

/** `?`: every binding of the screen it was opened on, from the same table that handles the keys. */
export function HelpOverlay({groups, height, width, onClose}: {groups: readonly BindingGroup[]; height: number; width: number; onClose: () => void}) {
	const lines = helpLines(groups);
	const [top, setTop] = useState(0);
	const visible = Math.max(1, height - 2);
	const maxTop = Math.max(0, lines.length - visible);
	const bindings: Binding[] = [
		{keys: ['esc', '?', 'q'], description: 'close help', footer: true, handler: onClose},
		{keys: ['j', 'down'], description: 'scroll down', handler: () => setTop(t => Math.min(maxTop, t + 1))},
		{keys: ['k', 'up'], description: 'scroll up', handler: () => setTop(t => Math.max(0, t - 1))},
	];
	useBindings(bindings, {isActive: true});
	const keyWidth = Math.min(18, Math.max(...lines.map(l => (l.kind === 'binding' ? keyLabel(l.binding.keys).length : 0)), 4) + 2);
	return (
		<Box flexDirection="column" width={width} height={height}>
			<Text bold>Keys {top > 0 ? '▲' : ''}</Text>
			{lines.slice(top, top + visible).map((line, i) =>
				line.kind === 'title' ? (
					<Text key={`t${top + i}`} bold color={toneColor('accent')}>
						{line.text}
					</Text>
				) : (
					<Text key={`b${top + i}`} wrap="truncate-end">
						<Text bold>{padEnd(keyLabel(line.binding.keys), keyWidth)}</Text>
						<Text>{line.binding.description}</Text>
						{line.binding.dangerous ? <Text color={toneColor('warn')}> (changes AWS)</Text> : null}
						{line.binding.disabledReason ? <Text color={toneColor('muted')}> — {line.binding.disabledReason}</Text> : null}
					</Text>
				),
			)}
			{top < maxTop ? <Text color={toneColor('muted')}>▼ {lines.length - top - visible} more</Text> : null}
		</Box>
	);
}
