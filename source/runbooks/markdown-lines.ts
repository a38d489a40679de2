// Classifies single lines of a troubleshooting guide. Each pattern is anchored and bounded, and
// lines are length-checked before they get here, so classifying is linear in the input.

export type MarkdownLine =
	| {kind: 'blank'}
	| {kind: 'heading'; level: number; text: string}
	| {kind: 'fence'; indent: number; marker: string; lang: string}
	| {kind: 'label'; label: string; rest: string}
	| {kind: 'numbered'; indent: number; title: string}
	| {kind: 'bullet'; indent: number; text: string}
	| {kind: 'text'; text: string};

export const maxLineLength = 10_000;

// C0/C1 controls (tab allowed), and the format characters that make text read differently from
// what it is (bidi overrides and isolates, zero-width characters, BOM mid-text).
const hostile = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/;

/** The first control or invisible format character of a line, as U+XXXX, or undefined. */
export function hostileCharacter(line: string): string | undefined {
	const match = hostile.exec(line);
	if (!match) return undefined;
	return `U+${(match[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

const indentOf = (line: string) => line.length - line.trimStart().length;

/** `**Title:**`, `**Title**:`, `**Title**` -> Title */
export function stripBold(text: string): string {
	let t = text.trim();
	if (t.startsWith('**')) {
		const end = t.indexOf('**', 2);
		if (end > 2) t = `${t.slice(2, end)}${t.slice(end + 2)}`;
	}
	return t.trim().replace(/:$/, '').trim();
}

export function classifyLine(line: string): MarkdownLine {
	const trimmed = line.trim();
	if (trimmed === '') return {kind: 'blank'};
	const indent = indentOf(line);
	if (indent < 4 && trimmed.startsWith('#')) {
		const heading = /^(#{1,6})[ \t]+(.*)$/.exec(trimmed);
		if (heading) return {kind: 'heading', level: (heading[1] as string).length, text: (heading[2] as string).replace(/[ \t]#+[ \t]*$/, '').trim()};
	}
	const fence = /^(`{3,}|~{3,})[ \t]*([A-Za-z0-9_+-]*)[ \t]*$/.exec(trimmed);
	if (fence) return {kind: 'fence', indent, marker: fence[1] as string, lang: (fence[2] as string).toLowerCase()};
	if (trimmed.startsWith('**')) {
		const end = trimmed.indexOf('**', 2);
		if (end > 2) {
			const inside = trimmed.slice(2, end);
			const after = trimmed.slice(end + 2);
			// A label ends with a colon inside or right after the bold text: **Symptoms:** / **Symptoms**:
			if (inside.endsWith(':') || after.startsWith(':')) {
				return {kind: 'label', label: inside.replace(/:$/, '').trim(), rest: after.replace(/^:/, '').trim()};
			}
		}
	}
	const numbered = /^(\d{1,3})[.)][ \t]+(.*)$/.exec(trimmed);
	if (numbered) return {kind: 'numbered', indent, title: stripBold(numbered[2] as string)};
	const bullet = /^[-*+][ \t]+(.*)$/.exec(trimmed);
	if (bullet) return {kind: 'bullet', indent, text: (bullet[1] as string).trim()};
	return {kind: 'text', text: trimmed};
}

/** Whether a line closes a fence opened with `marker`. */
export function closesFence(line: string, marker: string): boolean {
	const trimmed = line.trim();
	const char = marker[0] as string;
	if (trimmed.length < marker.length) return false;
	for (let i = 0; i < trimmed.length; i++) if (trimmed[i] !== char) return false;
	return true;
}

/** Removes up to `indent` leading spaces (the fence's own indentation inside a list item). */
export function dedent(line: string, indent: number): string {
	let i = 0;
	while (i < indent && i < line.length && (line[i] === ' ' || line[i] === '\t')) i++;
	return line.slice(i);
}

export const shellLanguages = new Set(['', 'bash', 'sh', 'shell', 'zsh', 'console', 'shell-session']);
