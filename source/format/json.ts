// JSON inside log messages: structured loggers write a whole JSON object per line; some runtimes
// put a prefix in front (`2024-05-01T10:00:00Z abc123 INFO {...}`). Both count as JSON here.

import {sanitize} from './sanitize.js';

export type JsonTail = {
	/** Text before the object, trimmed; '' when the whole message is the object. */
	prefix: string;
	value: Record<string, unknown>;
};

// Each candidate `{` costs a JSON.parse of the rest of the line; a few are enough for real
// prefixes and keep a pathological line (thousands of braces) cheap.
const maxCandidates = 8;

function parseObject(text: string): Record<string, unknown> | undefined {
	try {
		const value: unknown = JSON.parse(text);
		return typeof value === 'object' && value !== null && !Array.isArray(value)
			? (value as Record<string, unknown>)
			: undefined;
	} catch {
		return undefined;
	}
}

/** The JSON object the message is, or ends with; undefined when there is none. */
export function parseJsonTail(message: string): JsonTail | undefined {
	const trimmed = message.trim();
	if (!trimmed.endsWith('}')) return undefined;
	if (trimmed.startsWith('{')) {
		const value = parseObject(trimmed);
		if (value) return {prefix: '', value};
	}
	// The leftmost `{` that starts a valid object is the outermost one.
	let from = trimmed.indexOf('{', 1);
	for (let tries = 0; from > 0 && tries < maxCandidates; tries++) {
		const value = parseObject(trimmed.slice(from));
		if (value) return {prefix: trimmed.slice(0, from).trim(), value};
		from = trimmed.indexOf('{', from + 1);
	}
	return undefined;
}

/**
 * The message pretty-printed for a detail view, one sanitized line each: the prefix (if any) on
 * its own line, then the object with two-space indentation. Undefined when the message is not,
 * and does not end with, a JSON object.
 */
export function prettyJson(message: string): string[] | undefined {
	const tail = parseJsonTail(message);
	if (!tail) return undefined;
	// JSON.stringify escapes C0 controls itself; sanitize still catches bidi and zero-width
	// characters, which JSON leaves as they are.
	const lines = JSON.stringify(tail.value, null, 2).split('\n').map((line) => sanitize(line));
	return tail.prefix === '' ? lines : [sanitize(tail.prefix), ...lines];
}
