// The text the simulated agents write: plain lines
//   2026-11-28T12:00:01.123Z ERROR [supervisor] workflow wf-1234 timed out waiting for threat-hunter
// or JSON objects for the services that log structured data. The words the troubleshooting guide
// filters on (ERROR, FATAL, bedrock, authentication, timeout, slow, processing, analysis,
// computation, memory, heap, OutOfMemory, connection, database, pool) all occur, in the situations
// that would produce them: heap warnings follow the leak, pool errors follow the connection count.

import {isoTime} from './clock.js';
import type {Rng} from './random.js';

export type Level = 'INFO' | 'WARN' | 'ERROR' | 'FATAL';

export type LineContext = {
	env: string;
	short: string;
	taskId: string;
	version: string;
	t: number;
	memPercent: number;
	usedMiB: number;
	memoryMiB: number;
	/** Share of the database pool in use, 0..1 (0 for services without a database). */
	poolBusy: number;
	/** Short names of this environment's services with no running task. */
	down: readonly string[];
	jsonLogs: boolean;
	/** Share of ordinary lines that are errors of a regressed image (0: none). */
	regression?: number;
};

type Template = {weight: number; level: Level; text: (rng: Rng, ctx: LineContext) => string; fields?: (rng: Rng) => Record<string, unknown>};

const MODELS = ['anthropic.claude-3-5-sonnet-20240620-v1:0', 'anthropic.claude-3-haiku-20240307-v1:0', 'amazon.titan-embed-text-v2:0'];
const PEERS = ['threat-hunter', 'incident-response', 'service-orchestration', 'financial-intelligence'];
const PLAYBOOKS = ['isolate-host', 'revoke-credentials', 'block-ip', 'snapshot-volume', 'notify-soc'];
const HUNTS = ['lateral movement from 10.0.4.0/24', 'impossible travel logins', 'beaconing to rare domains', 'privilege escalation via iam:PassRole', 'unusual s3:GetObject volume'];

const wf = (rng: Rng) => `wf-${rng.int(1000, 9999)}`;
const inc = (rng: Rng) => `INC-${rng.int(10000, 99999)}`;
const ms = (rng: Rng, low: number, high: number) => rng.int(low, high);

const COMMON: Template[] = [
	{weight: 6, level: 'INFO', text: rng => `GET /health 200 ${ms(rng, 1, 9)}ms`},
	{weight: 3, level: 'INFO', text: rng => `bedrock InvokeModel ${rng.pick(MODELS)} ok in ${ms(rng, 380, 4200)}ms (${rng.int(200, 3800)} tokens)`},
	{weight: 0.8, level: 'WARN', text: rng => `bedrock throttled (ThrottlingException), retry ${rng.int(1, 4)}/5 in ${ms(rng, 200, 3200)}ms`},
	{weight: 0.25, level: 'ERROR', text: () => 'BedrockConnectionError: could not reach bedrock-runtime.us-east-1.amazonaws.com: read timeout after 30s'},
	{weight: 0.15, level: 'WARN', text: () => 'authentication with bedrock-runtime failed (ExpiredTokenException); refreshing task role credentials'},
];

