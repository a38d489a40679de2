import type {PutCompositeAlarmInput, PutMetricAlarmInput} from '@aws-sdk/client-cloudwatch';
import {CloudError} from '../port/errors.js';
import type {CompositeAlarmInput, DatabaseModification, MetricAlarmInput, MetricFilter, Operator, ServiceCreation, ServiceUpdate, TaskDefinitionInput} from '../port/types.js';
import {compositeAlarmExtraFields, metricAlarmExtraFields, toCompositeAlarm, toMetricAlarm} from './alarms.js';
import type {AwsClients} from './clients.js';
import {toDbInstance} from './database.js';
import {putParameter} from './parameters.js';
import {toCreateServiceInput, toRegisterInput, toService, toTask, toTaskDefinition} from './ecs-shapes.js';
import {createNetworkOperator} from './network.js';
import {requireText} from './paging.js';
import {createRoleOperator} from './roles.js';

// The mutating calls. Each returns the request id so the audit log can be matched in CloudTrail.
// index.ts hands this out only through guardOperator, so in read-only mode none of it runs.

/** The values PutRetentionPolicy accepts; anything else AWS refuses (moto does not check). */
export const retentionDays = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653] as const;

function invalid(message: string): CloudError {
	return new CloudError('invalid', message);
}

export function validateServiceUpdate(update: ServiceUpdate): void {
	if (update.desiredCount === undefined && update.taskDefinition === undefined && !update.forceNewDeployment) {
		throw invalid('A service update needs a desired count, a task definition or a new deployment');
	}
	if (update.desiredCount !== undefined && !(Number.isInteger(update.desiredCount) && update.desiredCount >= 0)) {
		throw invalid(`Desired count must be a whole number 0 or more, got ${update.desiredCount}`);
	}
	if (update.taskDefinition !== undefined) requireText(update.taskDefinition, 'task definition');
}

export function validateServiceCreation(input: ServiceCreation): void {
	requireText(input.cluster, 'cluster name');
	if (!/^[A-Za-z][A-Za-z0-9_-]{0,254}$/.test(input.name ?? '')) throw invalid(`Service name "${input.name}" must start with a letter and hold 1-255 letters, digits, hyphens or underscores`);
	requireText(input.taskDefinition, 'task definition');
	if (!(Number.isInteger(input.desiredCount) && input.desiredCount >= 0)) throw invalid(`Desired count must be a whole number 0 or more, got ${input.desiredCount}`);
	if (input.network && input.network.subnets.length === 0) throw invalid('An awsvpc network needs at least one subnet');
}

export function validateTaskDefinitionInput(input: TaskDefinitionInput): void {
	if (!/^[A-Za-z0-9_-]{1,255}$/.test(input.family ?? '')) {
		throw invalid(`Task definition family "${input.family}" must be 1-255 letters, digits, hyphens or underscores`);
	}
	if (input.containers.length === 0) throw invalid('A task definition needs at least one container');
	for (const container of input.containers) {
		requireText(container.name, 'container name');
		requireText(container.image, `image of container ${container.name}`);
	}
}

export function validateAlarm(alarm: MetricAlarmInput): void {
	requireText(alarm.name, 'alarm name');
	const period = alarm.periodSeconds;
	if (!Number.isInteger(period) || period <= 0 || (period >= 60 ? period % 60 !== 0 : ![10, 20, 30].includes(period))) {
		throw invalid(`Alarm period ${period}s must be 10, 20, 30 or a multiple of 60`);
	}
	if (!Number.isInteger(alarm.evaluationPeriods) || alarm.evaluationPeriods < 1) {
		throw invalid(`Alarm evaluation periods must be a whole number 1 or more, got ${alarm.evaluationPeriods}`);
	}
	if (!Number.isFinite(alarm.threshold)) throw invalid(`Alarm threshold must be a number, got ${alarm.threshold}`);
}

function only(extra: Record<string, unknown> | undefined, fields: readonly string[]): Record<string, unknown> {
	return Object.fromEntries(Object.entries(extra ?? {}).filter(([key, value]) => fields.includes(key) && value !== undefined));
}

/**
 * Port alarm -> PutMetricAlarm. `extra` (actions, missing-data treatment, math, percentile) goes in
 * as it was read; a math alarm keeps its Metrics instead of a single metric, a percentile alarm
 * its ExtendedStatistic instead of Statistic (AWS refuses both at once).
 */
