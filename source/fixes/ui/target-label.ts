// How a target is named in titles: the kind in words and the resource's full name.
import {targetName} from '../targets.js';
import type {Target, TargetKind} from '../types.js';
import {sanitize} from '../../format/sanitize.js';

export const kindWords: Record<TargetKind, string> = {
	service: 'service',
	task: 'task',
	logGroup: 'log group',
	alarm: 'alarm',
	db: 'database',
	parameter: 'parameter',
	role: 'IAM role',
};

export function targetLabel(target: Target): string {
	return `${kindWords[target.kind]} ${sanitize(targetName(target))}`;
}
