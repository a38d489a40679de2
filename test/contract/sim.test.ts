import {createManualClock, createSimCloud} from '../../source/sim/index.js';
import {describePortContract} from './port-contract.js';
import {describeRoleContract} from './role-contract.js';

// The port contract against the simulated ACSO account, on a manual clock so every run sees the
// same account. The clock moves 20 minutes first, so the windows the suite reads hold logs and
// metrics whether or not the sim backfills history.

describePortContract('simulated account', async () => {
	const clock = createManualClock(Date.parse('2026-11-28T12:00:00Z'));
	let writeEnabled = false;
	const cloud = createSimCloud({seed: 7, clock, isWriteEnabled: () => writeEnabled});
	clock.advance(20 * 60_000);
	return {
		cloud,
		env: 'production',
		now: () => clock.now(),
		advance: ms => clock.advance(ms),
		secureParameter: {path: '/acso/production/database', name: '/acso/production/database/url'},
		setWriteEnabled(on: boolean) {
			writeEnabled = on;
		},
	};
});

describeRoleContract('simulated account', async () => {
	let writeEnabled = false;
	const cloud = createSimCloud({seed: 7, clock: createManualClock(Date.parse('2026-11-28T12:00:00Z')), isWriteEnabled: () => writeEnabled});
	return {
		cloud,
		env: 'production',
		setWriteEnabled(on: boolean) {
			writeEnabled = on;
		},
	};
});
