import {describe, expect, it} from 'vitest';
import {toCloudError, type ErrorContext} from '../../source/aws/errors.js';
import {CloudError} from '../../source/port/errors.js';

// The SDK's error shapes, built by hand: a ServiceException is an Error whose name is the AWS
// error code, with $fault, $metadata (HTTP status, request id) and sometimes $retryable.

function awsError(name: string, message: string, status = 400, extra: Record<string, unknown> = {}): Error {
	const error = new Error(message);
	error.name = name;
	Object.assign(error, {$fault: status >= 500 ? 'server' : 'client', $metadata: {httpStatusCode: status, requestId: 'req-123'}}, extra);
	return error;
}

function nodeError(code: string, message = `connect ${code} 127.0.0.1:4566`): Error {
	return Object.assign(new Error(message), {code, $metadata: {attempts: 3}});
}

const ecs: ErrorContext = {action: 'ecs:DescribeServices', resource: 'service acso-production-supervisor in cluster acso-production-cluster', cluster: 'acso-production-cluster'};

describe('toCloudError', () => {
	it.each(['ThrottlingException', 'Throttling', 'TooManyRequestsException', 'RequestLimitExceeded'])('maps %s to throttled, keeping request id and code', name => {
		const error = toCloudError(awsError(name, 'Rate exceeded'), ecs);
		expect(error.kind).toBe('throttled');
		expect(error.requestId).toBe('req-123');
		expect(error.code).toBe(name);
		expect(error.message).toContain('ecs:DescribeServices');
	});

	it('maps HTTP 429 and $retryable.throttling to throttled', () => {
		expect(toCloudError(awsError('SlowDown', 'slow down', 429), ecs).kind).toBe('throttled');
		expect(toCloudError(awsError('Whatever', 'x', 400, {$retryable: {throttling: true}}), ecs).kind).toBe('throttled');
	});

	it.each(['ExpiredToken', 'ExpiredTokenException', 'RequestExpired'])('maps %s to credentials with an sso login hint for the profile', name => {
		const error = toCloudError(awsError(name, 'The security token included in the request is expired', 403), {...ecs, profile: 'acso-ops'});
		expect(error.kind).toBe('credentials');
		expect(error.hint).toContain('aws sso login --profile acso-ops');
		expect(error.requestId).toBe('req-123');
	});

	it('maps a credential chain failure without a profile to a hint naming the variables and --demo', () => {
		const error = awsError('CredentialsProviderError', 'Could not load credentials from any providers', 0);
		const mapped = toCloudError(error, {action: 'ecs:ListClusters'});
		expect(mapped.kind).toBe('credentials');
		expect(mapped.hint).toContain('AWS_PROFILE');
		expect(mapped.hint).toContain('AWS_ACCESS_KEY_ID');
		expect(mapped.hint).toContain('--demo');
		expect(mapped.hint).not.toContain('--profile acso');
	});

	it('maps expired SSO sessions (token provider errors) to credentials', () => {
		const sso = new Error('The SSO session associated with this profile has expired or is otherwise invalid. To refresh this SSO session run aws sso login with the corresponding profile.');
		sso.name = 'TokenProviderError';
		expect(toCloudError(sso, {...ecs, profile: 'sso-prof'}).kind).toBe('credentials');
		const plain = new Error('Token is expired. To refresh this SSO session run aws sso login');
		expect(toCloudError(plain, ecs).kind).toBe('credentials');
	});

	it('maps rejected keys (InvalidClientTokenId, UnrecognizedClientException) to credentials', () => {
		expect(toCloudError(awsError('InvalidClientTokenId', 'The security token included in the request is invalid.', 403), ecs).kind).toBe('credentials');
		expect(toCloudError(awsError('UnrecognizedClientException', 'The security token included in the request is invalid.', 400), ecs).kind).toBe('credentials');
	});

	it('maps AccessDenied* to denied with the action parsed from the message', () => {
		const message = 'User: arn:aws:sts::123456789012:assumed-role/oncall/jane is not authorized to perform: ecs:UpdateService on resource: arn:aws:ecs:us-east-1:123456789012:service/acso-production-cluster/acso-production-supervisor because no identity-based policy allows the ecs:UpdateService action';
		const error = toCloudError(awsError('AccessDeniedException', message), ecs);
		expect(error.kind).toBe('denied');
		expect(error.action).toBe('ecs:UpdateService');
		expect(error.message).toContain('ecs:UpdateService');
		expect(error.resource).toBe(ecs.resource);
	});

	it('falls back to the call action when the denial does not name one', () => {
		const error = toCloudError(awsError('AccessDenied', 'Access Denied', 403), {action: 'rds:DescribeDBInstances'});
		expect(error.kind).toBe('denied');
		expect(error.action).toBe('rds:DescribeDBInstances');
	});

	it('names the cluster for ClusterNotFoundException and the resource otherwise', () => {
		const cluster = toCloudError(awsError('ClusterNotFoundException', 'Cluster not found.'), ecs);
		expect(cluster.kind).toBe('not-found');
		expect(cluster.resource).toBe('cluster acso-production-cluster');
		const service = toCloudError(awsError('ServiceNotFoundException', 'Service not found.'), ecs);
		expect(service.resource).toBe(ecs.resource);
		expect(service.message).toContain('acso-production-supervisor');
	});

	it.each([
		['ResourceNotFoundException', 'The specified log group does not exist.', 'log group /aws/acso/production/agents'],
		['DBInstanceNotFoundFault', 'DBInstance acso-production-db not found.', 'DB instance acso-production-db'],
		['DBInstanceNotFound', 'DBInstance acso-production-db not found.', 'DB instance acso-production-db'],
		['ClientException', 'Unable to describe task definition.', 'task definition acso-production-supervisor:99'],
	])('maps %s to not-found naming the resource', (name, message, resource) => {
		const error = toCloudError(awsError(name, message, name.startsWith('DB') ? 404 : 400), {action: 'x:Y', resource});
		expect(error.kind).toBe('not-found');
		expect(error.resource).toBe(resource);
		expect(error.message).toContain(resource);
	});

	it.each(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EAI_AGAIN'])('maps the Node error %s to network', code => {
		const error = toCloudError(nodeError(code), ecs);
		expect(error.kind).toBe('network');
		expect(error.code).toBe(code);
	});

	it('maps socket hang up, TimeoutError and a nested network cause to network', () => {
		expect(toCloudError(new Error('socket hang up'), ecs).kind).toBe('network');
		const timeout = new Error('Connection timed out after 1000 ms');
		timeout.name = 'TimeoutError';
		expect(toCloudError(timeout, ecs).kind).toBe('network');
		expect(toCloudError(new Error('fetch failed', {cause: nodeError('ECONNREFUSED')}), ecs).kind).toBe('network');
	});

	it.each(['InvalidParameterException', 'InvalidParameterValue', 'InvalidParameterCombination', 'ValidationException', 'ValidationError'])('maps %s to invalid', name => {
		const error = toCloudError(awsError(name, '1 validation error detected'), ecs);
		expect(error.kind).toBe('invalid');
		expect(error.message).toContain('1 validation error detected');
	});

	it('maps ECS ClientException that is not a missing resource to invalid', () => {
		expect(toCloudError(awsError('ClientException', 'desiredCount must be >= 0'), ecs).kind).toBe('invalid');
	});

	it('maps HTTP 501, a 500 saying not implemented, and moto\'s HTML 500 page to unsupported', () => {
		expect(toCloudError(awsError('NotImplemented', 'no', 501), ecs).kind).toBe('unsupported');
		expect(toCloudError(awsError('InternalFailure', 'The start_live_tail action has not yet been implemented', 500), ecs).kind).toBe('unsupported');
		const html = new Error('Unexpected token \'<\', "<!doctype "... is not valid JSON\n  Deserialization error: to see the raw response, inspect the hidden field {error}.$response on this object.');
		html.name = 'SyntaxError';
		Object.assign(html, {$metadata: {httpStatusCode: 500, attempts: 3}});
		const mapped = toCloudError(html, {action: 'logs:StartLiveTail'});
		expect(mapped.kind).toBe('unsupported');
		expect(mapped.message).toContain('logs:StartLiveTail');
	});

	it('keeps a real AWS 500 (with an error body) as unknown, not unsupported', () => {
		const error = toCloudError(awsError('InternalFailure', 'We encountered an internal error. Please try again.', 500), ecs);
		expect(error.kind).toBe('unknown');
		expect(error.message).toContain('internal error');
	});

	it('maps a missing region to region with what to set', () => {
		const error = toCloudError(new Error('Region is missing'), {action: 'ecs:ListClusters'});
		expect(error.kind).toBe('region');
		expect(error.message).toContain('--region');
		expect(error.message).toContain('AWS_REGION');
		expect(error.message).toContain('--demo');
	});

	it('passes a CloudError through and wraps non-errors as unknown', () => {
		const original = new CloudError('read-only', 'no');
		expect(toCloudError(original, ecs)).toBe(original);
		const odd = toCloudError('boom', ecs);
		expect(odd.kind).toBe('unknown');
		expect(odd.message).toContain('boom');
	});
});
