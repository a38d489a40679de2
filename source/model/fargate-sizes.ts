// Fargate accepts only these task-level cpu/memory pairs (AWS ECS developer guide, "Task CPU and
// memory"). One table: the fixes refuse other sizes before sending, and the simulated account
// refuses them as ECS would.

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

export function isFargateSize(cpu: number, memory: number): boolean {
	return fargateMemoryByCpu.get(cpu)?.includes(memory) ?? false;
}
