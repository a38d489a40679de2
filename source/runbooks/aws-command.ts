// Parses one command of the guide into a program, (for aws) a service and operation, and its options
// as option -> values. Nothing is executed; see shell-words.ts for what the tokenizer understands.
import {type ShellIssue, type Substitution, tokenize} from './shell-words.js';

export type ParsedCommand = {
	/** The command text that was parsed. */
	text: string;
	/** Leading assignments: `ENVIRONMENT=production ./scripts/deploy-to-ecs.sh` -> {ENVIRONMENT: 'production'}. */
	env: Record<string, string>;
	/** The words after the assignments, evaluated: what an execFile would receive. */
	argv: string[];
	program: string;
	/** For `aws SERVICE OPERATION ...`. */
	service?: string;
	operation?: string;
	/**
	 * Options without the leading dashes -> their values, in order; repeated options append; a flag
	 * has no values. Global aws options (--region, --query, --output ...) are kept here too.
	 */
	args: Record<string, string[]>;
	/** Words that belong to no option (`./scripts/deploy-to-ecs.sh rollback` -> ['rollback']). */
	positionals: string[];
	substitutions: Substitution[];
	/** Options whose value came from a `$(date ...)`: relative to the clock, not fixed times. */
	clockOptions: string[];
	/** Variables referenced and not assigned by the command itself: ECR_REGISTRY, ... */
	variables: string[];
	/** Shell constructs acso-tui will not run (pipes, cd, <(...)); the command is then manual. */
	unsupported: ShellIssue[];
	/** The command could not be read (unclosed quote, too long, empty). */
	errors: ShellIssue[];
};

// aws global options that take a value; the rest of the global options are flags.
const globalValueOptions = new Set([
	'region',
	'profile',
	'output',
	'query',
	'endpoint-url',
	'color',
	'ca-bundle',
	'cli-read-timeout',
	'cli-connect-timeout',
	'cli-binary-format',
]);

// Shell builtins that change the shell itself: running them in a child would do nothing useful.
const shellBuiltins = new Set(['cd', 'export', 'source', '.', 'alias', 'set', 'unset', 'eval', 'exec', 'pushd', 'popd']);

const assignment = /^([A-Za-z_][A-Za-z0-9_]*)=/;

/** Parses `text` with `$(date ...)` evaluated against `now` (epoch ms). Never throws. */
export function parseCommand(text: string, options: {now: number}): ParsedCommand {
	const tokens = tokenize(text, {now: options.now});
	const parsed: ParsedCommand = {
		text,
		env: {},
		argv: [],
		program: '',
		args: {},
		positionals: [],
		substitutions: tokens.substitutions,
		clockOptions: [],
		variables: [],
		unsupported: tokens.issues.filter(issue => issue.kind === 'unsupported'),
		errors: tokens.issues.filter(issue => issue.kind === 'error'),
	};
	let k = 0;
	for (; k < tokens.words.length; k++) {
		const word = tokens.words[k];
		if (!word) break;
		const match = assignment.exec(word.raw);
		if (!match) break;
		parsed.env[match[1] as string] = word.value.slice((match[1] as string).length + 1);
	}
	const rest = tokens.words.slice(k);
	parsed.argv = rest.map(word => word.value);
	parsed.variables = [...new Set(rest.flatMap(word => word.variables))].filter(name => !(name in parsed.env));
	parsed.program = parsed.argv[0] ?? '';
	if (parsed.argv.length === 0 && parsed.errors.length === 0) {
		parsed.errors.push({kind: 'error', construct: '', index: 0, message: 'no command to run (only assignments or nothing at all)'});
	}
	if (shellBuiltins.has(parsed.program)) {
		parsed.unsupported.push({
			kind: 'unsupported',
			construct: parsed.program,
			index: rest[0]?.index ?? 0,
			message: `\`${parsed.program}\` changes the shell itself; acso-tui runs no shell (${parsed.program === 'cd' ? 'run the next commands from that directory yourself' : 'do it yourself'})`,
		});
	}

	let i = 1;
	if (parsed.program === 'aws') {
		// Global options may come before the service: aws --region us-east-1 ecs list-clusters
		while (i < rest.length) {
			const word = rest[i] as (typeof rest)[number];
			if (word.quoted || !word.value.startsWith('--')) break;
			const eq = word.value.indexOf('=');
			const name = (eq < 0 ? word.value.slice(2) : word.value.slice(2, eq)).toLowerCase();
			const values = (parsed.args[name] ??= []);
			const next = rest[i + 1];
			if (eq >= 0) {
				values.push(word.value.slice(eq + 1));
				i++;
			} else if (globalValueOptions.has(name) && next) {
				values.push(next.value);
				i += 2;
			} else i++;
		}
		parsed.service = rest[i]?.value;
		parsed.operation = rest[i + 1]?.value;
		i += 2;
	}
	let current: string | undefined;
	for (; i < rest.length; i++) {
		const word = rest[i] as (typeof rest)[number];
		if (!word.quoted && /^--[A-Za-z0-9]/.test(word.value)) {
			const eq = word.value.indexOf('=');
			current = (eq < 0 ? word.value.slice(2) : word.value.slice(2, eq)).toLowerCase();
			const values = (parsed.args[current] ??= []);
			if (eq >= 0) {
				values.push(word.value.slice(eq + 1));
				if (word.fromClock && !parsed.clockOptions.includes(current)) parsed.clockOptions.push(current);
			}
			continue;
		}
		if (current === undefined) parsed.positionals.push(word.value);
		else {
			(parsed.args[current] as string[]).push(word.value);
			if (word.fromClock && !parsed.clockOptions.includes(current)) parsed.clockOptions.push(current);
		}
	}
	return parsed;
}

