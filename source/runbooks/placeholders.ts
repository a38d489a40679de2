// The guide's commands hold values only the engineer knows: TASK-ID, ACCOUNT, sg-12345678,
// vpc-12345678, $ECR_REGISTRY, file://... . They are listed for the UI to ask for (a task id is
// picked from the running tasks), checked, and substituted into the argument vector: a value is
// one argument whatever characters it holds, because no shell ever reads it.
import type {ParsedCommand} from './aws-command.js';

export type PlaceholderKind =
	| 'task-id'
	| 'account-id'
	| 'security-group'
	| 'vpc'
	| 'route-table'
	| 'internet-gateway'
	| 'subnet'
	| 'variable'
	| 'file';

export type Placeholder = {
	/** The text in the command that the value replaces: "TASK-ID", "$ECR_REGISTRY", "file://bedrock-policy.json". */
	token: string;
	kind: PlaceholderKind;
	label: string;
	help: string;
	/** Pick from the environment's tasks (ECS list-tasks) instead of typing. */
	choices?: 'running-tasks';
	/** A value to start from (the guide's file path). */
	initial?: string;
};

type Known = {kind: PlaceholderKind; label: string; help: string; pattern: RegExp; rule: string};

const known: Record<Exclude<PlaceholderKind, 'variable' | 'file' | 'task-id'>, Known> = {
	'account-id': {kind: 'account-id', label: 'AWS account id', help: 'The 12-digit account id (aws sts get-caller-identity).', pattern: /^\d{12}$/, rule: 'an account id is 12 digits'},
	'security-group': {kind: 'security-group', label: 'Security group id', help: 'sg- followed by 8 or 17 hex digits.', pattern: /^sg-[0-9a-f]{8}([0-9a-f]{9})?$/, rule: 'a security group id is sg- and 8 or 17 hex digits'},
	vpc: {kind: 'vpc', label: 'VPC id', help: 'vpc- followed by 8 or 17 hex digits.', pattern: /^vpc-[0-9a-f]{8}([0-9a-f]{9})?$/, rule: 'a VPC id is vpc- and 8 or 17 hex digits'},
	'route-table': {kind: 'route-table', label: 'Route table id', help: 'rtb- followed by 8 or 17 hex digits.', pattern: /^rtb-[0-9a-f]{8}([0-9a-f]{9})?$/, rule: 'a route table id is rtb- and 8 or 17 hex digits'},
	'internet-gateway': {kind: 'internet-gateway', label: 'Internet gateway id', help: 'igw- followed by 8 or 17 hex digits.', pattern: /^igw-[0-9a-f]{8}([0-9a-f]{9})?$/, rule: 'an internet gateway id is igw- and 8 or 17 hex digits'},
	subnet: {kind: 'subnet', label: 'Subnet id', help: 'subnet- followed by 8 or 17 hex digits.', pattern: /^subnet-[0-9a-f]{8}([0-9a-f]{9})?$/, rule: 'a subnet id is subnet- and 8 or 17 hex digits'},
};

const dummyPrefixes: Record<string, keyof typeof known> = {
	sg: 'security-group',
	vpc: 'vpc',
	rtb: 'route-table',
	igw: 'internet-gateway',
	subnet: 'subnet',
};

// The guide's made-up ids: sg-12345678, sg-87654321, vpc-12345678 ...
const dummyId = /\b(sg|vpc|rtb|igw|subnet)-(12345678|87654321)\b/g;

