// The built-in ACSO runbook: the embedded troubleshooting guide read by the same loader as
// `--guide FILE`, for the environment's names, plus a few checks acso-tui adds where the guide
// only looks at ECR or a script but the data to decide is in ECS (marked origin 'acso-tui').
import type {ResourceNames} from '../port/names.js';
import acsoGuideMarkdown from './acso-troubleshooting-guide.md';
import {loadGuide} from './guide-loader.js';
import {findIssue, type Runbook, type Step} from './model.js';
import {buildStep} from './step-builder.js';

type Addition = {
	/** Issue id, or 'emergency'. */
	where: string;
	/** Insert before the guide's step at this index (0 = first); at the end when undefined. */
	at?: number;
	title: string;
	/** Written for production, like the guide; the environment is substituted. */
	command: string;
};

export const additions: readonly Addition[] = [
	{where: 'emergency', at: 2, title: 'View service status (acso-tui reads it directly)', command: 'aws ecs describe-services --cluster acso-production-cluster'},
	{where: 'container-image-pull-failures', at: 0, title: 'Check stopped tasks for CannotPullContainerError', command: 'aws ecs list-tasks --cluster acso-production-cluster --desired-status STOPPED'},
	{where: 'container-image-pull-failures', at: 1, title: 'Check service events for pull failures', command: 'aws ecs describe-services --cluster acso-production-cluster'},
	{where: 'memory-leaks', title: 'Check stopped tasks for OutOfMemoryError', command: 'aws ecs list-tasks --cluster acso-production-cluster --desired-status STOPPED'},
];

export function buildAcsoRunbook(names: ResourceNames): Runbook {
	const {runbook} = loadGuide(acsoGuideMarkdown, names);
	for (const [n, addition] of additions.entries()) {
		const steps: Step[] | undefined = addition.where === 'emergency' ? runbook.emergency : findIssue(runbook, addition.where)?.diagnosis;
		if (!steps) throw new Error(`built-in runbook: no issue "${addition.where}" in the embedded guide`);
		const prefix = addition.where === 'emergency' ? 'emergency' : `${addition.where}/diagnosis`;
		const step = buildStep({id: `${prefix}/acso-tui-${n + 1}`, command: addition.command, line: 0, title: addition.title, origin: 'acso-tui'}, {names});
		steps.splice(addition.at ?? steps.length, 0, step);
	}
	return runbook;
}
