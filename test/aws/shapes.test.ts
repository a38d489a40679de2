import {describe, expect, it} from 'vitest';
import {toMetricAlarm} from '../../source/aws/alarms.js';
import {toDbInstance} from '../../source/aws/database.js';
import {toRegisterInput, toService, toTask, toTaskDefinition} from '../../source/aws/ecs-shapes.js';
import {toLogGroup} from '../../source/aws/logs.js';
import {toPutMetricAlarmInput} from '../../source/aws/operator.js';
import type {MetricAlarmInput} from '../../source/port/types.js';

// SDK answers -> port values and back, with the field names the SDK uses.

const arn = (kind: string) => `arn:aws:ecs:us-east-1:123456789012:${kind}`;

describe('ECS shapes', () => {
	it('maps a service: family:revision from ARNs, the primary deployment, times in ms', () => {
		const created = new Date('2026-11-28T10:00:00Z');
		const service = toService(
			{
				serviceName: 'acso-production-supervisor',
				serviceArn: arn('service/acso-production-cluster/acso-production-supervisor'),
				clusterArn: arn('cluster/acso-production-cluster'),
				status: 'ACTIVE',
				desiredCount: 2,
				runningCount: 1,
				pendingCount: 1,
				taskDefinition: arn('task-definition/acso-production-supervisor:7'),
				deployments: [
					{id: 'ecs-svc/1', status: 'PRIMARY', taskDefinition: arn('task-definition/acso-production-supervisor:7'), rolloutState: 'IN_PROGRESS', desiredCount: 2, runningCount: 1, pendingCount: 1, failedTasks: 3, createdAt: created, updatedAt: created},
					{id: 'ecs-svc/0', status: 'ACTIVE', taskDefinition: arn('task-definition/acso-production-supervisor:6'), rolloutState: 'COMPLETED', createdAt: created},
				],
				events: [{id: 'e1', createdAt: created, message: '(service x) has reached a steady state.'}],
			},
			'fallback',
		);
		expect(service).toMatchObject({name: 'acso-production-supervisor', cluster: 'acso-production-cluster', taskDefinition: 'acso-production-supervisor:7', desiredCount: 2, runningCount: 1});
		expect(service.deployments.map(d => [d.status, d.taskDefinition, d.rolloutState, d.failedTasks])).toEqual([
			['PRIMARY', 'acso-production-supervisor:7', 'IN_PROGRESS', 3],
			['ACTIVE', 'acso-production-supervisor:6', 'COMPLETED', 0],
		]);
		expect(service.events[0]).toEqual({id: 'e1', createdAt: created.getTime(), message: '(service x) has reached a steady state.'});
	});

	it('maps a task: id from the ARN, service from the group, stop reason kept', () => {
		const task = toTask(
			{
				taskArn: arn('task/acso-production-cluster/0f1e2d3c'),
				group: 'service:acso-production-threat-hunter',
				taskDefinitionArn: arn('task-definition/acso-production-threat-hunter:4'),
				lastStatus: 'STOPPED',
				desiredStatus: 'STOPPED',
				stopCode: 'TaskFailedToStart',
				stoppedReason: 'CannotPullContainerError: pull image manifest has been retried 5 time(s)',
				containers: [{name: 'threat-hunter-agent', lastStatus: 'STOPPED', exitCode: 137, reason: 'OutOfMemoryError: Container killed due to memory usage'}],
			},
			'acso-production-cluster',
		);
		expect(task).toMatchObject({id: '0f1e2d3c', service: 'acso-production-threat-hunter', taskDefinition: 'acso-production-threat-hunter:4', stopCode: 'TaskFailedToStart'});
		expect(task.stoppedReason).toMatch(/^CannotPullContainerError/);
		expect(task.containers[0]).toMatchObject({exitCode: 137, reason: expect.stringMatching(/^OutOfMemoryError/)});
		expect(toTask({taskArn: 'x/y', group: 'family:adhoc', stoppedReason: ''}, 'c').service).toBeUndefined();
	});

	it('round-trips a task definition, keeping container and task extras and dropping describe-only fields', () => {
		const described = toTaskDefinition({
			taskDefinitionArn: arn('task-definition/acso-production-supervisor:7'),
			family: 'acso-production-supervisor',
			revision: 7,
			status: 'ACTIVE',
			compatibilities: ['EC2', 'FARGATE'],
			requiresAttributes: [{name: 'ecs.capability.execution-role-awslogs'}],
			registeredAt: new Date('2026-11-01T00:00:00Z'),
			registeredBy: 'arn:aws:iam::123456789012:user/ci',
			cpu: '1024',
			memory: '2048',
			networkMode: 'awsvpc',
			requiresCompatibilities: ['FARGATE'],
			runtimePlatform: {cpuArchitecture: 'ARM64', operatingSystemFamily: 'LINUX'},
			volumes: [{name: 'scratch'}],
			containerDefinitions: [
				{
					name: 'supervisor-agent',
					image: 'repo/acso-supervisor:v2.4.1',
					memoryReservation: 512,
					essential: true,
					environment: [{name: 'ACSO_ENV', value: 'production'}],
					secrets: [{name: 'DB_PASSWORD', valueFrom: 'arn:aws:secretsmanager:us-east-1:123456789012:secret:db'}],
					logConfiguration: {logDriver: 'awslogs', options: {'awslogs-group': '/aws/acso/production/agents'}},
				},
			],
		});
		expect(described.revision).toBe(7);
		expect(described.extra).toEqual({runtimePlatform: {cpuArchitecture: 'ARM64', operatingSystemFamily: 'LINUX'}, volumes: [{name: 'scratch'}]});
		expect(described.containers[0]?.extra).toMatchObject({environment: [{name: 'ACSO_ENV', value: 'production'}], secrets: expect.any(Array)});

		const {revision: _r, arn: _a, status: _s, registeredAt: _t, ...input} = described;
		const request = toRegisterInput({...input, containers: input.containers.map(c => ({...c, image: 'repo/acso-supervisor:v2.4.0'}))});
		expect(request).toMatchObject({
			family: 'acso-production-supervisor',
			cpu: '1024',
			runtimePlatform: {cpuArchitecture: 'ARM64'},
			volumes: [{name: 'scratch'}],
		});
		expect(request.containerDefinitions?.[0]).toMatchObject({
			name: 'supervisor-agent',
			image: 'repo/acso-supervisor:v2.4.0',
			memoryReservation: 512,
			environment: [{name: 'ACSO_ENV', value: 'production'}],
			logConfiguration: {logDriver: 'awslogs'},
		});
		for (const field of ['revision', 'status', 'compatibilities', 'requiresAttributes', 'registeredAt', 'registeredBy', 'taskDefinitionArn']) {
			expect(request).not.toHaveProperty(field);
		}
		expect(request.containerDefinitions?.[0]).not.toHaveProperty('cpu');
	});
});

