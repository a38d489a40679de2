// Plain-text filter patterns: `ERROR timeout` (both), `?ERROR ?FATAL` (either), `ERROR -healthcheck`
// (but not), `"connection reset"` (a phrase). Case-sensitive substring matches.

import {FilterPatternError, type FilterAst, type TermGroup, type TextTerm} from './filter-pattern-ast.js';
import {readQuoted} from './filter-pattern-lexer.js';

/** A term as written, with its prefix and quotes; suggestFilterFix rewrites these. */
export type RawTerm = {
	raw: string;
	prefix: '' | '?' | '-' | '?-';
	quoted: boolean;
	term: TextTerm;
};

const space = /\s/;

export function scanTerms(text: string): RawTerm[] {
	const terms: RawTerm[] = [];
	let i = 0;
	while (i < text.length) {
		if (space.test(text[i]!)) {
			i++;
			continue;
		}
		const start = i;
		let prefix: RawTerm['prefix'] = '';
		if (text[i] === '?') {
			prefix = '?';
			i++;
		}
		if (text[i] === '-') {
			prefix = prefix === '?' ? '?-' : '-';
			i++;
		}
		if (i >= text.length || space.test(text[i]!)) {
			const op = prefix.endsWith('-') ? "'-' (not)" : "'?' (or)";
			throw new FilterPatternError(`${op} must be followed by a term, with no space between`, start);
		}
		let value: string;
		const termStart = i;
		const quoted = text[i] === '"';
		if (quoted) {
			const q = readQuoted(text, i);
			value = q.value;
			i = q.end;
			if (i < text.length && !space.test(text[i]!)) {
				throw new FilterPatternError('expected a space after the closing quote', i);
			}
			if (value === '') throw new FilterPatternError('empty quoted term: it would match every event', termStart);
		} else {
			while (i < text.length && !space.test(text[i]!)) {
				if (text[i] === '"') throw new FilterPatternError('a quote inside a term: put the whole term in double quotes', i);
				i++;
			}
			value = text.slice(termStart, i);
		}
		terms.push({raw: text.slice(start, i), prefix, quoted, term: {text: value, start: termStart, end: i}});
	}
	return terms;
}

export function parseTextPattern(text: string): FilterAst {
	const required: TermGroup = {include: [], exclude: []};
	const alternatives: TermGroup[] = [];
	let group = required;
	for (const t of scanTerms(text)) {
		// A `?` opens a new alternative; the terms after it (until the next `?`) belong to it, so
		// `?ERROR db ?FATAL` is (ERROR and db) or FATAL. Terms before the first `?` apply to all.
		if (t.prefix.startsWith('?')) {
			group = {include: [], exclude: []};
			alternatives.push(group);
		}
		(t.prefix.endsWith('-') ? group.exclude : group.include).push(t.term);
	}
	if (required.include.length + required.exclude.length === 0 && alternatives.length === 0) return {kind: 'all'};
	return {kind: 'text', required, alternatives};
}

// Indexed loops, not every()/some() with arrows: a closure over the message per call is several
// objects for every event the tailer filters (`?ERROR ?FATAL`, the logs screen's default, is
// filtered locally), all garbage in a flood (issue 17).
function groupMatches(group: TermGroup, message: string): boolean {
	const {include, exclude} = group;
	for (let i = 0; i < include.length; i++) if (!message.includes(include[i]!.text)) return false;
	for (let i = 0; i < exclude.length; i++) if (message.includes(exclude[i]!.text)) return false;
	return true;
}

export function matchText(ast: Extract<FilterAst, {kind: 'text'}>, message: string): boolean {
	if (!groupMatches(ast.required, message)) return false;
	const {alternatives} = ast;
	if (alternatives.length === 0) return true;
	for (let i = 0; i < alternatives.length; i++) if (groupMatches(alternatives[i]!, message)) return true;
	return false;
}
