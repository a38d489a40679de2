import {Text} from 'ink';
import type {Binding} from '../input/bindings.js';
import {keyLabel} from '../input/keys.js';
import {footerHints} from '../format/key-hints.js';
import {toneColor} from './theme.js';

/** The key hints row: the footer-marked bindings of the active table, as many as fit. */
export function Footer({bindings, width}: {bindings: readonly Binding[]; width: number}) {
	const hints = footerHints(
		bindings.filter(b => b.footer).map(b => ({key: keyLabel(b.keys), description: b.description, disabled: b.disabledReason !== undefined})),
		width,
	);
	return (
		<Text wrap="truncate-end">
			{hints.map((h, i) => (
				<Text key={h.key}>
					{i > 0 ? '  ' : ''}
					<Text bold color={toneColor(h.disabled ? 'muted' : 'accent')}>
						{h.key}
					</Text>
					<Text color={toneColor('muted')}> {h.description}</Text>
				</Text>
			))}
		</Text>
	);
}
