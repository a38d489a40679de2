// The param form holds text (what the engineer typed, or the hint's value shown as text); the fix
// validates and coerces it, so the form never second-guesses the catalogue's rules.
import type {Fix, FixParams, ParamSpec} from '../types.js';

/** A value as the form shows it: records (a hint's key=value pairs) as k=v,k=v. */
export function valueText(value: unknown): string {
	if (value === undefined || value === null) return '';
	if (typeof value === 'string') return value;
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	if (Array.isArray(value)) return value.map(valueText).join(' ');
	if (typeof value === 'object') {
		return Object.entries(value as Record<string, unknown>)
			.map(([k, v]) => `${k}=${valueText(v)}`)
			.join(',');
	}
	return String(value);
}

/** The form's starting text: given values first, then each spec's default, else empty. */
export function initialValues(specs: readonly ParamSpec[], given: FixParams = {}): Record<string, string> {
	const values: Record<string, string> = {};
	for (const spec of specs) {
		const value = given[spec.name] ?? spec.default;
		values[spec.name] = valueText(value);
	}
	return values;
}

/**
 * What the fix is handed: every non-empty field exactly as typed (a filter pattern's spaces matter; the
 * fix's coercion trims numbers), an empty one left out so the fix's default applies.
 */
export function paramsFromValues(fix: Pick<Fix, 'params'>, values: Readonly<Record<string, string>>): FixParams {
	const params: Record<string, unknown> = {};
	for (const spec of fix.params) {
		const text = values[spec.name];
		if (text !== undefined && text.trim() !== '') params[spec.name] = text;
	}
	return params;
}

/** The hint under a field: its help, the allowed values, whether it must be filled. */
export function fieldHelp(spec: ParamSpec): string {
	const parts = [spec.help];
	if (spec.choices && spec.choices.length > 0) parts.push(`one of: ${spec.choices.join(', ')}`);
	if (spec.kind === 'boolean') parts.push('true or false');
	if (spec.required) parts.push('required');
	return parts.filter(p => p !== '').join(' · ');
}
