// Turns what proposeFix was handed into where the fix flow starts: a catalogue fix with its target,
// or a runbook step's hint resolved by fixFromRunbook (which may leave the target to be picked).
import {FixInputError} from '../errors.js';
import {fixById} from '../catalogue.js';
import {fixFromRunbook} from '../runbook-hints.js';
import type {FixRequest} from '../hint.js';
import type {FlowStart} from './flow-state.js';

/** Throws FixInputError, with a message fit for the notice line, when the request names no usable fix. */
export function flowStartOf(request: FixRequest): FlowStart {
	if ('hint' in request) {
		const {hint} = request;
		const resolved = fixFromRunbook(hint.kind, hint.params, hint.target);
		return {
			fix: resolved.fix,
			...(resolved.target === undefined ? {} : {target: resolved.target}),
			...(resolved.needs === undefined ? {} : {needs: resolved.needs}),
			params: resolved.params,
			notes: [...(hint.notes ?? []), ...resolved.notes],
		};
	}
	const fix = fixById(request.fixId);
	if (!fix) throw new FixInputError(`no fix "${String(request.fixId)}" in the catalogue`, 'fixId');
	if (request.target.kind !== fix.targetKind) {
		throw new FixInputError(`${fix.title} acts on a ${fix.targetKind}, not on a ${request.target.kind}`, 'target');
	}
	const known = new Set(fix.params.map(spec => spec.name));
	const unknown = Object.keys(request.params ?? {}).filter(name => !known.has(name));
	if (unknown.length > 0) {
		const expected = known.size === 0 ? 'it takes none' : `it takes ${[...known].join(', ')}`;
		throw new FixInputError(`${fix.id}: unknown parameter ${unknown.map(n => `"${n}"`).join(', ')} (${expected})`, unknown[0]);
	}
	return {fix, target: request.target, params: request.params ?? {}, notes: []};
}
