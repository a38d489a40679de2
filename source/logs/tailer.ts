// Follows log groups: CloudWatch Live Tail where the backend has it, else polling
// FilterLogEvents. Built to avoid `aws logs tail --follow`'s flaws (aws-notes.md):
//  - FilterLogEvents selects by event timestamp, and CloudWatch accepts events stamped in the
//    past, so a line that reaches CloudWatch late (a buffered agent, a slow shipper) is only found
//    by reading back over its timestamp. Every poll re-reads a short overlap (startTime = newest
//    seen - overlapMs); every sweepEveryMs, one poll instead reads back lateWindowMs before the
//    start of the previous sweep. That is exact, not a guess: an event that arrived after the
//    previous sweep started, at most lateWindowMs after its timestamp, is stamped after that
//    sweep's start - lateWindowMs; one that arrived before was read by that sweep. Ids delivered
//    are remembered over the whole window (RecentIds), so nothing is delivered twice. A sweep is
//    the same request with an earlier startTime: it costs more events read, and more requests
//    only when they overflow a page (README, "Logs: late lines");
//  - it pages to the end of nextToken, through empty pages;
//  - it reads whole log groups, never "the latest stream" (eventually consistent, unreliable);
//  - a poll never overlaps the previous one, and errors back off exponentially with jitter while
//    the cursors stay put, so after recovery nothing is lost and nothing is repeated; while the
//    endpoint cannot be reached, the app's shared recovery (port/recovery.ts) decides when to try.
// Events of one batch are delivered in timestamp order. A late event arrives in a later batch
// (within sweepEveryMs plus a poll), so a view that must stay sorted inserts by timestamp. A poll
// that reads more than a page hands its events over a page at a time (a backlog is never held
// whole), under one batch token; a group's cursor moves only once it was read to the end. Events
// that arrive more than lateWindowMs after their timestamp may be missed.

import {isPermanent, readController} from '../port/errors.js';
import {isThrottle, outageOf, type Recovery} from '../port/recovery.js';
import type {LogEvent, LogReader} from '../port/types.js';
import {compileFilterPattern, patternNeedsLocalFilter, type LogMatcher} from './filter-pattern.js';
import {inOrder} from './in-order.js';
import {RecentIds} from './recent-ids.js';

export type LogTailerState = {
	mode: 'live' | 'polling';
	/** When the backend last answered (a poll completed, or Live Tail sent an update). */
	lastOkAt?: number;
	/** The last failure, cleared by the next success. */
	error?: Error;
	/** True while the last attempt failed: what is shown may be behind. */
	stale: boolean;
	/** Live Tail is sampling: more events arrive than it sends (above about 500 a second). */
	sampled?: boolean;
	/** When the next attempt after a failure is due. */
	retryAt?: number;
};

export type TailerTimers = {
	setTimeout(callback: () => void, ms: number): unknown;
	clearTimeout(handle: unknown): void;
};

export type LogTailerOptions = {
	logGroups: string[];
	/** A CloudWatch filter pattern; invalid ones throw FilterPatternError here. */
	pattern?: string;
	now: () => number;
	/** Pause between polls. Default 2000. */
	pollIntervalMs?: number;
	/** How far back each poll re-reads, for events a few seconds late. Default 10,000. */
	overlapMs?: number;
	/** How late an event may reach CloudWatch and still be delivered. Default 5 minutes. */
	lateWindowMs?: number;
	/** How often one poll reads back the whole late window. Default 30,000. */
	sweepEveryMs?: number;
	/** How many delivered ids are remembered at most (RecentIds' cap). Default 100,000. */
	maxRecentIds?: number;
	/** Where the history starts. Default: 10 minutes before start(), as `aws logs tail`. */
	startTime?: number;
	/** Try Live Tail first (when the reader has it). Default true. */
	liveTail?: boolean;
	/** Longest wait between attempts while failing. Default 60,000. */
	maxBackoffMs?: number;
	/**
	 * New events, in timestamp order. A poll with more than a page of them hands them over in parts;
	 * the parts of one poll (or one Live Tail message) share the same `batch` token.
	 */
	onEvents(events: LogEvent[], batch: object): void;
	onState(state: LogTailerState): void;
	/** Injected for tests; default: the global timers. */
	timers?: TailerTimers;
	/** Injected for tests; default Math.random. Used for backoff jitter. */
	random?: () => number;
	/**
	 * The app's shared recovery (source/port/recovery.ts): while the endpoint cannot be reached,
	 * the tail waits for it instead of backing off on its own, and its own first answer wakes the
	 * other panels.
	 */
	recovery?: Recovery;
};

