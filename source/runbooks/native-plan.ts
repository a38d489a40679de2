// Turns a parsed `aws` command into what acso-tui does with it: a read it runs itself through the
// port (NativeCall), or, for a change, the typed fix it corresponds to (FixHint), which this module
// never runs. Anything it cannot map faithfully comes back with the reason, and the step is then
// left to the aws CLI.
import type {MetricStat} from '../port/types.js';
import type {ResourceNames} from '../port/names.js';
import {suggestFilterFix} from '../logs/filter-pattern.js';
import {hasFlag, listValues, optionValue, type ParsedCommand, parseDimensions, parseShorthand} from './aws-command.js';
import type {FixHint} from '../fixes/hint.js';
import type {NativeCall, TimeRef} from './native-call.js';
import {parameterFixes, parameterReads} from './native-plan-parameters.js';
import {ec2Readers, ec2FixBuilders} from './native-plan-ec2.js';

export type PlanContext = {
	names: ResourceNames;
	/** The clock the command was parsed with: absolute times from $(date) are made relative to it. */
	now: number;
	/** The step's title and the resolution's, which tell more memory from more CPU. */
	title: string;
};

export type NativePlan =
	| {kind: 'read'; call: NativeCall; notes: string[]}
	| {kind: 'fix'; fix: FixHint; notes: string[]}
	/**
	 * Not mapped; `reason` says why. `known` is true when acso-tui handles the operation but this
	 * command's options are missing or wrong (worth telling the engineer).
	 */
	| {kind: 'none'; reason: string; known: boolean};

/** How far back a log search without --start-time looks (the aws CLI would search the whole group). */
export const defaultLogWindowMs = 3_600_000;
/** How far back alarm history is read when the command gives no --start-date. */
export const defaultHistoryWindowMs = 86_400_000;

const stats: readonly MetricStat[] = ['Average', 'Maximum', 'Minimum', 'Sum', 'SampleCount'];

type Read = {call: NativeCall; notes: string[]} | string;

export function planAwsCommand(parsed: ParsedCommand, context: PlanContext): NativePlan {
	if (parsed.program !== 'aws' || !parsed.service || !parsed.operation) return {kind: 'none', reason: 'not an aws SERVICE OPERATION command', known: false};
	const key = `${parsed.service}.${parsed.operation}`;
	const reader = readers[key];
	if (reader) {
		const read = reader(parsed, context);
		return typeof read === 'string' ? {kind: 'none', reason: read, known: true} : {kind: 'read', ...read};
	}
	const fixer = fixers[key];
	if (fixer) {
		const fix = fixer(parsed, context);
		return typeof fix === 'string' ? {kind: 'none', reason: fix, known: true} : {kind: 'fix', fix, notes: fix.notes ?? []};
	}
	return {kind: 'none', reason: `aws ${parsed.service} ${parsed.operation} is not one of the calls acso-tui makes itself`, known: false};
}

// ---- time options ----

/** A time option's value: epoch ms (logs), epoch seconds or ISO 8601 (cloudwatch); undefined if absent. */
function timeOption(parsed: ParsedCommand, option: string, unit: 'ms' | 'iso', now: number): TimeRef | string | undefined {
	const value = optionValue(parsed, option);
	if (value === undefined) return undefined;
	let at: number;
	if (/^\d+$/.test(value)) at = unit === 'ms' ? Number(value) : Number(value) * 1000;
	else {
		const hasZone = /(Z|[+-]\d\d:?\d\d)$/.test(value);
		at = Date.parse(hasZone ? value : `${value}Z`);
	}
	if (!Number.isFinite(at)) return `--${option} "${value}" is not a time (epoch ${unit === 'ms' ? 'milliseconds' : 'seconds'} or ISO 8601)`;
	return parsed.clockOptions.includes(option) ? {offsetMs: at - now} : {at};
}

function window(parsed: ParsedCommand, options: {start: string; end: string; unit: 'ms' | 'iso'; defaultMs: number}, context: PlanContext, notes: string[]) {
	const start = timeOption(parsed, options.start, options.unit, context.now);
	const end = timeOption(parsed, options.end, options.unit, context.now);
	if (typeof start === 'string') return start;
	if (typeof end === 'string') return end;
	if (start === undefined) {
		notes.push(`The command gives no --${options.start}: acso-tui looks at the past ${describeDuration(options.defaultMs)}.`);
	}
	return {start: start ?? {offsetMs: -options.defaultMs}, end: end ?? {offsetMs: 0}};
}

