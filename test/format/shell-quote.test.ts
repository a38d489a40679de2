import {execFileSync} from 'node:child_process';
import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {cliLine, shellQuote} from '../../source/format/shell-quote.js';

describe('shellQuote', () => {
	it('leaves plain words alone and quotes the rest', () => {
		expect(shellQuote('acso-production-cluster')).toBe('acso-production-cluster');
		expect(shellQuote('Name=ClusterName,Value=x')).toBe('Name=ClusterName,Value=x');
		expect(shellQuote('')).toBe("''");
		expect(shellQuote('ERROR OR FATAL')).toBe("'ERROR OR FATAL'");
		expect(shellQuote("it's")).toBe("'it'\\''s'");
		expect(shellQuote('$(id)')).toBe("'$(id)'");
		expect(shellQuote('~root')).toBe("'~root'");
	});

	it('round-trips any argument through a real POSIX shell unchanged', () => {
		// One shell for all samples: printf prints each argument followed by a NUL separator.
		const samples = fc.sample(fc.string({unit: 'binary', maxLength: 40}).map(s => s.replaceAll('\0', '')), {numRuns: 300, seed: 7});
		samples.push("'", "''", '"', '\\', '$HOME', '`id`', '; rm -rf / $(id) | & > <', '#comment', ' lead', 'tab\there', 'new\nline', '*', '?', '[a]', '{a,b}', '!x');
		const script = `printf '%s\\0' ${samples.map(shellQuote).join(' ')}`;
		const output = execFileSync('/bin/sh', ['-c', script], {encoding: 'utf8'});
		expect(output.split('\0').slice(0, -1)).toEqual(samples);
	});

	it('joins an argv', () => {
		expect(cliLine(['aws', 'logs', 'put-metric-filter', '--filter-pattern', '?ERROR ?FATAL'])).toBe("aws logs put-metric-filter --filter-pattern '?ERROR ?FATAL'");
	});
});
