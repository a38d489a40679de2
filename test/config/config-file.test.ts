import {mkdtempSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {describe, expect, it} from 'vitest';
import {configFilePath, loadFileConfig, validateFileConfig} from '../../source/config/config-file.js';

describe('config file', () => {
	it('lives under XDG_CONFIG_HOME, else ~/.config', () => {
		expect(configFilePath({XDG_CONFIG_HOME: '/x'})).toBe('/x/acso-tui/config.json');
		expect(configFilePath({HOME: '/home/me'})).toBe('/home/me/.config/acso-tui/config.json');
	});

	it('is optional', () => {
		expect(loadFileConfig('/nonexistent/acso-tui/config.json')).toEqual({ok: true, config: {}});
	});

	it('reports broken JSON with the file name', () => {
		const dir = mkdtempSync(path.join(tmpdir(), 'acso-cfg-'));
		const file = path.join(dir, 'config.json');
		writeFileSync(file, '{"refreshSeconds": ');
		const r = loadFileConfig(file);
		expect(r.ok).toBe(false);
		expect(!r.ok && r.error).toContain(file);
	});

	it.each([
		[[], 'must be a JSON object'],
		[{refreshSeconds: 0}, '"refreshSeconds" must be a whole number from 1 to 3600'],
		[{refreshSeconds: 1e12}, 'refreshSeconds'],
		[{logBufferLines: -5}, 'logBufferLines'],
		[{colour: 'red'}, 'unknown key "colour"'],
		[{environments: {production: {cluster: ''}}}, 'environments.production.cluster must be a non-empty string'],
		[{environments: {production: {logGroups: 'one'}}}, 'environments.production.logGroups must be a list'],
		[{environments: {production: {clutser: 'x'}}}, 'unknown key "clutser"'],
		[{productionEnvironments: 'production'}, 'productionEnvironments'],
	])('refuses absurd values: %j', (raw, message) => {
		expect(validateFileConfig(raw)).toContain(message);
	});

	it('accepts a full, sensible file', () => {
		expect(
			validateFileConfig({
				productionEnvironments: ['production', 'prod-eu'],
				refreshSeconds: 10,
				logBufferLines: 20000,
				environments: {'prod-eu': {cluster: 'c', logGroups: ['/a'], db: 'd', region: 'eu-west-1', profile: 'p', alarmNames: ['X']}},
			}),
		).toBeUndefined();
	});
});
