import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {
	compileFilterPattern,
	describeFilterError,
	FilterPatternError,
	highlightRanges,
	parseFilterPattern,
	patternNeedsLocalFilter,
	suggestFilterFix,
	type FilterAst,
} from '../../source/logs/filter-pattern.js';

function ast(pattern: string): FilterAst {
	const result = parseFilterPattern(pattern);
	if (!result.ok) throw new Error(`expected ${pattern} to parse: ${result.error.message}`);
	return result.ast;
}

function errorOf(pattern: string): {message: string; position: number} {
	const result = parseFilterPattern(pattern);
	if (result.ok) throw new Error(`expected ${pattern} to be rejected`);
	return result.error;
}

const json = (value: unknown) => JSON.stringify(value);

// [pattern, message, expected]
const table: Array<[string, string, boolean]> = [
	// empty: everything
	['', 'anything', true],
	['   ', '', true],
	// plain terms: ANDed, case-sensitive substrings
	['ERROR', '2024 ERROR db down', true],
	['ERROR', '2024 error db down', false],
	['ERROR db', 'ERROR: db down', true],
	['ERROR db', 'ERROR: cache down', false],
	['ERROR OR FATAL', 'FATAL crash', false], // the trap: three ANDed terms
	['ERROR OR FATAL', 'ERROR OR FATAL', true],
	// ?alternatives
	['?ERROR ?FATAL', 'FATAL crash', true],
	['?ERROR ?FATAL', 'ERROR x', true],
	['?ERROR ?FATAL', 'WARN x', false],
	['?ERROR db ?FATAL', 'ERROR cache', false], // (ERROR and db) or FATAL
	['?ERROR db ?FATAL', 'ERROR db', true],
	['?ERROR db ?FATAL', 'FATAL', true],
	['agent ?ERROR ?FATAL', 'FATAL in agent', true],
	['agent ?ERROR ?FATAL', 'FATAL elsewhere', false],
	// -exclusions
	['ERROR -healthcheck', 'ERROR in request', true],
	['ERROR -healthcheck', 'ERROR in healthcheck', false],
	['-DEBUG', 'INFO x', true],
	['-DEBUG', 'DEBUG x', false],
	['?ERROR -retry ?FATAL', 'ERROR retry', false],
	['?ERROR -retry ?FATAL', 'FATAL retry', true],
	// quoted phrases and escapes
	['"connection reset"', 'read: connection reset by peer', true],
	['"connection reset"', 'connection was reset', false],
	['"say \\"hi\\""', 'they say "hi"', true],
	['"a-b" ?"c:d"', 'a-b c:d', true],
	// regex
	['%ERROR|FATAL%', 'a FATAL b', true],
	['%ERROR|FATAL%', 'a WARN b', false],
	['%^\\d{3} [a-z]+$%', '404 notfound', true],
	['%^\\d{3} [a-z]+$%', 'x404 notfound', false],
	['%AUTHORIZED%', 'UNAUTHORIZED REQUEST', true],
	// JSON
	['{ $.level = "ERROR" }', json({level: 'ERROR'}), true],
	['{ $.level = "ERROR" }', json({level: 'INFO'}), false],
	['{ $.level = "ERROR" }', 'level = ERROR (not json)', false],
	['{ $.level = ERROR }', json({level: 'ERROR'}), true],
	['{ $.level = "ERROR" || $.latency > 100 }', json({level: 'INFO', latency: 150}), true],
	['{ $.level = "ERROR" || $.latency > 100 }', json({level: 'INFO', latency: 100}), false],
	['{ $.latency >= 100 }', json({latency: 100}), true],
	['{ $.latency < 1.5e2 }', json({latency: 149}), true],
	['{ $.latency <= -1 }', json({latency: -1}), true],
	['{ $.latency > 100 }', json({latency: 'slow'}), false],
	['{ $.latency = 100 }', json({latency: 100}), true],
	['{ $.latency != 100 }', json({latency: 101}), true],
	['{ $.level != "INFO" }', json({level: 'WARN'}), true],
	['{ $.level != "INFO" }', json({msg: 'no level'}), false],
	['{ $.a.b[1].c = "x" }', json({a: {b: [{}, {c: 'x'}]}}), true],
	['{ $.a.b[2].c = "x" }', json({a: {b: [{}, {c: 'x'}]}}), false],
	['{ $.path = "/api/*" }', json({path: '/api/v1/scan'}), true],
	['{ $.path = "/api/*" }', json({path: '/health'}), false],
	['{ $.ip = 10.0.* }', json({ip: '10.0.3.7'}), true],
	['{ $.msg = * }', json({msg: 'anything'}), true],
	['{ $.msg = * }', json({other: 1}), false],
	['{ $.level = "ERROR" && ($.service = "scanner" || $.service = "hunter") }', json({level: 'ERROR', service: 'hunter'}), true],
	['{ $.level = "ERROR" && ($.service = "scanner" || $.service = "hunter") }', json({level: 'WARN', service: 'hunter'}), false],
	['{ $.level = "INFO" || $.level = "ERROR" && $.fatal IS TRUE }', json({level: 'INFO'}), true], // && binds tighter
	['{ ($.level = "INFO" || $.level = "ERROR") && $.fatal IS TRUE }', json({level: 'INFO'}), false],
	['{ $.err IS NULL }', json({err: null}), true],
	['{ $.err IS NULL }', json({}), false],
	['{ $.err NOT EXISTS }', json({}), true],
	['{ $.err NOT EXISTS }', json({err: null}), false],
	['{ $.ok IS TRUE }', json({ok: true}), true],
	['{ $.ok IS FALSE }', json({ok: true}), false],
	['{ $.constructor = * }', json({}), false], // no prototype lookups
	['{ $.msg = %time[a-z]+%  }', json({msg: 'timeout waiting'}), true],
	['{ $.level = "ERROR" }', `2024-05-01T10:00:00Z abc INFO ${json({level: 'ERROR'})}`, true], // prefixed JSON
	// space-delimited
	['[ip, user, level = ERROR || level = FATAL, ...]', '10.0.0.1 alice ERROR disk full', true],
	['[ip, user, level = ERROR || level = FATAL, ...]', '10.0.0.1 alice FATAL', true],
	['[ip, user, level = ERROR || level = FATAL, ...]', '10.0.0.1 alice INFO ok', false],
	['[ip, user, level = ERROR || level = FATAL, ...]', '10.0.0.1 ERROR', false],
	['[ip, user, level]', '10.0.0.1 alice INFO extra', false], // no ... : the count must match
	['[ip, id, user, ts, request = "*html*", status = 4*, bytes]', '127.0.0.1 - frank [10/Oct/2000:13:25:15 -0700] "GET /index.html HTTP/1.0" 404 1534', true],
	['[ip, id, user, ts, request = "*html*", status = 4*, bytes]', '127.0.0.1 - frank [10/Oct/2000:13:25:15 -0700] "GET /index.html HTTP/1.0" 200 1534', false],
	['[..., status >= 500, bytes]', 'a b c 503 12', true],
	['[..., status >= 500, bytes]', 'a b c 302 12', false],
	['[a, ..., b = x, ...]', '1 2 3 x 4', true],
	['[a, ..., b = x, ...]', '1 2 3 y 4', false],
	['[a, b = x && a = 1]', '1 x', true],
	['[a, b = x && a = 1]', '2 x', false],
	['[msg = %fail[a-z]*%]', 'failure', true],
];

