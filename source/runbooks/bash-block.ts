// Splits a fenced bash block of the guide into commands: a comment above a command is its title,
// backslash-newline continuations join lines, and a comment with no command after it ("If not
// available, request access through AWS Console") is an instruction, kept as a note.

export type BlockLine = {text: string; line: number};

export type BlockItem =
	| {
			kind: 'command';
			/** The command, continuation lines joined with newlines (the tokenizer removes the backslashes). */
			text: string;
			line: number;
			/** The comment directly above the command. */
			title?: string;
			/** The last comment seen before it in the block, when the command has none of its own. */
			context?: string;
	  }
	| {kind: 'note'; text: string; line: number};

function endsWithContinuation(text: string): boolean {
	let count = 0;
	for (let i = text.length - 1; i >= 0 && text[i] === '\\'; i--) count++;
	return count % 2 === 1;
}

export function splitBashBlock(lines: readonly BlockLine[]): BlockItem[] {
	const items: BlockItem[] = [];
	let pending: BlockLine | undefined;
	let pendingTouching = false; // the previous line was part of the pending comment
	let context: string | undefined;
	let open: {text: string[]; line: number; title?: string; context?: string} | undefined;

	const close = () => {
		if (!open) return;
		items.push({
			kind: 'command',
			text: open.text.join('\n'),
			line: open.line,
			...(open.title === undefined ? {} : {title: open.title}),
			...(open.context === undefined ? {} : {context: open.context}),
		});
		open = undefined;
	};

	for (const entry of lines) {
		const text = entry.text.trimEnd();
		if (open) {
			open.text.push(text);
			if (!endsWithContinuation(text)) close();
			continue;
		}
		const trimmed = text.trim();
		if (trimmed === '') {
			pendingTouching = false;
			continue;
		}
		if (trimmed.startsWith('#')) {
			const comment = trimmed.replace(/^#+\s*/, '');
			if (comment === '' || trimmed.startsWith('#!')) continue;
			if (pending && pendingTouching) pending = {text: `${pending.text} ${comment}`, line: pending.line};
			else {
				if (pending) items.push({kind: 'note', text: pending.text, line: pending.line});
				pending = {text: comment, line: entry.line};
			}
			pendingTouching = true;
			continue;
		}
		open = {text: [trimmed], line: entry.line};
		if (pending) {
			open.title = pending.text;
			context = pending.text;
			pending = undefined;
		} else if (context !== undefined) open.context = context;
		pendingTouching = false;
		if (!endsWithContinuation(trimmed)) close();
	}
	close();
	if (pending) items.push({kind: 'note', text: pending.text, line: pending.line});
	return items;
}
