import {EventEmitter} from 'node:events';
import {describe, expect, it} from 'vitest';
import {guardTerminal} from '../../source/shell/terminal-guard.js';

function setup() {
	const target = new EventEmitter();
	const log: string[] = [];
	const giveBack = guardTerminal(target as never, {
		steps: [
			() => log.push('unmount'),
			() => {
				log.push('raw mode off');
				throw new Error('EIO: the terminal is gone');
			},
			() => log.push('main screen, cursor shown'),
		],
		report: text => log.push(`report: ${text.split('\n')[0]}`),
		exit: code => log.push(`exit ${code}`),
	});
	return {target, log, giveBack};
}

describe('guardTerminal', () => {
	it('on a crash gives the terminal back first, then prints the error, then exits 1', () => {
		const {target, log} = setup();
		target.emit('uncaughtException', new Error('boom'));
		expect(log).toEqual(['unmount', 'raw mode off', 'main screen, cursor shown', 'report: acso-tui crashed: Error: boom', 'exit 1']);
	});

	it('treats an unhandled rejection as a crash', () => {
		const {target, log} = setup();
		target.emit('unhandledRejection', 'not an Error');
		expect(log.slice(-2)).toEqual(['report: acso-tui crashed: not an Error', 'exit 1']);
	});

	it.each([
		['SIGTERM', 143],
		['SIGHUP', 129],
		['SIGINT', 130],
	] as const)('on %s gives the terminal back and exits %i', (signal, code) => {
		const {target, log} = setup();
		target.emit(signal);
		expect(log).toEqual(['unmount', 'raw mode off', 'main screen, cursor shown', `exit ${code}`]);
	});

	it('gives the terminal back once, however many ways out are taken', () => {
		const {target, log, giveBack} = setup();
		giveBack();
		target.emit('exit');
		target.emit('SIGTERM');
		expect(log.filter(l => l === 'unmount')).toHaveLength(1);
	});
});