describe('filter patterns: matching', () => {
	it.each(table)('%s on %s -> %s', (pattern, message, expected) => {
		expect(compileFilterPattern(pattern)(message)).toBe(expected);
	});
});

describe('filter patterns: errors at the right position', () => {
	// [pattern, position, message fragment]
	const errors: Array<[string, number, RegExp]> = [
		['"unterminated', 0, /unterminated quoted/],
		['ERROR "abc', 6, /unterminated quoted/],
		['ERROR ?', 6, /must be followed by a term/],
		['ERROR ? FATAL', 6, /must be followed by a term/],
		['ERROR -', 6, /must be followed by a term/],
		['a"b', 1, /quote inside a term/],
		['"a"b', 3, /space after the closing quote/],
		['""', 0, /empty quoted term/],
		['%abc', 0, /unterminated regex/],
		['%%', 1, /empty regex/],
		['%(a|b)%', 1, /parentheses/],
		['%a!b%', 2, /'!' is not allowed/],
		['%café%', 4, /multi-byte/],
		['%a[%', 1, /invalid regex/],
		['%a% b', 4, /stands alone/],
		['{ $.level = "ERROR" ', 20, /expected '}'/],
		['{ $.level == "ERROR" }', 10, /'==' is not an operator/],
		['{ $.level = "ERROR" | $.x = 1 }', 20, /write \|\|/],
		['{ $.level = "ERROR" & $.x = 1 }', 20, /write &&/],
		['{ level = "ERROR" }', 2, /\$\.name/],
		['{ $.a..b = 1 }', 5, /invalid property selector/],
		['{ $ = 1 }', 2, /not \$ alone/],
		['{ $.n > "ten" }', 8, /expected a number after >/],
		['{ $.n > %a% }', 8, /only be compared with = or !=/],
		['{ $.n }', 6, /expected =, !=, <, <=, >, >=, IS or NOT EXISTS/],
		['{ $.n IS MAYBE }', 9, /expected NULL, TRUE or FALSE/],
		['{ $.n NOT THERE }', 10, /expected EXISTS/],
		['{ ($.a = 1 }', 11, /'\)' to close/],
		['{ }', 2, /expected a condition/],
		['{ $.a = 1 } x', 12, /nothing may follow/],
		['{ $.a = %a% || $.b = %b% || $.c = %c% }', 34, /at most 2 regexes/],
		['[]', 1, /at least one field/],
		['[a, b', 5, /unterminated field list/],
		['[a b]', 3, /expected =, !=/],
		['[a, a]', 4, /named twice/],
		['[a, b = 1 && c = 2]', 13, /'c' is not one of the fields/],
		['[a.b]', 1, /invalid field name/],
		['[a] x', 4, /nothing may follow/],
		['[a, ... = 1]', 4, /cannot be compared/],
		['x'.repeat(1025), 1024, /at most 1024 characters/],
	];
	it.each(errors)('%s -> position %i', (pattern, position, message) => {
		const error = errorOf(pattern);
		expect(error.message).toMatch(message);
		expect(error.position).toBe(position);
	});

	it('compileFilterPattern throws a FilterPatternError with the position', () => {
		try {
			compileFilterPattern('{ $.a = 1 ');
			expect.unreachable('should have thrown');
		} catch (error) {
			expect(error).toBeInstanceOf(FilterPatternError);
			expect((error as FilterPatternError).position).toBe(10);
		}
	});

	it('rejects deep nesting instead of overflowing the stack', () => {
		const error = errorOf(`{ ${'('.repeat(40)}$.a = 1${')'.repeat(40)} }`);
		expect(error.message).toMatch(/nest deeper/);
	});
});

