import {describe, expect, it} from 'vitest';
import {severityColor, severityOf} from '../../source/format/severity.js';

describe('severityOf', () => {
	it.each([
		['2024-05-01T10:00:00Z ERROR scanner: db timeout', 'ERROR'],
		['[WARN] retrying', 'WARN'],
		['WARNING: disk 91%', 'WARN'],
		['FATAL out of memory', 'FATAL'],
		['CRITICAL: boom', 'FATAL'],
		['INFO started', 'INFO'],
		['DEBUG cache hit', 'DEBUG'],
		['TRACE enter', 'DEBUG'],
		['INFO retry after ERROR', 'INFO'], // the first level word is the line's level
		['time=1 level=error msg="x"', 'ERROR'],
		['time=1 level=WARN msg="x"', 'WARN'],
		[JSON.stringify({level: 'error', msg: 'x'}), 'ERROR'],
		[JSON.stringify({severity: 'WARNING'}), 'WARN'],
		[JSON.stringify({levelname: 'CRITICAL'}), 'FATAL'],
		[JSON.stringify({level: 50, msg: 'pino'}), 'ERROR'],
		[JSON.stringify({level: 30}), 'INFO'],
		[`2024 req-1 ${JSON.stringify({level: 'debug'})}`, 'DEBUG'],
		[JSON.stringify({msg: 'ERROR in text but level says info', level: 'info'}), 'INFO'],
		// The word is read where the pattern matched: the shorter and longer spellings, at the very
		// end, after a near miss, and after the first 400 characters' cut.
		['ERR: socket closed', 'ERROR'],
		['CRIT disk', 'FATAL'],
		['NOTICE', 'INFO'],
		['WARNINGS=3 then WARN', 'WARN'],
		['xERROR ERRORS EMERG', 'FATAL'],
		[`${'x'.repeat(394)} DEBUG`, 'DEBUG'],
	])('%s -> %s', (message, severity) => {
		expect(severityOf(message)).toBe(severity);
	});

	it.each(['retrying after error', 'ERRORS=0', 'INFORMATIONAL', 'no level here', '', JSON.stringify({level: 'shrug'})])(
		'%s -> undefined',
		(message) => {
			expect(severityOf(message)).toBeUndefined();
		},
	);

	it('gives each severity a colour', () => {
		expect(severityColor('ERROR')).toBe('red');
		expect(severityColor('WARN')).toBe('yellow');
		expect(severityColor(undefined)).toBeUndefined();
	});
});
