// CloudWatch Logs fixes: retention, a missing log group, a metric filter.
import {compileFilterPattern} from '../logs/filter-pattern.js';
import {errorMessage} from '../port/errors.js';
import type {LogGroup, MetricFilter} from '../port/types.js';
import {FixInputError} from './errors.js';
import {checkKnownParams, optionalNumber, optionalString, requiredInteger, requiredString} from './params.js';
import {makePlan, raiseRisk} from './plan.js';
import {requireTarget} from './targets.js';
import type {CloudReaders, Fix, Plan, Target} from './types.js';

type LogGroupTarget = Extract<Target, {kind: 'logGroup'}>;

/** The only values PutRetentionPolicy accepts. */
export const retentionDays: readonly number[] = [
	1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
];

const neverExpire = 'never expire';

async function findLogGroup(cloud: CloudReaders, name: string): Promise<LogGroup | undefined> {
	// aws logs describe-log-groups --log-group-name-prefix NAME
	const groups = await cloud.logs.describeLogGroups(name);
	return groups.find(group => group.name === name);
}

async function readLogGroup(cloud: CloudReaders, name: string): Promise<LogGroup> {
	const group = await findLogGroup(cloud, name);
	if (!group) throw new FixInputError(`log group ${name} not found (create it first with create-log-group)`, 'logGroup');
	return group;
}

/** Sets retention to `days` (undefined: delete the policy, never expire); its undo restores `previous`. */
function retentionPlan(target: LogGroupTarget, previous: number | undefined, days: number | undefined, undoOf?: string): Plan {
	const name = target.logGroup;
	const shorter = days !== undefined && (previous === undefined || days < previous);
	const title = days === undefined ? `Remove the retention of ${name} (never expire)` : `Set retention of ${name} to ${days} days`;
	const step =
		days === undefined
			? {
					apiCall: 'logs:DeleteRetentionPolicy',
					parameters: {logGroupName: name},
					cliArgs: ['aws', 'logs', 'delete-retention-policy', '--log-group-name', name],
					// aws logs delete-retention-policy --log-group-name NAME
					send: (operator: Parameters<Plan['run']>[0]) => operator.deleteRetentionPolicy(name),
				}
			: {
					apiCall: 'logs:PutRetentionPolicy',
					parameters: {logGroupName: name, retentionInDays: days},
					cliArgs: ['aws', 'logs', 'put-retention-policy', '--log-group-name', name, '--retention-in-days', String(days)],
					// aws logs put-retention-policy --log-group-name NAME --retention-in-days DAYS
					send: (operator: Parameters<Plan['run']>[0]) => operator.putRetentionPolicy(name, days),
				};
	return makePlan({
		fixId: 'put-retention',
		title: undoOf ? `Undo: ${title}` : title,
		risk: shorter ? raiseRisk(putRetention.risk, 'high') : putRetention.risk,
		target,
		resourceName: name,
		changes: [{field: 'retentionInDays', from: previous ?? neverExpire, to: days ?? neverExpire}],
		warnings: shorter ? [`Log events of ${name} older than ${days} days are deleted and cannot be recovered, not even by undo.`] : [],
		undoSummary:
			previous === undefined
				? `Undo removes the retention policy again (never expire).`
				: `Undo sets the retention back to ${previous} days${shorter ? ' (events already deleted stay deleted)' : ''}.`,
		...(undoOf === undefined ? {} : {undoOf}),
		steps: [step],
		after: results => (results.length > 0 ? {retentionInDays: days ?? neverExpire} : {}),
		undo: () => retentionPlan(target, days, previous, title),
	});
}

export const putRetention: Fix = {
	id: 'put-retention',
	title: 'Set log retention',
	risk: 'low',
	targetKind: 'logGroup',
	summary: 'Set how many days a log group keeps its events.',
	params: [
		{name: 'retentionInDays', label: 'Retention (days)', kind: 'choice', required: true, choices: retentionDays, help: 'One of the values CloudWatch Logs accepts.'},
	],
	async plan(cloud, target, params = {}) {
		const groupTarget = requireTarget(putRetention.id, target, 'logGroup');
		checkKnownParams(putRetention.id, putRetention.params, params);
		const days = requiredInteger(params, 'retentionInDays', {min: 1, max: 3653});
		if (!retentionDays.includes(days)) {
			throw new FixInputError(`retentionInDays ${days} is not allowed; CloudWatch Logs accepts ${retentionDays.join(', ')}`, 'retentionInDays');
		}
		const group = await readLogGroup(cloud, groupTarget.logGroup);
		if (group.retentionInDays === days) {
			throw new FixInputError(`the retention of ${group.name} is already ${days} days`, 'retentionInDays');
		}
		return retentionPlan(groupTarget, group.retentionInDays, days);
	},
};