const BY_SERVICE: Record<string, Template[]> = {
	supervisor: [
		{weight: 8, level: 'INFO', text: (rng) => `workflow ${wf(rng)} dispatched to ${rng.pick(PEERS)} (priority ${rng.int(1, 5)})`},
		{weight: 7, level: 'INFO', text: rng => `workflow ${wf(rng)} completed in ${ms(rng, 300, 9000)}ms (${rng.int(2, 11)} steps)`},
		{weight: 4, level: 'INFO', text: rng => `heartbeat from ${rng.pick(PEERS)} ok (latency ${ms(rng, 2, 40)}ms)`},
		{weight: 2, level: 'INFO', text: rng => `processing ${rng.int(1, 60)} queued events from acso-orchestration-queue`},
		{weight: 1.2, level: 'WARN', text: rng => `workflow ${wf(rng)} slow: step ${rng.int(1, 8)} took ${rng.range(5, 28).toFixed(1)}s`},
		{weight: 0.7, level: 'ERROR', text: rng => `workflow ${wf(rng)} timed out waiting for ${rng.pick(PEERS)}`},
		{weight: 0.4, level: 'WARN', text: rng => `retrying call to ${rng.pick(PEERS)}: connection reset by peer`},
	],
	'threat-hunter': [
		{weight: 8, level: 'INFO', text: rng => `analysis of ${rng.int(40, 4000)} events completed in ${rng.range(0.2, 6).toFixed(1)}s (${rng.int(0, 12)} indicators)`},
		{weight: 4, level: 'INFO', text: rng => `hunt h-${rng.int(100, 999)} started: ${rng.pick(HUNTS)}`},
		{weight: 3, level: 'INFO', text: rng => `embedding computation for ${rng.int(16, 512)} documents finished in ${ms(rng, 120, 2400)}ms`},
		{weight: 1.2, level: 'WARN', text: rng => `slow analysis: hunt h-${rng.int(100, 999)} exceeded its ${rng.pick([30, 60, 120])}s budget`},
		{weight: 0.5, level: 'ERROR', text: rng => `hunt h-${rng.int(100, 999)} failed: timeout querying CloudTrail lake after 60s`},
	],
	'incident-response': [
		{weight: 8, level: 'INFO', text: rng => `incident ${inc(rng)} triaged: severity ${rng.pick(['low', 'medium', 'high', 'critical'])}`},
		{weight: 5, level: 'INFO', text: rng => `playbook ${rng.pick(PLAYBOOKS)} executed for ${inc(rng)} in ${ms(rng, 200, 6000)}ms`},
		{weight: 2, level: 'INFO', text: rng => `database query incidents.open returned ${rng.int(0, 80)} rows in ${ms(rng, 3, 90)}ms`},
		{weight: 0.8, level: 'WARN', text: rng => `slow database query on incidents (${rng.range(1.2, 6).toFixed(1)}s): SELECT ... WHERE status = 'open'`},
		{weight: 0.4, level: 'ERROR', text: rng => `playbook ${rng.pick(PLAYBOOKS)} failed for ${inc(rng)}: step timed out after 120s`},
	],
	'service-orchestration': [
		{weight: 8, level: 'INFO', text: rng => `task batch ${rng.int(10000, 99999)} scheduled`, fields: rng => ({queue: 'acso-tasks', size: rng.int(1, 40)})},
		{weight: 5, level: 'INFO', text: () => 'queue consumer scaled', fields: rng => ({queue: 'acso-tasks', consumers: rng.int(2, 8)})},
		{weight: 2, level: 'INFO', text: () => 'processing completed', fields: rng => ({durationMs: ms(rng, 20, 1800), items: rng.int(1, 200)})},
		{weight: 1, level: 'WARN', text: () => 'slow downstream response', fields: rng => ({target: rng.pick(PEERS), latencyMs: ms(rng, 2000, 9000)})},
		{weight: 0.4, level: 'ERROR', text: () => 'dispatch failed: upstream request timeout', fields: rng => ({target: rng.pick(PEERS), attempt: rng.int(1, 3)})},
	],
	'financial-intelligence': [
		{weight: 8, level: 'INFO', text: () => 'cost analysis computation finished', fields: rng => ({accounts: rng.int(1, 12), durationMs: ms(rng, 400, 9000)})},
		{weight: 4, level: 'INFO', text: () => 'budget forecast updated', fields: rng => ({month: '2026-12', forecastUsd: rng.int(40000, 90000)})},
		{weight: 1, level: 'WARN', text: () => 'performance: cost explorer call slow', fields: rng => ({latencyMs: ms(rng, 3000, 12000)})},
		{weight: 0.3, level: 'ERROR', text: () => 'anomaly detection failed: database query timeout', fields: () => ({timeoutMs: 30000})},
	],
};

const totals = new WeakMap<readonly Template[], number>();

function pickTemplate(rng: Rng, templates: readonly Template[]): Template {
	let total = totals.get(templates);
	if (total === undefined) {
		total = 0;
		for (const template of templates) total += template.weight;
		totals.set(templates, total);
	}
	let roll = rng.next() * total;
	for (const template of templates) {
		roll -= template.weight;
		if (roll < 0) return template;
	}
	return templates[templates.length - 1]!;
}

type Line = {level: Level; text: string; fields?: Record<string, unknown>};

