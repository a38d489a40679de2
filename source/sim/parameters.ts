// SSM Parameter Store of the simulated account: each environment's agent settings under
// /acso/ENV/..., written by the deployment's automation role, a SecureString or two among them. A
// SecureString's value is not even held here: nothing could ever return it. The supervisor reads its
// concurrency limit from its parameter, so a hand-made change shows in its lines (parameterEffectLine).

import {CloudError} from '../port/errors.js';
import type {Parameter, ParameterType, ParameterVersion} from '../port/types.js';
import {ACCOUNT_ID, ARN_REGION, ENVIRONMENTS, type EnvName} from './catalog.js';
import {DAY, MINUTE} from './clock.js';
import type {Rng} from './random.js';
import {hashRange} from './random.js';

export type SimParameterVersion = {version: number; value?: string; modifiedAt: number; modifiedBy: string};

export type SimParameter = {name: string; type: ParameterType; history: SimParameterVersion[]};

/** AWS keeps a parameter's last 100 versions. */
export const MAX_PARAMETER_VERSIONS = 100;

/** The role the environment's deployment pipeline writes its settings with (one session per run). */
export function automationRole(env: string): string {
	return `arn:aws:sts::${ACCOUNT_ID}:assumed-role/acso-${env}-deploy-automation`;
}

/** Who the simulated account's Operator acts as (the on-call engineer running acso-tui). */
export const OPERATOR_PRINCIPAL = `arn:aws:sts::${ACCOUNT_ID}:assumed-role/acso-oncall/engineer`;

export function supervisorLimitParameter(env: string): string {
	return `/acso/${env}/supervisor/max-concurrent-workflows`;
}

/** Concurrent workflows the supervisor needs at its usual load: below that, workflows queue. */
export const SUPERVISOR_DEMAND = 24;

type Seed = {suffix: string; type: ParameterType; values: readonly string[]};

// Each setting's values, oldest first: the automation's deploys over the past weeks.
const SEEDS: readonly Seed[] = [
	{suffix: 'supervisor/max-concurrent-workflows', type: 'String', values: ['24', '32', '40']},
	{suffix: 'supervisor/workflow-timeout-seconds', type: 'String', values: ['300']},
	{suffix: 'agents/bedrock-model-id', type: 'String', values: ['anthropic.claude-3-haiku-20240307-v1:0', 'anthropic.claude-3-5-sonnet-20240620-v1:0']},
	{suffix: 'agents/bedrock-region', type: 'String', values: ['us-east-1']},
	{suffix: 'agents/log-level', type: 'String', values: ['DEBUG', 'INFO']},
	{suffix: 'threat-hunter/hunt-budget-seconds', type: 'String', values: ['60', '120']},
	{suffix: 'incident-response/playbook-timeout-seconds', type: 'String', values: ['120']},
	{suffix: 'incident-response/allowed-playbooks', type: 'StringList', values: ['isolate-host,block-ip', 'isolate-host,block-ip,revoke-credentials,snapshot-volume,notify-soc']},
	{suffix: 'financial-intelligence/report-export-hour', type: 'String', values: ['02']},
	{suffix: 'database/url', type: 'SecureString', values: ['', '']},
	{suffix: 'agents/api-signing-key', type: 'SecureString', values: ['']},
];

export function seedParameters(seed: number, now: number): Map<string, SimParameter> {
	const parameters = new Map<string, SimParameter>();
	for (const env of ENVIRONMENTS) {
		for (const item of SEEDS) {
			const name = `/acso/${env}/${item.suffix}`;
			const count = item.values.length;
			const history = item.values.map((value, index) => {
				// Deploys some days apart, the last at least two days ago; each run its own session.
				const modifiedAt = Math.round(now - (2 + (count - 1 - index) * 9 + hashRange(0, 6, seed, name, index)) * DAY);
				const session = `pipeline-${Math.floor(hashRange(1000, 9999, seed, env, name, index))}`;
				return {version: index + 1, ...(item.type === 'SecureString' ? {} : {value}), modifiedAt, modifiedBy: `${automationRole(env)}/${session}`};
			});
			parameters.set(name, {name, type: item.type, history});
		}
	}
	return parameters;
}

function current(parameter: SimParameter): SimParameterVersion {
	return parameter.history[parameter.history.length - 1]!;
}

function arnOf(name: string): string {
	return `arn:aws:ssm:${ARN_REGION}:${ACCOUNT_ID}:parameter${name}`;
}

function invalidPath(path: string): CloudError {
	return new CloudError('invalid', `The parameter path ${JSON.stringify(path)} is not valid: it must begin with / and name a hierarchy (/acso/production)`, {code: 'ValidationException'});
}

