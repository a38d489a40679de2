import {Box, Text} from 'ink';
import {useRef, useState} from 'react';
import {useBindings} from '../input/bindings.js';
import {completeCommand, type CommandChoices} from '../shell/screen-ids.js';
import {sanitize} from '../format/sanitize.js';
import {LineInput} from './line-input.js';
import {toneColor} from './theme.js';

/** `:` jump-by-name line with completion (screens, and the values :ctx/:region/:profile know): Tab completes, Enter runs, Esc cancels. */
export function CommandLine({onSubmit, onCancel, choices}: {onSubmit: (text: string) => void; onCancel: () => void; choices?: CommandChoices}) {
	const [text, setText] = useState('');
	// Keys can outrun renders: completion works from the latest text, not the rendered one.
	const latest = useRef(text);
	const update = (value: string) => {
		latest.current = value;
		setText(value);
	};
	const matches = completeCommand(text, choices);
	useBindings(
		[
			{keys: ['esc'], description: 'cancel', handler: onCancel},
			{
				keys: ['tab'],
				description: 'complete',
				handler: () => {
					const options = completeCommand(latest.current, choices);
					if (options[0] !== undefined) update(options.length === 1 ? options[0] : commonPrefix(options));
				},
			},
		],
		{isActive: true},
	);
	return (
		<Box flexDirection="column">
			<Text color={toneColor('muted')} wrap="truncate-end">
				{matches.length > 0 ? sanitize(matches.map(m => `:${m}`).join('  ')) : text.includes(' ') ? 'any name: Enter switches' : 'no such screen'}
			</Text>
			<Box>
				<Text color={toneColor('accent')}>:</Text>
				<LineInput value={text} onChange={update} onSubmit={onSubmit} />
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
