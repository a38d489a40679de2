// Which service's rollout the overview offers to follow in the cockpit (`t`): a failing one first
// (its rollout FAILED, or its new tasks failed), then any still in progress.
import type {Service} from '../port/types.js';

export type RolloutOffer = {service: string; failing: boolean; reason: string};

function primaryOf(service: Service) {
	return service.deployments.find(d => d.status === 'PRIMARY');
}

export function inRollout(service: Service): boolean {
	const primary = primaryOf(service);
	return primary !== undefined && (primary.rolloutState === 'IN_PROGRESS' || primary.rolloutState === 'FAILED') && service.deployments.length > 1;
}

export function rolloutOffer(services: readonly Service[]): RolloutOffer | undefined {
	const offers = services.filter(s => inRollout(s) || primaryOf(s)?.rolloutState === 'FAILED').map(s => {
		const primary = primaryOf(s)!;
		const failing = primary.rolloutState === 'FAILED' || primary.failedTasks > 0;
		const reason = primary.rolloutState === 'FAILED' ? `rollout of ${primary.taskDefinition} FAILED` : failing ? `${primary.failedTasks} tasks of ${primary.taskDefinition} failed` : `rolling out ${primary.taskDefinition}`;
		return {service: s.name, failing, reason};
	});
	return offers.find(o => o.failing) ?? offers[0];
}
