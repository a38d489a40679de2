// CloudWatch Logs on the simulated account: FilterLogEvents paging (small pages, empty pages with
// a token), stable ids, late ingestion, patterns, streams and time bounds; log groups, metric
// filters, and lines injected by tests.
import {describe, expect, it} from 'vitest';
import type {LogEvent, LogFilterRequest} from '../../source/port/types.js';
import type {SimCloud} from '../../source/sim/index.js';
import {failure, makeSim, MINUTE, PROD, PROD_LOGS, SUPERVISOR, T0} from './sim-helpers.js';

async function readAll(sim: SimCloud, request: LogFilterRequest): Promise<{events: LogEvent[]; pages: number; emptyWithToken: number}> {
	const events: LogEvent[] = [];
	let pages = 0;
	let emptyWithToken = 0;
	let nextToken: string | undefined;
	do {
		const page = await sim.logs.filterLogEvents({...request, nextToken});
		pages++;
		if (page.events.length === 0 && page.nextToken) emptyWithToken++;
		events.push(...page.events);
		nextToken = page.nextToken;
		if (pages > 1000) throw new Error('paging did not end');
	} while (nextToken);
	return {events, pages, emptyWithToken};
}

describe('filterLogEvents', () => {
	it('pages in small pages, ascending, with unique stable event ids', async () => {
		const h = makeSim(1);
		const request = {logGroup: PROD_LOGS, startTime: T0 - 30 * MINUTE, endTime: T0};
		const first = await h.sim.logs.filterLogEvents(request);
		expect(first.events.length).toBe(500);
		expect(first.nextToken).toBeDefined();
		const all = await readAll(h.sim, request);
		expect(all.pages).toBeGreaterThan(5);
		expect(all.events.length).toBeGreaterThan(3000);
		expect(new Set(all.events.map(e => e.eventId)).size).toBe(all.events.length);
		for (let i = 1; i < all.events.length; i++) expect(all.events[i]!.timestamp).toBeGreaterThanOrEqual(all.events[i - 1]!.timestamp);
		for (const event of all.events) {
			expect(event.timestamp).toBeGreaterThanOrEqual(request.startTime);
			expect(event.timestamp).toBeLessThanOrEqual(request.endTime);
			expect(event.logGroup).toBe(PROD_LOGS);
			expect(event.ingestionTime!).toBeGreaterThanOrEqual(event.timestamp);
		}
		// Reading again later gives the same ids for the same events, plus the last seconds' lines
		// that were not yet ingested at T0.
		h.clock.advance(30_000);
		const again = await readAll(h.sim, request);
		const ids = new Set(again.events.map(e => e.eventId));
		expect(all.events.every(e => ids.has(e.eventId))).toBe(true);
		const seenIds = new Set(all.events.map(e => e.eventId));
		const added = again.events.filter(e => !seenIds.has(e.eventId));
		for (const event of added) {
			expect(event.timestamp).toBeGreaterThan(T0 - 10_000);
			expect(event.ingestionTime!).toBeGreaterThan(T0);
		}
		const limited = await h.sim.logs.filterLogEvents({...request, limit: 40});
		expect(limited.events).toHaveLength(40);
		expect(limited.events.map(e => e.eventId)).toEqual(all.events.slice(0, 40).map(e => e.eventId));
	});

	it('returns empty pages that still carry a token while a rare pattern is searched', async () => {
		const h = makeSim(1);
		const all = await readAll(h.sim, {logGroup: PROD_LOGS, startTime: T0 - 62 * MINUTE, pattern: 'OutOfMemoryError'});
		expect(all.emptyWithToken).toBeGreaterThan(0);
		expect(all.events.length).toBeGreaterThan(0);
		for (const event of all.events) expect(event.message).toContain('OutOfMemoryError');
	});

	it('honours patterns (plain, OR terms, JSON) and refuses an invalid one', async () => {
		const h = makeSim(1);
		const window = {logGroup: PROD_LOGS, startTime: T0 - 10 * MINUTE};
		const errors = await readAll(h.sim, {...window, pattern: 'ERROR'});
		const everything = await readAll(h.sim, window);
		expect(errors.events.length).toBeGreaterThan(0);
		expect(errors.events.length).toBeLessThan(everything.events.length / 3);
		expect(errors.events.every(e => e.message.includes('ERROR'))).toBe(true);
		const either = await readAll(h.sim, {...window, pattern: '?ERROR ?FATAL'});
		expect(either.events.length).toBeGreaterThanOrEqual(errors.events.length);
		const json = await readAll(h.sim, {...window, pattern: '{ $.level = "INFO" }'});
		expect(json.events.length).toBeGreaterThan(0);
		for (const event of json.events) expect(JSON.parse(event.message).level).toBe('INFO');
		const bad = await failure(h.sim.logs.filterLogEvents({...window, pattern: '{ $.level = '}));
		expect(bad.kind).toBe('invalid');
		expect(bad.message).toContain("Invalid filter pattern '{ $.level = '");
	});

	it('honours startTime, endTime and logStreamNames', async () => {
		const h = makeSim(1);
		const [task] = await h.sim.services.describeTasks(PROD, await h.sim.services.listTasks(PROD, {service: SUPERVISOR}));
		const stream = `supervisor/supervisor-agent/${task!.id}`;
		const window = {logGroup: PROD_LOGS, startTime: T0 - 5 * MINUTE, endTime: T0 - 2 * MINUTE, logStreamNames: [stream]};
		const own = await readAll(h.sim, window);
		expect(own.events.length).toBeGreaterThan(10);
		for (const event of own.events) {
			expect(event.logStream).toBe(stream);
			expect(event.timestamp).toBeGreaterThanOrEqual(window.startTime);
			expect(event.timestamp).toBeLessThanOrEqual(window.endTime);
			expect(event.message).toContain('[supervisor]');
		}
		expect((await readAll(h.sim, {...window, logStreamNames: ['no/such/stream']})).events).toEqual([]);
	});

	it('ingests some events seconds late: invisible until ingested, then returned with the same id', async () => {
		const a = makeSim(9);
		a.clock.advance(2 * MINUTE);
		const seen = await readAll(a.sim, {logGroup: PROD_LOGS, startTime: T0 + 5000, endTime: T0 + 100_000});
		const late = seen.events.find(event => event.ingestionTime! - event.timestamp >= 2500);
		expect(late).toBeDefined();
		// The same seed and clock give the same account: look again just before that event arrived.
		const b = makeSim(9);
		b.clock.set(late!.ingestionTime! - 500);
		const before = await readAll(b.sim, {logGroup: PROD_LOGS, startTime: late!.timestamp, endTime: late!.timestamp});
		expect(before.events.map(e => e.eventId)).not.toContain(late!.eventId);
		b.clock.set(late!.ingestionTime!);
		const after = await readAll(b.sim, {logGroup: PROD_LOGS, startTime: late!.timestamp, endTime: late!.timestamp});
		expect(after.events.find(e => e.eventId === late!.eventId)).toEqual(late);
	});

	it('a tailer that never re-reads an overlap misses late events', async () => {
		const h = makeSim(2);
		const tailed = new Set<string>();
		let since = T0;
		for (let second = 0; second < 120; second++) {
			h.clock.advance(1000);
			const page = await readAll(h.sim, {logGroup: PROD_LOGS, startTime: since});
			for (const event of page.events) {
				tailed.add(event.eventId);
				since = Math.max(since, event.timestamp + 1);
			}
		}
		h.clock.advance(20_000);
		const truth = await readAll(h.sim, {logGroup: PROD_LOGS, startTime: T0, endTime: T0 + 110_000});
		const missed = truth.events.filter(event => !tailed.has(event.eventId));
		expect(missed.length).toBeGreaterThan(0);
		// Each was stamped before a newer line the tailer had already seen, but ingested after it.
		for (const event of missed) expect(event.ingestionTime!).toBeGreaterThan(event.timestamp);
	});

	it('refuses a bad token, a bad range and an unknown group', async () => {
		const h = makeSim(1);
		const token = (await h.sim.logs.filterLogEvents({logGroup: PROD_LOGS, startTime: T0 - 30 * MINUTE})).nextToken!;
		const other = await failure(h.sim.logs.filterLogEvents({logGroup: '/aws/acso/staging/agents', startTime: T0 - 30 * MINUTE, nextToken: token}));
		expect(other.kind).toBe('invalid');
		expect(other.message).toContain('nextToken is invalid');
		const range = await failure(h.sim.logs.filterLogEvents({logGroup: PROD_LOGS, startTime: T0, endTime: T0 - 1}));
		expect(range.kind).toBe('invalid');
		const limit = await failure(h.sim.logs.filterLogEvents({logGroup: PROD_LOGS, startTime: T0, limit: 0}));
		expect(limit.message).toContain('limit must be a whole number from 1 to 10000');
		const missing = await failure(h.sim.logs.filterLogEvents({logGroup: '/aws/acso/nowhere/agents', startTime: T0}));
		expect(missing.kind).toBe('not-found');
		expect(missing.resource).toBe('/aws/acso/nowhere/agents');
	});
});