describe('CloudWatch alarm shapes', () => {
	const sdkAlarm = {
		AlarmName: 'ACSO-HighCPU',
		AlarmArn: 'arn:aws:cloudwatch:us-east-1:123456789012:alarm:ACSO-HighCPU',
		StateValue: 'ALARM' as const,
		StateReason: 'Threshold Crossed',
		StateUpdatedTimestamp: new Date('2026-11-28T12:00:00Z'),
		Namespace: 'AWS/ECS',
		MetricName: 'CPUUtilization',
		Dimensions: [{Name: 'ClusterName', Value: 'acso-production-cluster'}],
		Statistic: 'Average' as const,
		Period: 300,
		EvaluationPeriods: 3,
		Threshold: 80,
		ComparisonOperator: 'GreaterThanThreshold' as const,
		AlarmActions: ['arn:aws:sns:us-east-1:123456789012:oncall'],
		OKActions: [],
		TreatMissingData: 'notBreaching',
	};

	it('keeps what the port does not name (actions, missing-data treatment) in extra', () => {
		const alarm = toMetricAlarm(sdkAlarm);
		expect(alarm).toMatchObject({kind: 'metric', state: 'ALARM', threshold: 80, dimensions: {ClusterName: 'acso-production-cluster'}, periodSeconds: 300});
		expect(alarm.extra).toEqual({AlarmActions: ['arn:aws:sns:us-east-1:123456789012:oncall'], TreatMissingData: 'notBreaching'});
	});

	it('puts the alarm back with its extras, and without Statistic or a single metric where AWS forbids them', () => {
		const {kind: _k, arn: _a, state: _s, stateReason: _r, stateUpdatedAt: _u, ...input} = toMetricAlarm(sdkAlarm);
		const plain = toPutMetricAlarmInput({...input, threshold: 85}, input.extra);
		expect(plain).toMatchObject({AlarmName: 'ACSO-HighCPU', Threshold: 85, Statistic: 'Average', AlarmActions: ['arn:aws:sns:us-east-1:123456789012:oncall'], TreatMissingData: 'notBreaching'});

		const percentile = toPutMetricAlarmInput(input as MetricAlarmInput, {ExtendedStatistic: 'p99'});
		expect(percentile).not.toHaveProperty('Statistic');
		expect(percentile.ExtendedStatistic).toBe('p99');

		const math = toPutMetricAlarmInput(input as MetricAlarmInput, {Metrics: [{Id: 'm1', Expression: 'a+b'}]});
		expect(math).not.toHaveProperty('MetricName');
		expect(math).not.toHaveProperty('Namespace');
		expect(math.Metrics).toHaveLength(1);

		const unknownField = toPutMetricAlarmInput(input as MetricAlarmInput, {AlarmArn: 'x', StateValue: 'OK'});
		expect(unknownField).not.toHaveProperty('AlarmArn');
		expect(unknownField).not.toHaveProperty('StateValue');
	});
});

describe('Logs and RDS shapes', () => {
	it('takes the bare log group ARN (Live Tail wants it without :*)', () => {
		expect(toLogGroup({logGroupName: 'g', arn: 'arn:aws:logs:us-east-1:1:log-group:g:*'}).arn).toBe('arn:aws:logs:us-east-1:1:log-group:g');
		expect(toLogGroup({logGroupName: 'g', arn: 'x:*', logGroupArn: 'arn:aws:logs:us-east-1:1:log-group:g', retentionInDays: 30}).retentionInDays).toBe(30);
	});

	it('reports a pending instance class and the endpoint', () => {
		const db = toDbInstance({
			DBInstanceIdentifier: 'acso-production-db',
			DBInstanceClass: 'db.t3.medium',
			Engine: 'postgres',
			DBInstanceStatus: 'modifying',
			MultiAZ: true,
			Endpoint: {Address: 'acso-production-db.x.rds.amazonaws.com', Port: 5432},
			PendingModifiedValues: {DBInstanceClass: 'db.r6g.large'},
		});
		expect(db).toMatchObject({id: 'acso-production-db', instanceClass: 'db.t3.medium', pendingInstanceClass: 'db.r6g.large', multiAz: true, endpoint: {port: 5432}});
	});
});