/** The incident-driven lines, when the situation calls for one; undefined otherwise. */
function situationLine(rng: Rng, ctx: LineContext): Line | undefined {
	const pressure = (ctx.memPercent - 80) / 20;
	if (pressure > 0 && rng.chance(0.45 * pressure)) {
		switch (rng.int(0, 2)) {
			case 0:
				return {level: 'WARN', text: `heap usage ${ctx.memPercent.toFixed(0)}% of container memory limit (${Math.round(ctx.usedMiB)}/${ctx.memoryMiB} MiB) after full GC`};
			case 1:
				return {level: 'WARN', text: `GC pause ${ms(rng, 300, 2400)}ms, reclaimed only ${rng.int(2, 40)} MiB; workflow state cache holds ${rng.int(40000, 190000)} entries`};
			default:
				return {level: 'ERROR', text: `MemoryError: unable to allocate ${rng.int(8, 96)} MiB for workflow ${wf(rng)} state (memory pressure ${ctx.memPercent.toFixed(0)}%)`};
		}
	}
	if (ctx.poolBusy > 0.75 && rng.chance((ctx.poolBusy - 0.75) * 0.15)) {
		if (rng.chance(0.15)) {
			return {
				level: 'ERROR',
				text:
					`failed to persist incident ${inc(rng)}: database connection pool exhausted\n` +
					'Traceback (most recent call last):\n' +
					'  File "/app/acso/storage/pool.py", line 88, in acquire\n' +
					'    conn = self._pool.connect()\n' +
					'sqlalchemy.exc.TimeoutError: QueuePool limit of size 10 overflow 0 reached, connection timed out, timeout 30.00',
			};
		}
		return {level: 'ERROR', text: `database connection pool exhausted (10/10 in use), waited ${rng.pick([5000, 10000, 30000])}ms for a connection`};
	}
	if (ctx.regression !== undefined && ctx.regression > 0 && rng.chance(ctx.regression)) {
		return rng.chance(0.5)
			? {level: 'ERROR', text: `playbook ${rng.pick(PLAYBOOKS)} failed for ${inc(rng)}: KeyError: 'severity_score' (incident schema ${ctx.version})`}
			: {level: 'ERROR', text: `triage of ${inc(rng)} failed: TypeError: cannot read field 'assets' of null in enrich_context`};
	}
	if (ctx.short === 'supervisor' && ctx.down.length > 0 && rng.chance(0.3)) {
		const peer = rng.pick(ctx.down);
		return rng.chance(0.5)
			? {level: 'ERROR', text: `workflow ${wf(rng)} timed out waiting for ${peer}`}
			: {level: 'ERROR', text: `${peer} unavailable: no healthy targets for acso-${ctx.env}-${peer}.acso.local:8000 (connection refused)`};
	}
	return undefined;
}

export function format(ctx: LineContext, t: number, line: Line): string {
	// join() builds one flat string; a template literal would keep a rope of its pieces alive, and
	// the sim stores tens of thousands of these.
	if (!ctx.jsonLogs) return [isoTime(t), ' ', line.level, ' [', ctx.short, '] ', line.text].join('');
	return JSON.stringify({
		timestamp: isoTime(t),
		level: line.level,
		logger: `acso.${ctx.short.replace(/-/g, '_')}`,
		msg: line.text,
		task: ctx.taskId.slice(0, 8),
		...line.fields,
	});
}

/** One ordinary line a running task writes at time t. */
export function logLine(rng: Rng, ctx: LineContext, t: number): string {
	const situation = situationLine(rng, ctx);
	if (situation) return format(ctx, t, situation);
	const own = BY_SERVICE[ctx.short] ?? [];
	const template = pickTemplate(rng, rng.chance(0.2) ? COMMON : own.length > 0 ? own : COMMON);
	return format(ctx, t, {level: template.level, text: template.text(rng, ctx), fields: template.fields?.(rng)});
}

export function startupLine(ctx: LineContext, t: number): string {
	return format(ctx, t, {level: 'INFO', text: `starting ${ctx.short}-agent ${ctx.version} (task ${ctx.taskId.slice(0, 8)}, env ${ctx.env})`});
}

export function shutdownLine(ctx: LineContext, t: number): string {
	return format(ctx, t, {level: 'INFO', text: 'received SIGTERM, draining in-flight workflows and closing database connections'});
}

export function oomLine(ctx: LineContext, t: number): string {
	return format(ctx, t, {
		level: 'FATAL',
		text: `OutOfMemoryError: worker killed by the kernel OOM killer (RSS ${Math.round(ctx.usedMiB)} MiB, container limit ${ctx.memoryMiB} MiB)`,
	});
}
