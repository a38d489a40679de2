import {Box, Text} from 'ink';
import TextInput from 'ink-text-input';
import {useState} from 'react';
import {useBindings} from '../input/bindings.js';
import {completeCommand} from '../shell/screen-ids.js';
import {toneColor} from './theme.js';

/** `:` jump-by-name line with completion: Tab completes, Enter runs, Esc cancels. */
export function CommandLine({onSubmit, onCancel}: {onSubmit: (text: string) => void; onCancel: () => void}) {
	const [text, setText] = useState('');
	const matches = completeCommand(text);
	useBindings(
		[
			{keys: ['esc'], description: 'cancel', handler: onCancel},
			{
				keys: ['tab'],
				description: 'complete',
				handler: () => {
					if (matches[0] !== undefined) setText(matches.length === 1 ? matches[0] : commonPrefix(matches));
				},
			},
		],
		{isActive: true},
	);
	return (
		<Box flexDirection="column">
			<Text color={toneColor('muted')} wrap="truncate-end">
				{matches.length > 0 ? matches.map(m => `:${m}`).join('  ') : 'no such screen'}
			</Text>
			<Box>
				<Text color={toneColor('accent')}>:</Text>
				<TextInput value={text} onChange={value => setText(value.replace(/\t/g, ''))} onSubmit={onSubmit} showCursor />
			</Box>
		</Box>
	);
}

export function commonPrefix(words: readonly string[]): string {
	if (words.length === 0) return '';
	let prefix = words[0] ?? '';
	for (const w of words) while (!w.startsWith(prefix)) prefix = prefix.slice(0, -1);
	return prefix;
}
