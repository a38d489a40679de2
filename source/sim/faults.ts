// The failures SimControl.setFault injects: each kind raised the way the AWS adapters would report
// it (same CloudError kind, a message naming the call, the IAM action for 'denied', a hint for
// 'credentials'), so a UI test sees what a real outage would show.

import {CloudError, type CloudErrorKind} from '../port/errors.js';
import {writeHint} from '../port/read-only.js';
import {ACCOUNT_ID} from './catalog.js';

const SERVICE_OF: Record<string, string> = {
	describeClusters: 'ecs',
	listClusters: 'ecs',
	listServices: 'ecs',
	describeServices: 'ecs',
	listTasks: 'ecs',
	describeTasks: 'ecs',
	describeTaskDefinition: 'ecs',
	updateService: 'ecs',
	registerTaskDefinition: 'ecs',
	stopTask: 'ecs',
	getMetricData: 'cloudwatch',
	describeAlarms: 'cloudwatch',
	describeAlarmHistory: 'cloudwatch',
	putMetricAlarm: 'cloudwatch',
	putCompositeAlarm: 'cloudwatch',
	filterLogEvents: 'logs',
	describeLogGroups: 'logs',
	describeMetricFilters: 'logs',
	createLogGroup: 'logs',
	putRetentionPolicy: 'logs',
	deleteRetentionPolicy: 'logs',
	putMetricFilter: 'logs',
	describeDbInstances: 'rds',
	modifyDbInstance: 'rds',
	getParametersByPath: 'ssm',
	getParameterHistory: 'ssm',
	putParameter: 'ssm',
};

/** The IAM action a port method needs, e.g. describeServices -> ecs:DescribeServices. */
export function iamAction(method: string): string {
	const service = SERVICE_OF[method] ?? 'sim';
	const action = method === 'describeDbInstances' ? 'DescribeDBInstances' : method === 'modifyDbInstance' ? 'ModifyDBInstance' : method[0]!.toUpperCase() + method.slice(1);
	return `${service}:${action}`;
}

export function faultError(kind: CloudErrorKind, method: string): CloudError {
	const action = iamAction(method);
	const note = '(simulated fault)';
	switch (kind) {
		case 'throttled':
			return new CloudError(kind, `Rate exceeded calling ${action} ${note}`, {code: 'ThrottlingException', action});
		case 'credentials':
			return new CloudError(kind, `The security token included in the request is expired ${note}`, {
				code: 'ExpiredTokenException',
				hint: 'run `aws sso login` (or refresh your credentials) and retry',
			});
		case 'denied':
			return new CloudError(kind, `User: arn:aws:sts::${ACCOUNT_ID}:assumed-role/acso-oncall/engineer is not authorized to perform: ${action} ${note}`, {
				code: 'AccessDeniedException',
				action,
			});
		case 'not-found':
			return new CloudError(kind, `The resource ${method} asked for does not exist ${note}`, {code: 'ResourceNotFoundException', resource: 'simulated-resource'});
		case 'network':
			return new CloudError(kind, `connect ETIMEDOUT: the ${SERVICE_OF[method] ?? 'AWS'} endpoint did not answer ${note}`, {code: 'ETIMEDOUT'});
		case 'invalid':
			return new CloudError(kind, `${action} was refused as invalid ${note}`, {code: 'InvalidParameterException'});
		case 'unsupported':
			return new CloudError(kind, `${action} is not supported by this endpoint ${note}`, {code: 'UnsupportedOperation'});
		case 'read-only':
			return new CloudError(kind, `${method} refused: ${writeHint} ${note}`, {action: method});
		case 'region':
			return new CloudError(kind, `No region is configured ${note}`, {hint: 'set AWS_REGION or pass --region'});
		case 'unknown':
			return new CloudError(kind, `We encountered an internal error. Please try again. ${note}`, {code: 'InternalFailure'});
	}
}
