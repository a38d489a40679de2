import {it} from 'vitest';
import {mkdtempSync} from 'node:fs';
import {tmpdir} from 'node:os';
import path from 'node:path';
import {spawnWithTerminalCheck} from '../helpers/pty.js';
import {cliPath, isolatedEnv} from './cli-path.js';

it('walk start', async () => {
	const dir = mkdtempSync(path.join(tmpdir(), 'acso-r-'));
	let fails = 0;
	for (let round = 0; round < 12; round++) {
		const app = spawnWithTerminalCheck(process.execPath, [cliPath, '--demo', '--write', '--audit-log', path.join(dir, 'a.jsonl')], {cols: 120, rows: 34, env: isolatedEnv()});
		await app.waitFor('ERRORS', 20000);
		app.write(':services\r');
		const shots: string[] = [];
		for (let k = 0; k < 6; k++) { await new Promise(r => setTimeout(r, 40)); const t = app.screen.text().split('\n'); shots.push(t[0] + ' || ' + t.slice(-2).join(' || ')); }
		try { await app.waitFor(/│ Services/, 4000); } catch { fails++; console.log('FAIL', round, shots.join('\n')); app.write(':notices\r'); await new Promise(r => setTimeout(r, 1500)); console.log(app.screen.text()); }
		await app.dispose();
	}
	console.log('fails', fails);
}, 400000);
