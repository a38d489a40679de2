// Fargate's sizes (source/model/fargate-sizes.ts): anything else is refused by
// RegisterTaskDefinition, so it is refused here first, in words that say what would fit.
import {fargateCpuValues, fargateMemoryByCpu} from '../model/fargate-sizes.js';
import {FixInputError} from './errors.js';

export {fargateCpuValues, fargateMemoryByCpu};

function range(values: readonly number[]): string {
	const [first] = values;
	const last = values.at(-1);
	if (first === undefined || last === undefined) return '(none)';
	if (values.length <= 3) return values.join(', ');
	const step = (values[1] ?? first) - first;
	return `${first} to ${last} in steps of ${step}`;
}

export function checkFargateSize(cpu: number, memory: number): void {
	const allowed = fargateMemoryByCpu.get(cpu);
	if (!allowed) {
		throw new FixInputError(`cpu ${cpu} is not a Fargate size; use one of ${fargateCpuValues.join(', ')}`, 'cpu');
	}
	if (!allowed.includes(memory)) {
		throw new FixInputError(`Fargate does not allow memory ${memory} MiB with cpu ${cpu}; with cpu ${cpu} use ${range(allowed)} MiB`, 'memory');
	}
}
