// Fargate accepts only these task-level cpu/memory pairs (AWS ECS developer guide, "Task CPU and
// memory"); anything else is refused by RegisterTaskDefinition, so it is refused here first.
import {FixInputError} from './errors.js';

function steps(from: number, to: number, by: number): number[] {
	const values: number[] = [];
	for (let v = from; v <= to; v += by) values.push(v);
	return values;
}

/** cpu units -> allowed memory in MiB. */
export const fargateMemoryByCpu: ReadonlyMap<number, readonly number[]> = new Map([
	[256, [512, 1024, 2048]],
	[512, steps(1024, 4096, 1024)],
	[1024, steps(2048, 8192, 1024)],
	[2048, steps(4096, 16_384, 1024)],
	[4096, steps(8192, 30_720, 1024)],
	[8192, steps(16_384, 61_440, 4096)],
	[16_384, steps(32_768, 122_880, 8192)],
]);

export const fargateCpuValues: readonly number[] = [...fargateMemoryByCpu.keys()];

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
