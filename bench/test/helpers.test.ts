import {describe, expect, it} from 'vitest';
import {countClears} from '../bench-pty.js';
import {parseBenchArgs} from '../main.js';
import {against, markdownTable} from '../report.js';
import {median} from '../stats.js';

describe('countClears', () => {
	it('counts whole-screen clears, not line erases', () => {
		const ink = '\u001B[2J\u001B[3J\u001B[H'; // Ink's clearTerminal: one clear
		expect(countClears(Buffer.from(`${ink}frame\u001B[2Kline\u001Bc`))).toBe(2);
		expect(countClears(Buffer.from('\u001B[2K\u001B[1A\u001B[2K'))).toBe(0);
	});
});

describe('median', () => {
	it('takes the middle value, or the mean of the two middle ones', () => {
		expect(median([5, 1, 3])).toBe(3);
		expect(median([4, 1, 3, 2])).toBe(2.5);
		expect(median([])).toBeNaN();
	});
});

describe('against', () => {
	it('says met or not, and by how much', () => {
		expect(against(100, 250, 'ms')).toEqual({met: true, by: '40 % of the limit'});
		expect(against(500, 250, 'ms')).toEqual({met: false, by: '2.0x the limit, 250 ms over'});
		expect(against(0, 0, 'B')).toEqual({met: true, by: undefined});
		expect(against(12, 0, 'B')).toMatchObject({met: false});
		expect(against(Number.NaN, 1, 'x')).toEqual({met: false, by: 'not measured'});
	});
});

describe('markdownTable', () => {
	it('escapes pipes inside cells', () => {
		const table = markdownTable([{figure: 'a|b', acso: '1', ink: '2', target: '—', met: null}]);
		expect(table.split('\n')[2]).toBe('| a\\|b | 1 | 2 | — | — |');
	});
});

describe('parseBenchArgs', () => {
	it('takes --quick, --only and --warm', () => {
		expect(parseBenchArgs(['--quick', '--only=launch,memory'])).toEqual({quick: true, only: new Set(['launch', 'memory']), warm: 25});
		expect(parseBenchArgs(['--warm=5']).warm).toBe(5);
		expect(parseBenchArgs([]).only).toEqual(new Set(['launch', 'updates', 'memory', 'requests', 'logs']));
		expect(parseBenchArgs(['--only=logs']).only).toEqual(new Set(['logs']));
	});

	it('names what is wrong with a bad option', () => {
		expect(() => parseBenchArgs(['--only=launch,speed'])).toThrow(/--only takes a comma-separated list of launch, updates, memory, requests/);
		expect(() => parseBenchArgs(['--fast'])).toThrow(/unknown option "--fast"/);
		expect(() => parseBenchArgs(['--warm=a few'])).toThrow(/--warm takes the number of unmeasured updates/);
	});
});
