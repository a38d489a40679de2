// The screens and the words that reach them on the `:` command line.
export type ScreenId = 'overview' | 'services' | 'service' | 'metrics' | 'logs' | 'alarms' | 'db' | 'runbooks';

export type ScreenEntry = {id: ScreenId; params?: Record<string, string>};

/** Screens Tab/Shift-Tab cycle through, in order (service detail is reached with Enter). */
export const tabOrder: readonly ScreenId[] = ['overview', 'services', 'metrics', 'logs', 'alarms', 'db', 'runbooks'];

export const screenTitles: Record<ScreenId, string> = {
	overview: 'Overview',
	services: 'Services',
	service: 'Service',
	metrics: 'Metrics',
	logs: 'Logs',
	alarms: 'Alarms',
	db: 'Database',
	runbooks: 'Runbooks',
};

/** `:` commands: each names a screen, or quits. Aliases are accepted but not offered. */
export const commands: ReadonlyArray<{name: string; screen?: ScreenId; quit?: boolean; description: string; aliases?: string[]}> = [
	{name: 'overview', screen: 'overview', description: 'services, alarms, database and errors at a glance'},
	{name: 'services', screen: 'services', description: 'every service with its counts and rollout', aliases: ['svc']},
	{name: 'metrics', screen: 'metrics', description: 'CPU and memory charts, database charts'},
	{name: 'logs', screen: 'logs', description: 'live tail of the log groups', aliases: ['log']},
	{name: 'alarms', screen: 'alarms', description: 'CloudWatch alarms, ALARM first'},
	{name: 'db', screen: 'db', description: 'the RDS instance and its charts', aliases: ['database', 'rds']},
	{name: 'runbooks', screen: 'runbooks', description: 'troubleshooting trees from the guide', aliases: ['runbook', 'rb']},
	{name: 'q', quit: true, description: 'quit', aliases: ['quit', 'q!']},
];

export type CommandMatch = {ok: true; command: (typeof commands)[number]} | {ok: false; error: string};

export function findCommand(text: string): CommandMatch {
	const word = text.trim().replace(/^:/, '').toLowerCase();
	if (word === '') return {ok: false, error: 'type a screen name, e.g. :logs'};
	const exact = commands.find(c => c.name === word || c.aliases?.includes(word));
	if (exact) return {ok: true, command: exact};
	const prefixed = commands.filter(c => c.name.startsWith(word));
	if (prefixed.length === 1 && prefixed[0]) return {ok: true, command: prefixed[0]};
	if (prefixed.length > 1) return {ok: false, error: `:${word} is ambiguous: ${prefixed.map(c => `:${c.name}`).join(' ')}`};
	return {ok: false, error: `unknown command :${word} (try ${commands.map(c => `:${c.name}`).join(' ')})`};
}

/** Completions for what has been typed so far, in table order. */
export function completeCommand(text: string): string[] {
	const word = text.trim().replace(/^:/, '').toLowerCase();
	return commands.filter(c => c.name.startsWith(word)).map(c => c.name);
}