/** True when the command can run without a shell: no errors and no unsupported constructs. */
export function isPlain(parsed: ParsedCommand): boolean {
	return parsed.errors.length === 0 && parsed.unsupported.length === 0;
}

/** The one value of an option, or undefined; several values are joined with a space. */
export function optionValue(parsed: ParsedCommand, name: string): string | undefined {
	const values = parsed.args[name];
	if (values === undefined || values.length === 0) return undefined;
	return values.join(' ');
}

export function hasFlag(parsed: ParsedCommand, name: string): boolean {
	return parsed.args[name] !== undefined;
}

/**
 * The values of a list option, accepting both forms the aws CLI takes:
 * `--statistics Average Maximum` and `--statistics Average,Maximum`.
 */
export function listValues(values: readonly string[] | undefined): string[] {
	if (!values) return [];
	return values.flatMap(value => value.split(',')).map(value => value.trim()).filter(value => value !== '');
}

export type ShorthandResult = {ok: true; value: Record<string, string>} | {ok: false; message: string};

/**
 * The aws CLI's shorthand `Key=Value,Key2=Value2` (also a JSON object). Keys are kept as written.
 * `metricName=ErrorCount,metricNamespace=ACSO/Errors,metricValue=1` -> {metricName: 'ErrorCount', ...}
 */
export function parseShorthand(text: string): ShorthandResult {
	const trimmed = text.trim();
	if (trimmed.startsWith('{')) {
		try {
			const value: unknown = JSON.parse(trimmed);
			if (value === null || typeof value !== 'object' || Array.isArray(value)) return {ok: false, message: 'expected a JSON object'};
			const out: Record<string, string> = {};
			for (const [key, v] of Object.entries(value as Record<string, unknown>)) out[key] = typeof v === 'string' ? v : JSON.stringify(v);
			return {ok: true, value: out};
		} catch (error) {
			return {ok: false, message: `invalid JSON: ${(error as Error).message}`};
		}
	}
	const out: Record<string, string> = {};
	if (trimmed === '') return {ok: false, message: 'empty value: expected Key=Value[,Key=Value...]'};
	for (const pair of trimmed.split(',')) {
		const eq = pair.indexOf('=');
		if (eq <= 0) return {ok: false, message: `"${pair.length > 40 ? `${pair.slice(0, 40)}...` : pair}" is not Key=Value`};
		out[pair.slice(0, eq).trim()] = pair.slice(eq + 1).trim();
	}
	return {ok: true, value: out};
}

export type DimensionsResult = {ok: true; dimensions: Record<string, string>} | {ok: false; message: string};

/**
 * `--dimensions Name=ServiceName,Value=X Name=ClusterName,Value=Y` (repeatable, or several values
 * of one option), and the JSON list form `[{"Name":"ServiceName","Value":"X"}]`.
 */
export function parseDimensions(values: readonly string[] | undefined): DimensionsResult {
	const dimensions: Record<string, string> = {};
	for (const value of values ?? []) {
		const trimmed = value.trim();
		if (trimmed.startsWith('[')) {
			let list: unknown;
			try {
				list = JSON.parse(trimmed);
			} catch (error) {
				return {ok: false, message: `--dimensions: invalid JSON: ${(error as Error).message}`};
			}
			if (!Array.isArray(list)) return {ok: false, message: '--dimensions: expected a JSON list of {"Name","Value"}'};
			for (const item of list) {
				const entry = item as {Name?: unknown; Value?: unknown} | null;
				if (!entry || typeof entry.Name !== 'string' || typeof entry.Value !== 'string') {
					return {ok: false, message: '--dimensions: each JSON entry needs string Name and Value'};
				}
				dimensions[entry.Name] = entry.Value;
			}
			continue;
		}
		const pair = parseShorthand(trimmed);
		if (!pair.ok) return {ok: false, message: `--dimensions: ${pair.message}`};
		const {Name: name, Value: v} = pair.value;
		if (name === undefined || v === undefined) {
			return {ok: false, message: `--dimensions: "${trimmed}" needs Name=...,Value=...`};
		}
		dimensions[name] = v;
	}
	return {ok: true, dimensions};
}

/** "aws ecs describe-clusters", "docker build", "./scripts/deploy-to-ecs.sh rollback": a step's short name. */
export function shortForm(parsed: ParsedCommand): string {
	if (parsed.program === 'aws' && parsed.service) return ['aws', parsed.service, parsed.operation ?? ''].join(' ').trim();
	const second = parsed.argv[1];
	return second !== undefined && !second.startsWith('-') && second.length < 40 ? `${parsed.program} ${second}` : parsed.program;
}
