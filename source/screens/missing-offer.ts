import {sanitize} from '../format/sanitize.js';
import type {Cell} from '../format/service-rows.js';
import type {PollState} from '../hooks/poll-state.js';
import type {Binding} from '../input/bindings.js';
import {isMissingCluster, isMissingDatabase, missingText} from '../model/missing.js';
import {useApp} from '../shell/app-context.js';

/**
 * When the cluster (or database) a screen shows does not exist: the panel says so, names where the
 * name came from, and a key opens the picker of the ones that do exist (`c` clusters, `d` databases).
 */
export function useMissingOffer(states: {services?: PollState<unknown>; db?: PollState<unknown>}): {bindings: Binding[]; cluster?: Cell[]; db?: Cell[]} {
	const {config, pick} = useApp();
	const clusterMissing = states.services !== undefined && states.services.data === undefined && isMissingCluster(states.services.error, config);
	const databaseMissing = states.db !== undefined && states.db.data === undefined && isMissingDatabase(states.db.error, config);
	const bindings: Binding[] = [];
	if (clusterMissing) bindings.push({keys: ['c'], description: 'pick a cluster that exists', footer: true, handler: () => pick('cluster')});
	if (databaseMissing) bindings.push({keys: ['d'], description: 'pick a database that exists', footer: true, handler: () => pick('db')});
	return {
		bindings,
		...(clusterMissing ? {cluster: [{text: sanitize(missingText('cluster', config)), tone: 'bad'}, {text: 'c: pick one of the clusters here', tone: 'warn'}]} : {}),
		...(databaseMissing ? {db: [{text: sanitize(missingText('db', config)), tone: 'bad'}, {text: 'd: pick one of the databases here', tone: 'warn'}]} : {}),
	};
}
