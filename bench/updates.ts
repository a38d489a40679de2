// Bytes, write() calls, clears and CPU per update, for the diff layer and Ink's own output, on
// the simulated account held still. Three kinds of update, each exactly one change:
//  - nothing changes: `r` (refresh now) refetches every panel; the data are the same;
//  - one value changes: the newest CPU point of one service moves by 3 points, then `r`;
//  - a log line is added: one line appears in the account; the logs screen's tail picks it up.
// The screen after every update is kept and compared with the other renderer's, cell by cell.
import type {Screen} from '../source/terminal/cells.js';
import {hasOverviewData, isFrame, type Renderer} from './launch.js';
import {changedCellCount, checkMinimalDiff, computeMinimalDiff, firstDifference} from './minimal-diff.js';
import {measureIdle, measureUpdate, startScenario, type Session, type Update} from './scenario-session.js';
import {countClears} from './bench-pty.js';
import {median, round} from './stats.js';

export type UpdateKind = 'nothing' | 'oneValue' | 'logLine';

export type KindFigures = {
	samples: number;
	bytes: number;
	writes: number;
	cpuMs: number;
	/**
	 * CPU minus what the app spends idle over the same wall time and minus the bench's control
	 * channel's own time in the app (reading requests, writing replies: no user's app has it).
	 */
	cpuNetMs: number;
	/** The control channel's time that cpuNetMs leaves out, median. */
	cpuChannelMs: number;
	/** cpuNetMs without the simulated account's own work (which AWS would do on its servers). */
	cpuAppMs: number;
	minimalBytes: number;
	changedCells: number;
	ratio: number | null;
	/** Bytes of synchronized-output markers (ESC[?2026h / ESC[?2026l) in an update, median. */
	syncBytes: number;
	/** The ratio without those markers: what the cell diff itself costs. */
	ratioWithoutSync: number | null;
	/** What the terminal received for the median-sized sample, escapes made visible. */
	example: string;
};

