// Peak RSS after one million log events streamed through the logs screen: the scenario app on
// the logs screen, its log reader replaced by a feed (scenario-cloud.ts) that hands the tailer
// `perPoll` new events a poll in pages of 10,000 (FilterLogEvents' largest page). The tailer
// polls every 100 ms instead of the CLI's 1 s minimum, so a million events take seconds, not
// minutes; a faster stream leaves the garbage collector less time, so if anything this reads
// high. Every event goes the real way: tailer (dedupe, sort) -> LogStore ring buffer -> view ->
// renderer. The peak is the kernel's VmHWM of the app process.
import type {Renderer} from './launch.js';
import {startScenario, type Probe} from './scenario-session.js';
import {round, sleep} from './stats.js';
import {isFrame} from './launch.js';

export type MemoryFigures = {
	/** False when the app could not take all the events within the time allowed. */
	completed: boolean;
	target: number;
	/** Events the feed produced (all of them when completed). */
	events: number;
	perPoll: number;
	/** Peak RSS (VmHWM) of the app process, in MB of 1,000,000 bytes. */
	peakRssMb: number;
	rssBeforeMb: number;
	rssAfterMb: number;
	heapUsedAfterMb: number;
	/** What the heap holds from the system at the end, used or not, and memory outside it: where the RSS is. */
	heapTotalAfterMb: number;
	externalAfterMb: number;
	seconds: number;
	polls: number;
	/** Events taken by about every 5 s: shows whether the intake slows down. */
	timeline: Array<{seconds: number; events: number}>;
};

const mb = (bytes: number) => round(bytes / 1_000_000, 1);

export async function measureMemory(options: {bundle: string; renderer: Renderer; events: number; perPoll: number; maxSeconds: number}): Promise<MemoryFigures> {
	const session = await startScenario(options.bundle, options.renderer, {ACSO_BENCH_SCREEN: 'logs', ACSO_BENCH_REFRESH: '1', ACSO_BENCH_POLL_MS: '100', ACSO_BENCH_FEED: '1'});
	try {
		await session.pty.waitFor(text => isFrame(text) && text.includes('▶ following'), 'the logs screen', 60_000);
		await session.pty.quiet(300);
		const before = session.pty.memory();
		const startedAt = performance.now();
		await session.control.call('feed', {total: options.events, perPoll: options.perPoll, pageSize: 10_000});
		// A time limit, not an error: an app that cannot keep up with the flood is a result too.
		const deadline = startedAt + options.maxSeconds * 1000;
		let status = {target: options.events, produced: 0, pages: 0, polls: 0};
		const timeline: MemoryFigures['timeline'] = [];
		while (status.produced < options.events && performance.now() < deadline) {
			await sleep(250);
			status = await session.control.call<typeof status>('feedStatus', {}, 120_000);
			const seconds = (performance.now() - startedAt) / 1000;
			if (seconds >= 5 * (timeline.length + 1)) timeline.push({seconds: round(seconds, 1), events: status.produced});
		}
		let completed = status.produced >= options.events;
		if (completed) {
			// The last event on screen: all of them went through the store to the view.
			const last = `feed event ${options.events - 1} `;
			try {
				await session.pty.waitFor(text => text.includes(last), JSON.stringify(last), Math.max(5000, deadline - performance.now()));
				await session.pty.quiet(200);
			} catch {
				completed = false;
			}
		}
		const seconds = (performance.now() - startedAt) / 1000;
		const after = session.pty.memory();
		const probe = await session.control.call<Probe>('probe', {}, 120_000);
		// ACSO_BENCH_HEAP_SNAPSHOT=DIR: what the app still holds at the end, for a heap profiler.
		const snapshots = process.env.ACSO_BENCH_HEAP_SNAPSHOT;
		if (snapshots) await session.control.call('heapSnapshot', {path: `${snapshots}/memory-${options.renderer}-${options.perPoll}.heapsnapshot`}, 300_000);
		return {
			completed,
			target: options.events,
			events: status.produced,
			perPoll: options.perPoll,
			peakRssMb: mb(after.peakRss),
			rssBeforeMb: mb(before.rss),
			rssAfterMb: mb(after.rss),
			heapUsedAfterMb: mb(probe.heapUsed),
			heapTotalAfterMb: mb(probe.heapTotal),
			externalAfterMb: mb(probe.external),
			seconds: round(seconds, 1),
			polls: status.polls,
			timeline,
		};
	} finally {
		await session.close();
	}
}
