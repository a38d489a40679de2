// CloudWatch's regex subset (the `%...%` parts of a pattern). CloudWatch rejects what it does not
// support, so we do too, with the reason, before the request is sent.

import {FilterPatternError} from './filter-pattern-ast.js';

/** CloudWatch allows at most two regexes in one FilterLogEvents / Live Tail pattern. */
export const maxRegexesPerPattern = 2;

// Letters, digits, the symbols : _ # = @ / ; , - and the operators ^ $ ? [ ] { } | \ * + .
// A space is accepted too: AWS's list does not mention it, but rejecting it would block
// phrases like %connection reset% that an on-call engineer will type.
const allowed = /^[A-Za-z0-9:_#=@/;,\-^$?[\]{}|\\*+. ]$/;

/**
 * Compiles the regex between two `%` signs. `source` is the text between them; `start` is the
 * offset of its first character in the whole pattern.
 */
export function compileCloudWatchRegex(source: string, start: number): RegExp {
	if (source === '') throw new FilterPatternError('empty regex: write something between the % signs', start);
	for (let i = 0; i < source.length; i++) {
		const char = source[i]!;
		if (allowed.test(char)) {
			if (char === '\\') i++; // an escaped character (\d, \., \[) is whatever follows
			continue;
		}
		if (char === '(' || char === ')') {
			throw new FilterPatternError('CloudWatch regexes cannot use parentheses; use | at the top level or [] classes', start + i);
		}
		if (char.charCodeAt(0) > 0x7e) {
			throw new FilterPatternError('CloudWatch regexes cannot hold multi-byte characters', start + i);
		}
		throw new FilterPatternError(`'${char}' is not allowed in a CloudWatch regex`, start + i);
	}
	try {
		return new RegExp(source);
	} catch (error) {
		const why = error instanceof Error ? error.message.replace(/^Invalid regular expression: /, '') : String(error);
		throw new FilterPatternError(`invalid regex: ${why}`, start);
	}
}
