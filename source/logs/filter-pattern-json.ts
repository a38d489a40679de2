// JSON filter patterns: `{ $.level = "ERROR" || ($.latency > 100 && $.path = "/api/*") }`.

import {parseJsonTail} from '../format/json.js';
import {FilterPatternError, type Condition, type FilterAst, type Selector} from './filter-pattern-ast.js';
import {evaluate, parseCondition, type ConditionSyntax} from './filter-pattern-conditions.js';
import {describeToken, tokenize, TokenStream, type Token} from './filter-pattern-lexer.js';

const step = /\.([A-Za-z0-9_@-]+)|\[(\d+)\]/y;

/** `$.a.b[0]` -> ['a', 'b', 0]; the position of an error points inside the selector. */
export function parseJsonSelector(token: Token): Selector {
	const text = token.value;
	if (!text.startsWith('$')) {
		throw new FilterPatternError(`a JSON pattern compares properties written $.name, found '${text}'`, token.start);
	}
	const path: Array<string | number> = [];
	let i = 1;
	while (i < text.length) {
		step.lastIndex = i;
		const m = step.exec(text);
		if (!m) throw new FilterPatternError(`invalid property selector '${text}': expected .name or [index]`, token.start + i);
		path.push(m[1] !== undefined ? m[1] : Number(m[2]));
		i = step.lastIndex;
	}
	if (path.length === 0) throw new FilterPatternError("a selector names a property: write $.name, not $ alone", token.start);
	return {text, path, start: token.start};
}

export function parseJsonPattern(text: string): FilterAst {
	const stream = new TokenStream(tokenize(text, 'json'));
	stream.expect('{', "'{'");
	const syntax: ConditionSyntax = {selector: parseJsonSelector, postfixChecks: true, regexCount: {n: 0}};
	const condition: Condition = parseCondition(stream, syntax);
	stream.expect('}', "'}', '&&' or '||'");
	const extra = stream.peek();
	if (extra.kind !== 'end') {
		throw new FilterPatternError(`nothing may follow the closing '}', found ${describeToken(extra)}`, extra.start);
	}
	return {kind: 'json', condition};
}

function walk(root: unknown, path: Array<string | number>): unknown {
	let value = root;
	for (const key of path) {
		if (typeof key === 'number') {
			if (!Array.isArray(value) || key >= value.length) return undefined;
			value = value[key];
		} else {
			// Own properties only: "$.constructor" must not find Object's prototype.
			if (typeof value !== 'object' || value === null || Array.isArray(value) || !Object.hasOwn(value, key)) return undefined;
			value = (value as Record<string, unknown>)[key];
		}
	}
	return value;
}

/** Events that are not JSON (or do not end with a JSON object) never match a JSON pattern. */
export function matchJson(condition: Condition, message: string): boolean {
	const tail = parseJsonTail(message);
	if (!tail) return false;
	return evaluate(condition, (selector) => walk(tail.value, selector.path));
}