export function describeDuration(ms: number): string {
	const abs = Math.abs(ms);
	const units: Array<[number, string]> = [
		[604_800_000, 'week'],
		[86_400_000, 'day'],
		[3_600_000, 'hour'],
		[60_000, 'minute'],
		[1000, 'second'],
	];
	for (const [size, name] of units) {
		if (abs >= size && abs % size === 0) {
			const n = abs / size;
			return `${n} ${name}${n === 1 ? '' : 's'}`;
		}
	}
	return `${abs} ms`;
}

// ---- reads ----

function clusterOf(parsed: ParsedCommand, context: PlanContext, notes: string[]): string {
	const cluster = optionValue(parsed, 'cluster');
	if (cluster !== undefined) return cluster;
	notes.push(`The command gives no --cluster (the aws CLI would use "default"): acso-tui uses the environment's cluster ${context.names.cluster}.`);
	return context.names.cluster;
}

function logGroupOf(parsed: ParsedCommand): string | undefined {
	return optionValue(parsed, 'log-group-name') ?? optionValue(parsed, 'log-group-identifier');
}

const readers: Record<string, (parsed: ParsedCommand, context: PlanContext) => Read> = {
	'ecs.describe-clusters'(parsed) {
		const clusters = listValues(parsed.args.clusters);
		if (clusters.length === 0) return 'describe-clusters needs --clusters NAME';
		return {call: {op: 'ecs.describe-clusters', clusters}, notes: []};
	},
	'ecs.list-clusters'() {
		return {call: {op: 'ecs.list-clusters'}, notes: []};
	},
	'ecs.list-services'(parsed, context) {
		const notes: string[] = [];
		return {call: {op: 'ecs.list-services', cluster: clusterOf(parsed, context, notes)}, notes};
	},
	'ecs.describe-services'(parsed, context) {
		const notes: string[] = [];
		const cluster = clusterOf(parsed, context, notes);
		const services = listValues(parsed.args.services);
		if (services.length === 0) {
			notes.push('The command gives no --services (the aws CLI requires it): acso-tui describes every service of the cluster.');
		}
		return {call: {op: 'ecs.describe-services', cluster, services}, notes};
	},
	'ecs.list-tasks'(parsed, context) {
		const notes: string[] = [];
		const cluster = clusterOf(parsed, context, notes);
		const status = optionValue(parsed, 'desired-status');
		if (status !== undefined && status !== 'RUNNING' && status !== 'STOPPED') return `--desired-status must be RUNNING or STOPPED, not "${status}"`;
		const service = optionValue(parsed, 'service-name');
		return {
			call: {op: 'ecs.list-tasks', cluster, ...(service === undefined ? {} : {service}), ...(status === undefined ? {} : {desiredStatus: status})},
			notes,
		};
	},
	'ecs.describe-tasks'(parsed, context) {
		const notes: string[] = [];
		const cluster = clusterOf(parsed, context, notes);
		const tasks = listValues(parsed.args.tasks);
		if (tasks.length === 0) return 'describe-tasks needs --tasks ID';
		return {call: {op: 'ecs.describe-tasks', cluster, tasks}, notes};
	},
	'logs.filter-log-events'(parsed, context) {
		const notes: string[] = [];
		const logGroup = logGroupOf(parsed);
		if (logGroup === undefined) return 'filter-log-events needs --log-group-name';
		const written = optionValue(parsed, 'filter-pattern');
		let pattern = written;
		if (written !== undefined) {
			const fixed = suggestFilterFix(written);
			if (fixed !== undefined && fixed !== written) {
				pattern = fixed;
				notes.push(
					fixed.startsWith('?')
						? `CloudWatch reads "${written}" as terms that must all appear (OR is just another word); acso-tui searches "${fixed}", which matches any of them.`
						: `CloudWatch has no AND keyword ("${written}" would need the word itself in each event; plain terms must all appear already): acso-tui searches "${fixed}".`,
				);
			}
		}
		const range = window(parsed, {start: 'start-time', end: 'end-time', unit: 'ms', defaultMs: defaultLogWindowMs}, context, notes);
		if (typeof range === 'string') return range;
		const streams = listValues(parsed.args['log-stream-names']);
		const maxText = optionValue(parsed, 'max-items') ?? optionValue(parsed, 'limit');
		const maxEvents = maxText === undefined ? undefined : Number(maxText);
		if (maxEvents !== undefined && !(Number.isInteger(maxEvents) && maxEvents > 0)) return `--max-items must be a positive whole number, not "${maxText}"`;
		if (hasFlag(parsed, 'query')) notes.push('--query is kept as written; acso-tui shows time, stream and message of each event.');
		return {
			call: {
				op: 'logs.filter-log-events',
				logGroup,
				...(pattern === undefined ? {} : {pattern}),
				...(pattern !== written && written !== undefined ? {writtenPattern: written} : {}),
				window: range,
				...(streams.length > 0 ? {logStreamNames: streams} : {}),
				...(maxEvents === undefined ? {} : {maxEvents}),
			},
			notes,
		};
	},
	'logs.describe-log-groups'(parsed) {
		const notes: string[] = [];
		const prefix = optionValue(parsed, 'log-group-name-prefix');
		if (hasFlag(parsed, 'query')) {
			notes.push(`--query ${optionValue(parsed, 'query') ?? ''} is kept as an option; acso-tui shows each group's name, stored size and retention.`);
		}
		return {call: {op: 'logs.describe-log-groups', ...(prefix === undefined ? {} : {prefix})}, notes};
	},
	'logs.describe-metric-filters'(parsed, context) {
		const notes: string[] = [];
		let logGroup = logGroupOf(parsed);
		if (logGroup === undefined) {
			logGroup = context.names.logGroups[0] ?? '';
			notes.push(`The command gives no --log-group-name: acso-tui reads the filters of ${logGroup}.`);
		}
		return {call: {op: 'logs.describe-metric-filters', logGroup}, notes};
	},
	'cloudwatch.get-metric-statistics'(parsed, context) {
		const notes: string[] = [];
		const namespace = optionValue(parsed, 'namespace');
		const metricName = optionValue(parsed, 'metric-name');
		if (namespace === undefined || metricName === undefined) return 'get-metric-statistics needs --namespace and --metric-name';
		const dims = parseDimensions(parsed.args.dimensions);
		if (!dims.ok) return dims.message;
		const dimensions = {...dims.dimensions};
		// ECS publishes service metrics under ClusterName + ServiceName; ServiceName alone has no data on AWS.
		if (namespace === 'AWS/ECS' && dimensions.ServiceName !== undefined && dimensions.ClusterName === undefined) {
			dimensions.ClusterName = context.names.cluster;
			notes.push(`AWS/ECS publishes service metrics with both ClusterName and ServiceName; the guide gives only ServiceName (no data on AWS), so acso-tui adds ClusterName=${context.names.cluster}.`);
		}
		const wanted = listValues(parsed.args.statistics);
		if (wanted.length === 0) return 'get-metric-statistics needs --statistics (Average, Maximum, Minimum, Sum, SampleCount)';
		const unknown = wanted.filter(stat => !stats.includes(stat as MetricStat));
		if (unknown.length > 0) return `--statistics ${unknown.join(', ')}: not one of ${stats.join(', ')}`;
		const periodText = optionValue(parsed, 'period') ?? '300';
		const periodSeconds = Number(periodText);
		if (!Number.isInteger(periodSeconds) || periodSeconds < 1) return `--period must be a whole number of seconds, not "${periodText}"`;
		const range = window(parsed, {start: 'start-time', end: 'end-time', unit: 'iso', defaultMs: defaultLogWindowMs}, context, notes);
		if (typeof range === 'string') return range;
		return {
			call: {op: 'cloudwatch.get-metric-statistics', namespace, metricName, dimensions, stats: wanted as MetricStat[], periodSeconds, window: range},
			notes: ['Run as GetMetricData (one request for every statistic).', ...notes],
		};
	},
	'cloudwatch.describe-alarms'(parsed) {
		const names = parsed.args['alarm-names'] ?? [];
		const prefix = optionValue(parsed, 'alarm-name-prefix');
		const state = optionValue(parsed, 'state-value');
		if (state !== undefined && state !== 'OK' && state !== 'ALARM' && state !== 'INSUFFICIENT_DATA') {
			return `--state-value must be OK, ALARM or INSUFFICIENT_DATA, not "${state}"`;
		}
		return {
			call: {
				op: 'cloudwatch.describe-alarms',
				...(names.length > 0 ? {names: [...names]} : {}),
				...(prefix === undefined ? {} : {prefix}),
				...(state === undefined ? {} : {state}),
			},
			notes: [],
		};
	},
	'cloudwatch.describe-alarm-history'(parsed, context) {
		const notes: string[] = [];
		const name = optionValue(parsed, 'alarm-name');
		if (name === undefined) return 'describe-alarm-history needs --alarm-name (acso-tui reads one alarm\'s history)';
		const range = window(parsed, {start: 'start-date', end: 'end-date', unit: 'iso', defaultMs: defaultHistoryWindowMs}, context, notes);
		if (typeof range === 'string') return range;
		return {call: {op: 'cloudwatch.describe-alarm-history', name, window: range}, notes};
	},
	'rds.describe-db-instances'(parsed) {
		const db = optionValue(parsed, 'db-instance-identifier');
		return {call: {op: 'rds.describe-db-instances', ...(db === undefined ? {} : {db})}, notes: []};
	},
	'ssm.get-parameters-by-path': parameterReads['ssm.get-parameters-by-path']!,
	'iam.get-role'(parsed) {
		const role = optionValue(parsed, 'role-name');
		if (role === undefined || role === '') return 'get-role needs --role-name';
		return {call: {op: 'iam.get-role', role}, notes: ['Also reads its attached policies, and which task definitions the services deploy name it or a role that is gone.']};
	},
	...ec2Readers,
};

