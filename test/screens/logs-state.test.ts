import {describe, expect, it} from 'vitest';
import {initialLogsState, logsReducer, selectedIndex} from '../../source/screens/logs/logs-state.js';
import {highlightSegments, lateMarker, logLineRows} from '../../source/format/log-rows.js';
import {lineWidth} from '../../source/format/segments.js';

describe('logsReducer', () => {
	it('follows the newest line until the engineer scrolls up', () => {
		let s = initialLogsState();
		expect(selectedIndex(s, 50)).toBe(49);
		s = logsReducer(s, {type: 'move', delta: -3, size: 50});
		expect(s.follow).toBe(false);
		expect(selectedIndex(s, 60)).toBe(46);
		s = logsReducer(s, {type: 'move', delta: 100, size: 60});
		expect(s.follow).toBe(true);
	});

	it('g goes to the oldest line and G back to following', () => {
		let s = logsReducer(initialLogsState(), {type: 'top'});
		expect(selectedIndex(s, 10)).toBe(0);
		s = logsReducer(s, {type: 'bottom', size: 10});
		expect(s.follow).toBe(true);
	});

	it('pausing keeps the same line selected as old lines fall off', () => {
		let s = logsReducer(initialLogsState(), {type: 'toggle-follow', size: 100});
		expect(s).toMatchObject({follow: false, cursor: 99});
		s = logsReducer(s, {type: 'shifted', by: 10});
		expect(s.cursor).toBe(89);
	});

	it('editing keeps the old pattern until one is applied', () => {
		let s = logsReducer(initialLogsState('?ERROR ?FATAL'), {type: 'edit'});
		s = logsReducer(s, {type: 'draft', text: 'timeout'});
		expect(logsReducer(s, {type: 'cancel-edit'}).pattern).toBe('?ERROR ?FATAL');
		s = logsReducer(s, {type: 'apply-pattern', pattern: 'timeout'});
		expect(s).toMatchObject({pattern: 'timeout', editing: false, follow: true});
	});

	it('cycles the history window', () => {
		let s = initialLogsState();
		const seen = new Set<number>();
		for (let i = 0; i < 4; i++) {
			s = logsReducer(s, {type: 'cycle-window'});
			seen.add(s.windowIndex);
		}
		expect(seen.size).toBe(4);
	});
});

describe('log rows', () => {
	const line = {event: {eventId: '1', timestamp: Date.parse('2026-11-28T12:00:01Z'), logGroup: '/g', logStream: 's', message: 'ERROR workflow timed out \u001B]0;pwned\u0007 again'}, severity: 'ERROR' as const};

	it('shows time, severity and the sanitised message in exactly the width', () => {
		const [row] = logLineRows(line, 60, {wrap: false});
		const text = row!.map(s => s.text).join('');
		expect(text.startsWith('12:00:01 ERROR workflow')).toBe(true); // the level once: the message's own ERROR is the column's
		expect(text).not.toMatch(/[\u0000-\u001F\u007F]/);
		expect(lineWidth(row!)).toBe(60);
	});

	it('marks a line that arrived late after its time, in the same width', () => {
		const [row] = logLineRows({...line, late: true}, 60, {wrap: false});
		const text = row!.map(s => s.text).join('');
		expect(text.startsWith(`12:00:01${lateMarker}ERROR workflow`)).toBe(true);
		expect(lineWidth(row!)).toBe(60);
	});

	it('wraps long lines onto indented rows when asked', () => {
		const rows = logLineRows(line, 30, {wrap: true});
		expect(rows.length).toBeGreaterThan(1);
		for (const r of rows) expect(lineWidth(r)).toBe(30);
	});

	it('highlights matches', () => {
		expect(highlightSegments('a ERROR b', [[2, 7]])).toEqual([{text: 'a '}, {text: 'ERROR', tone: 'accent', bold: true}, {text: ' b'}]);
	});
});
