// A small in-memory LogReader for the tailer tests: pages of a fixed size, optional empty pages
// between them (as CloudWatch sends), scripted failures, a gate to hold a call open, and an
// optional Live Tail whose handlers the test drives.

import type {LiveTailHandlers, LogEvent, LogFilterPage, LogFilterRequest, LogReader, ReadOptions} from '../../source/port/types.js';

export class FakeLogs {
	readonly store = new Map<string, LogEvent[]>();
	readonly calls: LogFilterRequest[] = [];
	/** The signal of each call, in order. */
	readonly signals: Array<AbortSignal | undefined> = [];
	/** Shifted once per filterLogEvents call; a value is thrown, undefined means "answer". */
	readonly failures: unknown[] = [];
	pageSize = 2;
	emptyPagesBetween = 0;
	/** Answer with every stored event whatever startTime says (a careless backend). */
	ignoreStartTime = false;
	/** When set, each call waits for it. */
	gate: Promise<void> | undefined;
	inFlight = 0;
	maxInFlight = 0;
	/** Events answered in all, over every call: what the reads cost. */
	returned = 0;

	add(group: string, eventId: string, timestamp: number, message = `message ${eventId}`): LogEvent {
		const event: LogEvent = {eventId, timestamp, logGroup: group, logStream: 'stream-a', message};
		const list = this.store.get(group) ?? [];
		list.push(event);
		this.store.set(group, list);
		return event;
	}

	private page(request: LogFilterRequest): LogFilterPage {
		const all = (this.store.get(request.logGroup) ?? [])
			.filter((e) => this.ignoreStartTime || e.timestamp >= request.startTime)
			.sort((a, b) => a.timestamp - b.timestamp);
		// token: "<offset>:<empty pages already sent before this offset>"
		const [offsetText, emptyText] = (request.nextToken ?? '0:0').split(':');
		const offset = Number(offsetText);
		const emptiesSent = Number(emptyText);
		if (offset > 0 && emptiesSent < this.emptyPagesBetween) {
			return {events: [], nextToken: `${offset}:${emptiesSent + 1}`};
		}
		const events = all.slice(offset, offset + this.pageSize);
		const next = offset + this.pageSize;
		return next < all.length ? {events, nextToken: `${next}:0`} : {events};
	}

	readonly reader = {
		filterLogEvents: async (request: LogFilterRequest, options?: ReadOptions): Promise<LogFilterPage> => {
			this.calls.push(request);
			this.signals.push(options?.signal);
			this.inFlight++;
			this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
			try {
				await Promise.resolve();
				if (this.gate) await this.gate;
				const failure = this.failures.shift();
				if (failure !== undefined) throw failure;
				const page = this.page(request);
				this.returned += page.events.length;
				return page;
			} finally {
				this.inFlight--;
			}
		},
		describeLogGroups: async () => [],
		describeMetricFilters: async () => [],
	} satisfies LogReader;
}

/** A Live Tail the test drives: `start` decides how the session starts, `handlers` are kept. */
export class FakeLiveTail {
	handlers: LiveTailHandlers | undefined;
	starts = 0;
	closes = 0;
	patterns: Array<string | undefined> = [];
	startWith: unknown = undefined; // a value to reject with

	constructor(readonly logs: FakeLogs) {}

	readonly reader = {
		filterLogEvents: (request: LogFilterRequest, options?: ReadOptions) => this.logs.reader.filterLogEvents(request, options),
		describeLogGroups: async () => [],
		describeMetricFilters: async () => [],
		startLiveTail: async (_groups: string[], pattern: string | undefined, handlers: LiveTailHandlers) => {
			this.starts++;
			this.patterns.push(pattern);
			await Promise.resolve();
			if (this.startWith !== undefined) throw this.startWith;
			this.handlers = handlers;
			return () => {
				this.closes++;
			};
		},
	} satisfies LogReader;
}
