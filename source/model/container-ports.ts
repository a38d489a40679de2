// The TCP ports a task definition's containers listen on, read from their portMappings: what a
// security group must admit for other services to reach them.
import type {TaskDefinition} from '../port/types.js';

export function containerPorts(definition: TaskDefinition): number[] {
	const ports = new Set<number>();
	for (const container of definition.containers) {
		const mappings = container.extra?.portMappings;
		if (!Array.isArray(mappings)) continue;
		for (const mapping of mappings as unknown[]) {
			if (typeof mapping !== 'object' || mapping === null) continue;
			const {containerPort, protocol} = mapping as {containerPort?: unknown; protocol?: unknown};
			if (typeof containerPort === 'number' && Number.isInteger(containerPort) && (protocol === undefined || protocol === 'tcp')) ports.add(containerPort);
		}
	}
	return [...ports].sort((a, b) => a - b);
}
