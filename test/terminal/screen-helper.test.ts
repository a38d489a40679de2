import {afterEach, describe, expect, it} from 'vitest';
import {createScreen, type TestScreen} from '../helpers/screen.js';

describe('createScreen', () => {
	let screen: TestScreen;
	afterEach(() => screen.dispose());

	it('reads the text of the screen, trailing spaces trimmed', async () => {
		screen = createScreen(12, 3);
		screen.write('one   \r\n\u001B[31mtwo\u001B[0m\r\n  three');
		await screen.flush();
		expect(screen.lines()).toEqual(['one', 'two', '  three']);
		expect(screen.text()).toBe('one\ntwo\n  three');
		expect(screen.cursor).toEqual({x: 7, y: 2});
	});

	it('tracks the window title, clipboard writes and the alternate screen', async () => {
		screen = createScreen(20, 3);
		screen.write('\u001B]2;acso-tui — prod\u0007');
		screen.write(`\u001B]52;c;${Buffer.from('i-0abc ✓').toString('base64')}\u0007\u001B]52;c;?\u0007`);
		screen.write('\u001B[?1049h');
		await screen.flush();
		expect(screen.title).toBe('acso-tui — prod');
		expect(screen.osc52Writes).toEqual(['i-0abc ✓', '?']);
		expect(screen.isAlternateScreen).toBe(true);
		screen.write('\u001B[?1049l');
		await screen.flush();
		expect(screen.isAlternateScreen).toBe(false);
	});

	it('tracks the cursor visibility and input modes', async () => {
		screen = createScreen(20, 3);
		expect(screen.cursorHidden).toBe(false);
		screen.write('\u001B[?25l\u001B[?2004h\u001B[?1002h\u001B[?1h');
		await screen.flush();
		expect(screen.cursorHidden).toBe(true);
		expect(screen.bracketedPaste).toBe(true);
		expect(screen.mouseTracking).toBe('drag');
		expect(screen.applicationCursorKeys).toBe(true);
		screen.write('\u001B[?25h\u001B[?2004l\u001B[?1002l');
		await screen.flush();
		expect(screen.cursorHidden).toBe(false);
		expect(screen.bracketedPaste).toBe(false);
		expect(screen.mouseTracking).toBe('none');
		screen.write('\u001B[?25l\u001Bc'); // a full reset shows the cursor again
		await screen.flush();
		expect(screen.cursorHidden).toBe(false);
	});

	it('lays out what was written before a resize at the size it was written for', async () => {
		screen = createScreen(8, 2);
		screen.write('abcdefgh'); // not parsed yet: xterm parses on a timer
		screen.resize(4, 2);
		screen.write('\r\nxy');
		await screen.flush();
		// An 8-column line cut to 4 on the alternate-like screen, not wrapped onto the next row.
		expect(screen.lines()).toEqual(['abcd', 'xy']);
		expect(screen.cols).toBe(4);
	});

	it('rejects a size that is not a terminal size', () => {
		screen = createScreen(2, 2);
		expect(() => createScreen(0, 10)).toThrow(/positive whole numbers of columns and rows, got 0x10/);
		expect(() => screen.resize(10.5, 3)).toThrow(/got 10.5x3/);
	});
});
