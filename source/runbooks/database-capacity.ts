// How many connections an RDS instance accepts by default, estimated from its class: RDS sets
// max_connections from the instance's memory (PostgreSQL: memory / 9531392, at most 5000;
// MySQL and MariaDB: memory / 12582880). The real limit is a little lower (the OS keeps some
// memory) and a parameter group can change it, so this is an estimate and is labelled as one.

const gib = 1024 ** 3;

const burstable: Record<string, number> = {micro: 1, small: 2, medium: 4, large: 8, xlarge: 16, '2xlarge': 32};

/** Memory of an RDS instance class in GiB, or undefined for a class this table does not know. */
export function instanceMemoryGiB(instanceClass: string): number | undefined {
	const match = /^db\.([a-z]+)(\d+)([a-z]*)\.(\w+)$/.exec(instanceClass.trim().toLowerCase());
	if (!match) return undefined;
	const [, family, , , size] = match as unknown as [string, string, string, string, string];
	if (family === 't') return burstable[size];
	// General purpose (m) has 4 GiB per vCPU, memory optimised (r) 8; "large" is 2 vCPUs, "xlarge" 4.
	const perVcpu = family === 'm' ? 4 : family === 'r' ? 8 : family === 'x' ? 16 : undefined;
	if (perVcpu === undefined) return undefined;
	if (size === 'large') return 2 * perVcpu;
	if (size === 'xlarge') return 4 * perVcpu;
	const n = /^(\d+)xlarge$/.exec(size);
	return n ? 4 * Number(n[1]) * perVcpu : undefined;
}

export type ConnectionEstimate = {max: number; basis: string};

export function estimateMaxConnections(instanceClass: string, engine: string): ConnectionEstimate | undefined {
	const memory = instanceMemoryGiB(instanceClass);
	if (memory === undefined) return undefined;
	const bytes = memory * gib;
	const e = engine.toLowerCase();
	if (e.includes('postgres')) {
		return {max: Math.min(Math.floor(bytes / 9_531_392), 5000), basis: `${instanceClass} has ${memory} GiB; PostgreSQL's default is memory/9531392, at most 5000`};
	}
	if (e.includes('mysql') || e.includes('mariadb')) {
		return {max: Math.floor(bytes / 12_582_880), basis: `${instanceClass} has ${memory} GiB; MySQL's default is memory/12582880`};
	}
	return undefined;
}
