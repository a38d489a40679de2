import {dirname, join} from 'node:path';
import meow from 'meow';
import type {AppConfig} from '../config/app-config.js';
import {parseFlags} from '../config/parse-flags.js';
import {drillHistoryPath, readHistory} from '../drills/history.js';
import {scenarioById, scenarios} from '../drills/scenarios.js';
import type {DrillScenario} from '../drills/scenario-types.js';
import {historyLines} from '../format/drill-card.js';
import {sanitize} from '../format/sanitize.js';
import {exitCodes, UsageError} from './args.js';

// `acso-tui drill`: practise a tree of the guide on the simulated account. --list and --history
// print and exit; a scenario name (or `random`) hands the CLI what it needs to draw the drill.

export const drillHelp = `
  Usage
    $ acso-tui drill --list            the scenarios: name, the tree each exercises, difficulty
    $ acso-tui drill NAME | random     play one on a fresh simulated account (full screen)
    $ acso-tui drill --history         past report cards

  A drill breaks the simulated account the way one tree of the guide describes, at a random moment
  of the first minute, with harmless noise beside it. Find the cause, fix it (changes are allowed:
  against the simulated account only, never AWS), and get a report card. In the drill, H reveals
  the next step of the ideal path (10 points) and X gives up.

  Options
    --seed N         the simulated account's seed and the drill's timing (default: a new one each run)
    --inject-now     inject the fault at once instead of within the first minute
    --refresh S      refresh interval in seconds (default 2)

  Not accepted: --endpoint-url, --profile, --region (a drill never touches AWS) and --guide (a
  guide of your own has no built-in scenarios).

  Exit codes: 0 done (whatever the score), 2 usage error.
  Report cards go to $XDG_STATE_HOME/acso-tui/drills.jsonl (default ~/.local/state/acso-tui/drills.jsonl).
`;

const flagSpec = {
	list: {type: 'boolean'},
	history: {type: 'boolean'},
	seed: {type: 'string'},
	injectNow: {type: 'boolean'},
	refresh: {type: 'string'},
	endpointUrl: {type: 'string'},
	profile: {type: 'string'},
	region: {type: 'string'},
	guide: {type: 'string'},
} as const;

export type DrillLaunch = {scenario: DrillScenario; seed: number; injectDelayMs: number; config: AppConfig; historyPath: string; auditPath: string};

export type DrillCommand = {kind: 'exit'; code: number} | {kind: 'play'; launch: DrillLaunch};

type Io = {stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream; env: NodeJS.ProcessEnv; now: () => number};

const kebab = (name: string) => name.replace(/[A-Z]/g, c => `-${c.toLowerCase()}`);
const camel = (name: string) => name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

/** A number from the seed, in [0, 1): the random scenario and the moment of the fault. */
function unit(seed: number, salt: number): number {
	let x = (Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) + salt * 0xc2b2ae35) >>> 0;
	x = Math.imul(x ^ (x >>> 16), 0x7feb352d) >>> 0;
	x = Math.imul(x ^ (x >>> 15), 0x846ca68b) >>> 0;
	return ((x ^ (x >>> 16)) >>> 0) / 2 ** 32;
}

export function listLines(): string[] {
	const width = Math.max(...scenarios.map(s => s.id.length));
	const rows = scenarios.map(s => `${s.id.padEnd(width)}  ${s.treeTitle.padEnd(42)}  ${s.difficulty}`.trimEnd());
	return [`${'NAME'.padEnd(width)}  ${'TREE'.padEnd(42)}  DIFFICULTY`, ...rows.map(row => sanitize(row))];
}

/** Parses `acso-tui drill ...`: prints what is printed, or says what to play. */
export function parseDrill(argv: string[], io: Io): DrillCommand {
	const cli = meow(drillHelp, {importMeta: import.meta, argv, flags: flagSpec, allowUnknownFlags: true, booleanDefault: undefined, autoVersion: false});
	const known = new Set(Object.keys(flagSpec));
	const unknown = Object.keys(cli.unnormalizedFlags).filter(f => !known.has(f) && !known.has(camel(f)));
	if (unknown[0] !== undefined) throw new UsageError(`unknown option --${kebab(unknown[0]).replace(/^-+/, '')} (see acso-tui drill --help)`);
	const flags = cli.flags;
	for (const name of ['endpointUrl', 'profile', 'region'] as const) {
		if (flags[name] !== undefined) throw new UsageError(`drill runs on the simulated account only, never AWS: --${kebab(name)} is not accepted`);
	}
	if (flags.guide !== undefined) throw new UsageError('drill has no built-in scenarios for a --guide FILE: its scenarios are written for the built-in guide\u2019s trees');
	if (flags.list) {
		io.stdout.write(`${listLines().join('\n')}\n`);
		return {kind: 'exit', code: exitCodes.healthy};
	}
	const historyPath = drillHistoryPath(io.env);
	if (flags.history) {
		const history = readHistory(historyPath);
		io.stdout.write(`${historyLines(history.cards).join('\n')}\n`);
		if (history.unreadable > 0) io.stderr.write(`acso-tui: ${history.unreadable} line(s) of ${historyPath} could not be read and were skipped\n`);
		return {kind: 'exit', code: exitCodes.healthy};
	}
	if (cli.input.length === 0) throw new UsageError('drill needs a scenario name, random, --list or --history (see acso-tui drill --help)');
	if (cli.input.length > 1) throw new UsageError(`unexpected argument ${JSON.stringify(cli.input[1])} (see acso-tui drill --help)`);
	let seed: number;
	if (flags.seed === undefined) seed = Math.floor(io.now() % 2_147_483_647);
	else if (/^\d{1,9}$/.test(flags.seed)) seed = Number(flags.seed);
	else throw new UsageError(`--seed must be a whole number, got ${JSON.stringify(flags.seed)}`);
	const name = cli.input[0]!;
	let scenario: DrillScenario | undefined;
	if (name === 'random') scenario = scenarios[Math.floor(unit(seed, 1) * scenarios.length)];
	else scenario = scenarioById(name);
	if (!scenario) throw new UsageError(`no drill ${JSON.stringify(sanitize(name))}: acso-tui drill --list names them`);
	// Changes are allowed, on the simulated account only (mode demo: the AWS code is never loaded).
	const parsed = parseFlags({demo: true, write: true, seed: String(seed), ...(flags.refresh === undefined ? {} : {refresh: flags.refresh})}, {}, {});
	if (!parsed.ok) throw new UsageError(parsed.error);
	const injectDelayMs = flags.injectNow ? 0 : Math.round((5 + unit(seed, 2) * 55) * 1000);
	// A drill's changes are audited like any, apart from the real audit trail.
	const auditPath = join(dirname(historyPath), 'drill-audit.jsonl');
	return {kind: 'play', launch: {scenario, seed, injectDelayMs, config: {...parsed.config, auditLogPath: auditPath}, historyPath, auditPath}};
}