/** Control characters as \x1b-style escapes, so an update's bytes can be read in results.json. */
function visible(output: Buffer): string {
	return output.toString('utf8').replace(/[\u0000-\u001F\u007F]/g, c => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

export type RendererFigures = {
	idle: {percent: number; cpuMs: number; wallMs: number; bytes: number; writes: number; refreshMs: number};
	clearsAfterFirstFrame: number;
	kinds: Record<UpdateKind, KindFigures>;
	/** Screens after the first frame and after every update, for the cross-check. */
	screens: {overview: Screen[]; logs: Screen[]; many: Screen[]};
	/** The rollback cockpit (staging, opened with `t`): a refresh that changes nothing, and one CPU value moving. */
	cockpit: {nothing: KindFigures; oneValue: KindFigures};
	/** The overview of `services` services (copies of the account's): the same two updates at scale. */
	many: {services: number; nothing: KindFigures; oneValue: KindFigures};
};

/** The overview at scale: as many services as a large account runs. */
export const manyServices = 200;

/**
 * Unmeasured updates before the measured ones, so the figures are the steady state. V8 is still
 * compiling the update path well past the fifth: one value changing cost 112, 14, 30, 36, 29, 42,
 * 24, 25, 17, 14 ms over the first ten updates and 8-13 ms from about the twentieth on (2026-12-02).
 * `--warm=N` sets another count (5 was the count before; comparing with figures taken so).
 */
export const warmUpdates = 25;

/** Measured updates per figure, and unmeasured ones before them. */
type Counts = {samples: number; warm: number};

const hasLogs = (text: string) => isFrame(text) && text.includes('▶ following') && !text.includes('waiting for lines') && /updated (just now|\d+s ago)/.test(text);

async function summarise(updates: Update[], idleRate: number, kind: UpdateKind): Promise<KindFigures> {
	const minimal: number[] = [];
	const cells: number[] = [];
	for (const update of updates) {
		const diff = computeMinimalDiff(update.before, update.after);
		await checkMinimalDiff(update.before, update.after, diff);
		minimal.push(Buffer.byteLength(diff));
		cells.push(changedCellCount(update.before, update.after));
	}
	const bytes = median(updates.map(u => u.bytes));
	const syncBytes = median(updates.map(u => (u.output.toString('latin1').match(/\u001B\[\?2026[hl]/g) ?? []).join('').length));
	const net = (u: Update) => Math.max(0, u.cpuMs - idleRate * u.wallMs - u.channelCpuMs);
	const typical = [...updates].sort((a, b) => a.bytes - b.bytes)[Math.floor(updates.length / 2)];
	const minimalBytes = median(minimal);
	if (kind !== 'nothing' && median(cells) === 0) throw new Error(`updates of kind ${kind} changed nothing on the screen: the scenario is broken`);
	return {
		samples: updates.length,
		bytes,
		writes: median(updates.map(u => u.writes)),
		cpuMs: round(median(updates.map(u => u.cpuMs)), 2),
		cpuNetMs: round(median(updates.map(net)), 2),
		cpuChannelMs: round(median(updates.map(u => u.channelCpuMs)), 2),
		cpuAppMs: round(median(updates.map(u => Math.max(0, net(u) - u.cloudCpuMs))), 2),
		minimalBytes,
		changedCells: median(cells),
		ratio: minimalBytes > 0 ? round(bytes / minimalBytes, 2) : null,
		syncBytes,
		ratioWithoutSync: minimalBytes > 0 ? round((bytes - syncBytes) / minimalBytes, 2) : null,
		example: typical ? visible(typical.output).slice(0, 8000) : '',
	};
}

async function overviewSession(bundle: string, renderer: Renderer, {samples, warm}: Counts, idleMs: number, refreshSeconds: number) {
	const session = await startScenario(bundle, renderer, {ACSO_BENCH_SCREEN: 'overview', ACSO_BENCH_REFRESH: String(refreshSeconds)});
	try {
		await session.pty.waitFor(hasOverviewData, `the overview with data (${renderer})`, 60_000);
		await session.control.call('settle', {quietMs: 300});
		await session.pty.quiet(300);
		const offset = session.pty.bytes();
		const screens = [await session.pty.cells()];
		// Warm up: the first refreshes run cold code (JIT), two to four times slower than later ones.
		for (let i = 0; i < warm; i++) await measureUpdate(session, () => session.pty.write('r'), {refresh: true});
		const idle = await measureIdle(session, idleMs);
		const idleRate = idle.cpuMs / idle.wallMs;
		const nothing: Update[] = [];
		for (let i = 0; i < samples; i++) {
			nothing.push(await measureUpdate(session, () => session.pty.write('r'), {refresh: true}));
			screens.push(nothing[nothing.length - 1]!.after);
		}
		const oneValue: Update[] = [];
		for (let i = 0; i < samples; i++) {
			oneValue.push(
				await measureUpdate(
					session,
					async () => {
						// Alternately up and back: every update changes that one value.
						await session.control.call('cpuOffset', {offset: i % 2 === 0 ? 3 : 0});
						session.pty.write('r');
					},
					{refresh: true},
				),
			);
			screens.push(oneValue[oneValue.length - 1]!.after);
		}
		const clears = countClears(session.pty.outputSince(offset));
		return {idle: {...idle, refreshMs: refreshSeconds * 1000}, idleRate, nothing, oneValue, clears, screens};
	} finally {
		await session.close();
	}
}

async function logsSession(bundle: string, renderer: Renderer, {samples, warm}: Counts) {
	const session: Session = await startScenario(bundle, renderer, {ACSO_BENCH_SCREEN: 'logs', ACSO_BENCH_REFRESH: '1'});
	try {
		await session.pty.waitFor(hasLogs, `the logs screen with lines (${renderer})`, 60_000);
		await session.control.call('settle', {quietMs: 300});
		await session.pty.quiet(300);
		const offset = session.pty.bytes();
		const screens = [await session.pty.cells()];
		for (let i = 0; i < warm; i++) {
			const marker = `bench-warm-${i + 1}-end`;
			await measureUpdate(session, () => session.control.call('emitLog', {message: `2026-11-28T12:00:00.000Z ERROR [supervisor] ${marker} warming up`}).then(() => undefined), {refresh: false, waitFor: marker});
		}
		const idle = await measureIdle(session, 3000);
		const lines: Update[] = [];
		for (let i = 0; i < samples; i++) {
			const marker = `bench-line-${i + 1}-end`;
			lines.push(
				await measureUpdate(
					session,
					() => session.control.call('emitLog', {message: `2026-11-28T12:00:00.000Z ERROR [supervisor] ${marker} request ${i + 1} to bedrock-runtime failed: ThrottlingException`}).then(() => undefined),
					{refresh: false, waitFor: marker},
				),
			);
			screens.push(lines[lines.length - 1]!.after);
		}
		return {idleRate: idle.cpuMs / idle.wallMs, lines, clears: countClears(session.pty.outputSince(offset)), screens};
	} finally {
		await session.close();
	}
}

const hasCockpit = (text: string) => isFrame(text) && text.includes('Deploy · ') && /^(FAILING|PROGRESSING|HEALTHY) /m.test(text) && /updated (just now|\d+s ago)/.test(text);

/** The cockpit's update cost: its whole refresh (deployments, tasks, logs, metrics) and one CPU value moving. */
async function cockpitSession(bundle: string, renderer: Renderer, {samples, warm}: Counts, refreshSeconds: number) {
	const session = await startScenario(bundle, renderer, {ACSO_BENCH_SCREEN: 'overview', ACSO_BENCH_ENV: 'staging', ACSO_BENCH_REFRESH: String(refreshSeconds)});
	try {
		await session.pty.waitFor(text => isFrame(text) && text.includes('t → rollout cockpit of'), `the staging overview offering a rollout (${renderer})`, 60_000);
		session.pty.write('t');
		await session.pty.waitFor(hasCockpit, `the rollback cockpit (${renderer})`, 60_000);
		await session.control.call('settle', {quietMs: 300});
		await session.pty.quiet(300);
		for (let i = 0; i < warm; i++) await measureUpdate(session, () => session.pty.write('r'), {refresh: true});
		const idle = await measureIdle(session, 3000);
		const nothing: Update[] = [];
		for (let i = 0; i < samples; i++) nothing.push(await measureUpdate(session, () => session.pty.write('r'), {refresh: true}));
		const oneValue: Update[] = [];
		for (let i = 0; i < samples; i++) {
			oneValue.push(
				await measureUpdate(
					session,
					async () => {
						await session.control.call('cpuOffset', {offset: i % 2 === 0 ? 30 : 0});
						session.pty.write('r');
					},
					{refresh: true},
				),
			);
		}
		return {idleRate: idle.cpuMs / idle.wallMs, nothing, oneValue};
	} finally {
		await session.close();
	}
}

/** The overview of `manyServices` services: a refresh that changes nothing, and one CPU value moving. */
async function manySession(bundle: string, renderer: Renderer, {samples, warm}: Counts, refreshSeconds: number) {
	const session = await startScenario(bundle, renderer, {ACSO_BENCH_SCREEN: 'overview', ACSO_BENCH_SERVICES: String(manyServices), ACSO_BENCH_REFRESH: String(refreshSeconds)});
	try {
		// Sorted by name, the table shows copies of the first services only: no 'supervisor' to wait for.
		const loaded = (text: string) => isFrame(text) && !text.includes('loading…') && /updated (just now|\d+s ago)/.test(text) && /▼ \d+ more/.test(text);
		await session.pty.waitFor(loaded, `the overview of ${manyServices} services (${renderer})`, 60_000);
		await session.control.call('settle', {quietMs: 300});
		await session.pty.quiet(300);
		const screens = [await session.pty.cells()];
		for (let i = 0; i < warm; i++) await measureUpdate(session, () => session.pty.write('r'), {refresh: true});
		const idle = await measureIdle(session, 3000);
		const nothing: Update[] = [];
		for (let i = 0; i < samples; i++) {
			nothing.push(await measureUpdate(session, () => session.pty.write('r'), {refresh: true}));
			screens.push(nothing[nothing.length - 1]!.after);
		}
		const oneValue: Update[] = [];
		for (let i = 0; i < samples; i++) {
			oneValue.push(
				await measureUpdate(
					session,
					async () => {
						await session.control.call('cpuOffset', {offset: i % 2 === 0 ? 3 : 0});
						session.pty.write('r');
					},
					{refresh: true},
				),
			);
			screens.push(oneValue[oneValue.length - 1]!.after);
		}
		return {idleRate: idle.cpuMs / idle.wallMs, nothing, oneValue, screens};
	} finally {
		await session.close();
	}
}

export async function measureUpdates(options: {bundle: string; samples: number; warm: number; idleMs: number; refreshSeconds: number; renderers: readonly Renderer[]}): Promise<Partial<Record<Renderer, RendererFigures>>> {
	const results: Partial<Record<Renderer, RendererFigures>> = {};
	const counts: Counts = {samples: options.samples, warm: options.warm};
	for (const renderer of options.renderers) {
		const overview = await overviewSession(options.bundle, renderer, counts, options.idleMs, options.refreshSeconds);
		const logs = await logsSession(options.bundle, renderer, counts);
		const cockpit = await cockpitSession(options.bundle, renderer, counts, options.refreshSeconds);
		const many = await manySession(options.bundle, renderer, counts, options.refreshSeconds);
		results[renderer] = {
			many: {services: manyServices, nothing: await summarise(many.nothing, many.idleRate, 'nothing'), oneValue: await summarise(many.oneValue, many.idleRate, 'oneValue')},
			cockpit: {nothing: await summarise(cockpit.nothing, cockpit.idleRate, 'nothing'), oneValue: await summarise(cockpit.oneValue, cockpit.idleRate, 'oneValue')},
			idle: {...overview.idle, percent: round(overview.idle.percent, 2), cpuMs: round(overview.idle.cpuMs, 1), wallMs: round(overview.idle.wallMs, 0)},
			clearsAfterFirstFrame: overview.clears + logs.clears,
			kinds: {
				nothing: await summarise(overview.nothing, overview.idleRate, 'nothing'),
				oneValue: await summarise(overview.oneValue, overview.idleRate, 'oneValue'),
				logLine: await summarise(logs.lines, logs.idleRate, 'logLine'),
			},
			screens: {overview: overview.screens, logs: logs.screens, many: many.screens},
		};
	}
	return results;
}

export type FrameCheck = {compared: number; identical: number; mismatches: Array<{screen: string; index: number; row: number; diff: string; ink: string; cells: number}>};

/** The diff layer's screen after each step against Ink's own for the same state, cell by cell. */
export function crossCheck(diff: RendererFigures, ink: RendererFigures): FrameCheck {
	const check: FrameCheck = {compared: 0, identical: 0, mismatches: []};
	for (const screen of ['overview', 'logs', 'many'] as const) {
		const ours = diff.screens[screen];
		const theirs = ink.screens[screen];
		if (ours.length !== theirs.length) throw new Error(`cross-check: ${ours.length} ${screen} screens from the diff layer, ${theirs.length} from Ink`);
		for (const [index, screenshot] of ours.entries()) {
			check.compared++;
			const difference = firstDifference(screenshot, theirs[index]!);
			if (!difference) {
				check.identical++;
				continue;
			}
			check.mismatches.push({screen, index, row: difference.row, diff: difference.a, ink: difference.b, cells: difference.cells});
		}
	}
	return check;
}
