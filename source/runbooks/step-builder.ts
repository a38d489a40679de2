// Turns one command of the guide into a runbook Step: the environment substituted, parsed, and
// sorted into what acso-tui runs itself (native), what it can run with the aws CLI (external) and
// what is left to the engineer (manual), with its parameters and where each value comes from.
import type {ResourceNames} from '../port/names.js';
import {hasFlag, isPlain, type ParsedCommand, parseCommand, shortForm} from './aws-command.js';
import {judgeAwsArgv} from './cli-policy.js';
import {commandEffect} from './command-effect.js';
import type {Step, StepParam, StepParams} from './model.js';
import type {RelativeWindow, TimeRef} from './native-call.js';
import {describeDuration, planAwsCommand, scriptFix} from './native-plan.js';
import {findPlaceholders, type Placeholder} from './placeholders.js';
import {substituteEnvironment} from './substitute-env.js';

/**
 * The clock commands are parsed with while building a runbook. Only offsets from it are kept
 * (a `$(date -d '1 hour ago')` becomes "1 hour before the step runs"), so building is pure.
 */
export const referenceNow = Date.UTC(2024, 0, 1);

export type StepSpec = {
	id: string;
	/** The command exactly as the guide writes it (continuation lines included). */
	command: string;
	line: number;
	/** The comment above the command. */
	title?: string;
	/** The last comment before it in its block, when it has none. */
	context?: string;
	/** The resolution or phase the step belongs to (tells "more memory" from "more CPU"). */
	heading?: string;
	group?: string;
	origin?: Step['origin'];
};

export type StepOptions = {names: ResourceNames; guideEnv?: string};

export function buildStep(spec: StepSpec, options: StepOptions): Step {
	const {names} = options;
	const substituted = substituteEnvironment(spec.command, names, options.guideEnv);
	const command = substituted.text.trim();
	const parsed = parseCommand(command, {now: referenceNow});
	const short = shortForm(parsed) || command.slice(0, 40);
	const title = spec.title ?? (spec.context ? `${spec.context} (${short})` : short);
	const placeholders = findPlaceholders(parsed);
	const step: Step = {
		id: spec.id,
		title,
		command,
		effect: commandEffect(parsed),
		runner: 'manual',
		params: paramsOf(parsed, names, substituted.inserted, placeholders),
		origin: spec.origin ?? 'guide',
		line: spec.line,
		...(spec.group === undefined ? {} : {group: spec.group}),
	};
	const notes: string[] = [];
	if (placeholders.length > 0) step.placeholders = placeholders;

	if (!isPlain(parsed)) {
		for (const issue of [...parsed.errors, ...parsed.unsupported]) notes.push(issue.message);
		const file = localFile(command);
		if (file !== undefined) notes.push(localFileReason(file));
	} else if (parsed.program === 'aws') {
		const plan = planAwsCommand(parsed, {names, now: referenceNow, title: `${title} ${spec.heading ?? ''}`});
		const filled = placeholders.length === 0;
		if (plan.kind === 'read' && filled) {
			step.runner = 'native';
			step.effect = 'read';
			step.call = plan.call;
			notes.push(...plan.notes);
			if ('window' in plan.call) step.params.timeWindow = windowParam(plan.call.window, parsed);
		} else if (plan.kind === 'fix') {
			step.runner = 'native';
			step.effect = 'write';
			step.fix = plan.fix;
			notes.push('A change: acso-tui runs it as a typed fix (preview, confirmation, undo), not as written.', ...plan.notes);
		} else if (cliRefusal(parsed) !== undefined) {
			// Never run by acso-tui, with or without --write: the engineer copies it and runs it.
			notes.push(`Run it yourself: ${cliRefusal(parsed) as string}.`);
		} else {
			step.runner = 'external';
			if (plan.kind === 'none' && plan.known) notes.push(`Not run natively: ${plan.reason}.`);
			if (plan.kind === 'read' && !filled) notes.push('Runs with the aws CLI once its placeholders are filled in.');
		}
		if (hasFlag(parsed, 'interactive')) {
			step.interactive = true;
			notes.push('Interactive: opens a session in the container; it needs a terminal of its own and the Session Manager plugin.');
		}
	} else {
		const fix = scriptFix(parsed, names, [spec.title, spec.heading].filter(Boolean).join(' '));
		if (fix) step.fix = fix;
		notes.push(manualReason(parsed, command));
	}
	if (command === '') notes.push('Empty command.');
	if (notes.length > 0) step.notes = notes;
	return step;
}

/** Why acso-tui would never run this aws command itself (an environment prefix, a refused trick), or undefined. */
function cliRefusal(parsed: ParsedCommand): string | undefined {
	const assigned = Object.keys(parsed.env);
	if (assigned.length > 0) return `it sets ${assigned.join(', ')} for the aws CLI, and acso-tui runs the CLI with its own environment only`;
	const verdict = judgeAwsArgv(parsed.argv);
	return verdict.kind === 'refused' ? verdict.why : undefined;
}

/** A prose instruction of the guide (a comment with no command after it), as a manual step. */
export function noteStep(spec: {id: string; text: string; line: number; group?: string}): Step {
	return {
		id: spec.id,
		title: spec.text,
		command: '',
		effect: 'read',
		runner: 'manual',
		params: {},
		origin: 'guide',
		line: spec.line,
		...(spec.group === undefined ? {} : {group: spec.group}),
	};
}

