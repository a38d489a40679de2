// CloudWatch composite alarm fix: create or change the rule of an alarm built from other alarms
// (the guide's "alert suppression": ALARM(a) OR ALARM(b) AND NOT ALARM(maintenance)).
import type {CompositeAlarm, CompositeAlarmInput} from '../port/types.js';
import {compositeAlarmCli, compositeAlarmRequest} from './alarm-request.js';
import {alarmNameRule, findAlarm} from './alarms.js';
import {FixInputError} from './errors.js';
import {checkKnownParams, optionalString, requiredString} from './params.js';
import {makePlan, raiseRisk} from './plan.js';
import {requireTarget} from './targets.js';
import type {Fix, Plan, Target} from './types.js';

type AlarmTarget = Extract<Target, {kind: 'alarm'}>;

/** The alarm names a rule refers to: ALARM("a"), OK('b'), INSUFFICIENT_DATA(c). */
export function alarmRuleReferences(rule: string): string[] {
	const names: string[] = [];
	const reference = /\b(?:ALARM|OK|INSUFFICIENT_DATA)\s*\(\s*(?:"([^"]*)"|'([^']*)'|([^()\s"']+))\s*\)/g;
	for (const match of rule.matchAll(reference)) {
		const name = match[1] ?? match[2] ?? match[3];
		if (name !== undefined && !names.includes(name)) names.push(name);
	}
	return names;
}

function checkParentheses(rule: string): void {
	let depth = 0;
	let quote: string | undefined;
	for (const char of rule) {
		if (quote) {
			if (char === quote) quote = undefined;
		} else if (char === '"' || char === "'") quote = char;
		else if (char === '(') depth++;
		else if (char === ')' && --depth < 0) throw new FixInputError('alarmRule has a ")" without its "("', 'alarmRule');
	}
	if (quote) throw new FixInputError(`alarmRule has an unclosed ${quote}`, 'alarmRule');
	if (depth > 0) throw new FixInputError(`alarmRule has ${depth} unclosed "("`, 'alarmRule');
}

function inputOf(alarm: CompositeAlarm): CompositeAlarmInput {
	const {kind: _kind, arn: _arn, state: _state, stateReason: _reason, stateUpdatedAt: _updated, ...input} = structuredClone(alarm);
	return input;
}

function compositePlan(target: AlarmTarget, previous: CompositeAlarmInput | undefined, alarm: CompositeAlarmInput, warnings: string[], risk: Fix['risk'], undoOf?: string): Plan {
	const title = previous ? `Change the rule of ${alarm.name}` : `Create composite alarm ${alarm.name}`;
	return makePlan({
		fixId: 'put-composite-alarm',
		title: undoOf ? `Undo: ${title}` : title,
		risk,
		target,
		resourceName: alarm.name,
		changes: [
			{field: 'alarmRule', from: previous?.alarmRule ?? '(none)', to: alarm.alarmRule},
			...(previous && previous.description !== alarm.description ? [{field: 'description', from: previous.description ?? '(none)', to: alarm.description ?? '(none)'}] : []),
		],
		warnings,
		undoSummary: previous
			? 'Undo puts the previous rule back.'
			: `No undo: the port cannot delete alarms (aws cloudwatch delete-alarms --alarm-names ${alarm.name} would).`,
		...(undoOf === undefined ? {} : {undoOf}),
		steps: [
			{
				apiCall: 'cloudwatch:PutCompositeAlarm',
				parameters: compositeAlarmRequest(alarm),
				cliArgs: compositeAlarmCli(alarm),
				// aws cloudwatch put-composite-alarm --alarm-name NAME --alarm-rule RULE [--alarm-description D]
				send: operator => operator.putCompositeAlarm(structuredClone(alarm)),
			},
		],
		after: results => (results.length > 0 ? {alarmRule: alarm.alarmRule} : {}),
		...(previous ? {undo: () => compositePlan(target, alarm, previous, [], risk, title)} : {}),
	});
}

export const putCompositeAlarm: Fix = {
	id: 'put-composite-alarm',
	title: 'Put composite alarm',
	risk: 'low',
	targetKind: 'alarm',
	summary: 'Create or change an alarm that combines others, e.g. to suppress noise during maintenance.',
	params: [
		{name: 'alarmRule', label: 'Rule', kind: 'string', required: true, help: `e.g. (ALARM('ACSO-HighCPU') OR ALARM('ACSO-HighMemory')) AND NOT ALARM('ACSO-Maintenance')`},
		{name: 'description', label: 'Description', kind: 'string', required: false, help: 'Shown with the alarm.'},
	],
	async plan(cloud, target, params = {}) {
		const alarmTarget = requireTarget(putCompositeAlarm.id, target, 'alarm');
		checkKnownParams(putCompositeAlarm.id, putCompositeAlarm.params, params);
		optionalString({alarm: alarmTarget.alarm}, 'alarm', alarmNameRule);
		const alarmRule = requiredString(params, 'alarmRule', {max: 10_240});
		const description = optionalString(params, 'description', {max: 1024});
		checkParentheses(alarmRule);
		const references = alarmRuleReferences(alarmRule);
		if (references.length === 0 && !/^\s*(TRUE|FALSE)\s*$/.test(alarmRule)) {
			throw new FixInputError('alarmRule names no alarm: write ALARM("name"), OK("name") or INSUFFICIENT_DATA("name")', 'alarmRule');
		}
		if (references.includes(alarmTarget.alarm)) {
			throw new FixInputError(`alarmRule refers to ${alarmTarget.alarm} itself`, 'alarmRule');
		}
		// CloudWatch refuses a rule naming an alarm that does not exist; say which before sending.
		const known = references.length > 0 ? await cloud.alarms.describeAlarms({names: references}) : [];
		const missing = references.filter(name => !known.some(alarm => alarm.name === name));
		if (missing.length > 0) {
			throw new FixInputError(`alarmRule names alarms that do not exist: ${missing.join(', ')}`, 'alarmRule');
		}
		const existing = await findAlarm(cloud, alarmTarget.alarm);
		if (existing?.kind === 'metric') {
			throw new FixInputError(`${alarmTarget.alarm} is a metric alarm; use put-metric-alarm`, 'alarm');
		}
		const warnings: string[] = [];
		let risk = putCompositeAlarm.risk;
		if (!existing) {
			const alarm: CompositeAlarmInput = {name: alarmTarget.alarm, alarmRule, ...(description === undefined ? {} : {description})};
			warnings.push('The new alarm has no actions: it changes state but notifies no one.');
			return compositePlan(alarmTarget, undefined, alarm, warnings, risk);
		}
		const previous = inputOf(existing);
		const alarm: CompositeAlarmInput = {...previous, alarmRule, ...(description === undefined ? {} : {description})};
		if (alarm.alarmRule === previous.alarmRule && alarm.description === previous.description) {
			throw new FixInputError(`${alarm.name} already has this rule`, 'alarmRule');
		}
		if (existing.extra === undefined && cloud.kind === 'aws') {
			risk = raiseRisk(risk, 'high');
			warnings.push('The alarm\'s actions (notifications) were not read from AWS; PutCompositeAlarm replaces the whole alarm, so they would be removed.');
		}
		return compositePlan(alarmTarget, previous, alarm, warnings, risk);
	},
};