// ---- writes: typed fix hints ----

function required(parsed: ParsedCommand, option: string, operation: string): string {
	const value = optionValue(parsed, option);
	if (value === undefined || value === '') throw new PlanError(`${operation} needs --${option}`);
	return value;
}

class PlanError extends Error {}

function wholeNumber(text: string, option: string): number {
	const n = Number(text);
	if (!/^\s*\d+\s*$/.test(text) || !Number.isSafeInteger(n)) throw new PlanError(`--${option} must be a whole number, not "${text}"`);
	return n;
}

function finite(text: string, option: string): number {
	const n = Number(text);
	if (text.trim() === '' || !Number.isFinite(n)) throw new PlanError(`--${option} must be a number, not "${text}"`);
	return n;
}

const fixBuilders: Record<string, (parsed: ParsedCommand, context: PlanContext) => FixHint> = {
	'ecs.update-service'(parsed): FixHint {
		const cluster = required(parsed, 'cluster', 'update-service');
		const service = required(parsed, 'service', 'update-service');
		const target = {kind: 'service' as const, cluster, service};
		const desired = optionValue(parsed, 'desired-count');
		const taskDefinition = optionValue(parsed, 'task-definition');
		const notes: string[] = [];
		const extra = [desired !== undefined && 'desired count', taskDefinition !== undefined && 'task definition', hasFlag(parsed, 'force-new-deployment') && 'forced deployment'].filter(Boolean);
		if (extra.length > 1) notes.push(`The command changes ${extra.join(' and ')} at once; the fix does the first of them, the rest separately.`);
		if (desired !== undefined) return {kind: 'set-desired-count', target, params: {desiredCount: wholeNumber(desired, 'desired-count')}, notes};
		if (taskDefinition !== undefined) {
			let revision = taskDefinition;
			if (/:LATEST$/i.test(taskDefinition)) {
				revision = taskDefinition.replace(/:LATEST$/i, '');
				notes.push(`ECS has no ":LATEST" revision; the family alone (${revision}) deploys its latest ACTIVE revision.`);
			}
			return {kind: 'deploy-revision', target, params: {taskDefinition: revision}, notes};
		}
		if (hasFlag(parsed, 'force-new-deployment')) return {kind: 'force-new-deployment', target, params: {}, notes};
		throw new PlanError('update-service changes nothing acso-tui knows (--desired-count, --task-definition or --force-new-deployment)');
	},
	'ecs.register-task-definition'(parsed, context) {
		const family = required(parsed, 'family', 'register-task-definition');
		const cpu = optionValue(parsed, 'cpu');
		const memory = optionValue(parsed, 'memory');
		const wants = context.title.toLowerCase();
		const grows: FixHint['grows'] = /memory/.test(wants) ? 'memory' : /cpu/.test(wants) ? 'cpu' : memory !== undefined ? 'memory' : 'cpu';
		const params: Record<string, string | number> = {};
		if (cpu !== undefined) params.cpu = wholeNumber(cpu, 'cpu');
		if (memory !== undefined) params.memory = wholeNumber(memory, 'memory');
		const notes = [`The task family is taken to be the service's name (${family}), as the guide names them.`];
		if (hasFlag(parsed, 'container-definitions')) {
			notes.push(`--container-definitions ${optionValue(parsed, 'container-definitions') ?? ''}: the fix copies the current revision's containers instead of reading a local file.`);
		}
		return {kind: 'new-revision', grows, target: {kind: 'service', cluster: context.names.cluster, service: family}, params, notes};
	},
	'ecs.stop-task'(parsed): FixHint {
		const cluster = required(parsed, 'cluster', 'stop-task');
		const taskId = required(parsed, 'task', 'stop-task');
		const reason = optionValue(parsed, 'reason');
		return {kind: 'stop-task', target: {kind: 'task', cluster, taskId}, params: reason === undefined ? {} : {reason}};
	},
	'logs.put-retention-policy'(parsed) {
		const logGroup = required(parsed, 'log-group-name', 'put-retention-policy');
		const days = wholeNumber(required(parsed, 'retention-in-days', 'put-retention-policy'), 'retention-in-days');
		return {kind: 'put-retention', target: {kind: 'logGroup', logGroup}, params: {days}};
	},
	'logs.create-log-group'(parsed) {
		const logGroup = required(parsed, 'log-group-name', 'create-log-group');
		return {kind: 'create-log-group', target: {kind: 'logGroup', logGroup}, params: {}};
	},
	'logs.put-metric-filter'(parsed) {
		const logGroup = required(parsed, 'log-group-name', 'put-metric-filter');
		const filterName = required(parsed, 'filter-name', 'put-metric-filter');
		const pattern = optionValue(parsed, 'filter-pattern') ?? '';
		const transformation = parseShorthand(required(parsed, 'metric-transformations', 'put-metric-filter'));
		if (!transformation.ok) throw new PlanError(`--metric-transformations: ${transformation.message}`);
		const {metricName, metricNamespace, metricValue, defaultValue} = transformation.value;
		if (!metricName || !metricNamespace || !metricValue) {
			throw new PlanError('--metric-transformations needs metricName=...,metricNamespace=...,metricValue=...');
		}
		return {
			kind: 'put-metric-filter',
			target: {kind: 'logGroup', logGroup},
			params: {filterName, pattern, metricName, metricNamespace, metricValue, ...(defaultValue === undefined ? {} : {defaultValue: finite(defaultValue, 'metric-transformations defaultValue')})},
		};
	},
	'cloudwatch.put-metric-alarm'(parsed) {
		const alarm = required(parsed, 'alarm-name', 'put-metric-alarm');
		const dims = parseDimensions(parsed.args.dimensions);
		if (!dims.ok) throw new PlanError(dims.message);
		const notes: string[] = [];
		const namespace = required(parsed, 'namespace', 'put-metric-alarm');
		if (Object.keys(dims.dimensions).length === 0) {
			notes.push(`The guide's alarm has no --dimensions: ${namespace} metrics are published per resource (for example ClusterName and ServiceName, or DBInstanceIdentifier), so it may never have data; choose them in the fix's form.`);
		}
		const statistic = required(parsed, 'statistic', 'put-metric-alarm');
		if (!stats.includes(statistic as MetricStat)) throw new PlanError(`--statistic ${statistic}: not one of ${stats.join(', ')}`);
		const description = optionValue(parsed, 'alarm-description');
		return {
			kind: 'put-metric-alarm',
			target: {kind: 'alarm', alarm},
			params: {
				...(description === undefined ? {} : {description}),
				metricName: required(parsed, 'metric-name', 'put-metric-alarm'),
				namespace,
				statistic,
				periodSeconds: wholeNumber(required(parsed, 'period', 'put-metric-alarm'), 'period'),
				threshold: finite(required(parsed, 'threshold', 'put-metric-alarm'), 'threshold'),
				comparisonOperator: required(parsed, 'comparison-operator', 'put-metric-alarm'),
				evaluationPeriods: wholeNumber(required(parsed, 'evaluation-periods', 'put-metric-alarm'), 'evaluation-periods'),
				...(Object.keys(dims.dimensions).length > 0 ? {dimensions: dims.dimensions} : {}),
			},
			notes,
		};
	},
	'cloudwatch.put-composite-alarm'(parsed) {
		const alarm = required(parsed, 'alarm-name', 'put-composite-alarm');
		const description = optionValue(parsed, 'alarm-description');
		return {
			kind: 'put-composite-alarm',
			target: {kind: 'alarm', alarm},
			params: {...(description === undefined ? {} : {description}), alarmRule: required(parsed, 'alarm-rule', 'put-composite-alarm')},
		};
	},
	'ssm.delete-parameter': parameterFixes['ssm.delete-parameter']!,
	'rds.modify-db-instance'(parsed) {
		const db = required(parsed, 'db-instance-identifier', 'modify-db-instance');
		const instanceClass = optionValue(parsed, 'db-instance-class');
		if (instanceClass === undefined) throw new PlanError('modify-db-instance: acso-tui only changes the instance class (--db-instance-class)');
		return {kind: 'modify-db-class', target: {kind: 'db', db}, params: {instanceClass, applyImmediately: hasFlag(parsed, 'apply-immediately')}};
	},
	'iam.create-role'(parsed) {
		const role = required(parsed, 'role-name', 'create-role');
		const document = optionValue(parsed, 'assume-role-policy-document');
		const notes = ['The fix creates an ECS task execution role: ecs-tasks.amazonaws.com may assume it, and AmazonECSTaskExecutionRolePolicy is attached (both shown in full in the preview).'];
		if (document !== undefined) notes.push(`--assume-role-policy-document ${document}: acso-tui does not read local files; the fix uses the ECS tasks trust policy instead.`);
		return {kind: 'create-execution-role', target: {kind: 'role', role}, params: {}, notes};
	},
	...ec2FixBuilders({required, wholeNumber, fail: message => {
		throw new PlanError(message);
	}}),
};