describe('describeFilterError', () => {
	it('puts a caret under the wrong character', () => {
		const pattern = '{ $.level == "ERROR" }';
		expect(describeFilterError(pattern, errorOf(pattern))).toEqual([
			pattern,
			'          ^',
			"'==' is not an operator: write =",
		]);
	});

	it('counts display columns, so wide characters keep the caret aligned', () => {
		const pattern = '错误 ?';
		const [, caret] = describeFilterError(pattern, errorOf(pattern));
		expect(caret).toBe('     ^'); // 错误 is four columns, then a space
	});

	it('sanitizes the pattern it echoes', () => {
		const [line] = describeFilterError('\x1b[2J "x', {message: 'm', position: 6});
		expect(line).not.toMatch(/\x1b/);
	});
});

describe('suggestFilterFix', () => {
	it.each([
		['ERROR OR FATAL', '?ERROR ?FATAL'],
		['a OR b OR c', '?a ?b ?c'],
		['ERROR || FATAL', '?ERROR ?FATAL'],
		['"db error" OR timeout', '?"db error" ?timeout'],
		['ERROR db OR FATAL', '?ERROR db ?FATAL'],
		['ERROR AND timeout', 'ERROR timeout'],
	])('%s -> %s', (pattern, fix) => {
		expect(suggestFilterFix(pattern)).toBe(fix);
		// The fix must itself be valid and mean the OR the user wanted.
		expect(parseFilterPattern(fix).ok).toBe(true);
	});

	it('the suggestion matches what the user meant', () => {
		const fixed = compileFilterPattern(suggestFilterFix('ERROR OR FATAL')!);
		expect(fixed('FATAL: out of memory')).toBe(true);
		expect(fixed('ERROR: timeout')).toBe(true);
		expect(fixed('INFO: ok')).toBe(false);
	});

	it.each(['ERROR or FATAL', 'ERROR FATAL', '?ERROR ?FATAL', 'OR ERROR', 'a OR OR b', '{ $.a = 1 }', '"OR"', '-a OR b'])(
		'no suggestion for %s',
		(pattern) => {
			expect(suggestFilterFix(pattern)).toBeUndefined();
		},
	);
});

