// Launch to first frame: the built CLI (dist/cli.js, as `npm start` runs it) in a 100x40 pty,
// timed from the spawn to the arrival of the chunk that completed the first full frame (header
// and footer drawn), and to the first frame with every overview panel's data.
import {isolatedEnv} from '../test/e2e/cli-path.js';
import {spawnBenchPty, timeToScreen} from './bench-pty.js';
import {median, round} from './stats.js';

export type Renderer = 'diff' | 'ink';
export const size = {cols: 100, rows: 40};

/** A complete frame: the header on the first row and the footer's help hint. */
export function isFrame(text: string): boolean {
	return text.startsWith('ACSO ') && /\? help/.test(text);
}

/** Every overview panel answered: services listed, nothing loading, the header says how old it is. */
export function hasOverviewData(text: string): boolean {
	return isFrame(text) && text.includes('supervisor') && !text.includes('loading…') && /updated (just now|\d+s ago)/.test(text);
}

export type LaunchRuns = {frameMs: number[]; dataMs: number[]; medianFrameMs: number; medianDataMs: number};

export async function measureLaunch(options: {cli: string; args: string[]; env: Record<string, string | undefined>; runs: number; renderers: readonly Renderer[]}): Promise<Record<Renderer, LaunchRuns>> {
	const runs: Record<Renderer, {frameMs: number[]; dataMs: number[]}> = {diff: {frameMs: [], dataMs: []}, ink: {frameMs: [], dataMs: []}};
	// Alternate the renderers, so a burst of load on the machine falls on both alike.
	for (let run = 0; run < options.runs; run++) {
		for (const renderer of options.renderers) {
			const pty = spawnBenchPty(process.execPath, [options.cli, ...options.args], {
				...size,
				env: isolatedEnv({...options.env, ACSO_TUI_OUTPUT: renderer === 'ink' ? 'ink' : undefined}),
			});
			try {
				await pty.waitFor(hasOverviewData, `the overview with data (${renderer}, run ${run + 1})`, 60_000);
			} finally {
				await pty.dispose();
			}
			const frame = await timeToScreen(pty, size, isFrame);
			const data = await timeToScreen(pty, size, hasOverviewData);
			if (frame === undefined || data === undefined) throw new Error(`launch (${renderer}): the replayed output never showed the frame the live screen showed`);
			runs[renderer].frameMs.push(round(frame));
			runs[renderer].dataMs.push(round(data));
		}
	}
	const summary = (r: Renderer): LaunchRuns => ({...runs[r], medianFrameMs: round(median(runs[r].frameMs)), medianDataMs: round(median(runs[r].dataMs))});
	return {diff: summary('diff'), ink: summary('ink')};
}
