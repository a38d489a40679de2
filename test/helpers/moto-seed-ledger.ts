import {CloudWatchClient, PutMetricAlarmCommand, PutMetricDataCommand, SetAlarmStateCommand, type PutMetricAlarmCommandInput} from '@aws-sdk/client-cloudwatch';
import {CloudWatchLogsClient, CreateLogGroupCommand, CreateLogStreamCommand, PutLogEventsCommand, PutMetricFilterCommand} from '@aws-sdk/client-cloudwatch-logs';
import {CreateClusterCommand, CreateServiceCommand, ECSClient, RegisterTaskDefinitionCommand, RunTaskCommand, type ContainerDefinition} from '@aws-sdk/client-ecs';
import {CreateDBInstanceCommand, RDSClient} from '@aws-sdk/client-rds';
import {namesFor, type ResourceNames} from '../../source/port/names.js';
import {motoCredentials, motoRegion} from './moto.js';
import {defaultNetwork} from './moto-seed.js';

// A second account, of the same shape as ACSO's but named otherwise in every respect: a cluster
// outside the convention, task definition families unlike their services, one log group per
// service named only in the task definitions (awslogs, and FireLens for one), alarms that name a
// service alone, a metric filter's metric, the cluster, the database, and two that watch other
// things and must not be attributed. The dashboard must find it all from --cluster and --db alone.

export type LedgerService = {name: string; family: string; container: string; logGroup: string; tasks: string[]; streams: string[]};

export type LedgerManifest = {
	cluster: string;
	db: string;
	services: LedgerService[];
	/** Names for the port contract: no naming convention applies, so no service prefix. */
	names: ResourceNames;
	/** Alarms that watch this environment, with the reason the dashboard should give. */
	attributed: Array<{name: string; state: 'OK' | 'ALARM'; why: string}>;
	/** Alarms in ALARM on something else: they must never show. */
	unrelated: string[];
	/** Every seeded log line, for checking what the logs screen shows. */
	lines: Array<{service: string; logGroup: string; stream: string; message: string}>;
};

const cluster = 'ledger-live';
const db = 'ledger-pg';

type ServiceSeed = {name: string; family: string; container: string; logGroup: string; driver: 'awslogs' | 'awsfirelens'};

const serviceSeeds: ServiceSeed[] = [
	{name: 'writer', family: 'ledger-writer-td', container: 'app', logGroup: '/ecs/ledger-live/writer', driver: 'awslogs'},
	{name: 'reconciler', family: 'ledger-reconciler-td', container: 'worker', logGroup: '/ecs/ledger-live/reconciler', driver: 'awslogs'},
	{name: 'settlement-gateway-v2', family: 'ledger-gw', container: 'gateway', logGroup: '/firelens/ledger-live/gateway', driver: 'awsfirelens'},
];

function containers(seed: ServiceSeed): ContainerDefinition[] {
	if (seed.driver === 'awslogs') {
		return [
			{
				name: seed.container,
				image: `123456789012.dkr.ecr.${motoRegion}.amazonaws.com/${seed.family}:1.4.2`,
				essential: true,
				memoryReservation: 256,
				logConfiguration: {logDriver: 'awslogs', options: {'awslogs-group': seed.logGroup, 'awslogs-region': motoRegion, 'awslogs-stream-prefix': 'ecs'}},
			},
		];
	}
	return [
		{name: 'log_router', image: 'public.ecr.aws/aws-observability/aws-for-fluent-bit:stable', essential: true, memoryReservation: 64, firelensConfiguration: {type: 'fluentbit'}},
		{
			name: seed.container,
			image: `123456789012.dkr.ecr.${motoRegion}.amazonaws.com/${seed.family}:2.0.0`,
			essential: true,
			memoryReservation: 256,
			logConfiguration: {logDriver: 'awsfirelens', options: {Name: 'cloudwatch_logs', region: motoRegion, log_group_name: seed.logGroup, log_stream_prefix: 'gw-'}},
		},
	];
}