/** A file on the engineer's machine the command reads (an absolute or relative path), or undefined. */
function localFile(command: string): string | undefined {
	return /(?:^|\s)((?:\/|\.{1,2}\/|~\/)[\w.@/-]*\.\w+)(?=\s|$)/.exec(command)?.[1];
}

function localFileReason(file: string): string {
	return `It reads ${file}, a file on the machine where the deploy ran: run it yourself there (acso-tui reads the account, never local files).`;
}

function manualReason(parsed: ParsedCommand, command: string): string {
	const file = parsed.program.startsWith('./') ? undefined : localFile(command);
	if (file !== undefined) return localFileReason(file);
	if (parsed.program === 'docker') return 'docker: run it yourself where the image is built (acso-tui runs only aws commands).';
	if (parsed.program === 'cdk') return 'cdk: run it yourself from the ACSO repository\'s infrastructure/cdk (acso-tui runs only aws commands).';
	if (parsed.program.startsWith('./') || parsed.program === 'python' || parsed.program === 'python3' || parsed.program === 'bash') {
		return 'A script of the ACSO repository: run it yourself from a checkout (acso-tui runs only aws commands).';
	}
	return `${parsed.program}: run it yourself (acso-tui runs only aws commands).`;
}

// Options whose values are times: reported together as the step's time window.
const timeOptions = new Set(['start-time', 'end-time', 'start-date', 'end-date', 'from', 'to']);

const paramKeys: Record<string, string> = {
	cluster: 'cluster',
	clusters: 'cluster',
	service: 'service',
	services: 'service',
	'service-name': 'service',
	'log-group-name': 'logGroup',
	'log-group-identifier': 'logGroup',
	'log-group-name-prefix': 'logGroupPrefix',
	'db-instance-identifier': 'db',
	task: 'taskId',
	tasks: 'taskId',
	'filter-pattern': 'pattern',
	'alarm-name': 'alarmNames',
	'alarm-names': 'alarmNames',
	'db-instance-class': 'instanceClass',
	'retention-in-days': 'retentionDays',
	'repository-name': 'repository',
	'repository-names': 'repository',
};

const camel = (option: string) => option.replace(/-([a-z0-9])/g, (_m, c: string) => c.toUpperCase());

function paramsOf(parsed: ParsedCommand, names: ResourceNames, inserted: readonly string[], placeholders: readonly Placeholder[]): StepParams {
	const params: StepParams = {};
	const environmentValues = [names.cluster, names.db, ...names.logGroups, ...inserted].filter(value => value !== '');
	const sourceOf = (value: string): StepParam['source'] => {
		if (placeholders.some(p => value.includes(p.token))) return 'placeholder';
		if (environmentValues.some(env => value.includes(env)) || value.startsWith(names.servicePrefix)) return 'environment';
		return 'guide';
	};
	for (const [name, value] of Object.entries(parsed.env)) params[name] = {value, source: sourceOf(value)};
	for (const [option, values] of Object.entries(parsed.args)) {
		if (timeOptions.has(option)) continue;
		const key = paramKeys[option] ?? camel(option);
		const value = values.length === 0 ? 'true' : values.join(' ');
		params[key] = {value, source: sourceOf(value)};
	}
	if (parsed.clockOptions.length > 0) {
		const parts = parsed.clockOptions.map(option => `${option} ${describeOffset(clockOffset(parsed, option))}`);
		params.timeWindow = {value: parts.join(', '), source: 'clock', note: 'Evaluated by acso-tui when the step runs, never by a shell.'};
	}
	return params;
}

/** The offset from referenceNow of a clock option's value (epoch ms, epoch s or ISO). */
function clockOffset(parsed: ParsedCommand, option: string): number | undefined {
	const value = parsed.args[option]?.join('') ?? '';
	let at: number;
	if (/^\d+$/.test(value)) at = value.length >= 13 ? Number(value) : Number(value) * 1000;
	else at = Date.parse(/(Z|[+-]\d\d:?\d\d)$/.test(value) ? value : `${value}Z`);
	return Number.isFinite(at) ? at - referenceNow : undefined;
}

function describeOffset(offsetMs: number | undefined): string {
	if (offsetMs === undefined) return '(a time)';
	if (offsetMs === 0) return 'now';
	return offsetMs < 0 ? `${describeDuration(offsetMs)} ago` : `in ${describeDuration(offsetMs)}`;
}

export function describeTimeRef(ref: TimeRef): string {
	return 'at' in ref ? new Date(ref.at).toISOString() : describeOffset(ref.offsetMs);
}

function windowParam(window: RelativeWindow, parsed: ParsedCommand): StepParam {
	const value = `${describeTimeRef(window.start)} to ${describeTimeRef(window.end)}`;
	if (parsed.clockOptions.length > 0) return {value, source: 'clock', note: 'Evaluated by acso-tui when the step runs, never by a shell.'};
	const fixed = ['start-time', 'start-date'].some(option => parsed.args[option] !== undefined);
	return fixed ? {value, source: 'guide'} : {value, source: 'default', note: 'The guide gives no start time; acso-tui chose this window.'};
}
