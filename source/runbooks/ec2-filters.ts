// EC2 --filters as the aws CLI takes them: shorthand `Name=group-name,Values=*acso*,*ACSO*` (one
// argument per filter) or JSON `[{"Name": "...", "Values": ["..."]}]`.
import type {SecurityGroupFilter} from '../port/security-groups.js';

export function parseEc2Filters(args: readonly string[]): {ok: true; filters: SecurityGroupFilter[]} | {ok: false; message: string} {
	const filters: SecurityGroupFilter[] = [];
	for (const arg of args) {
		const text = arg.trim();
		if (text.startsWith('[') || text.startsWith('{')) {
			let parsed: unknown;
			try {
				parsed = JSON.parse(text);
			} catch {
				return {ok: false, message: `--filters ${text}: not valid JSON`};
			}
			for (const item of Array.isArray(parsed) ? parsed : [parsed]) {
				const {Name, Values} = (item ?? {}) as {Name?: unknown; Values?: unknown};
				if (typeof Name !== 'string' || !Array.isArray(Values) || !Values.every(value => typeof value === 'string')) {
					return {ok: false, message: `--filters ${text}: each filter needs "Name" and a list of "Values"`};
				}
				filters.push({name: Name, values: Values as string[]});
			}
			continue;
		}
		const match = /^Name=([^,]+),Values=(.*)$/s.exec(text);
		if (!match) return {ok: false, message: `--filters ${text}: expected Name=NAME,Values=VALUE1,VALUE2`};
		const values = match[2]!.replace(/^\[(.*)\]$/s, '$1').split(',').map(value => value.trim()).filter(value => value !== '');
		if (values.length === 0) return {ok: false, message: `--filters ${text}: no values`};
		filters.push({name: match[1]!.trim(), values});
	}
	return {ok: true, filters};
}
