import {Box, Text} from 'ink';
import {LineInput} from '../../components/line-input.js';
import type {ParamSpec} from '../types.js';
import {toneColor} from '../../components/theme.js';
import {sanitize} from '../../format/sanitize.js';
import {padEnd, truncate} from '../../format/truncate.js';
import {fieldHelp} from './form-values.js';

const noSubmit = () => undefined;

export type FormError = {message: string; field?: string};

/**
 * The fix's parameters as text fields (a LineInput on the focused one: it loses no typed-ahead key). The catalogue validates on
 * Enter; its message lands under the field it names, or above the form when it names none.
 */
export function ParamForm({specs, values, field, error, width, onChange}: {
	specs: readonly ParamSpec[];
	values: Readonly<Record<string, string>>;
	field: number;
	error?: FormError;
	width: number;
	onChange: (name: string, value: string) => void;
}) {
	const labelWidth = Math.min(22, Math.max(8, ...specs.map(spec => spec.label.length + (spec.required ? 1 : 0))) + 2);
	return (
		<Box flexDirection="column" width={width}>
			{error && error.field === undefined ? (
				<Text color={toneColor('bad')} wrap="wrap">
					✗ {sanitize(error.message)}
				</Text>
			) : null}
			{specs.length === 0 ? <Text color={toneColor('muted')}>This fix takes no parameters.</Text> : null}
			{specs.map((spec, i) => {
				const focused = i === field;
				const value = values[spec.name] ?? '';
				const label = padEnd(`${spec.label}${spec.required ? '*' : ''}`, labelWidth);
				return (
					<Box key={spec.name} flexDirection="column">
						<Box>
							<Text bold={focused} color={focused ? toneColor('accent') : undefined}>
								{focused ? '▸ ' : '  '}
								{label}
							</Text>
							{focused ? (
								// Enter belongs to the flow's binding table (it plans); the field only edits.
								<LineInput key={spec.name} value={value} onChange={next => onChange(spec.name, next)} onSubmit={noSubmit} />
							) : (
								<Text wrap="truncate-end">{value === '' ? <Text color={toneColor('muted')}>(empty)</Text> : truncate(sanitize(value), Math.max(1, width - labelWidth - 2))}</Text>
							)}
						</Box>
						{focused ? (
							<Text color={toneColor('muted')} wrap="truncate-end">
								{'  '}
								{' '.repeat(labelWidth)}
								{fieldHelp(spec)}
							</Text>
						) : null}
						{error?.field === spec.name ? (
							<Text color={toneColor('bad')} wrap="wrap">
								{'  '}
								{' '.repeat(labelWidth)}✗ {sanitize(error.message)}
							</Text>
						) : null}
					</Box>
				);
			})}
		</Box>
	);
}