export function toPutMetricAlarmInput(alarm: MetricAlarmInput, extra: Record<string, unknown> | undefined): PutMetricAlarmInput {
	const kept = only(extra, metricAlarmExtraFields);
	const usesMath = Array.isArray(kept.Metrics) && kept.Metrics.length > 0;
	const usesPercentile = typeof kept.ExtendedStatistic === 'string';
	const usesBand = typeof kept.ThresholdMetricId === 'string';
	const dimensions = Object.entries(alarm.dimensions)
		.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
		.map(([Name, Value]) => ({Name, Value}));
	return {
		...kept,
		AlarmName: alarm.name,
		AlarmDescription: alarm.description,
		ActionsEnabled: alarm.actionsEnabled,
		...(usesMath
			? {}
			: {
					Namespace: alarm.namespace,
					MetricName: alarm.metricName,
					Dimensions: dimensions,
					Period: alarm.periodSeconds,
					...(usesPercentile ? {} : {Statistic: alarm.statistic}),
				}),
		EvaluationPeriods: alarm.evaluationPeriods,
		...(usesBand ? {} : {Threshold: alarm.threshold}),
		ComparisonOperator: alarm.comparisonOperator,
	} as PutMetricAlarmInput;
}

export function toPutCompositeAlarmInput(alarm: CompositeAlarmInput, extra: Record<string, unknown> | undefined): PutCompositeAlarmInput {
	return {
		...only(extra, compositeAlarmExtraFields),
		AlarmName: alarm.name,
		AlarmDescription: alarm.description,
		AlarmRule: alarm.alarmRule,
	} as PutCompositeAlarmInput;
}

