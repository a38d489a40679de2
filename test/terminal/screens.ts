// Shared by the terminal tests: screens made by an emulator from bytes, and applying a diff.
import {diffScreens} from '../../source/terminal/diff-screens.js';
import type {Screen} from '../../source/terminal/cells.js';
import {createScreen} from '../helpers/screen.js';

/** The screen a `cols`x`rows` terminal shows after `data` (with '\n' meaning a new line). */
export async function screenFrom(cols: number, rows: number, data: string): Promise<Screen> {
	const screen = createScreen(cols, rows, {convertEol: true});
	screen.write(data);
	await screen.flush();
	const cells = screen.cells();
	screen.dispose();
	return cells;
}

/** What a terminal shows after being painted with `prev` and then sent diffScreens(prev, next). */
export async function applyDiff(prev: Screen, next: Screen): Promise<{result: Screen; diff: string}> {
	const screen = createScreen(prev[0]?.length ?? 1, Math.max(1, prev.length));
	screen.write(diffScreens([], prev));
	await screen.flush();
	screen.resize(next[0]?.length ?? 1, Math.max(1, next.length));
	const diff = diffScreens(prev, next);
	screen.write(diff);
	await screen.flush();
	const result = screen.cells();
	screen.dispose();
	return {result, diff};
}
