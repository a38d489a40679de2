import {CloudError, isCloudError} from '../port/errors.js';

// The one place that knows what AWS SDK v3 errors look like. Everything above source/aws sees a
// CloudError whose kind the UI turns into a state: a throttle notice, a credentials banner with
// the command to run, "not found" naming the resource, a stale marker for the network.

export type ErrorContext = {
	/** The IAM action of the call, e.g. `ecs:DescribeServices`: named when access is denied. */
	action: string;
	/** What the call was about, e.g. `service acso-production-supervisor in cluster acso-production-cluster`. */
	resource?: string;
	/** The cluster of an ECS call, so ClusterNotFoundException names the cluster and not the service. */
	cluster?: string;
	/** The profile in use (flag or AWS_PROFILE), for the `aws sso login --profile X` hint. */
	profile?: string;
};

/** The fields an SDK v3 error (ServiceException, CredentialsProviderError, Node system error) may carry. */
type SdkErrorShape = {
	name?: unknown;
	message?: unknown;
	code?: unknown;
	Code?: unknown;
	__type?: unknown;
	$fault?: unknown;
	$retryable?: {throttling?: unknown};
	$metadata?: {httpStatusCode?: unknown; requestId?: unknown};
	$response?: {statusCode?: unknown};
	cause?: unknown;
};

const throttlingCodes = new Set(['ThrottlingException', 'Throttling', 'TooManyRequestsException', 'RequestLimitExceeded', 'ThrottledException', 'RequestThrottled', 'RequestThrottledException']);
const expiredCodes = new Set(['ExpiredToken', 'ExpiredTokenException', 'RequestExpired', 'CredentialsProviderError', 'TokenProviderError']);
// Rejected keys rather than expired ones: still a credentials problem the user fixes the same way.
const badKeyCodes = new Set(['InvalidClientTokenId', 'UnrecognizedClientException', 'InvalidSignatureException', 'SignatureDoesNotMatch', 'IncompleteSignature', 'MissingAuthenticationToken']);
const notFoundCodes = new Set(['ClusterNotFoundException', 'ResourceNotFoundException', 'DBInstanceNotFound', 'DBInstanceNotFoundFault', 'ServiceNotFoundException', 'TaskSetNotFoundException', 'ParameterNotFound', 'ParameterVersionNotFound', 'NoSuchEntity']);
const networkCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EAI_AGAIN', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', 'ECONNABORTED']);
const invalidCodes = new Set(['ValidationException', 'ValidationError', 'MissingParameter', 'InvalidDBInstanceState', 'InvalidDBInstanceStateFault', 'ClientException', 'InvalidAction', 'SerializationException']);
const unsupportedCodes = new Set(['NotImplemented', 'NotImplementedException', 'UnknownOperationException', 'UnsupportedOperation', 'UnsupportedOperationException']);

function text(value: unknown): string | undefined {
	return typeof value === 'string' && value !== '' ? value : undefined;
}

function status(error: SdkErrorShape): number | undefined {
	const code = error.$metadata?.httpStatusCode ?? error.$response?.statusCode;
	return typeof code === 'number' ? code : undefined;
}

/** The error code AWS answered (or Node's system error code), whichever the error carries. */
function errorCode(error: SdkErrorShape): string | undefined {
	const type = text(error.__type)?.split('#').pop();
	return text(error.Code) ?? type ?? text(error.code) ?? text(error.name);
}

function nodeCode(error: SdkErrorShape): string | undefined {
	const own = text(error.code);
	if (own && networkCodes.has(own)) return own;
	const cause = error.cause as SdkErrorShape | undefined;
	const nested = cause && typeof cause === 'object' ? text(cause.code) : undefined;
	return nested && networkCodes.has(nested) ? nested : undefined;
}

export function credentialsHint(profile: string | undefined): string {
	if (profile) {
		return `Run \`aws sso login --profile ${profile}\` (or refresh that profile's keys), then retry.`;
	}
	return 'Set AWS_PROFILE (or pass --profile; for SSO run `aws sso login --profile NAME`), or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN for temporary keys). To look around without AWS, run with --demo.';
}

