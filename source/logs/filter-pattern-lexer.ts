// Tokens of the structured filter patterns: `{ $.a = "x" && $.n > 3 }` and `[ip, status = 5*, ...]`.

import {FilterPatternError} from './filter-pattern-ast.js';

export type TokenKind =
	| '{' | '}' | '[' | ']' | '(' | ')' | ','
	| '&&' | '||'
	| '=' | '!=' | '<' | '<=' | '>' | '>='
	| 'string' // "quoted", value holds the unescaped text
	| 'regex' // %...%, value holds the text between the % signs
	| 'word' // anything else: selectors, names, numbers, unquoted strings, keywords
	| 'end';

export type Token = {kind: TokenKind; value: string; start: number; end: number};

export type LexMode = 'json' | 'delimited';

// In JSON patterns `[` and `]` belong to selectors ($.items[0]); in space-delimited patterns they
// enclose the field list.
const wordStop = {
	json: /[\s(),"&|=!<>{}]/,
	delimited: /[\s(),"&|=!<>{}[\]]/,
};

/** Reads a "quoted" string at `start`; returns its text and the offset after the closing quote. */
export function readQuoted(text: string, start: number): {value: string; end: number} {
	let value = '';
	let i = start + 1;
	while (i < text.length) {
		const char = text[i]!;
		if (char === '"') return {value, end: i + 1};
		if (char === '\\' && i + 1 < text.length) {
			value += text[i + 1];
			i += 2;
			continue;
		}
		value += char;
		i++;
	}
	throw new FilterPatternError('unterminated quoted string: add the closing "', start);
}

export function tokenize(text: string, mode: LexMode): Token[] {
	const tokens: Token[] = [];
	let i = 0;
	const push = (kind: TokenKind, value: string, start: number, end: number) => {
		tokens.push({kind, value, start, end});
		i = end;
	};
	while (i < text.length) {
		const char = text[i]!;
		const next = text[i + 1];
		if (/\s/.test(char)) {
			i++;
			continue;
		}
		if ('{}(),'.includes(char) || (mode === 'delimited' && (char === '[' || char === ']'))) {
			push(char as TokenKind, char, i, i + 1);
		} else if (char === '&' || char === '|') {
			if (next !== char) {
				throw new FilterPatternError(`'${char}' alone is not an operator: write ${char}${char}`, i);
			}
			push(`${char}${char}` as TokenKind, char + char, i, i + 2);
		} else if (char === '=') {
			if (next === '=') throw new FilterPatternError("'==' is not an operator: write =", i);
			push('=', '=', i, i + 1);
		} else if (char === '!') {
			if (next !== '=') throw new FilterPatternError("'!' alone is not an operator: write != (or NOT EXISTS)", i);
			push('!=', '!=', i, i + 2);
		} else if (char === '<' || char === '>') {
			if (next === '=') push(`${char}=` as TokenKind, `${char}=`, i, i + 2);
			else push(char as TokenKind, char, i, i + 1);
		} else if (char === '"') {
			const quoted = readQuoted(text, i);
			push('string', quoted.value, i, quoted.end);
		} else if (char === '%') {
			const close = text.indexOf('%', i + 1);
			if (close < 0) throw new FilterPatternError('unterminated regex: add the closing %', i);
			push('regex', text.slice(i + 1, close), i, close + 1);
		} else {
			let end = i;
			while (end < text.length && !wordStop[mode].test(text[end]!)) end++;
			push('word', text.slice(i, end), i, end);
		}
	}
	tokens.push({kind: 'end', value: '', start: text.length, end: text.length});
	return tokens;
}

/** A cursor over the tokens with the helpers every recursive-descent parser wants. */
export class TokenStream {
	private index = 0;

	constructor(private readonly tokens: Token[]) {}

	peek(offset = 0): Token {
		return this.tokens[Math.min(this.index + offset, this.tokens.length - 1)]!;
	}

	next(): Token {
		const token = this.peek();
		if (this.index < this.tokens.length - 1) this.index++;
		return token;
	}

	accept(kind: TokenKind): Token | undefined {
		return this.peek().kind === kind ? this.next() : undefined;
	}

	expect(kind: TokenKind, what: string): Token {
		const token = this.peek();
		if (token.kind !== kind) throw new FilterPatternError(`expected ${what}, found ${describeToken(token)}`, token.start);
		return this.next();
	}
}

export function describeToken(token: Token): string {
	if (token.kind === 'end') return 'the end of the pattern';
	if (token.kind === 'string') return `"${token.value}"`;
	if (token.kind === 'regex') return `%${token.value}%`;
	return `'${token.value}'`;
}
