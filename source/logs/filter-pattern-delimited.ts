// Space-delimited filter patterns: `[ip, user, level = ERROR || level = FATAL, ...]` names the
// words of a line in order; `...` stands for any number of words. Text in "double quotes" or
// [square brackets] in the log line is one word, as in an Apache access log's
// `[10/Oct/2000:13:55:36 -0700] "GET /a HTTP/1.0"`.

import {FilterPatternError, type Condition, type DelimitedField, type FilterAst} from './filter-pattern-ast.js';
import {evaluate, parseCondition, selectorsOf, type ConditionSyntax} from './filter-pattern-conditions.js';
import {describeToken, tokenize, TokenStream, type Token} from './filter-pattern-lexer.js';

const fieldName = /^[A-Za-z0-9_-]+$/;

function nameSelector(token: Token) {
	if (token.value === '...') throw new FilterPatternError("'...' cannot be compared: name the field", token.start);
	if (!fieldName.test(token.value)) {
		throw new FilterPatternError(`invalid field name '${token.value}': use letters, digits, _ and -`, token.start);
	}
	return {text: token.value, path: [token.value], start: token.start};
}

export function parseDelimitedPattern(text: string): FilterAst {
	const stream = new TokenStream(tokenize(text, 'delimited'));
	stream.expect('[', "'['");
	const syntax: ConditionSyntax = {selector: nameSelector, postfixChecks: false, regexCount: {n: 0}};
	const fields: DelimitedField[] = [];
	const conditions: Condition[] = [];
	const declared = new Map<string, number>();
	if (stream.peek().kind === ']') throw new FilterPatternError('name at least one field between [ and ]', stream.peek().start);
	for (;;) {
		const first = stream.peek();
		if (first.kind === 'word' && first.value === '...') {
			stream.next();
			if (stream.peek().kind !== ',' && stream.peek().kind !== ']' && stream.peek().kind !== 'end') nameSelector(first);
			fields.push({kind: 'ellipsis'});
		} else if (first.kind === 'word' && stream.peek(1).kind === 'end') {
			throw new FilterPatternError("unterminated field list: add ',' and more fields, or the closing ']'", stream.peek(1).start);
		} else if (first.kind === 'word' && (stream.peek(1).kind === ',' || stream.peek(1).kind === ']')) {
			stream.next();
			fields.push({kind: 'field', name: nameSelector(first).text, start: first.start});
		} else {
			// `status = 4* || status = 5*`: the field is named by the first selector in its condition.
			const condition = parseCondition(stream, syntax);
			const name = selectorsOf(condition)[0]!;
			fields.push({kind: 'field', name: name.text, start: name.start});
			conditions.push(condition);
		}
		const last = fields[fields.length - 1]!;
		if (last.kind === 'field') {
			if (declared.has(last.name)) throw new FilterPatternError(`field '${last.name}' is named twice`, last.start);
			declared.set(last.name, last.start);
		}
		const sep = stream.next();
		if (sep.kind === ']') break;
		if (sep.kind !== ',') throw new FilterPatternError(`expected ',' or ']' after a field, found ${describeToken(sep)}`, sep.start);
	}
	const extra = stream.peek();
	if (extra.kind !== 'end') throw new FilterPatternError(`nothing may follow the closing ']', found ${describeToken(extra)}`, extra.start);
	for (const selector of conditions.flatMap(selectorsOf)) {
		if (!declared.has(selector.text)) {
			throw new FilterPatternError(`'${selector.text}' is not one of the fields named in [...]`, selector.start);
		}
	}
	return {kind: 'delimited', fields, conditions};
}

/** Splits a log line into words: spaces separate, "..." and [...] hold a word with spaces. */
export function splitDelimited(message: string): string[] {
	const words: string[] = [];
	let i = 0;
	while (i < message.length) {
		const char = message[i]!;
		if (char === ' ' || char === '\t') {
			i++;
			continue;
		}
		const close = char === '"' ? '"' : char === '[' ? ']' : undefined;
		if (close) {
			const end = message.indexOf(close, i + 1);
			if (end >= 0) {
				words.push(message.slice(i + 1, end));
				i = end + 1;
				continue;
			}
		}
		let end = i;
		while (end < message.length && message[end] !== ' ' && message[end] !== '\t') end++;
		words.push(message.slice(i, end));
		i = end;
	}
	return words;
}

// Several `...` fields make alignment a search; this bounds it on a hostile line.
const maxSteps = 10_000;

export function matchDelimited(ast: Extract<FilterAst, {kind: 'delimited'}>, message: string): boolean {
	const words = splitDelimited(message);
	const bound = new Map<string, string>();
	const check = () => ast.conditions.every((c) => evaluate(c, (selector) => bound.get(selector.text)));
	let steps = 0;
	const align = (f: number, w: number): boolean => {
		if (++steps > maxSteps) return false;
		const field = ast.fields[f];
		if (!field) return w === words.length && check();
		if (field.kind === 'ellipsis') {
			for (let k = w; k <= words.length; k++) if (align(f + 1, k)) return true;
			return false;
		}
		if (w >= words.length) return false;
		bound.set(field.name, words[w]!);
		return align(f + 1, w + 1);
	};
	return align(0, 0);
}