/** The placeholders of a parsed command, each once, in order of appearance. */
export function findPlaceholders(parsed: ParsedCommand): Placeholder[] {
	const found = new Map<string, Placeholder>();
	const add = (p: Placeholder) => {
		if (!found.has(p.token)) found.set(p.token, p);
	};
	for (const arg of parsed.argv) {
		if (/(^|[^A-Za-z0-9])TASK-ID([^A-Za-z0-9]|$)/.test(arg)) {
			add({token: 'TASK-ID', kind: 'task-id', label: 'Task', help: 'A running task of the service: pick one.', choices: 'running-tasks'});
		}
		if (/(^|[^A-Za-z0-9])ACCOUNT([^A-Za-z0-9]|$)/.test(arg)) {
			const k = known['account-id'];
			add({token: 'ACCOUNT', kind: k.kind, label: k.label, help: k.help});
		}
		for (const match of arg.matchAll(dummyId)) {
			const k = known[dummyPrefixes[match[1] as string] as keyof typeof known];
			add({token: match[0], kind: k.kind, label: k.label, help: `${k.help} (the guide writes ${match[0]})`});
		}
		if (arg.startsWith('file://')) {
			const path = arg.slice('file://'.length);
			add({token: arg, kind: 'file', label: 'File', help: `A local file the command reads; the guide names ${path}.`, initial: path});
		}
	}
	for (const name of parsed.variables) {
		add({token: `$${name}`, kind: 'variable', label: name, help: `The value of $${name} (the command reads it from the shell environment).`});
	}
	return [...found.values()];
}

export type FillResult = {ok: true; argv: string[]} | {ok: false; errors: string[]};

/**
 * Checks each value and puts it in place of its token in `argv`. `taskIds`, when given, are the
 * task ids a TASK-ID may be. Values may hold any printable character: they never meet a shell.
 */
export function fillPlaceholders(
	argv: readonly string[],
	placeholders: readonly Placeholder[],
	values: Readonly<Record<string, string>>,
	options: {taskIds?: readonly string[]} = {},
): FillResult {
	const errors: string[] = [];
	for (const p of placeholders) {
		const value = values[p.token];
		if (value === undefined || value === '') {
			errors.push(`${p.label} (${p.token}) is needed`);
			continue;
		}
		const problem = checkValue(p, value, options);
		if (problem) errors.push(problem);
	}
	if (errors.length > 0) return {ok: false, errors};
	return {ok: true, argv: argv.map(arg => fillOne(arg, placeholders, values))};
}

function checkValue(p: Placeholder, value: string, options: {taskIds?: readonly string[]}): string | undefined {
	// NUL cannot be passed in an argument vector; other controls would be invisible in the preview.
	if (/[\u0000-\u001f\u007f]/.test(value)) return `${p.label}: the value holds a control character (newline, tab, ESC ...); type it on one line`;
	if (value.length > 4096) return `${p.label}: the value is ${value.length} characters long; the limit is 4096`;
	if (p.kind === 'task-id') {
		if (options.taskIds) {
			if (!options.taskIds.includes(value)) return `Task: "${value}" is not one of the ${options.taskIds.length} running tasks`;
		} else if (!/^[A-Za-z0-9][A-Za-z0-9_-]{0,127}$/.test(value)) {
			return `Task: "${value}" is not a task id (letters, digits, - and _ only)`;
		}
		return undefined;
	}
	if (p.kind === 'variable' || p.kind === 'file') return undefined;
	const k = known[p.kind];
	return k.pattern.test(value) ? undefined : `${k.label}: "${value}" is not valid: ${k.rule}`;
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

// One pass over each argument, so a value that happens to contain another token is left alone.
function fillOne(arg: string, placeholders: readonly Placeholder[], values: Readonly<Record<string, string>>): string {
	const file = placeholders.find(p => p.kind === 'file' && p.token === arg);
	if (file) return `file://${values[file.token] as string}`;
	const byText = new Map<string, string>();
	const parts: string[] = [];
	for (const p of placeholders) {
		const value = values[p.token] as string;
		if (p.kind === 'file') continue;
		if (p.kind === 'variable') {
			const name = p.token.slice(1);
			byText.set(`\${${name}}`, value);
			byText.set(p.token, value);
			parts.push(escapeRegExp(`\${${name}}`), `${escapeRegExp(p.token)}(?![A-Za-z0-9_])`);
		} else {
			byText.set(p.token, value);
			parts.push(`(?<![A-Za-z0-9])${escapeRegExp(p.token)}(?![A-Za-z0-9])`);
		}
	}
	if (parts.length === 0) return arg;
	return arg.replace(new RegExp(parts.join('|'), 'g'), match => byText.get(match) ?? match);
}
