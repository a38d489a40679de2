import {describe, expect, it} from 'vitest';
import {parseDrill} from '../../source/commands/drill.js';
import {scenarios} from '../../source/drills/scenarios.js';

// `acso-tui drill NAME|random`: what is played, on what, and when the fault goes in.
const io = () => {
	const out: string[] = [];
	return {out, io: {stdout: {write: (s: string) => out.push(s)} as unknown as NodeJS.WritableStream, stderr: {write: () => true} as unknown as NodeJS.WritableStream, env: {XDG_STATE_HOME: '/tmp/acso-parse-drill'}, now: () => 1_700_000_000_123}};
};

describe('parseDrill', () => {
	it('random picks one of the scenarios from the seed, the same one for the same seed; the fault within the first minute', () => {
		const picks = new Set<string>();
		for (let seed = 1; seed <= 40; seed++) {
			const command = parseDrill(['random', '--seed', String(seed)], io().io);
			if (command.kind !== 'play') throw new Error('expected a drill to play');
			expect(scenarios).toContain(command.launch.scenario);
			expect(command.launch.injectDelayMs).toBeGreaterThanOrEqual(5_000);
			expect(command.launch.injectDelayMs).toBeLessThan(60_000);
			const again = parseDrill(['random', '--seed', String(seed)], io().io);
			expect(again.kind === 'play' && again.launch.scenario.id).toBe(command.launch.scenario.id);
			picks.add(command.launch.scenario.id);
		}
		expect(picks.size).toBeGreaterThan(3);
	});

	it('plays on the simulated account with changes allowed, audited beside the history, not in the real audit trail', () => {
		const command = parseDrill(['memory-leaks', '--seed', '9', '--inject-now'], io().io);
		if (command.kind !== 'play') throw new Error('expected a drill to play');
		expect(command.launch).toMatchObject({seed: 9, injectDelayMs: 0, historyPath: '/tmp/acso-parse-drill/acso-tui/drills.jsonl', auditPath: '/tmp/acso-parse-drill/acso-tui/drill-audit.jsonl'});
		expect(command.launch.config).toMatchObject({mode: 'demo', write: true, seed: 9, auditLogPath: '/tmp/acso-parse-drill/acso-tui/drill-audit.jsonl'});
	});
});
