// Maps the runbook's write-step hints (source/runbooks: {kind, target, params}) to a fix of the
// catalogue, its target and its params. Hints come from a guide's command line, so parameter names may
// be the CLI's (--desired-count) or the form's (desiredCount); both are accepted, anything else is
// reported in `notes` rather than passed on (the fix would refuse it).
import {FixInputError} from './errors.js';
import {catalogue, fixById} from './catalogue.js';
import type {FixTarget} from './hint.js';
import type {Fix, Target, TargetKind} from './types.js';

export type RunbookTarget = FixTarget;

export type RunbookFix = {
	fix: Fix;
	/** Undefined when the hint does not name one: the UI asks (see `needs`). */
	target?: Target;
	params: Record<string, unknown>;
	/** What the engineer must still choose before planning. */
	needs?: {kind: TargetKind; cluster?: string; reason: string; path?: string; absent?: boolean};
	/** Hint parameters that were not used, and why. */
	notes: string[];
};

// Other spellings of each fix parameter (the CLI's option names, the form names other code may use).
const aliases: Record<string, string> = {
	'desired-count': 'desiredCount',
	count: 'desiredCount',
	'retention-in-days': 'retentionInDays',
	days: 'retentionInDays',
	retention: 'retentionInDays',
	'task-definition': 'taskDefinition',
	'filter-name': 'filterName',
	'filter-pattern': 'filterPattern',
	pattern: 'filterPattern',
	'metric-name': 'metricName',
	'metric-namespace': 'metricNamespace',
	'metric-value': 'metricValue',
	'default-value': 'defaultValue',
	'evaluation-periods': 'evaluationPeriods',
	period: 'periodSeconds',
	'comparison-operator': 'comparisonOperator',
	'alarm-description': 'description',
	'alarm-rule': 'alarmRule',
	rule: 'alarmRule',
	'db-instance-class': 'instanceClass',
	class: 'instanceClass',
	dbInstanceClass: 'instanceClass',
	'apply-immediately': 'applyImmediately',
};

// Parameters that name the target rather than configure the fix.
const targetFields: Record<string, 'cluster' | 'service' | 'taskId' | 'logGroup' | 'alarm' | 'db' | 'parameter' | 'role'> = {
	cluster: 'cluster',
	service: 'service',
	task: 'taskId',
	taskId: 'taskId',
	logGroup: 'logGroup',
	'log-group-name': 'logGroup',
	logGroupName: 'logGroup',
	alarm: 'alarm',
	alarmName: 'alarm',
	'alarm-name': 'alarm',
	db: 'db',
	'db-instance-identifier': 'db',
	dbInstanceIdentifier: 'db',
	parameter: 'parameter',
	'parameter-name': 'parameter',
	role: 'role',
	'role-name': 'role',
	roleName: 'role',
};

function text(value: unknown): string | undefined {
	if (Array.isArray(value)) return value.length === 1 ? text(value[0]) : undefined;
	return typeof value === 'string' && value.trim() !== '' ? value : typeof value === 'number' ? String(value) : undefined;
}

/** metricName=ErrorCount,metricNamespace=ACSO/Errors,metricValue=1 (or the same as a record). */
function transformations(value: unknown): Record<string, unknown> {
	if (typeof value === 'object' && value !== null && !Array.isArray(value)) return {...value};
	const source = text(value);
	if (source === undefined) throw new FixInputError('metricTransformations: expected metricName=..,metricNamespace=..,metricValue=..', 'metricTransformations');
	const fields: Record<string, unknown> = {};
	for (const pair of source.split(',')) {
		const at = pair.indexOf('=');
		if (at <= 0) throw new FixInputError(`metricTransformations: expected name=value, got ${JSON.stringify(pair)}`, 'metricTransformations');
		fields[pair.slice(0, at).trim()] = pair.slice(at + 1).trim();
	}
	return fields;
}

function buildTarget(kind: TargetKind, fields: Partial<Record<string, string>>): Target | undefined {
	const {cluster, service, taskId, logGroup, alarm, db, parameter, role} = fields;
	switch (kind) {
		case 'service':
			return cluster && service ? {kind, cluster, service} : undefined;
		case 'task':
			return cluster && taskId ? {kind, cluster, taskId} : undefined;
		case 'logGroup':
			return logGroup ? {kind, logGroup} : undefined;
		case 'alarm':
			return alarm ? {kind, alarm} : undefined;
		case 'db':
			return db ? {kind, db} : undefined;
		case 'parameter':
			return parameter ? {kind, name: parameter} : undefined;
		case 'role':
			return role ? {kind, role} : undefined;
	}
}

export function fixFromRunbook(kind: string, params: Readonly<Record<string, unknown>> = {}, target?: RunbookTarget): RunbookFix {
	const fix = fixById(kind);
	if (!fix) throw new FixInputError(`no fix for runbook step kind "${kind}" (known: ${catalogue.map(f => f.id).join(', ')})`, 'kind');

	const known = new Set(fix.params.map(spec => spec.name));
	const fixParams: Record<string, unknown> = {};
	const targetValues: Partial<Record<string, string>> = {};
	const notes: string[] = [];
	for (const [rawName, value] of Object.entries(params)) {
		if (value === undefined) continue;
		if (rawName === 'metricTransformations' || rawName === 'metric-transformations') {
			for (const [name, part] of Object.entries(transformations(value))) {
				if (known.has(name)) fixParams[name] = part;
				else notes.push(`ignored metric transformation field ${name}`);
			}
			continue;
		}
		const field = targetFields[rawName];
		if (field !== undefined) {
			const name = text(value);
			if (name !== undefined) targetValues[field] = name;
			continue;
		}
		const name = aliases[rawName] ?? rawName;
		if (known.has(name)) fixParams[name] = value;
		else notes.push(`ignored parameter ${rawName}: ${fix.id} does not take it`);
	}

	let resolved: Target | undefined;
	let needs: RunbookFix['needs'];
	if (target?.kind === 'parameterPath') {
		// The guide names a stand-in (or a parameter to delete): the engineer picks one in the hierarchy.
		if (fix.targetKind !== 'parameter') throw new FixInputError(`runbook step "${kind}" names a parameter path, but ${fix.id} acts on a ${fix.targetKind}`, 'target');
		const needsPath = {kind: fix.targetKind, path: target.path, reason: `${fix.title} acts on one parameter: choose one under ${target.path}`};
		return {fix, params: fixParams, needs: needsPath, notes};
	}
	if (target && target.kind !== 'cluster') {
		if (target.kind !== fix.targetKind) {
			throw new FixInputError(`runbook step "${kind}" names a ${target.kind}, but ${fix.id} acts on a ${fix.targetKind}`, 'target');
		}
		resolved = target;
	} else {
		const cluster = target?.kind === 'cluster' ? target.cluster : targetValues['cluster'];
		resolved = buildTarget(fix.targetKind, {...targetValues, ...(cluster === undefined ? {} : {cluster})});
		if (!resolved) {
			needs = {
				kind: fix.targetKind,
				...(cluster === undefined ? {} : {cluster}),
				// Creating a service picks among those the cluster lacks, not those it runs.
				...(fix.id === 'create-service' ? {absent: true} : {}),
				reason: target?.kind === 'cluster'
					? `${fix.title} acts on one ${fix.targetKind}: choose one in ${target.cluster} (repeat for each that needs it)`
					: `choose the ${fix.targetKind} for ${fix.title}`,
			};
		}
	}
	return {fix, ...(resolved ? {target: resolved} : {}), params: fixParams, ...(needs ? {needs} : {}), notes};
}
