// The guide's EC2 commands: describe-security-groups runs natively (filters parsed as the aws CLI
// takes them), authorize-security-group-ingress maps to the typed fix authorize-ingress. The guide's
// made-up ids (sg-12345678) are not passed on: the fix reads the service's group from the account.
import type {FixHint} from '../fixes/hint.js';
import type {ResourceNames} from '../port/names.js';
import {listValues, optionValue, type ParsedCommand} from './aws-command.js';
import {parseEc2Filters} from './ec2-filters.js';
import type {NativeCall} from './native-call.js';
import {findPlaceholders} from './placeholders.js';

type Read = {call: NativeCall; notes: string[]} | string;

/** What of native-plan.ts's PlanContext these need (importing it would make a cycle). */
type PlanContext = {names: ResourceNames};

export const ec2Readers: Record<string, (parsed: ParsedCommand, context: PlanContext) => Read> = {
	'ec2.describe-security-groups'(parsed) {
		const parsedFilters = parseEc2Filters(parsed.args.filters ?? []);
		if (!parsedFilters.ok) return parsedFilters.message;
		const filters = [...parsedFilters.filters];
		const ids = listValues(parsed.args['group-ids']);
		const names = listValues(parsed.args['group-names']);
		if (ids.length > 0) filters.push({name: 'group-id', values: ids});
		if (names.length > 0) filters.push({name: 'group-name', values: names});
		return {
			call: {op: 'ec2.describe-security-groups', filters},
			notes: ['The verdict also reads the cluster\u2019s services: whether each one\u2019s security groups admit its container port from the other services.'],
		};
	},
};

type Helpers = {
	required(parsed: ParsedCommand, option: string, operation: string): string;
	wholeNumber(text: string, option: string): number;
	fail(message: string): never;
};

export function ec2FixBuilders(helpers: Helpers): Record<string, (parsed: ParsedCommand, context: PlanContext) => FixHint> {
	return {
		'ec2.authorize-security-group-ingress'(parsed, context) {
			const placeholders = findPlaceholders(parsed);
			const given = (option: string) => {
				const value = optionValue(parsed, option);
				return value === undefined || placeholders.some(p => value.includes(p.token)) ? undefined : value;
			};
			const notes: string[] = [];
			const params: Record<string, string | number> = {};
			const group = given('group-id');
			const source = given('source-group');
			if (group !== undefined) params.groupId = group;
			else notes.push('The guide\u2019s --group-id is a placeholder: the fix uses the chosen service\u2019s security group, read from the account.');
			if (source !== undefined) params.sourceGroup = source;
			else if (optionValue(parsed, 'cidr') !== undefined) helpers.fail('authorize-ingress admits a source security group only (--source-group), not a CIDR range: opening a port to addresses is not a fix acso-tui offers');
			else notes.push('The guide\u2019s --source-group is a placeholder: the fix admits the group of the service that cannot reach it, read from the account.');
			const protocol = optionValue(parsed, 'protocol');
			if (protocol !== undefined) params.protocol = protocol;
			const port = optionValue(parsed, 'port');
			if (port !== undefined) {
				if (!/^\d+$/.test(port)) helpers.fail(`--port ${port}: the fix opens one port (a range is not offered)`);
				params.port = helpers.wholeNumber(port, 'port');
			}
			return {kind: 'authorize-ingress', target: {kind: 'cluster', cluster: context.names.cluster}, params, notes};
		},
	};
}
