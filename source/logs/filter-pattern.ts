// CloudWatch Logs filter patterns, parsed and matched locally. Three uses:
//  - validate what the user types before it is sent (a caret under the mistake, not an API error);
//  - re-filter what a backend returns: moto matches every event for patterns starting with
//    ? { [ % or -, and we never trust a backend's filtering for those;
//  - highlight the matching terms in the log view.
// Syntax: plain terms (ANDed), ?alternatives, -exclusions, "quoted phrases"; JSON
// `{ $.level = "ERROR" || $.latency > 100 }`; space-delimited `[ip, user, status = 5*, ...]`;
// a standalone `%regex%`. See filter-pattern-*.ts for each.

import {FilterPatternError, type Condition, type FilterAst} from './filter-pattern-ast.js';
import {matchDelimited, parseDelimitedPattern} from './filter-pattern-delimited.js';
import {matchJson, parseJsonPattern} from './filter-pattern-json.js';
import {compileCloudWatchRegex} from './filter-pattern-regex.js';
import {matchText, parseTextPattern, scanTerms} from './filter-pattern-text.js';
import {sanitize} from '../format/sanitize.js';
import stringWidth from 'string-width';

export {FilterPatternError};
export type {FilterAst} from './filter-pattern-ast.js';

export type FilterPatternProblem = {message: string; position: number};

export type ParseResult = {ok: true; ast: FilterAst} | {ok: false; error: FilterPatternProblem};

export type LogMatcher = (message: string) => boolean;

/** CloudWatch's limit on a filter pattern's length. */
export const maxPatternLength = 1024;

function parseRegexPattern(text: string): FilterAst {
	const open = text.indexOf('%');
	const close = text.indexOf('%', open + 1);
	if (close < 0) throw new FilterPatternError('unterminated regex: add the closing %', open);
	const rest = text.slice(close + 1);
	if (rest.trim() !== '') {
		throw new FilterPatternError('a %regex% pattern stands alone: nothing may follow the closing %', close + 1 + rest.search(/\S/));
	}
	const source = text.slice(open + 1, close);
	return {kind: 'regex', literal: {kind: 'regex', source, regex: compileCloudWatchRegex(source, open + 1), start: open}};
}

function parseOrThrow(text: string): FilterAst {
	if (text.length > maxPatternLength) {
		throw new FilterPatternError(`a filter pattern is at most ${maxPatternLength} characters`, maxPatternLength);
	}
	const first = text.trimStart()[0];
	if (first === '{') return parseJsonPattern(text);
	if (first === '[') return parseDelimitedPattern(text);
	if (first === '%') return parseRegexPattern(text);
	return parseTextPattern(text);
}

/** Never throws for any string: either the parsed pattern, or what is wrong and where. */
export function parseFilterPattern(text: string): ParseResult {
	try {
		return {ok: true, ast: parseOrThrow(text)};
	} catch (error) {
		if (error instanceof FilterPatternError) return {ok: false, error: {message: error.message, position: error.position}};
		throw error;
	}
}

export function matchesFilter(ast: FilterAst, message: string): boolean {
	switch (ast.kind) {
		case 'all':
			return true;
		case 'text':
			return matchText(ast, message);
		case 'regex':
			return ast.literal.regex.test(message);
		case 'json':
			return matchJson(ast.condition, message);
		case 'delimited':
			return matchDelimited(ast, message);
	}
}

export function matcherFor(ast: FilterAst): LogMatcher {
	if (ast.kind === 'all') return () => true;
	return (message) => matchesFilter(ast, message);
}

/** The matcher for a pattern; throws FilterPatternError (with `position`) when it is invalid. */
export function compileFilterPattern(text: string): LogMatcher {
	return matcherFor(parseOrThrow(text));
}

/**
 * Three lines for an error box: the pattern (sanitized), a caret under the wrong character
 * (measured in display columns, so it lines up under wide characters too), and the message.
 */
export function describeFilterError(text: string, error: FilterPatternProblem): string[] {
	const position = Math.max(0, Math.min(error.position, text.length));
	const column = stringWidth(sanitize(text.slice(0, position)));
	return [sanitize(text), `${' '.repeat(column)}^`, sanitize(error.message)];
}

/**
 * A rewrite for the commonest mistake: `ERROR OR FATAL` is three ANDed terms (the word OR
 * included), so it matches almost nothing. Offers `?ERROR ?FATAL`; `a b OR c` becomes `?a b ?c`.
 * Also drops `AND`/`&&` between terms (plain terms are ANDed already). Only the upper-case
 * keywords count: `or` may be a real word in a log line. Undefined when there is nothing to fix.
 */
