// When the fix flow may send a change. Kept pure so the rules read in one place and are tested on
// plain values: read-only refuses always (the port's guardOperator would refuse anyway, but the
// engineer should learn why before pressing the key, not from an AWS-shaped error), and production
// asks for the resource's name typed out, because `y` is pressed by reflex at 3 a.m.
import type {AppConfig} from '../../config/app-config.js';
import type {Plan} from '../types.js';

export const readOnlyReason = 'read-only: start acso-tui with --write to allow changes';

export type ConfirmRules = {
	write: boolean;
	/** The environment is listed in productionEnvs: the resource's name must be typed to confirm. */
	production: boolean;
	env: string;
	/** Set while AWS refuses the credentials (expired SSO session): no change goes out on them. */
	credentialsProblem?: string;
};

export function confirmRules(config: Pick<AppConfig, 'write' | 'env' | 'productionEnvs'>, credentialsProblem?: string): ConfirmRules {
	return {write: config.write, production: config.productionEnvs.includes(config.env), env: config.env, credentialsProblem};
}

/** Why the plan cannot be confirmed yet with what was typed, or undefined when it can. */
export function confirmBlock(plan: Pick<Plan, 'resourceName'>, typed: string, rules: ConfirmRules): string | undefined {
	if (!rules.write) return readOnlyReason;
	if (rules.credentialsProblem) return `credentials expired or missing: ${rules.credentialsProblem} Then close this, press r, and confirm again.`;
	if (rules.production && typed.trim() !== plan.resourceName) {
		return typed.trim() === ''
			? `${rules.env} is a production environment: type ${plan.resourceName} to confirm`
			: `"${typed.trim()}" is not ${plan.resourceName}: type the name exactly to confirm`;
	}
	return undefined;
}

/** True when the confirm step shows a text field for the resource's name. */
export function needsTypedName(rules: ConfirmRules): boolean {
	return rules.write && rules.production;
}
