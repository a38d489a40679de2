// Checks the target a fix was handed: the right kind, and names that are not empty.
import {FixInputError} from './errors.js';
import type {Target} from './types.js';

export function requireTarget<K extends Target['kind']>(fixId: string, target: Target, kind: K): Extract<Target, {kind: K}> {
	if (target.kind !== kind) {
		throw new FixInputError(`${fixId} acts on a ${kind}, not on a ${target.kind}`, 'target');
	}
	for (const [field, value] of Object.entries(target)) {
		if (field === 'kind') continue;
		if (typeof value !== 'string' || value.trim() === '') {
			throw new FixInputError(`${fixId}: the target's ${field} is empty`, field);
		}
	}
	return target as Extract<Target, {kind: K}>;
}

/** The name a production confirmation must type for a target. */
export function targetName(target: Target): string {
	switch (target.kind) {
		case 'service':
			return target.service;
		case 'task':
			return target.taskId;
		case 'logGroup':
			return target.logGroup;
		case 'alarm':
			return target.alarm;
		case 'db':
			return target.db;
		case 'parameter':
			return target.name;
		case 'role':
			return target.role;
	}
}
