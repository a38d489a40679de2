// `:deploy SERVICE`: which service the engineer means, by its full name or its short one (the part
// after the environment's prefix), among the services the account has.
import {shortServiceName, type ResourceNames} from '../port/names.js';

export type ServicePick = {ok: true; service: string} | {ok: false; error: string};

export function pickService(arg: string | undefined, services: readonly string[], names: Pick<ResourceNames, 'servicePrefix'>): ServicePick {
	const wanted = (arg ?? '').trim();
	if (wanted === '') return {ok: false, error: ':deploy needs a service, e.g. :deploy ' + (services[0] ? shortServiceName(services[0], names) : 'NAME')};
	const exact = services.find(s => s === wanted || shortServiceName(s, names) === wanted);
	if (exact) return {ok: true, service: exact};
	const partial = services.filter(s => shortServiceName(s, names).startsWith(wanted) || s.startsWith(wanted));
	if (partial.length === 1) return {ok: true, service: partial[0]!};
	// Before discovery answered (or for a service it missed), the name is taken as given.
	if (services.length === 0) return {ok: true, service: wanted};
	if (partial.length > 1) return {ok: false, error: `:deploy ${wanted} is ambiguous: ${partial.map(s => shortServiceName(s, names)).join(' ')}`};
	return {ok: false, error: `no service ${wanted} here (try ${services.map(s => shortServiceName(s, names)).join(' ')})`};
}

/** What `:deploy ` completes from: the services' short names. */
export function serviceChoices(services: readonly string[], names: Pick<ResourceNames, 'servicePrefix'>): string[] {
	return services.map(s => shortServiceName(s, names)).sort();
}
