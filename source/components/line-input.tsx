import {Text} from 'ink';
import {useRef} from 'react';
import {useKeys} from '../input/key-router.js';
import {toneColor} from './theme.js';

/**
 * A one-line text field that never loses a key. ink-text-input computes each new value from the
 * value it was last rendered with, so keys that arrive before React re-renders (typed ahead, over
 * SSH, or pasted) overwrite each other. This field applies every key to the latest value, kept in
 * a ref, and reports the result; the parent renders it back.
 */
export function LineInput({value, onChange, onSubmit, isActive = true, placeholder}: {
	value: string;
	onChange: (value: string) => void;
	onSubmit: (value: string) => void;
	isActive?: boolean;
	placeholder?: string;
}) {
	const latest = useRef(value);
	const rendered = useRef(value);
	// A new value from the parent (e.g. a completion) replaces what we tracked.
	if (rendered.current !== value) {
		rendered.current = value;
		latest.current = value;
	}
	const set = (next: string) => {
		latest.current = next;
		onChange(next);
	};
	useKeys(
		(input, key) => {
			if (key.return) {
				onSubmit(latest.current);
				return true;
			}
			if (key.backspace || key.delete) {
				set([...latest.current].slice(0, -1).join(''));
				return true;
			}
			if (key.ctrl && input === 'u') {
				set('');
				return true;
			}
			if (key.ctrl && input === 'w') {
				set(latest.current.replace(/\S+\s*$/, ''));
				return true;
			}
			// Esc, Tab, arrows and other control keys are the layer's bindings' (cancel, complete, move).
			if (key.ctrl || key.meta || key.escape || key.tab || key.upArrow || key.downArrow || key.leftArrow || key.rightArrow || key.pageDown || key.pageUp) return false;
			// Printable text only: a pasted newline or control character never enters the field.
			const text = input.replace(/[\u0000-\u001F\u007F-\u009F]/g, '');
			if (text !== '') set(latest.current + text);
			return true;
		},
		{isActive},
	);
	return (
		<Text>
			{value === '' && placeholder ? <Text color={toneColor('muted')}>{placeholder}</Text> : value}
			<Text inverse> </Text>
		</Text>
	);
}
