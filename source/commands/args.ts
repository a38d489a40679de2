import meow from 'meow';
import type {AppConfig} from '../config/app-config.js';
import {configFilePath, loadFileConfig} from '../config/config-file.js';
import {parseFlags, type RawFlags} from '../config/parse-flags.js';
import {captureProcessOutput} from '../shell/captured-output.js';

// Flags of the subcommands: the dashboard's own (validated by the same parseFlags, so --env, --db,
// --endpoint-url ... mean the same everywhere) plus each subcommand's. A usage error is exit 2.

export const exitCodes = {healthy: 0, attention: 1, usage: 2, unreadable: 3} as const;

export class UsageError extends Error {}

/** The dashboard's flags that make sense without a screen (not --write, --guide, --log-buffer). */
export const sharedFlagSpec = {
	env: {type: 'string'},
	region: {type: 'string'},
	profile: {type: 'string'},
	endpointUrl: {type: 'string'},
	demo: {type: 'boolean'},
	refresh: {type: 'string'},
	seed: {type: 'string'},
	cluster: {type: 'string'},
	logGroup: {type: 'string', isMultiple: true},
	db: {type: 'string'},
} as const;

export const sharedFlagHelp = `    --env NAME           environment (default production): acso-{env}-cluster, acso-{env}-db ...
    --region REGION      AWS region (else AWS_REGION, AWS_DEFAULT_REGION, the profile's)
    --profile NAME       AWS profile from ~/.aws/config
    --endpoint-url URL   send AWS calls to an emulator (also AWS_ENDPOINT_URL)
    --cluster NAME       ECS cluster (overrides the name from --env)
    --log-group NAME     log group to read; repeat for more
    --db ID              RDS instance identifier
    --demo               the built-in simulated ACSO account, no AWS needed
    --seed N             seed of the simulated account (default 42)`;

type Spec = Record<string, {type: 'string' | 'boolean'; isMultiple?: boolean}>;

const kebab = (name: string) => name.replace(/[A-Z]/g, c => `-${c.toLowerCase()}`);
const camel = (name: string) => name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

/**
 * Parses `argv` (after the subcommand's name) with `extra` flags. `--help` prints `help` and exits
 * 0 (meow). Throws UsageError with one line for an unknown flag, a stray argument or a bad value.
 */
export function parseCommand<E extends Spec>(name: string, argv: string[], help: string, extra: E, env: NodeJS.ProcessEnv) {
	const flags = {...sharedFlagSpec, ...extra};
	const cli = meow(help, {importMeta: import.meta, argv, flags, allowUnknownFlags: true, booleanDefault: undefined, autoVersion: false});
	// From here only the command writes to stdout and stderr (meow's --help above goes to stdout):
	// an SDK notice (process.emitWarning) or a stray console call from a credential provider would
	// break --json or the one-line error.
	captureProcessOutput();
	const known = new Set(Object.keys(flags));
	const unknown = Object.keys(cli.unnormalizedFlags).filter(f => !known.has(f) && !known.has(camel(f)));
	if (unknown[0] !== undefined) throw new UsageError(`unknown option --${kebab(unknown[0]).replace(/^-+/, '')} (see acso-tui ${name} --help)`);
	if (cli.input.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(cli.input[0])} (see acso-tui ${name} --help)`);
	const file = loadFileConfig(configFilePath(env));
	if (!file.ok) throw new UsageError(file.error);
	const parsed = parseFlags(cli.flags as RawFlags, env, file.config);
	if (!parsed.ok) throw new UsageError(parsed.error);
	return {config: parsed.config as AppConfig, flags: cli.flags as Record<string, unknown>};
}

/** "10m", "2h", "30s", "1d", "90" (seconds) -> milliseconds; undefined when unreadable. */
export function parseSince(text: string): number | undefined {
	const match = /^\s*(\d+(?:\.\d+)?)\s*(s|m|h|d)?\s*$/.exec(text);
	if (!match) return undefined;
	const unit = {s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000}[(match[2] ?? 's') as 's' | 'm' | 'h' | 'd'];
	const ms = Number(match[1]) * unit;
	return ms > 0 && ms <= 30 * 86_400_000 ? ms : undefined;
}