export function getParametersByPath(parameters: ReadonlyMap<string, SimParameter>, path: string, recursive: boolean): Parameter[] {
	if (typeof path !== 'string' || !path.startsWith('/')) throw invalidPath(String(path));
	const prefix = path.endsWith('/') ? path : `${path}/`;
	const found: Parameter[] = [];
	for (const parameter of parameters.values()) {
		if (!parameter.name.startsWith(prefix)) continue;
		if (!recursive && parameter.name.slice(prefix.length).includes('/')) continue;
		const now = current(parameter);
		found.push({
			name: parameter.name,
			type: parameter.type,
			...(parameter.type === 'SecureString' || now.value === undefined ? {} : {value: now.value}),
			version: now.version,
			lastModifiedAt: now.modifiedAt,
			lastModifiedBy: now.modifiedBy,
			arn: arnOf(parameter.name),
		});
	}
	return found.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

function notFound(name: string): CloudError {
	return new CloudError('not-found', `Parameter ${name} not found.`, {code: 'ParameterNotFound', resource: `parameter ${name}`});
}

export function getParameterHistory(parameters: ReadonlyMap<string, SimParameter>, name: string): ParameterVersion[] {
	const parameter = parameters.get(name);
	if (!parameter) throw notFound(name);
	return parameter.history.map(item => ({
		name,
		type: parameter.type,
		...(parameter.type === 'SecureString' || item.value === undefined ? {} : {value: item.value}),
		version: item.version,
		modifiedAt: item.modifiedAt,
		modifiedBy: item.modifiedBy,
		labels: [],
	}));
}

/** PutParameter --overwrite by `by` at `at`: a new version (created when missing); the oldest beyond 100 go. */
export function putParameter(parameters: Map<string, SimParameter>, name: string, value: string, type: ParameterType, by: string, at: number): {version: number} {
	if (typeof name !== 'string' || !name.startsWith('/')) throw invalidPath(String(name));
	if (type === 'SecureString') throw new CloudError('invalid', `${name}: the simulated account takes no SecureString values`, {code: 'ValidationException'});
	if (typeof value !== 'string' || value === '') throw new CloudError('invalid', `${name}: a parameter value must not be empty`, {code: 'ValidationException'});
	const existing = parameters.get(name);
	if (existing && existing.type !== type) {
		throw new CloudError('invalid', `${name} is a ${existing.type}; PutParameter cannot change it to ${type}`, {code: 'HierarchyTypeMismatchException'});
	}
	const parameter = existing ?? {name, type, history: []};
	const version = (parameter.history.at(-1)?.version ?? 0) + 1;
	const last = parameter.history.at(-1)?.modifiedAt ?? at;
	parameter.history.push({version, value, modifiedAt: Math.max(at, last), modifiedBy: by});
	if (parameter.history.length > MAX_PARAMETER_VERSIONS) parameter.history.splice(0, parameter.history.length - MAX_PARAMETER_VERSIONS);
	parameters.set(name, parameter);
	return {version};
}

/** The value the environment's automation last wrote for the parameter (undefined: it never did, or a SecureString). */
export function automationValue(parameter: SimParameter, env: string): string | undefined {
	const role = automationRole(env);
	for (let i = parameter.history.length - 1; i >= 0; i--) {
		const item = parameter.history[i]!;
		if (item.modifiedBy.startsWith(`${role}/`)) return item.value;
	}
	return undefined;
}

/** The supervisor's concurrency limit as it reads it from its parameter (a number, or undefined when unset or not a number). */
export function supervisorLimit(parameters: ReadonlyMap<string, SimParameter>, env: EnvName): number | undefined {
	const parameter = parameters.get(supervisorLimitParameter(env));
	const value = parameter ? Number(current(parameter).value) : Number.NaN;
	return Number.isFinite(value) && value > 0 ? Math.floor(value) : undefined;
}

/**
 * A supervisor line that says what its limit does, or undefined: with the limit below what its load
 * needs, a share of its workflows wait for a slot (the share grows as the limit falls).
 */
export function parameterEffectLine(parameters: ReadonlyMap<string, SimParameter>, env: EnvName, short: string, rng: Rng, t: number): string | undefined {
	if (short !== 'supervisor') return undefined;
	const limit = supervisorLimit(parameters, env);
	if (limit === undefined || limit >= SUPERVISOR_DEMAND) return undefined;
	const share = Math.min(0.6, 1 - limit / SUPERVISOR_DEMAND);
	if (!rng.chance(share)) return undefined;
	const waiting = rng.int(SUPERVISOR_DEMAND - limit, SUPERVISOR_DEMAND * 2);
	const waitedMin = ((t / MINUTE) % 7) + 1;
	return `WARN [supervisor] workflow wf-${rng.int(1000, 9999)} queued: ${limit}/${limit} concurrent workflows running (max_concurrent_workflows=${limit} from ${supervisorLimitParameter(env)}), ${waiting} waiting, oldest for ${waitedMin.toFixed(1)}m`;
}
