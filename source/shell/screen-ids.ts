// The screens and the words that reach them on the `:` command line.
export type ScreenId = 'overview' | 'services' | 'service' | 'deploy' | 'metrics' | 'logs' | 'alarms' | 'db' | 'runbooks' | 'notices';

export type ScreenEntry = {id: ScreenId; params?: Record<string, string>};

/** Screens Tab/Shift-Tab cycle through, in order (service detail is reached with Enter). */
export const tabOrder: readonly ScreenId[] = ['overview', 'services', 'metrics', 'logs', 'alarms', 'db', 'runbooks'];

export const screenTitles: Record<ScreenId, string> = {
	overview: 'Overview',
	services: 'Services',
	service: 'Service',
	deploy: 'Deploy',
	metrics: 'Metrics',
	logs: 'Logs',
	alarms: 'Alarms',
	db: 'Database',
	runbooks: 'Runbooks',
	notices: 'Notices',
};

/** What a `:` command's argument names: switching where the app looks (source/config/active-context.ts). */
export type CommandArg = 'env' | 'region' | 'profile' | 'service';

/** Known values of each argument, for completion (the config file, ~/.aws/config, the demo's). */
export type CommandChoices = Partial<Record<CommandArg, readonly string[]>>;

/** `:` commands: each names a screen, quits, or switches context. Aliases are accepted but not offered. */
export const commands: ReadonlyArray<{name: string; screen?: ScreenId; quit?: boolean; arg?: CommandArg; description: string; aliases?: string[]}> = [
	{name: 'overview', screen: 'overview', description: 'services, alarms, database and errors at a glance'},
	{name: 'services', screen: 'services', description: 'every service with its counts and rollout', aliases: ['svc']},
	{name: 'deploy', screen: 'deploy', arg: 'service', description: 'the rollback cockpit of a service (:deploy SERVICE)', aliases: ['rollout']},
	{name: 'metrics', screen: 'metrics', description: 'CPU and memory charts, database charts'},
	{name: 'logs', screen: 'logs', description: 'live tail of the log groups', aliases: ['log']},
	{name: 'alarms', screen: 'alarms', description: 'CloudWatch alarms, ALARM first'},
	{name: 'db', screen: 'db', description: 'the RDS instance and its charts', aliases: ['database', 'rds']},
	{name: 'runbooks', screen: 'runbooks', description: 'troubleshooting trees from the guide', aliases: ['runbook', 'rb']},
	{name: 'notices', screen: 'notices', description: 'every notice of this session (SDK warnings, what discovery found), newest first'},
	{name: 'ctx', arg: 'env', description: 'switch environment in place (:ctx NAME; alone: pick one)', aliases: ['context']},
	{name: 'env', arg: 'env', description: 'switch environment in place, as :ctx'},
	{name: 'region', arg: 'region', description: 'switch AWS region in place (:region NAME)'},
	{name: 'profile', arg: 'profile', description: 'switch AWS profile in place (:profile NAME; alone: pick one)'},
	{name: 'q', quit: true, description: 'quit', aliases: ['quit', 'q!']},
];

export type Command = (typeof commands)[number];

export type CommandMatch = {ok: true; command: Command; arg?: string} | {ok: false; error: string};

function splitCommand(text: string): {word: string; arg: string | undefined} {
	const trimmed = text.trim().replace(/^:/, '');
	const space = trimmed.search(/\s/);
	if (space === -1) return {word: trimmed.toLowerCase(), arg: undefined};
	return {word: trimmed.slice(0, space).toLowerCase(), arg: trimmed.slice(space).trim()};
}

export function findCommand(text: string): CommandMatch {
	const {word, arg} = splitCommand(text);
	if (word === '') return {ok: false, error: 'type a screen name, e.g. :logs'};
	const resolved = resolveWord(word);
	if (!resolved.ok) return resolved;
	const {command} = resolved;
	if (arg !== undefined && arg !== '' && !command.arg) return {ok: false, error: `:${command.name} takes no argument`};
	return arg === undefined || arg === '' ? {ok: true, command} : {ok: true, command, arg};
}

function resolveWord(word: string): {ok: true; command: Command} | {ok: false; error: string} {
	const exact = commands.find(c => c.name === word || c.aliases?.includes(word));
	if (exact) return {ok: true, command: exact};
	const prefixed = commands.filter(c => c.name.startsWith(word));
	if (prefixed.length === 1 && prefixed[0]) return {ok: true, command: prefixed[0]};
	// A short prefix keeps meaning the screen it meant before the switching commands came (:r is :runbooks).
	const screens = prefixed.filter(c => !c.arg);
	if (screens.length === 1 && screens[0]) return {ok: true, command: screens[0]};
	if (prefixed.length > 1) return {ok: false, error: `:${word} is ambiguous: ${prefixed.map(c => `:${c.name}`).join(' ')}`};
	return {ok: false, error: `unknown command :${word} (try ${commands.map(c => `:${c.name}`).join(' ')})`};
}

/**
 * Completions for what has been typed so far, in table order: command names, or once a command
 * that takes an argument is followed by a space, `command value` for each known value.
 */
export function completeCommand(text: string, choices: CommandChoices = {}): string[] {
	const {word, arg} = splitCommand(text);
	if (arg === undefined && !/\s$/.test(text)) return commands.filter(c => c.name.startsWith(word)).map(c => c.name);
	const resolved = resolveWord(word);
	if (!resolved.ok || !resolved.command.arg) return [];
	const {command} = resolved;
	const prefix = arg ?? '';
	return (choices[command.arg ?? 'env'] ?? []).filter(value => value.startsWith(prefix)).map(value => `${command.name} ${value}`);
}
