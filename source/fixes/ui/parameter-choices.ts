// The parameters a restore can act on, for the target picker: those changed outside the automation
// first (most recent first), then the rest by name. One read; values are not shown here.
import {automationOf, outOfBand, principalLabel} from '../../model/parameter-drift.js';
import type {Cloud} from '../../port/types.js';
import type {Target} from '../types.js';

export async function parameterChoices(cloud: Pick<Cloud, 'parameters'>, path: string): Promise<Array<{label: string; detail: string; target: Target}>> {
	// aws ssm get-parameters-by-path --path PATH --recursive   (never --with-decryption)
	const parameters = await cloud.parameters.getParametersByPath(path, true);
	const automation = automationOf(parameters);
	const drifted = automation ? outOfBand(parameters, automation) : [];
	const first = new Set(drifted.map(parameter => parameter.name));
	const rest = parameters.filter(parameter => !first.has(parameter.name)).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
	return [...drifted, ...rest].map(parameter => ({
		label: parameter.name,
		detail: `${parameter.type} · v${parameter.version} · ${first.has(parameter.name) ? `changed by ${principalLabel(parameter.lastModifiedBy)}, not ${automation?.label ?? 'the automation'}` : `by ${principalLabel(parameter.lastModifiedBy)}`}`,
		target: {kind: 'parameter', name: parameter.name},
	}));
}
