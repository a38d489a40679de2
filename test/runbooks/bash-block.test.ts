import {describe, expect, it} from 'vitest';
import {splitBashBlock} from '../../source/runbooks/bash-block.js';
import {classifyLine, hostileCharacter} from '../../source/runbooks/markdown-lines.js';

const lines = (text: string) => text.split('\n').map((t, i) => ({text: t, line: i + 1}));

describe('splitBashBlock', () => {
	it('titles each command with the comment above it and joins continuations', () => {
		const items = splitBashBlock(lines('# First\naws a b \\\n  --x 1 \\\n  --y 2\n\n# Second\naws c d'));
		expect(items).toEqual([
			{kind: 'command', text: 'aws a b \\\n  --x 1 \\\n  --y 2', line: 2, title: 'First'},
			{kind: 'command', text: 'aws c d', line: 7, title: 'Second'},
		]);
	});

	it('gives a command without its own comment the block\'s last comment as context', () => {
		const items = splitBashBlock(lines('# Build\ndocker build .\ndocker tag a b'));
		expect(items[1]).toEqual({kind: 'command', text: 'docker tag a b', line: 3, context: 'Build'});
	});

	it('keeps a comment with no command after it as a note, and joins touching comment lines', () => {
		const items = splitBashBlock(lines('# Check it\n# twice\naws x y\n\n# If not available, ask\n\n# Another note'));
		expect(items).toEqual([
			{kind: 'command', text: 'aws x y', line: 3, title: 'Check it twice'},
			{kind: 'note', text: 'If not available, ask', line: 5},
			{kind: 'note', text: 'Another note', line: 7},
		]);
	});

	it('ends a command whose last line is an escaped backslash, and closes a dangling continuation at the end', () => {
		expect(splitBashBlock(lines('echo a\\\\\necho b'))).toHaveLength(2);
		expect(splitBashBlock(lines('echo a \\'))).toEqual([{kind: 'command', text: 'echo a \\', line: 1}]);
	});
});

describe('markdown lines', () => {
	it.each([
		['## Deployment Issues', {kind: 'heading', level: 2, text: 'Deployment Issues'}],
		['### Issue: X ###', {kind: 'heading', level: 3, text: 'Issue: X'}],
		['   ```bash', {kind: 'fence', indent: 3, marker: '```', lang: 'bash'}],
		['~~~~', {kind: 'fence', indent: 0, marker: '~~~~', lang: ''}],
		['**Symptoms:**', {kind: 'label', label: 'Symptoms', rest: ''}],
		['**When to Use:** Total failure', {kind: 'label', label: 'When to Use', rest: 'Total failure'}],
		['**Symptoms**:', {kind: 'label', label: 'Symptoms', rest: ''}],
		['1. **If cluster doesn\'t exist:**', {kind: 'numbered', indent: 0, title: "If cluster doesn't exist"}],
		['2) Plain option', {kind: 'numbered', indent: 0, title: 'Plain option'}],
		['  - nested', {kind: 'bullet', indent: 2, text: 'nested'}],
		['**bold text** without colon', {kind: 'text', text: '**bold text** without colon'}],
		['#hashtag', {kind: 'text', text: '#hashtag'}],
	])('%j', (line, expected) => {
		expect(classifyLine(line)).toEqual(expected);
	});

	it('names control and invisible characters', () => {
		expect(hostileCharacter('ok\tfine')).toBeUndefined();
		expect(hostileCharacter('a\u001b[31m')).toBe('U+001B');
		expect(hostileCharacter('a\u200bb')).toBe('U+200B');
		expect(hostileCharacter('\u0085')).toBe('U+0085');
	});
});
