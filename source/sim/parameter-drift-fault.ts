// The drill fault "configuration drift": someone changed a parameter by hand, over the automation
// that owns it. The agent that reads it shows the effect (parameters.ts parameterEffectLine); fixed
// only when the parameter holds the automation's value again, whoever put it back.
import {MINUTE, SECOND} from './clock.js';
import {serviceLogGroup, type EnvName} from './catalog.js';
import {writeEvent} from './logs.js';
import type {World} from './model.js';
import {automationValue, parameterEffectLine, putParameter} from './parameters.js';

export type ParameterDrift = {kind: 'parameter-drift'; env: EnvName; name: string; value: string; by: string; agoMinutes: number};

export function injectParameterDrift(world: World, fault: ParameterDrift): void {
	const parameter = world.parameters.get(fault.name);
	if (!parameter) throw new Error(`drill fault: no parameter ${fault.name} in the simulated account`);
	if (parameter.type === 'SecureString') throw new Error(`drill fault: ${fault.name} is a SecureString; drift a String parameter`);
	const at = world.time - fault.agoMinutes * MINUTE;
	putParameter(world.parameters, fault.name, fault.value, parameter.type, fault.by, at);
	// What the agents logged since the change, as CloudWatch Logs would hold it.
	for (const service of world.services.values()) {
		if (service.env !== fault.env) continue;
		const task = service.tasks.find(candidate => candidate.lastStatus === 'RUNNING');
		if (!task) continue;
		const group = serviceLogGroup(service.env, service.profile.short);
		for (let t = at + 20 * SECOND; t < world.time; t += 20 * SECOND) {
			const line = parameterEffectLine(world.parameters, fault.env, service.profile.short, world.rng, t);
			if (line) writeEvent(world, group, t, Math.min(world.time, t + 2 * SECOND), task.logStream, line);
		}
	}
}

export function parameterDriftFixed(world: World, fault: ParameterDrift): boolean {
	const parameter = world.parameters.get(fault.name);
	if (!parameter) return false;
	const wanted = automationValue(parameter, fault.env);
	return wanted !== undefined && parameter.history.at(-1)?.value === wanted;
}