export function suggestFilterFix(text: string): string | undefined {
	const first = text.trimStart()[0];
	if (first === undefined || '{[%'.includes(first)) return undefined;
	let terms;
	try {
		terms = scanTerms(text);
	} catch {
		return undefined;
	}
	const isKeyword = (t: (typeof terms)[number], words: string[]) => !t.quoted && t.prefix === '' && words.includes(t.term.text);
	const hasOr = terms.some((t) => isKeyword(t, ['OR', '||']));
	const hasAnd = terms.some((t) => isKeyword(t, ['AND', '&&']));
	if (!hasOr && !hasAnd) return undefined;
	const groups: string[][] = [[]];
	for (const t of terms) {
		if (isKeyword(t, ['AND', '&&'])) continue;
		if (isKeyword(t, ['OR', '||'])) groups.push([]);
		else groups[groups.length - 1]!.push(t.raw);
	}
	if (groups.some((g) => g.length === 0)) return undefined; // `OR ERROR`, `a OR OR b`: unclear intent
	if (!hasOr) return groups[0]!.join(' ');
	// A group opening with ? or - cannot take another ? in front of it.
	if (groups.some((g) => g[0]!.startsWith('?') || g[0]!.startsWith('-'))) return undefined;
	return groups.map((g) => `?${g.join(' ')}`).join(' ');
}

/**
 * True when a backend's own filtering cannot be trusted for this pattern, so results must be
 * filtered again locally (moto returns every event for patterns starting with these characters).
 */
export function patternNeedsLocalFilter(text: string): boolean {
	const first = text.trimStart()[0];
	return first !== undefined && '?{[%-'.includes(first);
}

// ---- highlighting ----

const maxRanges = 256;

function addOccurrences(ranges: Array<[number, number]>, message: string, needle: string): void {
	if (needle === '') return;
	for (let at = message.indexOf(needle); at >= 0 && ranges.length < maxRanges; at = message.indexOf(needle, at + needle.length)) {
		ranges.push([at, at + needle.length]);
	}
}

function addRegexMatches(ranges: Array<[number, number]>, message: string, regex: RegExp): void {
	const global = new RegExp(regex.source, 'g');
	for (let m = global.exec(message); m && ranges.length < maxRanges; m = global.exec(message)) {
		if (m[0] === '') {
			global.lastIndex++; // an empty match (`%x*%`) would loop forever
			continue;
		}
		ranges.push([m.index, m.index + m[0].length]);
	}
}

function addConditionValues(ranges: Array<[number, number]>, message: string, condition: Condition): void {
	if (condition.kind === 'and' || condition.kind === 'or') {
		for (const item of condition.items) addConditionValues(ranges, message, item);
		return;
	}
	if (condition.kind !== 'compare' || condition.op !== '=') return;
	const value = condition.value;
	if (value.kind === 'regex') addRegexMatches(ranges, message, value.regex);
	else if (value.kind === 'number') addOccurrences(ranges, message, value.text);
	else for (const part of value.text.split('*')) addOccurrences(ranges, message, part);
}

/**
 * Character ranges [start, end) of `message` to highlight: the occurrences of the pattern's
 * terms (excluded terms are not), regex matches, and the values a structured pattern tests for
 * equality. Sorted, overlaps merged. Offsets are into the raw message.
 */
export function highlightRanges(ast: FilterAst, message: string): Array<[number, number]> {
	const ranges: Array<[number, number]> = [];
	switch (ast.kind) {
		case 'all':
			return [];
		case 'text':
			for (const group of [ast.required, ...ast.alternatives]) {
				for (const term of group.include) addOccurrences(ranges, message, term.text);
			}
			break;
		case 'regex':
			addRegexMatches(ranges, message, ast.literal.regex);
			break;
		case 'json':
			addConditionValues(ranges, message, ast.condition);
			break;
		case 'delimited':
			for (const condition of ast.conditions) addConditionValues(ranges, message, condition);
			break;
	}
	ranges.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
	const merged: Array<[number, number]> = [];
	for (const range of ranges) {
		const last = merged[merged.length - 1];
		if (last && range[0] <= last[1]) last[1] = Math.max(last[1], range[1]);
		else merged.push([range[0], range[1]]);
	}
	return merged;
}
