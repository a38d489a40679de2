// CloudTrail events as a trail delivers them to CloudWatch Logs (one JSON record an event): which
// calls were refused, by whom. A search of the trail's log group is judged by these, not by how
// its lines look: a trail record has no "ERROR" in it, its errorCode says what went wrong.
import type {LogEvent} from '../port/types.js';

/** One principal refused one action, with how often and when last. */
export type DeniedCall = {principal: string; action: string; resource?: string; count: number; newest: number};

// The error codes AWS services give a refused call (IAM, EC2's own spelling, KMS, STS, S3 ...).
const deniedCode = /^(Client\.)?(AccessDenied(Exception)?|UnauthorizedOperation|UnauthorizedAccess|Forbidden|NotAuthorized|AuthorizationError)$/i;

type TrailRecord = {
	eventSource?: unknown;
	eventName?: unknown;
	errorCode?: unknown;
	userIdentity?: {arn?: unknown; sessionContext?: {sessionIssuer?: {arn?: unknown; userName?: unknown}}};
	resources?: Array<{ARN?: unknown}>;
};

function text(value: unknown): string | undefined {
	return typeof value === 'string' && value !== '' ? value : undefined;
}

function parse(message: string): TrailRecord | undefined {
	const trimmed = message.trimStart();
	if (!trimmed.startsWith('{') || trimmed.length > 100_000) return undefined;
	try {
		const value: unknown = JSON.parse(trimmed);
		return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as TrailRecord) : undefined;
	} catch {
		return undefined;
	}
}

/** A role's ARN (the session's issuer) or the principal's own ARN, shortened to its name after the last slash for roles. */
function principalOf(record: TrailRecord): string {
	const issuer = text(record.userIdentity?.sessionContext?.sessionIssuer?.arn);
	const arn = issuer ?? text(record.userIdentity?.arn) ?? 'an unknown principal';
	const role = /:role\/(?:.*\/)?([^/]+)$/.exec(arn);
	return role ? `role ${role[1]}` : arn;
}

/** `s3.amazonaws.com` + `GetObject` -> `s3:GetObject`, as IAM names the action. */
function actionOf(record: TrailRecord): string {
	const source = text(record.eventSource)?.replace(/\.amazonaws\.com$/, '') ?? '?';
	return `${source}:${text(record.eventName) ?? '?'}`;
}

/** The refused calls among the events, most frequent first; [] when none is a CloudTrail record of a refusal. */
export function deniedCalls(events: readonly LogEvent[]): DeniedCall[] {
	const byKey = new Map<string, DeniedCall>();
	for (const event of events) {
		const record = parse(event.message);
		const code = record ? text(record.errorCode) : undefined;
		if (!record || code === undefined || !deniedCode.test(code)) continue;
		const principal = principalOf(record);
		const action = actionOf(record);
		const key = `${principal}\u0000${action}`;
		const resource = text(record.resources?.[0]?.ARN);
		const seen = byKey.get(key);
		if (seen) {
			seen.count++;
			if (event.timestamp >= seen.newest) {
				seen.newest = event.timestamp;
				if (resource !== undefined) seen.resource = resource;
			}
		} else byKey.set(key, {principal, action, ...(resource === undefined ? {} : {resource}), count: 1, newest: event.timestamp});
	}
	return [...byKey.values()].sort((a, b) => b.count - a.count || b.newest - a.newest);
}