describe('log lines', () => {
	it('look like the agents: ISO timestamp, level, [service]; some JSON; levels INFO/WARN/ERROR/FATAL', async () => {
		const h = makeSim(1);
		const all = await readAll(h.sim, {logGroup: PROD_LOGS, startTime: T0 - 62 * MINUTE});
		const levels = new Set<string>();
		let json = 0;
		for (const event of all.events) {
			if (event.message.startsWith('{')) {
				const parsed = JSON.parse(event.message) as {level: string; msg: string; timestamp: string};
				levels.add(parsed.level);
				expect(parsed.msg.length).toBeGreaterThan(0);
				json++;
			} else {
				const match = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z) (INFO|WARN|ERROR|FATAL) \[([a-z-]+)\] \S/.exec(event.message);
				expect(match, event.message).not.toBeNull();
				expect(Date.parse(match![1]!)).toBe(event.timestamp);
				levels.add(match![2]!);
			}
		}
		expect([...levels].sort()).toEqual(['ERROR', 'FATAL', 'INFO', 'WARN']);
		expect(json).toBeGreaterThan(100);
		// A few per second per environment.
		const perSecond = all.events.length / (62 * 60);
		expect(perSecond).toBeGreaterThan(1.5);
		expect(perSecond).toBeLessThan(8);
		for (const word of ['bedrock', 'timeout', 'heap', 'memory', 'connection', 'database', 'pool', 'slow', 'analysis', 'processing', 'computation']) {
			expect(all.events.some(event => event.message.includes(word)), word).toBe(true);
		}
	});

	it('emitLog appends a line visible at once, byte for byte', async () => {
		const h = makeSim(1);
		h.clock.advance(1234);
		const hostile = '\u001b]0;owned\u0007\u001b[2J\u202eevil\r\nsecond line\u0000';
		h.sim.control.emitLog('production', hostile, 'supervisor');
		const page = await h.sim.logs.filterLogEvents({logGroup: PROD_LOGS, startTime: h.clock.now(), pattern: 'evil'});
		expect(page.events).toHaveLength(1);
		expect(page.events[0]!.message).toBe(hostile);
		expect(page.events[0]!.timestamp).toBe(h.clock.now());
		expect(page.events[0]!.logStream).toMatch(/^supervisor\/supervisor-agent\/[0-9a-f]{32}$/);
		h.sim.control.emitLog('staging', 'plain line');
		const staging = await h.sim.logs.filterLogEvents({logGroup: '/aws/acso/staging/agents', startTime: h.clock.now(), pattern: '"plain line"'});
		expect(staging.events.map(e => e.message)).toEqual(['plain line']);
		expect(() => h.sim.control.emitLog('qa', 'x')).toThrow("emitLog: unknown environment 'qa' (known: production, staging)");
		expect(() => h.sim.control.emitLog('production', 'x', 'nope')).toThrow("emitLog: unknown service 'nope' in production");
	});
});

