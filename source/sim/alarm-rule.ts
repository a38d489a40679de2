// Composite alarm rules, e.g.
//   (ALARM("ACSO-HighCPU") OR ALARM("ACSO-HighMemory")) AND NOT ALARM("ACSO-Maintenance")
// parsed with CloudWatch's grammar: ALARM/OK/INSUFFICIENT_DATA(name or ARN), TRUE, FALSE, NOT, AND,
// OR and parentheses (AND binds tighter than OR).

import type {AlarmState} from '../port/types.js';

export type RuleNode =
	| {kind: 'state'; state: AlarmState; alarm: string}
	| {kind: 'const'; value: boolean}
	| {kind: 'not'; operand: RuleNode}
	| {kind: 'and' | 'or'; left: RuleNode; right: RuleNode};

export class RuleError extends Error {}

const MAX_RULE_LENGTH = 10_240;

export function parseAlarmRule(rule: string): RuleNode {
	if (typeof rule !== 'string' || rule.trim() === '') throw new RuleError('the alarm rule is empty');
	if (rule.length > MAX_RULE_LENGTH) throw new RuleError(`the alarm rule is longer than ${MAX_RULE_LENGTH} characters`);
	let pos = 0;
	const skip = () => {
		while (pos < rule.length && /\s/.test(rule[pos]!)) pos++;
	};
	const word = (): string => {
		skip();
		const match = /^[A-Za-z_]+/.exec(rule.slice(pos));
		return match ? match[0] : '';
	};
	const expect = (char: string) => {
		skip();
		if (rule[pos] !== char) throw new RuleError(`expected '${char}' at position ${pos + 1}${pos < rule.length ? ` but found '${rule[pos]}'` : ' but the rule ended'}`);
		pos++;
	};
	const alarmName = (): string => {
		skip();
		const quote = rule[pos];
		if (quote === '"' || quote === "'") {
			const end = rule.indexOf(quote, pos + 1);
			if (end < 0) throw new RuleError(`unterminated quoted alarm name at position ${pos + 1}`);
			const name = rule.slice(pos + 1, end);
			pos = end + 1;
			if (name === '') throw new RuleError('an alarm name is empty');
			return name;
		}
		const end = rule.indexOf(')', pos);
		const name = (end < 0 ? rule.slice(pos) : rule.slice(pos, end)).trim();
		if (name === '') throw new RuleError(`an alarm name is missing at position ${pos + 1}`);
		pos = end < 0 ? rule.length : end;
		return name;
	};
	const primary = (): RuleNode => {
		skip();
		if (rule[pos] === '(') {
			pos++;
			const inner = or();
			expect(')');
			return inner;
		}
		const keyword = word();
		const upper = keyword.toUpperCase();
		if (upper === 'TRUE' || upper === 'FALSE') {
			pos += keyword.length;
			return {kind: 'const', value: upper === 'TRUE'};
		}
		if (upper === 'NOT') {
			pos += keyword.length;
			return {kind: 'not', operand: primary()};
		}
		if (upper === 'ALARM' || upper === 'OK' || upper === 'INSUFFICIENT_DATA') {
			pos += keyword.length;
			expect('(');
			const alarm = alarmName();
			expect(')');
			return {kind: 'state', state: upper as AlarmState, alarm: alarm.startsWith('arn:') ? alarm.slice(alarm.lastIndexOf(':') + 1) : alarm};
		}
		throw new RuleError(
			pos >= rule.length ? 'the rule ended where an ALARM(...), OK(...), INSUFFICIENT_DATA(...), TRUE, FALSE or NOT was expected' : `unexpected '${rule.slice(pos, pos + 12)}' at position ${pos + 1}`,
		);
	};
	const and = (): RuleNode => {
		let left = primary();
		while (word().toUpperCase() === 'AND') {
			pos += 3;
			left = {kind: 'and', left, right: primary()};
		}
		return left;
	};
	const or = (): RuleNode => {
		let left = and();
		while (word().toUpperCase() === 'OR') {
			pos += 2;
			left = {kind: 'or', left, right: and()};
		}
		return left;
	};
	const tree = or();
	skip();
	if (pos < rule.length) throw new RuleError(`unexpected '${rule.slice(pos, pos + 12)}' at position ${pos + 1}`);
	return tree;
}

export function ruleAlarms(node: RuleNode, into: Set<string> = new Set()): Set<string> {
	if (node.kind === 'state') into.add(node.alarm);
	else if (node.kind === 'not') ruleAlarms(node.operand, into);
	else if (node.kind === 'and' || node.kind === 'or') {
		ruleAlarms(node.left, into);
		ruleAlarms(node.right, into);
	}
	return into;
}

export function evaluateRule(node: RuleNode, stateOf: (alarm: string) => AlarmState | undefined): boolean {
	switch (node.kind) {
		case 'const':
			return node.value;
		case 'state':
			return stateOf(node.alarm) === node.state;
		case 'not':
			return !evaluateRule(node.operand, stateOf);
		case 'and':
			return evaluateRule(node.left, stateOf) && evaluateRule(node.right, stateOf);
		case 'or':
			return evaluateRule(node.left, stateOf) || evaluateRule(node.right, stateOf);
	}
}