/** The stream a task's container writes to, as the driver names it. */
function streamName(seed: ServiceSeed, taskId: string): string {
	return seed.driver === 'awslogs' ? `ecs/${seed.container}/${taskId}` : `gw-${seed.container}-firelens-${taskId}`;
}

export async function seedLedgerAccount(endpoint: string, options: {now?: number} = {}): Promise<LedgerManifest> {
	const config = {region: motoRegion, endpoint, credentials: motoCredentials, maxAttempts: 1};
	const ecs = new ECSClient(config);
	const logs = new CloudWatchLogsClient(config);
	const cloudwatch = new CloudWatchClient({...config, disableRequestCompression: true});
	const rds = new RDSClient(config);
	const now = options.now ?? Date.now();
	try {
		await ecs.send(new CreateClusterCommand({clusterName: cluster}));
		const vpc = await defaultNetwork(endpoint, motoRegion);
		const network = {awsvpcConfiguration: {subnets: [vpc.subnet], securityGroups: [vpc.securityGroup], assignPublicIp: 'DISABLED' as const}};
		const services: LedgerService[] = [];
		const lines: LedgerManifest['lines'] = [];
		for (const seed of serviceSeeds) {
			await ecs.send(
				new RegisterTaskDefinitionCommand({family: seed.family, cpu: '256', memory: '512', networkMode: 'awsvpc', requiresCompatibilities: ['FARGATE'], containerDefinitions: containers(seed)}),
			);
			await ecs.send(new CreateServiceCommand({cluster, serviceName: seed.name, taskDefinition: `${seed.family}:1`, desiredCount: 2, launchType: 'FARGATE', networkConfiguration: network}));
			const started = await ecs.send(
				new RunTaskCommand({cluster, taskDefinition: `${seed.family}:1`, count: 2, group: `service:${seed.name}`, launchType: 'FARGATE', networkConfiguration: network}),
			);
			const tasks = (started.tasks ?? []).map(task => (task.taskArn ?? '').split('/').pop() ?? '');
			const streams = tasks.map(task => streamName(seed, task));
			await logs.send(new CreateLogGroupCommand({logGroupName: seed.logGroup}));
			for (const [index, stream] of streams.entries()) {
				await logs.send(new CreateLogStreamCommand({logGroupName: seed.logGroup, logStreamName: stream}));
				const stamps = [0, 1, 2].map(i => now - 120_000 + index * 1000 + i * 10_000);
				const messages = [`INFO [${seed.name}] task ${index} started`, `ERROR [${seed.name}] ${seed.name}-failure-${index} could not post batch`, `INFO [${seed.name}] batch done`].map(
					(text, i) => `${new Date(stamps[i]!).toISOString()} ${text}`,
				);
				await logs.send(new PutLogEventsCommand({logGroupName: seed.logGroup, logStreamName: stream, logEvents: messages.map((message, i) => ({timestamp: stamps[i]!, message}))}));
				for (const message of messages) lines.push({service: seed.name, logGroup: seed.logGroup, stream, message});
			}
			services.push({name: seed.name, family: seed.family, container: seed.container, logGroup: seed.logGroup, tasks, streams});
		}
		// Twenty minutes of CPU and memory per service, as ECS publishes them.
		const minute = Math.floor(now / 60_000) * 60_000;
		for (const [index, service] of services.entries()) {
			const data = Array.from({length: 20}, (_, m) => m).flatMap(m =>
				(['CPUUtilization', 'MemoryUtilization'] as const).map(metric => ({
					MetricName: metric,
					Dimensions: [
						{Name: 'ClusterName', Value: cluster},
						{Name: 'ServiceName', Value: service.name},
					],
					Timestamp: new Date(minute - (20 - m) * 60_000),
					Value: 20 + index * 10 + (m % 5),
					Unit: 'Percent' as const,
				})),
			);
			await cloudwatch.send(new PutMetricDataCommand({Namespace: 'AWS/ECS', MetricData: data}));
		}
		await logs.send(
			new PutMetricFilterCommand({
				logGroupName: '/ecs/ledger-live/reconciler',
				filterName: 'reconciler-errors',
				filterPattern: 'ERROR',
				metricTransformations: [{metricName: 'ReconcilerErrors', metricNamespace: 'Ledger', metricValue: '1', defaultValue: 0}],
			}),
		);

		const alarm = (name: string, input: Partial<PutMetricAlarmCommandInput>): PutMetricAlarmCommandInput => ({
			AlarmName: name,
			Statistic: 'Sum',
			Period: 60,
			EvaluationPeriods: 1,
			Threshold: 1,
			ComparisonOperator: 'GreaterThanThreshold',
			...input,
		});
		const alarms: Array<{input: PutMetricAlarmCommandInput; state: 'OK' | 'ALARM'}> = [
			{input: alarm('writer-latency-p99', {Namespace: 'Ledger/App', MetricName: 'Latency', Dimensions: [{Name: 'ServiceName', Value: 'writer'}]}), state: 'ALARM'},
			{input: alarm('reconciler-error-burst', {Namespace: 'Ledger', MetricName: 'ReconcilerErrors'}), state: 'ALARM'},
			{input: alarm('ledger-cluster-cpu', {Namespace: 'AWS/ECS', MetricName: 'CPUUtilization', Statistic: 'Average', Threshold: 80, Dimensions: [{Name: 'ClusterName', Value: cluster}]}), state: 'OK'},
			{input: alarm('ledger-pg-connections', {Namespace: 'AWS/RDS', MetricName: 'DatabaseConnections', Statistic: 'Average', Threshold: 90, Dimensions: [{Name: 'DBInstanceIdentifier', Value: db}]}), state: 'OK'},
			{input: alarm('billing-estimate', {Namespace: 'AWS/Billing', MetricName: 'EstimatedCharges', Statistic: 'Maximum', Threshold: 100, Dimensions: [{Name: 'Currency', Value: 'USD'}]}), state: 'ALARM'},
			{
				input: alarm('payments-writer-cpu', {Namespace: 'AWS/ECS', MetricName: 'CPUUtilization', Statistic: 'Average', Threshold: 80, Dimensions: [{Name: 'ClusterName', Value: 'payments'}, {Name: 'ServiceName', Value: 'writer'}]}),
				state: 'ALARM',
			},
		];
		for (const {input, state} of alarms) {
			await cloudwatch.send(new PutMetricAlarmCommand(input));
			await cloudwatch.send(new SetAlarmStateCommand({AlarmName: input.AlarmName, StateValue: state, StateReason: `seeded ${state}`}));
		}
		await rds.send(
			new CreateDBInstanceCommand({DBInstanceIdentifier: db, DBInstanceClass: 'db.r6g.large', Engine: 'postgres', AllocatedStorage: 50, MasterUsername: 'ledger', MasterUserPassword: 'not-a-real-secret-2'}),
		);
		return {
			cluster,
			db,
			services,
			names: namesFor('live', {cluster, db, servicePrefix: '', logGroups: serviceSeeds.map(s => s.logGroup)}),
			attributed: [
				{name: 'writer-latency-p99', state: 'ALARM', why: 'ServiceName=writer'},
				{name: 'reconciler-error-burst', state: 'ALARM', why: 'metric filter reconciler-errors on /ecs/ledger-live/reconciler'},
				{name: 'ledger-cluster-cpu', state: 'OK', why: `ClusterName=${cluster}`},
				{name: 'ledger-pg-connections', state: 'OK', why: `DBInstanceIdentifier=${db}`},
			],
			unrelated: ['billing-estimate', 'payments-writer-cpu'],
			lines,
		};
	} finally {
		for (const client of [ecs, logs, cloudwatch, rds]) client.destroy();
	}
}