describe('patternNeedsLocalFilter', () => {
	it.each([
		['?ERROR ?FATAL', true],
		['  { $.a = 1 }', true],
		['[a, b]', true],
		['%x%', true],
		['-DEBUG', true],
		['ERROR', false],
		['"ERROR x"', false],
		['', false],
	])('%s -> %s', (pattern, expected) => {
		expect(patternNeedsLocalFilter(pattern)).toBe(expected);
	});
});

describe('highlightRanges', () => {
	it('marks every occurrence of the included terms, merged and sorted', () => {
		expect(highlightRanges(ast('?ERROR ?timeout -x'), 'ERROR: timeout after ERROR')).toEqual([
			[0, 5],
			[7, 14],
			[21, 26],
		]);
	});

	it('merges overlapping terms', () => {
		expect(highlightRanges(ast('abc bcd'), 'xabcdx')).toEqual([[1, 5]]);
	});

	it('marks regex matches, without looping on empty matches', () => {
		expect(highlightRanges(ast('%ERR[A-Z]*|x*%'), 'ERROR ERRNO')).toEqual([
			[0, 5],
			[6, 11],
		]);
	});

	it('marks the values a JSON pattern tests for equality', () => {
		const message = json({level: 'ERROR', service: 'scanner'});
		const ranges = highlightRanges(ast('{ $.level = "ERROR" && $.latency > 5 }'), message);
		expect(ranges.map(([s, e]) => message.slice(s, e))).toEqual(['ERROR']);
	});

	it('is empty for the match-all pattern', () => {
		expect(highlightRanges(ast(''), 'abc')).toEqual([]);
	});
});

describe('filter patterns: properties', () => {
	it('never crashes on any input: it parses or reports an error inside the text', () => {
		const pieces = fc.constantFrom('{', '}', '[', ']', '(', ')', '"', '%', '?', '-', '$.a', ' ', '=', '!=', '&&', '||', ',', '...', 'IS', 'NULL', 'NOT', 'EXISTS', 'x', '1', '*', '\\', '<', '>=');
		const arbitrary = fc.oneof(fc.string({maxLength: 60}), fc.array(pieces, {maxLength: 30}).map((p) => p.join('')));
		fc.assert(
			fc.property(arbitrary, (text) => {
				const result = parseFilterPattern(text);
				if (result.ok) {
					const match = compileFilterPattern(text);
					expect(typeof match('{"a": 1} x y')).toBe('boolean');
				} else {
					expect(result.error.position).toBeGreaterThanOrEqual(0);
					expect(result.error.position).toBeLessThanOrEqual(text.length);
					expect(result.error.message.length).toBeGreaterThan(0);
				}
			}),
			{numRuns: 2000},
		);
	});

	it('a plain term matches exactly the messages that contain it', () => {
		fc.assert(
			fc.property(fc.stringMatching(/^[A-Za-z0-9_.:]{1,8}$/), fc.string(), fc.string(), (term, before, after) => {
				expect(compileFilterPattern(term)(before + term + after)).toBe(true);
				expect(compileFilterPattern(`-${term}`)(before + term + after)).toBe(false);
			}),
		);
	});
});