export const regionMessage = 'No AWS region: pass --region, set AWS_REGION (or AWS_DEFAULT_REGION), set `region` in your AWS profile, or run with --demo.';

const deniedAction = /not authorized to perform:?\s+([a-z0-9-]+:[A-Za-z0-9*]+)/;

/**
 * Maps anything an SDK call throws to a CloudError. Order matters: an expired token arrives as
 * HTTP 403 like an access denial, and moto's "not implemented" arrives as HTTP 500 like a fault.
 */
export function toCloudError(thrown: unknown, context: ErrorContext): CloudError {
	if (isCloudError(thrown)) return thrown;
	const error: SdkErrorShape = thrown !== null && typeof thrown === 'object' ? (thrown as SdkErrorShape) : {message: String(thrown)};
	const message = text(error.message) ?? String(thrown);
	const code = errorCode(error);
	const http = status(error);
	const requestId = text(error.$metadata?.requestId);
	const details = {requestId, code, cause: thrown};
	const {action} = context;

	if (/region is missing/i.test(message) || code === 'RegionMissing') {
		return new CloudError('region', regionMessage, details);
	}

	const isCredentials =
		(code !== undefined && (expiredCodes.has(code) || badKeyCodes.has(code))) ||
		/could not load credentials|aws sso login|sso session|sso token|token (?:has |is )?expired|security token included in the request is (?:invalid|expired)/i.test(message);
	if (isCredentials) {
		return new CloudError('credentials', `AWS credentials are missing or expired (${message.split('\n')[0]})`, {
			...details,
			hint: credentialsHint(context.profile),
		});
	}

	if ((code !== undefined && throttlingCodes.has(code)) || http === 429 || error.$retryable?.throttling === true) {
		return new CloudError('throttled', `AWS is throttling ${action}; retrying more slowly`, {...details, action});
	}

	if ((code !== undefined && /^AccessDenied/.test(code)) || code === 'UnauthorizedOperation' || /not authorized to perform/i.test(message)) {
		const denied = deniedAction.exec(message)?.[1] ?? action;
		const on = context.resource ? ` on ${context.resource}` : '';
		return new CloudError('denied', `Access denied: these credentials may not call ${denied}${on}`, {
			...details,
			action: denied,
			resource: context.resource,
		});
	}

	const isNotFound =
		(code !== undefined && notFoundCodes.has(code)) ||
		(code === 'ClientException' && /unable to describe task definition|not found|does not exist/i.test(message));
	if (isNotFound) {
		const resource = code === 'ClusterNotFoundException' && context.cluster ? `cluster ${context.cluster}` : (context.resource ?? 'the resource');
		return new CloudError('not-found', `Not found: ${resource} (${message})`, {...details, resource});
	}

	const network = nodeCode(error);
	if (network || code === 'TimeoutError' || code === 'RequestTimeout' || /socket hang up/i.test(message)) {
		return new CloudError('network', `Cannot reach AWS for ${action}: ${message}`, {...details, code: network ?? code});
	}

	if (code !== undefined && (/^InvalidParameter/.test(code) || invalidCodes.has(code))) {
		return new CloudError('invalid', `AWS refused ${action} as invalid: ${message}`, {...details, resource: context.resource});
	}

	// moto answers calls it does not implement with an HTML "500 Internal Server Error" page, which
	// the SDK reports as a deserialization failure; real AWS always answers 500s with an error body.
	const unparsedBody = /deserialization error|unexpected token '<'|is not valid json/i.test(message) || code === 'SyntaxError';
	const isUnsupported =
		http === 501 ||
		(code !== undefined && unsupportedCodes.has(code)) ||
		(http !== undefined && http >= 500 && (/not (?:yet )?(?:been )?implemented/i.test(message) || unparsedBody));
	if (isUnsupported) {
		return new CloudError('unsupported', `The endpoint does not support ${action} (HTTP ${http ?? '?'})`, {...details, action});
	}

	return new CloudError('unknown', `${action} failed: ${message}`, {...details, resource: context.resource});
}
