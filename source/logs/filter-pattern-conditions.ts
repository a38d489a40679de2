// Conditions shared by JSON and space-delimited patterns: comparisons joined with && and ||,
// grouped with parentheses. && binds tighter than ||, as in every C-like language.

import {
	FilterPatternError,
	type CompareOp,
	type Condition,
	type Literal,
	type Selector,
} from './filter-pattern-ast.js';
import {describeToken, type Token, type TokenStream} from './filter-pattern-lexer.js';
import {compileCloudWatchRegex, maxRegexesPerPattern} from './filter-pattern-regex.js';

export type ConditionSyntax = {
	/** Turns a word into a selector, or throws a FilterPatternError naming what is wrong. */
	selector(token: Token): Selector;
	/** Whether IS NULL / NOT EXISTS / IS TRUE / IS FALSE are allowed (JSON only). */
	postfixChecks: boolean;
	/** Counts regexes across the whole pattern: CloudWatch allows two. */
	regexCount: {n: number};
};

const compareOps = new Set<string>(['=', '!=', '<', '<=', '>', '>=']);
const numberText = /^-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
// Nesting deeper than this is a typo or an attack, not a filter (and would exhaust the stack).
const maxDepth = 32;

export function globToRegExp(text: string): RegExp {
	const body = text
		.split('*')
		.map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
		.join('.*');
	return new RegExp(`^${body}$`, 's');
}

function parseLiteral(stream: TokenStream, syntax: ConditionSyntax, op: CompareOp): Literal {
	const token = stream.next();
	const numeric = op !== '=' && op !== '!=';
	if (token.kind === 'regex') {
		if (numeric) throw new FilterPatternError(`a regex can only be compared with = or !=, not ${op}`, token.start);
		syntax.regexCount.n++;
		if (syntax.regexCount.n > maxRegexesPerPattern) {
			throw new FilterPatternError(`at most ${maxRegexesPerPattern} regexes are allowed in one pattern`, token.start);
		}
		return {kind: 'regex', source: token.value, regex: compileCloudWatchRegex(token.value, token.start + 1), start: token.start};
	}
	if (token.kind === 'word' && numberText.test(token.value)) {
		return {kind: 'number', value: Number(token.value), text: token.value, start: token.start};
	}
	if (numeric) throw new FilterPatternError(`expected a number after ${op}, found ${describeToken(token)}`, token.start);
	if (token.kind === 'string' || token.kind === 'word') {
		const literal: Literal = {kind: 'string', text: token.value, start: token.start};
		if (token.value.includes('*')) literal.glob = globToRegExp(token.value);
		return literal;
	}
	throw new FilterPatternError(`expected a value after ${op}, found ${describeToken(token)}`, token.start);
}

function parseComparison(stream: TokenStream, syntax: ConditionSyntax): Condition {
	const token = stream.peek();
	if (token.kind !== 'word') throw new FilterPatternError(`expected a condition, found ${describeToken(token)}`, token.start);
	stream.next();
	const selector = syntax.selector(token);
	const after = stream.peek();
	if (after.kind === 'word' && syntax.postfixChecks && (after.value === 'IS' || after.value === 'NOT')) {
		stream.next();
		const what = stream.next();
		if (after.value === 'NOT') {
			if (what.kind === 'word' && what.value === 'EXISTS') return {kind: 'check', selector, check: 'not-exists'};
			throw new FilterPatternError(`expected EXISTS after NOT, found ${describeToken(what)}`, what.start);
		}
		const check = what.kind === 'word' ? ({NULL: 'null', TRUE: 'true', FALSE: 'false'} as const)[what.value as 'NULL'] : undefined;
		if (check) return {kind: 'check', selector, check};
		throw new FilterPatternError(`expected NULL, TRUE or FALSE after IS, found ${describeToken(what)}`, what.start);
	}
	if (!compareOps.has(after.kind)) {
		const hint = syntax.postfixChecks ? '=, !=, <, <=, >, >=, IS or NOT EXISTS' : '=, !=, <, <=, > or >=';
		throw new FilterPatternError(`expected ${hint} after ${selector.text}, found ${describeToken(after)}`, after.start);
	}
	stream.next();
	const op = after.kind as CompareOp;
	return {kind: 'compare', selector, op, value: parseLiteral(stream, syntax, op)};
}

