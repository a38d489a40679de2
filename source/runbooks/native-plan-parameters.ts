// The guide's SSM commands as native reads and typed fixes (native-plan.ts lists them with the
// rest). A read never decrypts: --with-decryption is dropped, with a note.
import type {FixHint} from '../fixes/hint.js';
import {parentPath} from '../model/parameter-drift.js';
import {hasFlag, optionValue, type ParsedCommand} from './aws-command.js';
import type {NativeCall} from './native-call.js';
import type {ResourceNames} from '../port/names.js';

/** What these need of native-plan.ts's PlanContext (imported from there it would make a cycle). */
type PlanContext = {names: Pick<ResourceNames, 'env'>};

type Read = {call: NativeCall; notes: string[]} | string;

export const parameterReads: Record<string, (parsed: ParsedCommand, context: PlanContext) => Read> = {
	'ssm.get-parameters-by-path'(parsed) {
		const path = optionValue(parsed, 'path');
		if (path === undefined || path === '') return 'get-parameters-by-path needs --path (a hierarchy such as /acso/production)';
		if (!path.startsWith('/')) return `--path "${path}" must begin with / (a hierarchy such as /acso/production)`;
		const notes: string[] = [];
		if (hasFlag(parsed, 'with-decryption')) notes.push('--with-decryption is dropped: acso-tui never decrypts SecureString values (they show as (SecureString)).');
		if (hasFlag(parsed, 'query') || hasFlag(parsed, 'output')) notes.push('--query and --output are kept as written; acso-tui shows name, type, value, version, last change and who made it.');
		notes.push('Who last changed each parameter comes from DescribeParameters; the history of those changed outside the automation from GetParameterHistory.');
		return {call: {op: 'ssm.get-parameters-by-path', path, recursive: hasFlag(parsed, 'recursive')}, notes};
	},
};

export const parameterFixes: Record<string, (parsed: ParsedCommand, context: PlanContext) => FixHint> = {
	'ssm.delete-parameter'(parsed, context) {
		const name = optionValue(parsed, 'name');
		const path = name === undefined || !name.startsWith('/') ? `/acso/${context.names.env}` : parentPath(name);
		return {
			kind: 'restore-parameter',
			target: {kind: 'parameterPath', path},
			params: {},
			notes: [
				`The guide deletes ${name ?? 'the drifted parameter'} so the infrastructure code writes it again on its next deploy; until then the agents would read nothing. acso-tui restores the value the automation last wrote instead (with undo): pick the parameter under ${path}, those changed outside the automation first.`,
			],
		};
	},
};
