// Calls a task's role may not make (a drill's fault: a revision deployed with a role that lacks a
// policy). AWS shows them twice: the SDK's AccessDeniedException in the agent's own log line, and
// the CloudTrail event the trail delivers to its CloudWatch Logs group.
import {ACCOUNT_ID, ARN_REGION} from './catalog.js';

export type DeniedCall = {action: string; resource: string; role: string; share: number};

/** The CloudWatch Logs group the account's trail delivers to (the guide's CloudTrail/AcsoAuditLog). */
export const TRAIL_LOG_GROUP = 'CloudTrail/AcsoAuditLog';

function roleName(role: string): string {
	return role.slice(role.lastIndexOf('/') + 1);
}

export function deniedLine(call: DeniedCall, taskId: string): string {
	return `ERROR AccessDeniedException: User: arn:aws:sts::${ACCOUNT_ID}:assumed-role/${roleName(call.role)}/${taskId} is not authorized to perform: ${call.action} on resource: ${call.resource} because no identity-based policy allows the ${call.action} action`;
}

export function trailEvent(call: DeniedCall, taskId: string, at: number): string {
	const [service, name] = call.action.split(':');
	return JSON.stringify({
		eventVersion: '1.09',
		userIdentity: {type: 'AssumedRole', arn: `arn:aws:sts::${ACCOUNT_ID}:assumed-role/${roleName(call.role)}/${taskId}`, sessionContext: {sessionIssuer: {type: 'Role', arn: call.role}}},
		eventTime: new Date(at).toISOString().replace(/\.\d{3}Z$/, 'Z'),
		eventSource: `${service}.amazonaws.com`,
		eventName: name === undefined ? call.action : name[0]!.toUpperCase() + name.slice(1),
		awsRegion: ARN_REGION,
		errorCode: 'AccessDenied',
		errorMessage: `User: arn:aws:sts::${ACCOUNT_ID}:assumed-role/${roleName(call.role)}/${taskId} is not authorized to perform: ${call.action} on resource: ${call.resource} because no identity-based policy allows the ${call.action} action`,
		resources: [{ARN: call.resource}],
	});
}
