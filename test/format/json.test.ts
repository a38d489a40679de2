import {describe, expect, it} from 'vitest';
import {parseJsonTail, prettyJson} from '../../source/format/json.js';

describe('prettyJson', () => {
	it('pretty-prints a JSON message', () => {
		expect(prettyJson('{"level":"ERROR","ctx":{"id":7}}')).toEqual([
			'{',
			'  "level": "ERROR",',
			'  "ctx": {',
			'    "id": 7',
			'  }',
			'}',
		]);
	});

	it('keeps the prefix of a message that ends with JSON on its own line', () => {
		expect(prettyJson('2024-05-01T10:00:00Z req-1 INFO {"a":1}')).toEqual(['2024-05-01T10:00:00Z req-1 INFO', '{', '  "a": 1', '}']);
	});

	it('finds the outermost object, not an inner one', () => {
		expect(parseJsonTail('x {"a":{"b":1}}')?.value).toEqual({a: {b: 1}});
	});

	it.each(['plain text', '{"unterminated": ', '[1,2,3]', '"just a string"', '{} trailing', 'a } b }'])('%s -> undefined', (message) => {
		expect(prettyJson(message)).toBeUndefined();
	});

	it('sanitizes what it returns', () => {
		const lines = prettyJson('{"msg":"\\u001b[2J \u202Eevil"}')!;
		expect(lines.join('\n')).not.toMatch(/[\u001b\u202E]/);
		expect(lines[1]).toContain('<U+202E>');
	});
});
