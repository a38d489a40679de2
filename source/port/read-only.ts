import {CloudError} from './errors.js';
import type {Operator} from './types.js';

export const writeHint = 'acso-tui is read-only: start it with --write to allow changes';

/**
 * The read-only rule, enforced below the UI: every mutating call of the returned Operator throws
 * before it reaches the backend (and so before any request is built) unless writes are enabled.
 * Both the AWS adapters and the simulated account are handed out only through this guard.
 */
export function guardOperator(operator: Operator, isWriteEnabled: () => boolean): Operator {
	const guarded = {} as Record<keyof Operator, unknown>;
	for (const name of Object.keys(operator) as Array<keyof Operator>) {
		const call = operator[name] as (...args: unknown[]) => Promise<unknown>;
		guarded[name] = async (...args: unknown[]) => {
			if (!isWriteEnabled()) {
				throw new CloudError('read-only', `${name} refused: ${writeHint}`, {action: name});
			}
			return call.apply(operator, args);
		};
	}
	return guarded as Operator;
}