const fixers: Record<string, (parsed: ParsedCommand, context: PlanContext) => FixHint | string> = Object.fromEntries(
	Object.entries(fixBuilders).map(([key, build]) => [
		key,
		(parsed: ParsedCommand, context: PlanContext) => {
			try {
				return build(parsed, context);
			} catch (error) {
				if (error instanceof PlanError) return error.message;
				throw error;
			}
		},
	]),
);

/**
 * The typed fix of a script the guide runs: `deploy-to-ecs.sh rollback` is the rollback fix; the
 * deploy script under a title that says it creates services is the create-service fix.
 */
export function scriptFix(parsed: ParsedCommand, names: ResourceNames, title = ''): FixHint | undefined {
	if (/deploy-to-ecs\.sh$/.test(parsed.program) && parsed.positionals.length === 0 && /\bcreate\b.*\bservices?\b/i.test(title)) {
		return {
			kind: 'create-service',
			target: {kind: 'cluster', cluster: names.cluster},
			params: {},
			notes: ['The script deploys every service of the environment; the fix creates one missing service at a time (from what the account still says of it), with a preview.'],
		};
	}
	if (/deploy-to-ecs\.sh$/.test(parsed.program) && parsed.positionals[0] === 'rollback') {
		return {
			kind: 'rollback',
			target: {kind: 'cluster', cluster: names.cluster},
			params: {},
			notes: ['The script rolls back every service of the environment to its previous task definition; the fix does it one service at a time, with a preview.'],
		};
	}
	return undefined;
}