const logGroupName = {max: 512, pattern: /^[.\-_/#A-Za-z0-9]+$/, rule: 'use letters, digits and . - _ / #'};

export const createLogGroup: Fix = {
	id: 'create-log-group',
	title: 'Create log group',
	risk: 'low',
	targetKind: 'logGroup',
	summary: 'Create a missing log group (the agents cannot ship logs to a group that does not exist).',
	params: [],
	async plan(cloud, target, params = {}) {
		const {logGroup: name} = requireTarget(createLogGroup.id, target, 'logGroup');
		checkKnownParams(createLogGroup.id, createLogGroup.params, params);
		requiredString({logGroup: name}, 'logGroup', logGroupName);
		if (await findLogGroup(cloud, name)) throw new FixInputError(`log group ${name} already exists`, 'logGroup');
		return makePlan({
			fixId: 'create-log-group',
			title: `Create log group ${name}`,
			risk: createLogGroup.risk,
			target,
			resourceName: name,
			changes: [{field: 'logGroup', from: '(none)', to: name}],
			warnings: [`${name} keeps its events forever until a retention is set (put-retention).`],
			undoSummary: `No undo: acso-tui never deletes log groups (aws logs delete-log-group --log-group-name ${name} would).`,
			steps: [
				{
					apiCall: 'logs:CreateLogGroup',
					parameters: {logGroupName: name},
					cliArgs: ['aws', 'logs', 'create-log-group', '--log-group-name', name],
					// aws logs create-log-group --log-group-name NAME
					send: operator => operator.createLogGroup(name),
				},
			],
			after: results => (results.length > 0 ? {logGroup: name, retentionInDays: neverExpire} : {}),
		});
	},
};

function checkPattern(pattern: string): void {
	try {
		compileFilterPattern(pattern);
	} catch (error) {
		throw new FixInputError(`filterPattern ${JSON.stringify(pattern)} is not valid: ${errorMessage(error)}`, 'filterPattern');
	}
}

function sameFilter(a: MetricFilter, b: MetricFilter): boolean {
	const key = (filter: MetricFilter) =>
		JSON.stringify([filter.pattern, filter.transformations.map(t => [t.metricName, t.metricNamespace, t.metricValue, t.defaultValue ?? null])]);
	return key(a) === key(b);
}

function describeFilter(filter: MetricFilter): string {
	const t = filter.transformations[0];
	return `${JSON.stringify(filter.pattern)} -> ${t ? `${t.metricNamespace}/${t.metricName} += ${t.metricValue}` : '(no metric)'}`;
}

function metricFilterPlan(target: LogGroupTarget, previous: MetricFilter | undefined, filter: MetricFilter, undoOf?: string): Plan {
	const name = target.logGroup;
	const transformation = filter.transformations[0]!;
	const warnings: string[] = [];
	// Plain-text patterns AND their terms, so "ERROR OR FATAL" needs all three words (aws-notes.md).
	if (!/^\s*[{[%]/.test(filter.pattern) && /(^|\s)OR(\s|$)/.test(filter.pattern)) {
		warnings.push(`"OR" in a plain-text pattern is matched as a word; to match either term write ?ERROR ?FATAL.`);
	}
	if (previous) warnings.push(`Replaces the existing filter ${filter.name}: ${describeFilter(previous)}.`);
	const title = `${previous ? 'Update' : 'Create'} metric filter ${filter.name} on ${name}`;
	const transformationArg = [
		`metricName=${transformation.metricName}`,
		`metricNamespace=${transformation.metricNamespace}`,
		`metricValue=${transformation.metricValue}`,
		...(transformation.defaultValue === undefined ? [] : [`defaultValue=${transformation.defaultValue}`]),
	].join(',');
	return makePlan({
		fixId: 'put-metric-filter',
		title: undoOf ? `Undo: ${title}` : title,
		risk: putMetricFilter.risk,
		target,
		resourceName: name,
		changes: [{field: `metric filter ${filter.name}`, from: previous ? describeFilter(previous) : '(none)', to: describeFilter(filter)}],
		warnings,
		undoSummary: previous
			? `Undo puts the previous filter back (${describeFilter(previous)}).`
			: 'No undo: the port cannot delete metric filters (aws logs delete-metric-filter would).',
		...(undoOf === undefined ? {} : {undoOf}),
		steps: [
			{
				apiCall: 'logs:PutMetricFilter',
				parameters: {
					logGroupName: name,
					filterName: filter.name,
					filterPattern: filter.pattern,
					metricTransformations: filter.transformations.map(t => ({...t})),
				},
				cliArgs: ['aws', 'logs', 'put-metric-filter', '--log-group-name', name, '--filter-name', filter.name, '--filter-pattern', filter.pattern, '--metric-transformations', transformationArg],
				// aws logs put-metric-filter --log-group-name NAME --filter-name F --filter-pattern P --metric-transformations metricName=..,metricNamespace=..,metricValue=..
				send: operator => operator.putMetricFilter(structuredClone(filter)),
			},
		],
		after: results => (results.length > 0 ? {filterName: filter.name, filterPattern: filter.pattern} : {}),
		...(previous ? {undo: () => metricFilterPlan(target, filter, previous, title)} : {}),
	});
}

export const putMetricFilter: Fix = {
	id: 'put-metric-filter',
	title: 'Put metric filter',
	risk: 'low',
	targetKind: 'logGroup',
	summary: 'Count matching log lines as a CloudWatch metric (e.g. ERROR lines into ACSO/Errors ErrorCount).',
	params: [
		{name: 'filterName', label: 'Filter name', kind: 'string', required: true, help: 'e.g. ErrorCount; an existing filter of that name is replaced.'},
		{name: 'filterPattern', label: 'Filter pattern', kind: 'string', required: true, help: 'CloudWatch Logs filter pattern, e.g. ERROR or ?ERROR ?FATAL.'},
		{name: 'metricName', label: 'Metric name', kind: 'string', required: true, help: 'e.g. ErrorCount'},
		{name: 'metricNamespace', label: 'Metric namespace', kind: 'string', required: true, help: 'e.g. ACSO/Errors (AWS/ is reserved).'},
		{name: 'metricValue', label: 'Metric value', kind: 'string', required: false, default: '1', help: 'Added per matching line: a number, or $.field of a JSON line.'},
		{name: 'defaultValue', label: 'Default value', kind: 'number', required: false, help: 'Published when nothing matches in a period (empty: none).'},
	],
	async plan(cloud, target, params = {}) {
		const groupTarget = requireTarget(putMetricFilter.id, target, 'logGroup');
		checkKnownParams(putMetricFilter.id, putMetricFilter.params, params);
		const filterName = requiredString(params, 'filterName', {max: 512, pattern: /^[^:*]+$/, rule: 'it must not contain : or *'});
		const pattern = requiredString(params, 'filterPattern', {max: 1024});
		checkPattern(pattern);
		const metricName = requiredString(params, 'metricName', {max: 255, pattern: /^[^:*$]+$/, rule: 'it must not contain : * or $'});
		const metricNamespace = requiredString(params, 'metricNamespace', {max: 255, pattern: /^(?!AWS\/)[^:*$]+$/, rule: 'it must not contain : * $ nor start with AWS/ (reserved)'});
		const metricValue = optionalString(params, 'metricValue', {max: 100, pattern: /^(-?\d+(\.\d+)?|\$[\w.[\]-]+)$/, rule: 'use a number or $.field'}) ?? '1';
		const defaultValue = optionalNumber(params, 'defaultValue');
		const group = await readLogGroup(cloud, groupTarget.logGroup);
		// aws logs describe-metric-filters --log-group-name NAME
		const existing = (await cloud.logs.describeMetricFilters(group.name)).find(filter => filter.name === filterName);
		const filter: MetricFilter = {
			name: filterName,
			logGroup: group.name,
			pattern,
			transformations: [{metricName, metricNamespace, metricValue, ...(defaultValue === undefined ? {} : {defaultValue})}],
		};
		if (existing && sameFilter(existing, filter)) {
			throw new FixInputError(`metric filter ${filterName} on ${group.name} is already exactly this`, 'filterName');
		}
		return metricFilterPlan(groupTarget, existing, filter);
	},
};