export type LogTailer = {
	start(): void;
	stop(): void;
	/** Polls now, or right after the poll in flight (the `r` key); Live Tail, already streaming, needs none. */
	pollNow(): void;
	/** Changes the pattern and re-reads the history with it; throws FilterPatternError when invalid. */
	setPattern(pattern: string | undefined): void;
};

export const defaultLookbackMs = 10 * 60_000;
/** How late a line may reach CloudWatch and still be shown (issue 11: a slow shipper, 60 s and more). */
export const defaultLateWindowMs = 5 * 60_000;
/** How often the late window is read back: a late line shows within this (plus a poll). */
export const defaultSweepEveryMs = 30_000;
/** Live Tail takes at most 10 log groups per session. */
export const maxLiveTailGroups = 10;

/** A poll hands over what it read once this much is waiting: FilterLogEvents' largest page. */
const handOverEvery = 10_000;

/** What readGroup answers when the tail moved on (stopped, or a new pattern) while it read. */
const stale = Symbol('stale');

const globalTimers: TailerTimers = {
	setTimeout: (callback, ms) => setTimeout(callback, ms),
	clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

function toError(error: unknown): Error {
	return error instanceof Error ? error : new Error(String(error));
}

function byTime(a: LogEvent, b: LogEvent): number {
	return (
		a.timestamp - b.timestamp ||
		(a.ingestionTime ?? 0) - (b.ingestionTime ?? 0) ||
		(a.logGroup < b.logGroup ? -1 : a.logGroup > b.logGroup ? 1 : 0) ||
		(a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0)
	);
}

function localMatcher(pattern: string | undefined): LogMatcher | undefined {
	if (pattern === undefined || pattern.trim() === '') return undefined;
	const matcher = compileFilterPattern(pattern); // validates every pattern, sent or not
	return patternNeedsLocalFilter(pattern) ? matcher : undefined;
}

type Cursor = {
	/** Newest event timestamp seen in the group. */
	newest?: number;
	/** Start time of the last poll that read the group to the end. */
	readUntil?: number;
	/** Start time of the last read that reached back over the late window (or the first read). */
	sweptAt?: number;
};

export function createLogTailer(reader: LogReader, options: LogTailerOptions): LogTailer {
	const groups = [...new Set(options.logGroups)];
	if (groups.length === 0) throw new Error('createLogTailer: name at least one log group');
	const pollIntervalMs = options.pollIntervalMs ?? 2000;
	const overlapMs = options.overlapMs ?? 10_000;
	const lateWindowMs = options.lateWindowMs ?? defaultLateWindowMs;
	const sweepEveryMs = options.sweepEveryMs ?? defaultSweepEveryMs;
	const maxBackoffMs = Math.max(options.maxBackoffMs ?? 60_000, pollIntervalMs);
	if (!(pollIntervalMs > 0)) throw new Error(`createLogTailer: pollIntervalMs must be positive, got ${pollIntervalMs}`);
	if (!(overlapMs >= 0)) throw new Error(`createLogTailer: overlapMs must be zero or more, got ${overlapMs}`);
	if (!(lateWindowMs >= overlapMs)) throw new Error(`createLogTailer: lateWindowMs must be at least overlapMs, got ${lateWindowMs}`);
	if (!(sweepEveryMs > 0)) throw new Error(`createLogTailer: sweepEveryMs must be positive, got ${sweepEveryMs}`);
	const timers = options.timers ?? globalTimers;
	const random = options.random ?? Math.random;
	const {now} = options;

	let pattern = options.pattern?.trim() === '' ? undefined : options.pattern;
	let matcher = localMatcher(pattern);
	const seen = new RecentIds(options.maxRecentIds);
	const cursors = new Map<string, Cursor>();
	let from: number | undefined; // the history start of the current pattern

	let running = false;
	// Bumped by stop() and setPattern(): work started under an older generation is thrown away
	// without touching cursors, so it is simply read again.
	let generation = 0;
	// Aborted with each new generation: a read in flight for the old one is cancelled, not awaited.
	let reads = readController();
	let polling = false;
	let pollAgain = false;
	let timer: unknown;
	let failures = 0;
	/** True while the last poll could not reach the endpoint: its next answer is a recovery. */
	let unreachable = false;
	let stopWaiting: (() => void) | undefined;

	let mode: LogTailerState['mode'] = 'polling';
	let liveFailed = false;
	let closeLive: (() => void) | undefined;
	// Live Tail sends only events newer than its start, so the history before it is read once by
	// polling, per group, from where that group stood when the session began. Kept until read
	// successfully, even if Live Tail fails over to polling meanwhile.
	const pendingHistory = new Map<string, number>();

	let lastOkAt: number | undefined;
	let lastError: Error | undefined;
	let sampled: boolean | undefined;
	let retryAt: number | undefined;

	const emitState = () => {
		if (!running) return;
		const state: LogTailerState = {mode, stale: lastError !== undefined};
		if (lastOkAt !== undefined) state.lastOkAt = lastOkAt;
		if (lastError) state.error = lastError;
		if (sampled !== undefined) state.sampled = sampled;
		if (retryAt !== undefined) state.retryAt = retryAt;
		options.onState(state);
	};

	const cursorOf = (group: string): Cursor => {
		let cursor = cursors.get(group);
		if (!cursor) cursors.set(group, (cursor = {}));
		return cursor;
	};

	/** Whether the next read of `group` reads back the late window. */
	const sweepDue = (group: string): boolean => {
		const {sweptAt} = cursorOf(group);
		return sweptAt === undefined || now() - sweptAt >= sweepEveryMs;
	};

	/**
	 * Where the next read of `group` starts: the short overlap before what was read already, or with
	 * `sweep` the late window before the previous sweep; never before the history start, nor at or
	 * before an id the RecentIds cap forgot (a flood): there a repeat could not be recognised.
	 */
	const startFor = (group: string, sweep: boolean): number => {
		const history = pendingHistory.get(group);
		if (history !== undefined) return history;
		const base = from ?? now();
		const cursor = cursorOf(group);
		const reached = Math.max(cursor.newest ?? -Infinity, cursor.readUntil ?? -Infinity);
		if (reached === -Infinity) return base;
		// An event stamped in the future (clock skew) must not push the window past now.
		let start = Math.min(reached, now()) - overlapMs;
		if (sweep) start = Math.min(start, cursor.sweptAt === undefined ? base : cursor.sweptAt - lateWindowMs);
		const forgotten = seen.forgottenUntil(group);
		return Math.max(base, start, forgotten === undefined ? -Infinity : forgotten + 1);
	};

	/** Ids older than this can never be read again: the earliest a future read of `group` starts. */
	const keepFrom = (group: string): number => startFor(group, true);

	/**
	 * Dedupes, filters, records and hands over events read, under the token of the poll (or Live
	 * Tail message) they came in. With `moveCursors` (Live Tail: each message is complete) the
	 * groups' newest timestamps move too; a poll moves them only once a group was read to the end.
	 */
	const deliver = (events: LogEvent[], batch: object, moveCursors: boolean) => {
		const fresh: LogEvent[] = [];
		for (const event of events) {
			if (seen.has(event.logGroup, event.eventId)) continue;
			seen.add(event.logGroup, event.eventId, event.timestamp);
			if (moveCursors) {
				const cursor = cursorOf(event.logGroup);
				if (cursor.newest === undefined || event.timestamp > cursor.newest) cursor.newest = event.timestamp;
			}
			if (!matcher || matcher(event.message)) fresh.push(event);
		}
		if (fresh.length === 0) return;
		if (!inOrder(fresh, byTime)) fresh.sort(byTime);
		options.onEvents(fresh, batch);
	};

	/**
	 * All pages of one group from `startTime`, each handed to `onPage` as it arrives; resolves to
	 * the newest timestamp read (undefined when none), or to `stale` when the generation moved on.
	 * The group's cursor is not moved here: a page that fails leaves it where it was, so the next
	 * poll reads again from there, and what was handed over already is dropped there as seen.
	 */
	const readGroup = async (group: string, startTime: number, gen: number, signal: AbortSignal, onPage: (events: LogEvent[]) => void): Promise<{newest?: number} | typeof stale> => {
		let newest: number | undefined;
		const tokens = new Set<string>();
		let nextToken: string | undefined;
		do {
			// aws logs filter-log-events --log-group-name GROUP --start-time MS [--filter-pattern P] [--next-token T]
			const page = await reader.filterLogEvents(
				{
					logGroup: group,
					startTime,
					...(pattern === undefined ? {} : {pattern}),
					...(nextToken === undefined ? {} : {nextToken}),
				},
				{signal},
			);
			if (gen !== generation) return stale;
			// A backend that ignores startTime would otherwise re-deliver forgotten ids. (Copied only when
			// one must go: a page is up to 10,000 events.)
			const early = (event: LogEvent) => event.timestamp < startTime;
			const events = page.events.some(early) ? page.events.filter(event => !early(event)) : page.events;
			for (const event of events) if (newest === undefined || event.timestamp > newest) newest = event.timestamp;
			if (events.length > 0) onPage(events);
			nextToken = page.nextToken;
			if (nextToken !== undefined) {
				if (tokens.has(nextToken)) throw new Error(`filterLogEvents returned the same nextToken twice for ${group}; stopped paging`);
				tokens.add(nextToken);
			}
		} while (nextToken !== undefined);
		return newest === undefined ? {} : {newest};
	};

	const schedule = (ms: number) => {
		timers.clearTimeout(timer);
		timer = timers.setTimeout(() => {
			timer = undefined;
			kick();
		}, ms);
	};

	const backoff = (error: Error): number => {
		if (isPermanent(error)) return maxBackoffMs; // retrying cannot help soon; don't hammer
		const ceiling = Math.min(maxBackoffMs, pollIntervalMs * 2 ** failures);
		return ceiling / 2 + random() * (ceiling / 2);
	};

	const poll = async () => {
		const gen = generation;
		const {signal} = reads;
		polling = true;
		try {
			const startedAt = now();
			// What was read and not yet handed over: at most about one full page, then it goes (below).
			let pending: LogEvent[] = [];
			/** Where the group being read starts in `pending`. */
			let groupStart = 0;
			const batch = {};
			const read: Array<{group: string; sweep: boolean; newest?: number}> = [];
			let failure: Error | undefined;
			const handOver = () => {
				if (pending.length === 0) return;
				const events = pending;
				pending = [];
				groupStart = 0;
				try {
					deliver(events, batch, false);
				} catch (error) {
					failure ??= toError(error); // a consumer bug must not stop the tail
				}
			};
			// One group after another: FilterLogEvents' quota (about 5 a second) is per account.
			// With Live Tail on, only groups whose history is still unread are polled.
			for (const group of mode === 'live' ? [...pendingHistory.keys()] : groups) {
				const sweep = sweepDue(group);
				const startTime = startFor(group, sweep);
				groupStart = pending.length;
				try {
					const result = await readGroup(group, startTime, gen, signal, events => {
						for (const event of events) pending.push(event);
						// A backlog goes over a page at a time, never held whole (100,000 events would be
						// 50 MB); a small poll stays one batch, in timestamp order across its groups.
						if (pending.length >= handOverEvery) handOver();
					});
					if (result === stale) return;
					read.push({group, sweep, ...result});
				} catch (error) {
					if (gen !== generation) return;
					failure ??= toError(error);
					// What the failed read had not handed over yet is read again by the next poll, from
					// the cursor that did not move; what it had is dropped there as seen.
					pending.length = groupStart;
				}
			}
			if (gen !== generation) return;
			handOver();
			for (const {group, sweep, newest} of read) {
				const cursor = cursorOf(group);
				if (newest !== undefined && (cursor.newest === undefined || newest > cursor.newest)) cursor.newest = newest;
				cursor.readUntil = Math.max(cursor.readUntil ?? -Infinity, startedAt);
				if (sweep || pendingHistory.has(group)) cursor.sweptAt = startedAt;
				pendingHistory.delete(group);
				// Expiry walks every id held (up to the cap: about 10 ms at 100,000): once a sweep is enough.
				if (sweep) seen.expire(group, keepFrom(group));
			}
			const outage = failure !== undefined && outageOf(failure);
			// Any answer after an unreachable endpoint (data, or an error it sent) means it is back.
			if (unreachable && (read.length > 0 || (failure && !outage))) options.recovery?.answered();
			unreachable = outage;
			if (failure) {
				// While the endpoint cannot be reached, the shared recovery probes it (one panel at a
				// time) and wakes this tail as soon as any answer comes; its own retry waits the cap.
				const waiting = outage && options.recovery !== undefined;
				const delay = waiting ? maxBackoffMs : backoff(failure);
				failures++;
				lastError = failure;
				retryAt = now() + delay;
				emitState();
				schedule(delay);
				if (options.recovery && !isThrottle(failure)) {
					stopWaiting = options.recovery.wait({wake: kick, intervalMs: pollIntervalMs, unreachable: outage});
				}
				return;
			}
			failures = 0;
			lastError = undefined;
			retryAt = undefined;
			lastOkAt = now();
			emitState();
			if (mode === 'polling') schedule(pollIntervalMs); // with Live Tail on, the history is now read
		} finally {
			polling = false;
			if (pollAgain) {
				pollAgain = false;
				if (running) kick();
			}
		}
	};

	/** Polls now, or right after the poll in flight. */
	function kick() {
		if (!running) return;
		stopWaiting?.();
		stopWaiting = undefined;
		timers.clearTimeout(timer);
		timer = undefined;
		if (mode === 'live' && pendingHistory.size === 0) return;
		if (polling) {
			pollAgain = true;
			return;
		}
		void poll();
	}

	const fallBackToPolling = () => {
		mode = 'polling';
		emitState();
		kick();
	};

	const begin = async () => {
		const gen = generation;
		const {signal} = reads;
		const useLive = options.liveTail !== false && reader.startLiveTail !== undefined && !liveFailed && groups.length <= maxLiveTailGroups;
		if (!useLive) {
			fallBackToPolling();
			return;
		}
		// Recorded before the session starts: its first events would otherwise move the cursors.
		for (const group of groups) pendingHistory.set(group, startFor(group, true));
		try {
			// aws logs start-live-tail --log-group-identifiers ARN... [--log-event-filter-pattern P]
			const close = await reader.startLiveTail!(groups, pattern, {
				onEvents(events, info) {
					if (gen !== generation || !running) return;
					lastOkAt = now();
					sampled = info.sampled;
					lastError = undefined;
					try {
						deliver(events, {}, true);
					} catch (error) {
						lastError = toError(error);
					}
					// Live Tail delivers by arrival: as good as a sweep, up to now.
					for (const group of groups) cursorOf(group).sweptAt = now();
					// Forget old ids as polling does, but not while a history read may still return them.
					if (pendingHistory.size === 0) for (const group of groups) seen.expire(group, keepFrom(group));
					emitState();
				},
				onError(error) {
					if (gen !== generation || !running) return;
					// The session ended (network, 3-hour limit): polling carries on from the newest
					// event seen, with the overlap, so nothing between is lost.
					closeLive?.();
					closeLive = undefined;
					liveFailed = true;
					lastError = toError(error);
					fallBackToPolling();
				},
			}, {signal});
			if (gen !== generation || !running) {
				close();
				return;
			}
			closeLive = close;
			mode = 'live';
			lastOkAt = now();
			emitState();
			kick(); // Live Tail sends only new events: read the history once
		} catch {
			if (gen !== generation || !running) return;
			// 'unsupported' (moto, some endpoints) or any failure to start: poll instead.
			liveFailed = true;
			fallBackToPolling();
		}
	};

	const halt = () => {
		generation++;
		reads.abort();
		reads = readController();
		timers.clearTimeout(timer);
		timer = undefined;
		stopWaiting?.();
		stopWaiting = undefined;
		closeLive?.();
		closeLive = undefined;
		mode = 'polling';
		sampled = undefined;
	};

	return {
		start() {
			if (running) return;
			running = true;
			generation++;
			from ??= options.startTime ?? now() - defaultLookbackMs;
			void begin();
		},
		stop() {
			if (!running) return;
			halt();
			running = false;
		},
		pollNow() {
			kick();
		},
		setPattern(next) {
			const normalized = next?.trim() === '' ? undefined : next;
			const nextMatcher = localMatcher(normalized); // throws before anything changes
			pattern = normalized;
			matcher = nextMatcher;
			seen.clear();
			cursors.clear();
			pendingHistory.clear();
			from = options.startTime ?? now() - defaultLookbackMs;
			failures = 0;
			lastError = undefined;
			retryAt = undefined;
			if (!running) return;
			halt();
			void begin();
		},
	};
}