export function createOperator(clients: AwsClients): Operator {
	/**
	 * Put* replaces the whole alarm. When the caller passes no `extra` (an alarm built from scratch
	 * rather than read), the existing alarm's actions are read and kept, so changing a threshold
	 * can never silently stop an alarm from paging anyone.
	 */
	async function existingExtra(name: string, type: 'MetricAlarm' | 'CompositeAlarm'): Promise<Record<string, unknown> | undefined> {
		const {client, sdk} = await clients.get('cloudwatch');
		// aws cloudwatch describe-alarms --alarm-names NAME --alarm-types TYPE
		const page = await client.send(new sdk.DescribeAlarmsCommand({AlarmNames: [name], AlarmTypes: [type]}));
		const metric = page.MetricAlarms?.[0];
		const composite = page.CompositeAlarms?.[0];
		if (type === 'MetricAlarm') return metric ? toMetricAlarm(metric).extra : undefined;
		return composite ? toCompositeAlarm(composite).extra : undefined;
	}

	return {
		...createRoleOperator(clients),
		...createNetworkOperator(clients),
		updateService: (cluster, service, update) =>
			clients.call({action: 'ecs:UpdateService', resource: `service ${service} in cluster ${cluster}`, cluster}, async () => {
				requireText(cluster, 'cluster name');
				requireText(service, 'service name');
				validateServiceUpdate(update);
				const {client, sdk} = await clients.get('ecs');
				// aws ecs update-service --cluster CLUSTER --service NAME [--desired-count N] [--task-definition FAMILY:REV] [--force-new-deployment]
				const answer = await client.send(
					new sdk.UpdateServiceCommand({
						cluster,
						service,
						desiredCount: update.desiredCount,
						taskDefinition: update.taskDefinition,
						forceNewDeployment: update.forceNewDeployment,
					}),
				);
				if (!answer.service) throw new CloudError('unknown', `UpdateService for ${service} answered without the service`);
				return {value: toService(answer.service, cluster), requestId: answer.$metadata.requestId};
			}),

		registerTaskDefinition: input =>
			clients.call({action: 'ecs:RegisterTaskDefinition', resource: `task definition family ${input.family}`}, async () => {
				validateTaskDefinitionInput(input);
				const {client, sdk} = await clients.get('ecs');
				// aws ecs register-task-definition --cli-input-json file://task-definition.json
				const answer = await client.send(new sdk.RegisterTaskDefinitionCommand(toRegisterInput(input)));
				if (!answer.taskDefinition) throw new CloudError('unknown', `RegisterTaskDefinition for ${input.family} answered without a revision`);
				return {value: toTaskDefinition(answer.taskDefinition), requestId: answer.$metadata.requestId};
			}),

		stopTask: (cluster, taskId, reason) =>
			clients.call({action: 'ecs:StopTask', resource: `task ${taskId} in cluster ${cluster}`, cluster}, async () => {
				requireText(cluster, 'cluster name');
				requireText(taskId, 'task id');
				if (reason.length > 255) throw invalid(`A stop reason holds at most 255 characters, got ${reason.length}`);
				const {client, sdk} = await clients.get('ecs');
				// aws ecs stop-task --cluster CLUSTER --task ID --reason "REASON"
				const answer = await client.send(new sdk.StopTaskCommand({cluster, task: taskId, reason: reason || undefined}));
				if (!answer.task) throw new CloudError('unknown', `StopTask for ${taskId} answered without the task`);
				return {value: toTask(answer.task, cluster), requestId: answer.$metadata.requestId};
			}),

		createService: input =>
			clients.call({action: 'ecs:CreateService', resource: `service ${input.name} in cluster ${input.cluster}`, cluster: input.cluster}, async () => {
				validateServiceCreation(input);
				const {client, sdk} = await clients.get('ecs');
				// aws ecs create-service --cluster CLUSTER --service-name NAME --task-definition FAMILY:REV --desired-count N [--launch-type FARGATE] [--network-configuration awsvpcConfiguration={subnets=[..],securityGroups=[..]}]
				const answer = await client.send(new sdk.CreateServiceCommand(toCreateServiceInput(input)));
				if (!answer.service) throw new CloudError('unknown', `CreateService for ${input.name} answered without the service`);
				return {value: toService(answer.service, input.cluster), requestId: answer.$metadata.requestId};
			}),

		deleteService: (cluster, service) =>
			clients.call({action: 'ecs:DeleteService', resource: `service ${service} in cluster ${cluster}`, cluster}, async () => {
				requireText(cluster, 'cluster name');
				requireText(service, 'service name');
				const {client, sdk} = await clients.get('ecs');
				// aws ecs delete-service --cluster CLUSTER --service NAME --force
				const answer = await client.send(new sdk.DeleteServiceCommand({cluster, service, force: true}));
				if (!answer.service) throw new CloudError('unknown', `DeleteService for ${service} answered without the service`);
				return {value: toService(answer.service, cluster), requestId: answer.$metadata.requestId};
			}),

		createLogGroup: name =>
			clients.call({action: 'logs:CreateLogGroup', resource: `log group ${name}`}, async () => {
				if (!/^[\w./#-]{1,512}$/.test(name ?? '')) {
					throw invalid(`Log group name "${name}" must be 1-512 letters, digits or . _ - / #`);
				}
				const {client, sdk} = await clients.get('logs');
				// aws logs create-log-group --log-group-name NAME
				const answer = await client.send(new sdk.CreateLogGroupCommand({logGroupName: name}));
				return {value: undefined, requestId: answer.$metadata.requestId};
			}),

		putRetentionPolicy: (logGroup, days) =>
			clients.call({action: 'logs:PutRetentionPolicy', resource: `log group ${logGroup}`}, async () => {
				requireText(logGroup, 'log group name');
				if (!(retentionDays as readonly number[]).includes(days)) {
					throw invalid(`Retention of ${days} days is not one CloudWatch Logs offers; choose one of ${retentionDays.join(', ')}`);
				}
				const {client, sdk} = await clients.get('logs');
				// aws logs put-retention-policy --log-group-name GROUP --retention-in-days DAYS
				const answer = await client.send(new sdk.PutRetentionPolicyCommand({logGroupName: logGroup, retentionInDays: days}));
				return {value: undefined, requestId: answer.$metadata.requestId};
			}),

		deleteRetentionPolicy: logGroup =>
			clients.call({action: 'logs:DeleteRetentionPolicy', resource: `log group ${logGroup}`}, async () => {
				requireText(logGroup, 'log group name');
				const {client, sdk} = await clients.get('logs');
				// aws logs delete-retention-policy --log-group-name GROUP
				const answer = await client.send(new sdk.DeleteRetentionPolicyCommand({logGroupName: logGroup}));
				return {value: undefined, requestId: answer.$metadata.requestId};
			}),

		putMetricFilter: (filter: MetricFilter) =>
			clients.call({action: 'logs:PutMetricFilter', resource: `metric filter ${filter.name} on log group ${filter.logGroup}`}, async () => {
				requireText(filter.name, 'metric filter name');
				requireText(filter.logGroup, 'log group name');
				if (filter.transformations.length !== 1) {
					throw invalid(`A metric filter publishes exactly one metric, got ${filter.transformations.length} transformations`);
				}
				const {client, sdk} = await clients.get('logs');
				// aws logs put-metric-filter --log-group-name GROUP --filter-name NAME --filter-pattern P --metric-transformations ...
				const answer = await client.send(
					new sdk.PutMetricFilterCommand({
						logGroupName: filter.logGroup,
						filterName: filter.name,
						filterPattern: filter.pattern,
						metricTransformations: filter.transformations.map(t => ({
							metricName: t.metricName,
							metricNamespace: t.metricNamespace,
							metricValue: t.metricValue,
							defaultValue: t.defaultValue,
						})),
					}),
				);
				return {value: undefined, requestId: answer.$metadata.requestId};
			}),

		putMetricAlarm: alarm =>
			clients.call({action: 'cloudwatch:PutMetricAlarm', resource: `alarm ${alarm.name}`}, async () => {
				validateAlarm(alarm);
				const extra = alarm.extra ?? (await existingExtra(alarm.name, 'MetricAlarm'));
				const {client, sdk} = await clients.get('cloudwatch');
				// aws cloudwatch put-metric-alarm --alarm-name NAME --namespace NS --metric-name M --statistic S --period P --threshold T --comparison-operator OP --evaluation-periods N
				const answer = await client.send(new sdk.PutMetricAlarmCommand(toPutMetricAlarmInput(alarm, extra)));
				return {value: undefined, requestId: answer.$metadata.requestId};
			}),

		putCompositeAlarm: alarm =>
			clients.call({action: 'cloudwatch:PutCompositeAlarm', resource: `alarm ${alarm.name}`}, async () => {
				requireText(alarm.name, 'alarm name');
				requireText(alarm.alarmRule, 'alarm rule');
				const extra = alarm.extra ?? (await existingExtra(alarm.name, 'CompositeAlarm'));
				const {client, sdk} = await clients.get('cloudwatch');
				// aws cloudwatch put-composite-alarm --alarm-name NAME --alarm-rule "RULE"
				const answer = await client.send(new sdk.PutCompositeAlarmCommand(toPutCompositeAlarmInput(alarm, extra)));
				return {value: undefined, requestId: answer.$metadata.requestId};
			}),

		modifyDbInstance: (id: string, change: DatabaseModification) =>
			clients.call({action: 'rds:ModifyDBInstance', resource: `DB instance ${id}`}, async () => {
				requireText(id, 'DB instance identifier');
				if (!/^db\.[a-z0-9-]+\.[a-z0-9-]+$/.test(change.instanceClass ?? '')) {
					throw invalid(`"${change.instanceClass}" is not a DB instance class such as db.r6g.large`);
				}
				const {client, sdk} = await clients.get('rds');
				// aws rds modify-db-instance --db-instance-identifier ID --db-instance-class CLASS [--apply-immediately]
				const answer = await client.send(
					new sdk.ModifyDBInstanceCommand({DBInstanceIdentifier: id, DBInstanceClass: change.instanceClass, ApplyImmediately: change.applyImmediately}),
				);
				if (!answer.DBInstance) throw new CloudError('unknown', `ModifyDBInstance for ${id} answered without the instance`);
				return {value: toDbInstance(answer.DBInstance), requestId: answer.$metadata.requestId};
			}),

		stopServiceDeployment: (arn, stopType) =>
			clients.call({action: 'ecs:StopServiceDeployment', resource: `service deployment ${arn}`}, async () => {
				requireText(arn, 'service deployment ARN');
				const {client, sdk} = await clients.get('ecs');
				// aws ecs stop-service-deployment --service-deployment-arn ARN --stop-type ROLLBACK
				const answer = await client.send(new sdk.StopServiceDeploymentCommand({serviceDeploymentArn: arn, stopType}));
				return {value: {serviceDeploymentArn: answer.serviceDeploymentArn ?? arn}, requestId: answer.$metadata.requestId};
			}),

		putParameter: (name, value, type) => putParameter(clients, name, value, type),
	};
}