describe('log groups and metric filters', () => {
	it('describes the groups with retention (production 30 days, staging never expires) and stored bytes', async () => {
		const h = makeSim(1);
		const groups = await h.sim.logs.describeLogGroups('/aws/acso');
		expect(groups.map(g => g.name)).toEqual(['/aws/acso/production/agents', '/aws/acso/staging/agents']);
		expect(groups[0]!.retentionInDays).toBe(30);
		expect(groups[1]!.retentionInDays).toBeUndefined();
		expect(groups[0]!.arn).toBe('arn:aws:logs:us-east-1:123456789012:log-group:/aws/acso/production/agents:*');
		for (const group of groups) expect(group.storedBytes!).toBeGreaterThan(1024 ** 3);
		expect((await h.sim.logs.describeLogGroups()).map(g => g.name)).toContain('/aws/cloudwatch/alarms');
		expect(await h.sim.logs.describeLogGroups('/nothing')).toEqual([]);
	});

	it('describes the metric filters: production counts ERROR lines, staging has none', async () => {
		const h = makeSim(1);
		expect(await h.sim.logs.describeMetricFilters(PROD_LOGS)).toEqual([
			{name: 'ErrorCount', logGroup: PROD_LOGS, pattern: 'ERROR', transformations: [{metricName: 'ErrorCount', metricNamespace: 'ACSO/Errors', metricValue: '1'}]},
		]);
		expect(await h.sim.logs.describeMetricFilters('/aws/acso/staging/agents')).toEqual([]);
		const missing = await failure(h.sim.logs.describeMetricFilters('/aws/acso/qa/agents'));
		expect(missing.kind).toBe('not-found');
	});
});
