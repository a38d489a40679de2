// A read-only fake of the Cloud port for the verdict tests: every method fails the test when called
// unless the test supplied it, and every call is recorded with its arguments.
import {CloudError} from '../../source/port/errors.js';
import type {Cloud, Operator} from '../../source/port/types.js';
import type {ReadCloud} from '../../source/runbooks/native.js';

type Overrides = {[K in keyof ReadCloud]?: Partial<ReadCloud[K]>};

export type RecordedCall = {method: string; args: unknown[]};

export function fakeCloud(overrides: Overrides): {cloud: ReadCloud; calls: RecordedCall[]} {
	const calls: RecordedCall[] = [];
	const group = <K extends keyof ReadCloud>(name: K): NonNullable<ReadCloud[K]> =>
		new Proxy({} as NonNullable<ReadCloud[K]>, {
			get(_target, method: string) {
				const given = (overrides[name] as Record<string, unknown> | undefined)?.[method];
				return async (...args: unknown[]) => {
					calls.push({method: `${name}.${method}`, args});
					if (typeof given !== 'function') throw new Error(`unexpected call ${name}.${method}(${JSON.stringify(args)})`);
					return (given as (...a: unknown[]) => unknown)(...args);
				};
			},
		});
	const cloud = {
		clusters: group('clusters'),
		services: group('services'),
		metrics: group('metrics'),
		logs: group('logs'),
		alarms: group('alarms'),
		databases: group('databases'),
		parameters: group('parameters'),
		roles: group('roles'),
		network: group('network'),
	} satisfies ReadCloud;
	return {cloud, calls};
}

/** A whole Cloud whose Operator records and refuses every call: proof that nothing was changed. */
export function cloudWithSpyOperator(read: ReadCloud): {cloud: Cloud; writes: string[]} {
	const writes: string[] = [];
	const operator = new Proxy({} as Operator, {
		get(_target, method: string) {
			return async () => {
				writes.push(method);
				throw new CloudError('read-only', `${method} must not be called by a diagnosis`);
			};
		},
	});
	return {cloud: {kind: 'sim', region: 'test', ...read, operator, warnings: () => [], reset: () => {}}, writes};
}