function parseUnary(stream: TokenStream, syntax: ConditionSyntax, depth: number): Condition {
	const open = stream.accept('(');
	if (!open) return parseComparison(stream, syntax);
	if (depth >= maxDepth) throw new FilterPatternError(`parentheses nest deeper than ${maxDepth}`, open.start);
	const inner = parseCondition(stream, syntax, depth + 1);
	stream.expect(')', `')' to close the '(' at ${open.start + 1}`);
	return inner;
}

function parseAnd(stream: TokenStream, syntax: ConditionSyntax, depth: number): Condition {
	const items = [parseUnary(stream, syntax, depth)];
	while (stream.accept('&&')) items.push(parseUnary(stream, syntax, depth));
	return items.length === 1 ? items[0]! : {kind: 'and', items};
}

/** condition := and ('||' and)* ; and := unary ('&&' unary)* ; unary := '(' condition ')' | comparison */
export function parseCondition(stream: TokenStream, syntax: ConditionSyntax, depth = 0): Condition {
	const items = [parseAnd(stream, syntax, depth)];
	while (stream.accept('||')) items.push(parseAnd(stream, syntax, depth));
	return items.length === 1 ? items[0]! : {kind: 'or', items};
}

/** Every selector a condition reads, for validation (space-delimited names must be declared). */
export function selectorsOf(condition: Condition): Selector[] {
	return 'items' in condition ? condition.items.flatMap(selectorsOf) : [condition.selector];
}

// ---- evaluation ----

/** Reads a selector's value; `undefined` means "not there" (distinct from JSON null). */
export type Resolve = (selector: Selector) => unknown;

function asNumber(value: unknown): number | undefined {
	if (typeof value === 'number') return value;
	if (typeof value === 'string' && numberText.test(value.trim())) return Number(value);
	return undefined;
}

function compare(actual: unknown, op: CompareOp, literal: Literal): boolean {
	// A missing property matches no comparison, != included: "{ $.level != "INFO" }" asks about
	// events that have a level.
	if (actual === undefined) return false;
	let equal: boolean;
	if (literal.kind === 'number') {
		const n = asNumber(actual);
		if (op !== '=' && op !== '!=') {
			if (n === undefined) return false;
			return op === '<' ? n < literal.value : op === '<=' ? n <= literal.value : op === '>' ? n > literal.value : n >= literal.value;
		}
		equal = n !== undefined ? n === literal.value : actual === literal.text;
	} else {
		if (actual === null || typeof actual === 'object') {
			// Objects and arrays only satisfy a bare `*` ("exists").
			equal = literal.kind === 'string' && literal.text === '*' && actual !== null;
		} else {
			const text = String(actual);
			equal = literal.kind === 'regex' ? literal.regex.test(text) : literal.glob ? literal.glob.test(text) : text === literal.text;
		}
	}
	return op === '=' ? equal : !equal;
}

export function evaluate(condition: Condition, resolve: Resolve): boolean {
	switch (condition.kind) {
		case 'and':
			return condition.items.every((item) => evaluate(item, resolve));
		case 'or':
			return condition.items.some((item) => evaluate(item, resolve));
		case 'check': {
			const value = resolve(condition.selector);
			if (condition.check === 'not-exists') return value === undefined;
			if (condition.check === 'null') return value === null;
			return value === (condition.check === 'true');
		}
		case 'compare':
			return compare(resolve(condition.selector), condition.op, condition.value);
	}
}
