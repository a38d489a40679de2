import {Box, Text} from 'ink';
import {useReducer} from 'react';
import {listWindow} from '../format/list-window.js';
import type {PickRow} from '../format/pick-rows.js';
import {padEnd} from '../format/truncate.js';
import {useBindings, type Binding} from '../input/bindings.js';
import {clampedCursor, initialPickerState, pickerReducer, pickTitle} from '../shell/picker-state.js';
import {Footer} from './footer.js';
import {toneColor} from './theme.js';

export type PickerProps = {
	/** What is picked, for the title, the help and the footer: "cluster". */
	noun: string;
	/** Why the picker is open, one or two lines (already sanitized). */
	lines: readonly string[];
	rows?: readonly PickRow[];
	/** Shown instead of rows: "loading…", an error, "no clusters in this region". */
	message?: {text: string; tone: 'muted' | 'bad'};
	width: number;
	/** Rows for everything, its footer included. */
	height: number;
	onPick(value: string): void;
	onClose(): void;
	/** Opens the shell's help over the picker, listing the table below. */
	onHelp(): void;
};

/**
 * A layer over the screen that lists choices: it has the keys while open (the screen under it is
 * inactive), and its own binding table drives its keys, its footer and the `?` help over it.
 */
export function Picker({noun, lines, rows = [], message, width, height, onPick, onClose, onHelp}: PickerProps) {
	const [state, dispatch] = useReducer(pickerReducer, initialPickerState);
	const count = rows.length;
	const cursor = clampedCursor(state, count);
	// Title, the lines, ▲, the list, ▼, the footer.
	const listRows = Math.max(1, height - lines.length - 4);
	const page = Math.max(1, listRows - 1);
	const bindings: Binding[] = [
		{keys: ['j', 'down'], description: `next ${noun}`, handler: () => dispatch({type: 'move', delta: 1, count})},
		{keys: ['k', 'up'], description: `previous ${noun}`, handler: () => dispatch({type: 'move', delta: -1, count})},
		{keys: ['g', 'home'], description: `first ${noun}`, handler: () => dispatch({type: 'first'})},
		{keys: ['G', 'end'], description: `last ${noun}`, handler: () => dispatch({type: 'last', count})},
		{keys: ['pagedown', 'ctrl-d'], description: 'page down', handler: () => dispatch({type: 'move', delta: page, count})},
		{keys: ['pageup', 'ctrl-u'], description: 'page up', handler: () => dispatch({type: 'move', delta: -page, count})},
		{
			keys: ['enter'],
			description: `show this ${noun}`,
			footer: true,
			handler: () => {
				const row = rows[cursor];
				if (row) onPick(row.value);
			},
		},
		{keys: ['esc', 'q'], description: 'close, keep what is shown', footer: true, handler: onClose},
		{keys: ['?'], description: 'help', footer: true, handler: onHelp},
	];
	useBindings(bindings, {isActive: true});
	const window = listWindow(count, cursor, listRows);
	const labelWidth = Math.min(Math.max(8, ...rows.map(r => r.label.length)) + 2, Math.max(10, Math.floor(width / 2)));
	return (
		<Box flexDirection="column" width={width} height={height}>
			<Text bold color={toneColor('accent')}>
				{pickTitle(noun)}
			</Text>
			{lines.map((line, i) => (
				<Text key={i} wrap="truncate-end">
					{line}
				</Text>
			))}
			<Text color={toneColor('muted')}>{window.above > 0 ? `▲ ${window.above} more` : ' '}</Text>
			<Box flexDirection="column" height={listRows}>
				{message ? (
					<Text color={toneColor(message.tone)} wrap="truncate-end">
						{message.text}
					</Text>
				) : (
					rows.slice(window.start, window.end).map((row, i) => {
						const selected = window.start + i === cursor;
						return (
							<Text key={row.value} wrap="truncate-end" inverse={selected}>
								{selected ? '› ' : '  '}
								<Text bold={selected}>{padEnd(row.label, labelWidth)}</Text>
								<Text color={selected ? undefined : toneColor('muted')}>{row.detail}</Text>
								{row.current ? <Text color={toneColor('warn')}> (current)</Text> : null}
							</Text>
						);
					})
				)}
			</Box>
			<Text color={toneColor('muted')}>{window.below > 0 ? `▼ ${window.below} more` : ' '}</Text>
			<Footer bindings={bindings} width={width} />
		</Box>
	);
}
