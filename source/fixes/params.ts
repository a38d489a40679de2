// Parameter coercion shared by the fixes. Values arrive from text inputs ("3"), from runbook hints
// (["3"] from a parsed command line) or from code (3); each is checked before anything is sent, and
// every refusal names the parameter, the value and the rule.
import {FixInputError} from './errors.js';
import type {FixParams, ParamSpec} from './types.js';

/** Refuses parameter names the fix does not know, so a typo never silently falls back to a default. */
export function checkKnownParams(fixId: string, specs: readonly ParamSpec[], raw: FixParams): void {
	const known = new Set(specs.map(spec => spec.name));
	for (const name of Object.keys(raw)) {
		if (raw[name] === undefined) continue;
		if (!known.has(name)) {
			const expected = specs.length === 0 ? 'it takes no parameters' : `expected ${specs.map(s => s.name).join(', ')}`;
			throw new FixInputError(`${fixId}: unknown parameter "${name}" (${expected})`, name);
		}
	}
}

// A one-element array is what a parsed command-line option yields; accept it as the value.
function single(raw: FixParams, name: string): unknown {
	const value = raw[name];
	if (Array.isArray(value)) {
		if (value.length === 1) return value[0];
		throw new FixInputError(`${name}: expected one value, got ${value.length}`, name);
	}
	return value;
}

function isBlank(value: unknown): boolean {
	return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}

function show(value: unknown): string {
	return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

export function optionalInteger(raw: FixParams, name: string, range: {min: number; max: number}): number | undefined {
	const value = single(raw, name);
	if (isBlank(value)) return undefined;
	let n: number;
	if (typeof value === 'number') n = value;
	else if (typeof value === 'string' && /^\s*[+-]?\d+\s*$/.test(value)) n = Number(value);
	else throw new FixInputError(`${name} must be a whole number, got ${show(value)}`, name);
	if (!Number.isInteger(n)) throw new FixInputError(`${name} must be a whole number, got ${show(value)}`, name);
	if (n < range.min || n > range.max) {
		throw new FixInputError(`${name} must be between ${range.min} and ${range.max}, got ${n}`, name);
	}
	return n;
}

export function requiredInteger(raw: FixParams, name: string, range: {min: number; max: number}): number {
	const n = optionalInteger(raw, name, range);
	if (n === undefined) throw new FixInputError(`${name} is required (a whole number from ${range.min} to ${range.max})`, name);
	return n;
}

export function optionalNumber(raw: FixParams, name: string): number | undefined {
	const value = single(raw, name);
	if (isBlank(value)) return undefined;
	const n = typeof value === 'number' ? value : typeof value === 'string' ? Number(value.trim()) : Number.NaN;
	if (!Number.isFinite(n)) throw new FixInputError(`${name} must be a finite number, got ${show(value)}`, name);
	return n;
}

export function optionalString(raw: FixParams, name: string, limits: {max: number; pattern?: RegExp; rule?: string}): string | undefined {
	const value = single(raw, name);
	if (isBlank(value)) return undefined;
	if (typeof value !== 'string') throw new FixInputError(`${name} must be text, got ${show(value)}`, name);
	if (value.length > limits.max) throw new FixInputError(`${name} is ${value.length} characters long; the limit is ${limits.max}`, name);
	if (limits.pattern && !limits.pattern.test(value)) {
		throw new FixInputError(`${name} ${show(value)} is not valid: ${limits.rule ?? `it must match ${limits.pattern}`}`, name);
	}
	return value;
}

export function requiredString(raw: FixParams, name: string, limits: {max: number; pattern?: RegExp; rule?: string}): string {
	const value = optionalString(raw, name, limits);
	if (value === undefined) throw new FixInputError(`${name} is required`, name);
	return value;
}

export function optionalBoolean(raw: FixParams, name: string): boolean | undefined {
	const value = single(raw, name);
	if (isBlank(value)) return undefined;
	if (typeof value === 'boolean') return value;
	if (typeof value === 'string') {
		const word = value.trim().toLowerCase();
		if (['true', 'yes', 'y', '1'].includes(word)) return true;
		if (['false', 'no', 'n', '0'].includes(word)) return false;
	}
	throw new FixInputError(`${name} must be true or false, got ${show(value)}`, name);
}

export function optionalChoice<T extends string>(raw: FixParams, name: string, choices: readonly T[]): T | undefined {
	const value = single(raw, name);
	if (isBlank(value)) return undefined;
	if (typeof value === 'string' && (choices as readonly string[]).includes(value)) return value as T;
	throw new FixInputError(`${name} must be one of ${choices.join(', ')}, got ${show(value)}`, name);
}
