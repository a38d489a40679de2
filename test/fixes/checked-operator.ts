// A fake Operator that checks calls, like lazygit's fake command runner: it is given the exact calls
// expected, in order, with their answers; an unexpected call, a call with other arguments, or an
// expected call that never came fails the test at verify().
import {isDeepStrictEqual, inspect} from 'node:util';
import type {OperationResult, Operator} from '../../source/port/types.js';

export type ExpectedCall = {
	method: keyof Operator;
	args: unknown[];
	/** What the call answers; default {value: undefined, requestId: 'req-<n>'}. */
	result?: OperationResult<unknown>;
	/** Thrown instead of answering. */
	error?: unknown;
};

export type CheckedOperator = {
	operator: Operator;
	/** Every call made, expected or not. */
	calls: Array<{method: keyof Operator; args: unknown[]}>;
	/** Throws unless exactly the expected calls were made. */
	verify(): void;
};

const methods: Array<keyof Operator> = [
	'updateService',
	'registerTaskDefinition',
	'stopTask',
	'createService',
	'deleteService',
	'createLogGroup',
	'putRetentionPolicy',
	'deleteRetentionPolicy',
	'putMetricFilter',
	'putMetricAlarm',
	'putCompositeAlarm',
	'modifyDbInstance',
	'putParameter',
	'createRole',
	'attachRolePolicy',
	'detachRolePolicy',
	'deleteRole',
	'authorizeSecurityGroupIngress',
	'revokeSecurityGroupIngress',
];

const show = (value: unknown) => inspect(value, {depth: 6, breakLength: Infinity});

export function checkedOperator(expected: ExpectedCall[]): CheckedOperator {
	const pending = [...expected];
	const failures: string[] = [];
	const calls: CheckedOperator['calls'] = [];
	let count = 0;
	const operator = {} as Record<keyof Operator, unknown>;
	for (const method of methods) {
		operator[method] = async (...args: unknown[]) => {
			calls.push({method, args});
			count++;
			const next = pending.shift();
			if (!next) {
				const message = `unexpected call ${method}(${show(args)})`;
				failures.push(message);
				throw new Error(message);
			}
			if (next.method !== method || !isDeepStrictEqual(next.args, args)) {
				const message = `expected ${next.method}(${show(next.args)}), got ${method}(${show(args)})`;
				failures.push(message);
				throw new Error(message);
			}
			if (next.error !== undefined) throw next.error;
			return next.result ?? {value: undefined, requestId: `req-${count}`};
		};
	}
	return {
		operator: operator as Operator,
		calls,
		verify() {
			const problems = [...failures, ...pending.map(call => `expected call never came: ${call.method}(${show(call.args)})`)];
			if (problems.length > 0) throw new Error(problems.join('\n'));
		},
	};
}
