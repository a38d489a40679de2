import type {Harness} from '../helpers/render.js';
import {keys} from '../helpers/render.js';

// The command line holds exactly `:text` (and the cursor's blank).
const typed = (app: Harness, text: string) => app.lastFrame().split('\n').some(line => line.trimEnd() === `:${text}`);

// Ink writes a frame when React commits, but a component's new key handler is attached by an
// effect after that: a key sent the moment a frame shows can reach the previous handler (the text
// field then appends to its old value and the character before is lost). Typing waits this long
// after each frame it sees, as a person would.
const settleMs = 60;
export const settle = (): Promise<unknown> => new Promise(resolve => setTimeout(resolve, settleMs));

/** Reaches a screen the way an engineer does: `:name` Enter, one key at a time. */
export async function goTo(app: Harness, name: string): Promise<string> {
	await app.press(':');
	await app.waitFor(() => typed(app, ''));
	await settle();
	for (let i = 1; i <= name.length; i++) {
		await app.press(name[i - 1]!);
		await app.waitFor(() => typed(app, name.slice(0, i)));
		await settle();
	}
	return app.press(keys.enter);
}
