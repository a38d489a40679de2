import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {shellBindings} from '../../source/shell/shell-bindings.js';
import {renderApp} from '../helpers/render.js';

// The README's key table says what the binding tables do (lazygit checks its cheatsheet the same
// way): every key bound everywhere is in the table, and every key the table names is bound, by the
// shell or by the screen the app opens on (the overview: move, open, actions).

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

/** The rows of the `| key | everywhere |` table: the key names of the first column. */
function everywhereTable(): string[][] {
	const start = readme.indexOf('| key | everywhere |');
	expect(start).toBeGreaterThan(-1);
	const rows = readme.slice(start).split('\n').slice(2);
	const table = rows.slice(0, rows.findIndex(r => !r.startsWith('|')));
	return table.map(row => [...(row.split('|')[1] ?? '').matchAll(/`([^`]+)`/g)].map(m => keyName(m[1]!)));
}

// The README's spelling of a key to the binding tables' (input/keys.ts).
const names: Record<string, string> = {Tab: 'tab', 'Shift-Tab': 'shift-tab', Enter: 'enter', Esc: 'esc', 'Ctrl-C': 'ctrl-c'};
const keyName = (text: string) => names[text] ?? text;

const shell = shellBindings({dispatch() {}, refresh() {}, openWatches() {}, hasWatches: false, quit() {}});

describe("the README's key table", () => {
	it('lists every key the shell binds on every screen', () => {
		const listed = new Set(everywhereTable().flat());
		expect(shell.flatMap(b => b.keys).filter(k => !listed.has(k))).toEqual([]);
	});

	it('names only keys that are bound: by the shell, or on the overview as its `?` help lists them', async () => {
		const bound = new Set(shell.flatMap(b => b.keys));
		const h = renderApp({size: {columns: 120, rows: 50}});
		await h.waitFor('supervisor');
		const help = await h.press('?');
		h.unmount();
		// Help lines are "  KEYS  description", KEYS as keyLabel writes them (j/↓, ⏎, esc).
		const helpKeys = new Set(help.split('\n').flatMap(line => (line.match(/^\s*(\S+)\s{2,}\S/)?.[1] ?? '').split('/')));
		const labels: Record<string, string> = {enter: '⏎', esc: 'esc', tab: 'tab', 'shift-tab': 'S-tab'};
		const unbound = everywhereTable()
			.flat()
			.filter(k => !bound.has(k) && !helpKeys.has(labels[k] ?? k));
		expect(unbound).toEqual([]);
	});
});
