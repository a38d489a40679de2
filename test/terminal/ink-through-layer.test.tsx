// A real Ink render through the layer into a fake terminal: the emulated screen shows the app, and
// a re-render that changes nothing sends nothing.
import {afterEach, beforeAll, describe, expect, it} from 'vitest';
import {createDiffOutput} from '../../source/terminal/diff-output.js';
import {FakeTerminal} from './fake-terminal.js';

// Ink reads CI when it is imported and then draws nothing until exit, and chalk decides on colours
// at import: set both up before loading them.
delete process.env['CI'];
delete process.env['CONTINUOUS_INTEGRATION'];
process.env['FORCE_COLOR'] = '3';
let ink: typeof import('ink');
beforeAll(async () => {
	ink = await import('ink');
});

const cleanup: Array<() => void> = [];
afterEach(() => {
	for (const dispose of cleanup.splice(0)) dispose();
});

function Status({count, height}: {count: number; height?: number}) {
	const {Box, Text} = ink;
	return (
		<Box flexDirection="column" borderStyle="round" height={height}>
			<Text bold color="green">
				acso-api ✅ running
			</Text>
			<Text>
				tasks <Text color="yellow">{count}</Text>/3 · 漢字
			</Text>
		</Box>
	);
}

function mount(cols: number, rows: number) {
	const real = new FakeTerminal(cols, rows);
	const layer = createDiffOutput(real.asStdout());
	layer.enter();
	cleanup.push(() => layer.dispose(), () => real.screen.dispose());
	return {real, layer};
}

async function settle(layer: ReturnType<typeof createDiffOutput>, real: FakeTerminal) {
	// Ink throttles renders to its frame rate; let a trailing render run, then let the layer paint.
	await new Promise(resolve => setTimeout(resolve, 50));
	await layer.settled();
	await real.screen.flush();
}

describe('Ink rendering through the diff layer', () => {
	for (const mode of ['shorter than the terminal', 'as tall as the terminal'] as const) {
		it(`shows the app and sends nothing for an unchanged re-render (${mode})`, async () => {
			const rows = 8;
			const {real, layer} = mount(40, rows);
			const height = mode === 'as tall as the terminal' ? rows : undefined;
			const app = ink.render(<Status count={3} height={height} />, {stdout: layer.stream, patchConsole: false, exitOnCtrlC: false});
			cleanup.unshift(() => app.unmount());
			await settle(layer, real);
			const lines = real.screen.lines();
			expect(lines[0]).toBe('╭──────────────────────────────────────╮');
			expect(lines[1]).toBe('│acso-api ✅ running                   │');
			expect(lines[2]).toBe('│tasks 3/3 · 漢字                      │');
			const title = real.screen.cells()[1]![1]!;
			expect(title).toMatchObject({char: 'a', fg: 2});
			expect(title.style & 1).toBe(1); // bold

			const before = {bytes: real.bytes, input: layer.stats().inputBytes};
			app.rerender(<Status count={3} height={height} />);
			await settle(layer, real);
			expect(real.bytes).toBe(before.bytes);

			app.rerender(<Status count={2} height={height} />);
			await settle(layer, real);
			expect(real.screen.lines()[2]).toBe('│tasks 2/3 · 漢字                      │');
			const update = real.bytes - before.bytes;
			const inkWrote = layer.stats().inputBytes - before.input;
			expect(update).toBeLessThan(40);
			expect(inkWrote).toBeGreaterThan(5 * update);
		});
	}

	it('redraws correctly after the terminal narrows', async () => {
		const {real, layer} = mount(40, 8);
		const app = ink.render(<Status count={1} />, {stdout: layer.stream, patchConsole: false, exitOnCtrlC: false});
		cleanup.unshift(() => app.unmount());
		await settle(layer, real);
		real.resize(30, 8);
		await settle(layer, real);
		expect(real.screen.lines().slice(0, 5)).toEqual([
			'╭────────────────────────────╮',
			'│acso-api ✅ running         │',
			'│tasks 1/3 · 漢字            │',
			'╰────────────────────────────╯',
			'',
		]);
	});
});
