import {describe, expect, it} from 'vitest';
import {dashboardReportDirectory} from '../../source/report/report-files.js';

describe('dashboardReportDirectory', () => {
	const at = Date.parse('2026-11-28T12:34:56.789Z');

	it('is a folder per report under the state directory, named by its UTC time (no colons)', () => {
		expect(dashboardReportDirectory(at, {XDG_STATE_HOME: '/var/state'}, '/home/me')).toBe('/var/state/acso-tui/reports/2026-11-28T12-34-56Z');
	});

	it('falls back to ~/.local/state when XDG_STATE_HOME is unset or relative (the XDG spec ignores a relative one)', () => {
		expect(dashboardReportDirectory(at, {}, '/home/me')).toBe('/home/me/.local/state/acso-tui/reports/2026-11-28T12-34-56Z');
		expect(dashboardReportDirectory(at, {XDG_STATE_HOME: 'state'}, '/home/me')).toBe('/home/me/.local/state/acso-tui/reports/2026-11-28T12-34-56Z');
	});
});
