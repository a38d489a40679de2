// Configuration drift in Parameter Store, read from the account as it describes itself: the
// principal that last changed most of a hierarchy's parameters is taken for its automation (the
// deploy pipeline), and a parameter last changed by anyone else was changed out of band. Its value
// before is the last version the automation wrote (GetParameterHistory). No naming convention: the
// account says who its automation is. Pure functions, shared by the runbook check, the fix and its
// target picker.
import type {Parameter, ParameterVersion} from '../port/types.js';

/**
 * Who a principal is, for comparing: an assumed role's sessions (one per pipeline run, or per
 * person under an SSO role) differ, the role does not. `arn:aws:sts::1:assumed-role/R/s` -> `assumed-role/R`.
 */
export function principalKey(arn: string): string {
	const assumed = /:assumed-role\/([^/]+)(\/|$)/.exec(arn);
	if (assumed) return `assumed-role/${assumed[1]}`;
	const colon = arn.lastIndexOf(':');
	return arn.startsWith('arn:') && colon >= 0 ? arn.slice(colon + 1) : arn;
}

/** How a principal is named in a line: `ROLE/SESSION` for an assumed role, `user/NAME` for a user. */
export function principalLabel(arn: string | undefined): string {
	if (arn === undefined) return '(not reported)';
	const assumed = /:assumed-role\/(.+)$/.exec(arn);
	if (assumed) return assumed[1]!;
	const colon = arn.lastIndexOf(':');
	return arn.startsWith('arn:') && colon >= 0 ? arn.slice(colon + 1) : arn;
}

export type Automation = {key: string; count: number; label: string};

/**
 * The principal that last changed the most of these parameters, when it changed at least two and
 * more than any other; undefined when the backend names nobody (moto) or no writer stands out.
 */
export function automationOf(parameters: readonly Parameter[]): Automation | undefined {
	const counts = new Map<string, {count: number; example: string}>();
	for (const parameter of parameters) {
		if (parameter.lastModifiedBy === undefined) continue;
		const key = principalKey(parameter.lastModifiedBy);
		const entry = counts.get(key) ?? {count: 0, example: parameter.lastModifiedBy};
		entry.count++;
		counts.set(key, entry);
	}
	const ranked = [...counts.entries()].sort((a, b) => b[1].count - a[1].count || (a[0] < b[0] ? -1 : 1));
	const [first, second] = ranked;
	if (!first || first[1].count < 2 || (second && second[1].count === first[1].count)) return undefined;
	return {key: first[0], count: first[1].count, label: principalKey(first[1].example)};
}

/** Parameters last changed by someone other than the automation, most recent first. */
export function outOfBand(parameters: readonly Parameter[], automation: Automation): Parameter[] {
	return parameters
		.filter(parameter => parameter.lastModifiedBy !== undefined && principalKey(parameter.lastModifiedBy) !== automation.key)
		.sort((a, b) => (b.lastModifiedAt ?? 0) - (a.lastModifiedAt ?? 0));
}

/** The last version the automation wrote, from a history (oldest first). */
export function lastAutomationVersion(history: readonly ParameterVersion[], automation: Pick<Automation, 'key'>): ParameterVersion | undefined {
	for (let i = history.length - 1; i >= 0; i--) {
		const item = history[i]!;
		if (item.modifiedBy !== undefined && principalKey(item.modifiedBy) === automation.key) return item;
	}
	return undefined;
}

/** The hierarchy a parameter sits in: `/acso/production/supervisor/x` -> `/acso/production/supervisor`. */
export function parentPath(name: string): string {
	const at = name.lastIndexOf('/');
	return at <= 0 ? '/' : name.slice(0, at);
}
