// Parameter Store fix: put a parameter back to the value its automation last wrote (or a version
// chosen from its history), as a new version with PutParameter --overwrite; undo puts back the value
// it replaced. A SecureString is refused: restoring it would mean reading its old value decrypted,
// and acso-tui never decrypts, shows, copies or records a secret. Put it back from the secret's source.
import type {Parameter, ParameterType, ParameterVersion} from '../port/types.js';
import {type Automation, automationOf, lastAutomationVersion, parentPath, principalLabel} from '../model/parameter-drift.js';
import {FixInputError} from './errors.js';
import {checkKnownParams, optionalInteger} from './params.js';
import {makePlan} from './plan.js';
import {requireTarget} from './targets.js';
import type {CloudReaders, Fix, Plan, Target} from './types.js';

type ParameterTarget = Extract<Target, {kind: 'parameter'}>;
type PlainType = Exclude<ParameterType, 'SecureString'>;

/** Sets the parameter to `value` (a new version); its undo sets it back to `previous`. */
function putValuePlan(target: ParameterTarget, type: PlainType, previous: string, value: string, what: {title: string; source: string}, undoOf?: string): Plan {
	const {name} = target;
	const title = undoOf ? `Undo: ${what.title}` : what.title;
	return makePlan({
		fixId: 'restore-parameter',
		title,
		risk: restoreParameter.risk,
		target,
		resourceName: name,
		changes: [{field: 'value', from: previous, to: value}],
		warnings: [
			`The agents read ${name} when they load their settings: a service that reads it only at start needs a new deployment to pick up ${what.source}.`,
		],
		undoSummary: `Undo puts ${JSON.stringify(previous)} back (as a newer version).`,
		...(undoOf === undefined ? {} : {undoOf}),
		steps: [
			{
				apiCall: 'ssm:PutParameter',
				parameters: {Name: name, Value: value, Type: type, Overwrite: true},
				cliArgs: ['aws', 'ssm', 'put-parameter', '--name', name, '--value', value, '--type', type, '--overwrite'],
				// aws ssm put-parameter --name NAME --value VALUE --type TYPE --overwrite
				send: operator => operator.putParameter(name, value, type),
			},
		],
		after: results => {
			const answer = results[0] as {version?: number} | undefined;
			return answer ? {value, ...(answer.version === undefined ? {} : {version: answer.version})} : {};
		},
		undo: () => putValuePlan(target, type, value, previous, {title: `Set ${name} back to ${JSON.stringify(previous)}`, source: 'the value before the restore'}, title),
	});
}

/**
 * The parameter and the hierarchy that tells who its automation is: its parent path, widened a level
 * at a time (never to the root) until one principal stands out as the writer of most of it.
 */
async function readParameter(cloud: CloudReaders, name: string): Promise<{parameter: Parameter; automation?: Automation}> {
	let path = parentPath(name);
	let parameter: Parameter | undefined;
	for (;;) {
		// aws ssm get-parameters-by-path --path PATH --recursive   (never --with-decryption)
		const siblings = await cloud.parameters.getParametersByPath(path, true);
		parameter ??= siblings.find(candidate => candidate.name === name);
		if (!parameter) throw new FixInputError(`parameter ${name} not found`, 'parameter');
		const automation = automationOf(siblings);
		const wider = parentPath(path);
		if (automation || wider === '/' || path === '/') return automation ? {parameter, automation} : {parameter};
		path = wider;
	}
}

function versionList(history: readonly ParameterVersion[]): string {
	return history.map(item => `v${item.version} by ${principalLabel(item.modifiedBy)}`).join(', ');
}

export const restoreParameter: Fix = {
	id: 'restore-parameter',
	title: 'Restore a parameter',
	risk: 'medium',
	targetKind: 'parameter',
	summary: 'Put a Parameter Store value back to what the automation last wrote (or a version from its history), as a new version; undo puts back the value it replaced. Not for SecureStrings.',
	params: [
		{
			name: 'version',
			label: 'Version to restore',
			kind: 'integer',
			required: false,
			help: 'Empty: the last version written by the principal that wrote most parameters of the hierarchy (its automation); else the previous version.',
		},
	],
	async plan(cloud, target, params = {}) {
		const parameterTarget = requireTarget(restoreParameter.id, target, 'parameter');
		checkKnownParams(restoreParameter.id, restoreParameter.params, params);
		const wanted = optionalInteger(params, 'version', {min: 1, max: Number.MAX_SAFE_INTEGER});
		const {name} = parameterTarget;
		const {parameter, automation} = await readParameter(cloud, name);
		if (parameter.type === 'SecureString') {
			throw new FixInputError(
				`${name} is a SecureString: restoring it needs its old value decrypted, which acso-tui never reads, shows or records. Put it back from the secret's source yourself (aws ssm put-parameter --name ${name} --type SecureString --overwrite --value ...).`,
				'parameter',
			);
		}
		const type = parameter.type as PlainType;
		// aws ssm get-parameter-history --name NAME   (never --with-decryption)
		const history = await cloud.parameters.getParameterHistory(name);
		let chosen: ParameterVersion | undefined;
		let source: string;
		if (wanted !== undefined) {
			chosen = history.find(item => item.version === wanted);
			if (!chosen) throw new FixInputError(`${name} has no version ${wanted} in its history (${versionList(history)})`, 'version');
			source = `version ${wanted}`;
		} else if (automation) {
			chosen = lastAutomationVersion(history, automation);
			if (!chosen) throw new FixInputError(`${automation.label} never wrote ${name} (${versionList(history)}): choose a version`, 'version');
			source = `the value ${automation.label} wrote (version ${chosen.version})`;
		} else {
			chosen = history.filter(item => item.version < parameter.version).at(-1);
			if (!chosen) throw new FixInputError(`${name} has no version before ${parameter.version}: nothing to restore`, 'version');
			source = `the previous version (${chosen.version})`;
		}
		if (chosen.value === undefined || parameter.value === undefined) throw new FixInputError(`${name}: the backend returned no value to restore`, 'version');
		if (chosen.value === parameter.value) {
			throw new FixInputError(`${name} already holds ${JSON.stringify(parameter.value)}, the value of version ${chosen.version}`, 'version');
		}
		return putValuePlan(parameterTarget, type, parameter.value, chosen.value, {title: `Restore ${name} to ${source}`, source});
	},
};
