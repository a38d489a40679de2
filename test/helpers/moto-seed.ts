import {CloudWatchClient, PutMetricAlarmCommand, PutMetricDataCommand, SetAlarmStateCommand, type MetricDatum} from '@aws-sdk/client-cloudwatch';
import {
	CreateLogGroupCommand,
	CloudWatchLogsClient,
	CreateLogStreamCommand,
	PutLogEventsCommand,
	PutMetricFilterCommand,
	PutRetentionPolicyCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import {CreateClusterCommand, CreateServiceCommand, ECSClient, RegisterTaskDefinitionCommand, RunTaskCommand} from '@aws-sdk/client-ecs';
import {CreateDBInstanceCommand, RDSClient} from '@aws-sdk/client-rds';
import {namesFor, type ResourceNames} from '../../source/port/names.js';
import {motoCredentials, motoRegion, motoRunningTasks} from './moto.js';

// A realistic ACSO environment on moto_server, created through the SDK itself and named like the
// simulated account: cluster acso-{env}-cluster, services acso-{env}-<agent>, log group
// /aws/acso/{env}/agents, database acso-{env}-db, alarms ACSO-HighCPU / ACSO-HighMemory.
// Everything is deterministic and returned in a manifest, so tests assert exact counts.

export const acsoAgents = ['supervisor', 'threat-hunter', 'incident-response', 'service-orchestration', 'financial-intelligence'] as const;

export const logLevels = ['INFO', 'WARN', 'ERROR', 'FATAL'] as const;
export type LogLevel = (typeof logLevels)[number];

export type SeedOptions = {
	env: string;
	/** A count (the five ACSO agents first, then worker-06 ...) or the agents' short names. Default: the five agents. */
	services?: number | string[];
	region?: string;
	/** Task definition revisions per service; the service runs the newest. Default 3. */
	revisions?: number;
	/** Desired count of every service. Default 2 (moto starts motoRunningTasks of them). */
	desiredCount?: number;
	/** Log lines per service and level. Default INFO 12, WARN 4, ERROR 3, FATAL 1. */
	logLines?: Partial<Record<LogLevel, number>>;
	/** Minutes of one-minute metric history per series. Default 30. */
	metricMinutes?: number;
	/** Start tasks for the services (Fargate, moto's default VPC). Default true. */
	tasks?: boolean;
	now?: number;
};

export type SeededService = {
	name: string;
	shortName: string;
	family: string;
	/** family:revision the service runs (the newest). */
	taskDefinition: string;
	revisions: number;
	image: string;
	desiredCount: number;
	runningCount: number;
	/** Ids of the tasks started for it. */
	tasks: string[];
	logStream: string;
	cpu: number[];
	memory: number[];
};

export type SeededAlarm = {name: string; metricName: string; threshold: number; state: 'OK' | 'ALARM'; actions: string[]};

export type SeedManifest = {
	env: string;
	region: string;
	endpoint: string;
	names: ResourceNames;
	cluster: string;
	services: SeededService[];
	logGroup: string;
	retentionInDays: number;
	/** Lines per level across all services. */
	logCounts: Record<LogLevel, number>;
	logEvents: number;
	logStart: number;
	logEnd: number;
	metricFilter: string;
	metricPeriodSeconds: number;
	/** Timestamps of every series' points, ascending (whole minutes). */
	metricTimes: number[];
	db: {id: string; instanceClass: string; engine: string; cpu: number[]; connections: number[]; freeableMemory: number[]};
	alarms: SeededAlarm[];
};

const defaultLogLines: Record<LogLevel, number> = {INFO: 12, WARN: 4, ERROR: 3, FATAL: 1};

export function serviceShortNames(services: SeedOptions['services']): string[] {
	if (Array.isArray(services)) {
		if (services.length === 0) throw new Error('seedEnvironment: services must name at least one service');
		return services;
	}
	const count = services ?? acsoAgents.length;
	if (!Number.isInteger(count) || count < 1) throw new Error(`seedEnvironment: services must be a positive count, got ${count}`);
	return Array.from({length: count}, (_, index) => acsoAgents[index] ?? `worker-${String(index + 1).padStart(2, '0')}`);
}

/** Each level's own words only: "ERROR" appears in no INFO, WARN or FATAL line, and so on. */
export function logMessage(level: LogLevel, service: string, n: number): string {
	switch (level) {
		case 'INFO':
			return `INFO [${service}] processed batch ${n} in ${100 + n * 7}ms`;
		case 'WARN':
			return `WARN [${service}] slow answer from bedrock-runtime after ${2000 + n * 50}ms`;
		case 'ERROR':
			return `ERROR [${service}] request ${n} to bedrock-runtime failed: ThrottlingException`;
		case 'FATAL':
			return `FATAL [${service}] agent loop crashed on task ${n}, container exiting`;
	}
}

/** The levels of one service's lines, spread out (not all INFO first) in a fixed order. */
export function levelSequence(lines: Record<LogLevel, number>): LogLevel[] {
	const left = {...lines};
	const sequence: LogLevel[] = [];
	while (logLevels.some(level => left[level] > 0)) {
		for (const level of logLevels) {
			if (left[level] > 0) {
				sequence.push(level);
				left[level]--;
			}
		}
	}
	return sequence;
}

export const cpuValue = (serviceIndex: number, minute: number) => 20 + ((serviceIndex * 7 + minute * 3) % 50);
export const memoryValue = (serviceIndex: number, minute: number) => 40 + ((serviceIndex * 5 + minute * 2) % 40);

/** moto's default VPC (subnet, default security group); the EC2 SDK is not installed, so ask in EC2's query protocol. */
export async function defaultNetwork(endpoint: string, region: string): Promise<{subnet: string; securityGroup: string}> {
	const ask = async (query: string, tag: string) => {
		const response = await fetch(`${endpoint}/`, {
			method: 'POST',
			headers: {
				'content-type': 'application/x-www-form-urlencoded',
				authorization: `AWS4-HMAC-SHA256 Credential=test/20240101/${region}/ec2/aws4_request, SignedHeaders=host, Signature=0`,
			},
			body: `${query}&Version=2016-11-15`,
		});
		const value = new RegExp(`<${tag}>([^<]+)</${tag}>`).exec(await response.text())?.[1];
		if (!value) throw new Error(`seedEnvironment: moto reported no ${tag} for ${query} (HTTP ${response.status})`);
		return value;
	};
	return {
		subnet: await ask('Action=DescribeSubnets', 'subnetId'),
		securityGroup: await ask('Action=DescribeSecurityGroups&Filter.1.Name=group-name&Filter.1.Value.1=default', 'groupId'),
	};
}

function chunks<T>(items: T[], size: number): T[][] {
	return Array.from({length: Math.ceil(items.length / size)}, (_, index) => items.slice(index * size, (index + 1) * size));
}

export async function seedEnvironment(endpoint: string, options: SeedOptions): Promise<SeedManifest> {
	if (!/^[a-z0-9-]+$/.test(options.env)) throw new Error(`seedEnvironment: env "${options.env}" must be lowercase letters, digits and hyphens`);
	const region = options.region ?? motoRegion;
	const config = {region, endpoint, credentials: motoCredentials, maxAttempts: 1, disableHostPrefix: true};
	const ecs = new ECSClient(config);
	const logs = new CloudWatchLogsClient(config);
	// The SDK gzips PutMetricData bodies over 10 KB, and moto 5.2.1 answers those with HTTP 500.
	const cloudwatch = new CloudWatchClient({...config, disableRequestCompression: true});
	const rds = new RDSClient(config);
	try {
		return await seed(endpoint, region, options, {ecs, logs, cloudwatch, rds});
	} finally {
		for (const client of [ecs, logs, cloudwatch, rds]) client.destroy();
	}
}

type SeedClients = {ecs: ECSClient; logs: CloudWatchLogsClient; cloudwatch: CloudWatchClient; rds: RDSClient};

async function seed(endpoint: string, region: string, options: SeedOptions, {ecs, logs, cloudwatch, rds}: SeedClients): Promise<SeedManifest> {
	const names = namesFor(options.env);
	const now = options.now ?? Date.now();
	const revisions = options.revisions ?? 3;
	const desiredCount = options.desiredCount ?? 2;
	const lines: Record<LogLevel, number> = {...defaultLogLines, ...options.logLines};
	const minutes = options.metricMinutes ?? 30;
	const withTasks = options.tasks ?? true;
	const shortNames = serviceShortNames(options.services);

	await ecs.send(new CreateClusterCommand({clusterName: names.cluster}));
	const vpc = withTasks ? await defaultNetwork(endpoint, region) : undefined;
	const network = vpc ? {awsvpcConfiguration: {subnets: [vpc.subnet], securityGroups: [vpc.securityGroup], assignPublicIp: 'DISABLED' as const}} : undefined;

	const services: SeededService[] = [];
	// One service after another, so moto assigns ids and timestamps in the manifest's order.
	for (const [index, shortName] of shortNames.entries()) {
		const name = `${names.servicePrefix}${shortName}`;
		const family = name;
		let image = '';
		for (let revision = 1; revision <= revisions; revision++) {
			image = `123456789012.dkr.ecr.${region}.amazonaws.com/acso-${shortName}:v2.${revision - 1}.0`;
			await ecs.send(
				new RegisterTaskDefinitionCommand({
					family,
					cpu: '512',
					memory: '1024',
					networkMode: 'awsvpc',
					requiresCompatibilities: ['FARGATE'],
					executionRoleArn: `arn:aws:iam::123456789012:role/acso-${options.env}-execution-role`,
					taskRoleArn: `arn:aws:iam::123456789012:role/acso-${options.env}-task-role`,
					containerDefinitions: [
						{
							name: `${shortName}-agent`,
							image,
							essential: true,
							memoryReservation: 512,
							environment: [
								{name: 'ACSO_ENV', value: options.env},
								{name: 'AGENT', value: shortName},
							],
							logConfiguration: {
								logDriver: 'awslogs',
								options: {'awslogs-group': names.logGroups[0] ?? '', 'awslogs-region': region, 'awslogs-stream-prefix': 'acso'},
							},
						},
					],
				}),
			);
		}
		const created = await ecs.send(
			new CreateServiceCommand({
				cluster: names.cluster,
				serviceName: name,
				taskDefinition: `${family}:${revisions}`,
				desiredCount,
				launchType: network ? 'FARGATE' : undefined,
				networkConfiguration: network,
			}),
		);
		const runningCount = Math.min(desiredCount, motoRunningTasks);
		let tasks: string[] = [];
		if (network && runningCount > 0) {
			const started = await ecs.send(
				new RunTaskCommand({
					cluster: names.cluster,
					taskDefinition: `${family}:${revisions}`,
					count: runningCount,
					group: `service:${name}`,
					startedBy: created.service?.deployments?.[0]?.id ?? 'acso-seed',
					launchType: 'FARGATE',
					networkConfiguration: network,
				}),
			);
			tasks = (started.tasks ?? []).map(task => (task.taskArn ?? '').split('/').pop() ?? '');
		}
		services.push({
			name,
			shortName,
			family,
			taskDefinition: `${family}:${revisions}`,
			revisions,
			image,
			desiredCount,
			runningCount,
			tasks,
			logStream: `acso/${shortName}-agent/${tasks[0] ?? `seed${index}`}`,
			cpu: Array.from({length: minutes}, (_, minute) => cpuValue(index, minute)),
			memory: Array.from({length: minutes}, (_, minute) => memoryValue(index, minute)),
		});
	}

	// Logs: every service's lines in its own stream, spread over the last half hour.
	const logGroup = names.logGroups[0] ?? '';
	const retentionInDays = 30;
	await logs.send(new CreateLogGroupCommand({logGroupName: logGroup}));
	await logs.send(new PutRetentionPolicyCommand({logGroupName: logGroup, retentionInDays}));
	const sequence = levelSequence(lines);
	const logEnd = now - 60_000;
	const logStart = logEnd - 30 * 60_000;
	const step = sequence.length > 1 ? Math.floor((logEnd - logStart) / (sequence.length - 1)) : 0;
	for (const service of services) {
		await logs.send(new CreateLogStreamCommand({logGroupName: logGroup, logStreamName: service.logStream}));
		const events = sequence.map((level, n) => {
			const timestamp = logStart + n * step;
			return {timestamp, message: `${new Date(timestamp).toISOString()} ${logMessage(level, service.shortName, n)}`};
		});
		await logs.send(new PutLogEventsCommand({logGroupName: logGroup, logStreamName: service.logStream, logEvents: events}));
	}
	const metricFilter = `acso-${options.env}-errors`;
	await logs.send(
		new PutMetricFilterCommand({
			logGroupName: logGroup,
			filterName: metricFilter,
			filterPattern: '?ERROR ?FATAL',
			metricTransformations: [{metricName: 'AgentErrors', metricNamespace: `ACSO/${options.env}`, metricValue: '1', defaultValue: 0}],
		}),
	);

	// Metrics: whole minutes, so a 60 s period returns exactly these points.
	const lastMinute = Math.floor(now / 60_000) * 60_000 - 60_000;
	const metricTimes = Array.from({length: minutes}, (_, minute) => lastMinute - (minutes - 1 - minute) * 60_000);
	const ecsData: MetricDatum[] = services.flatMap(service =>
		metricTimes.flatMap((time, minute) => [
			{
				MetricName: 'CPUUtilization',
				Dimensions: [
					{Name: 'ClusterName', Value: names.cluster},
					{Name: 'ServiceName', Value: service.name},
				],
				Timestamp: new Date(time),
				Value: service.cpu[minute],
				Unit: 'Percent' as const,
			},
			{
				MetricName: 'MemoryUtilization',
				Dimensions: [
					{Name: 'ClusterName', Value: names.cluster},
					{Name: 'ServiceName', Value: service.name},
				],
				Timestamp: new Date(time),
				Value: service.memory[minute],
				Unit: 'Percent' as const,
			},
		]),
	);
	for (const batch of chunks(ecsData, 1000)) {
		await cloudwatch.send(new PutMetricDataCommand({Namespace: 'AWS/ECS', MetricData: batch}));
	}
	const db = {
		id: names.db,
		instanceClass: 'db.t3.medium',
		engine: 'postgres',
		cpu: metricTimes.map((_, minute) => 15 + ((minute * 11) % 30)),
		connections: metricTimes.map((_, minute) => 40 + ((minute * 13) % 60)),
		freeableMemory: metricTimes.map((_, minute) => 2_000_000_000 - minute * 10_000_000),
	};
	const databaseDimensions = [{Name: 'DBInstanceIdentifier', Value: db.id}];
	const rdsData: MetricDatum[] = metricTimes.flatMap((time, minute) => [
		{MetricName: 'CPUUtilization', Dimensions: databaseDimensions, Timestamp: new Date(time), Value: db.cpu[minute], Unit: 'Percent' as const},
		{MetricName: 'DatabaseConnections', Dimensions: databaseDimensions, Timestamp: new Date(time), Value: db.connections[minute], Unit: 'Count' as const},
		{MetricName: 'FreeableMemory', Dimensions: databaseDimensions, Timestamp: new Date(time), Value: db.freeableMemory[minute], Unit: 'Bytes' as const},
	]);
	await cloudwatch.send(new PutMetricDataCommand({Namespace: 'AWS/RDS', MetricData: rdsData}));

	// Alarms: account-wide names as in the guide, watching this environment's cluster.
	const onCall = `arn:aws:sns:${region}:123456789012:acso-${options.env}-oncall`;
	const alarms: SeededAlarm[] = [
		{name: 'ACSO-HighCPU', metricName: 'CPUUtilization', threshold: 80, state: 'ALARM', actions: [onCall]},
		{name: 'ACSO-HighMemory', metricName: 'MemoryUtilization', threshold: 85, state: 'OK', actions: [onCall]},
	];
	for (const alarm of alarms) {
		await cloudwatch.send(
			new PutMetricAlarmCommand({
				AlarmName: alarm.name,
				AlarmDescription: `High ${alarm.metricName} on ${names.cluster}`,
				Namespace: 'AWS/ECS',
				MetricName: alarm.metricName,
				Dimensions: [{Name: 'ClusterName', Value: names.cluster}],
				Statistic: 'Average',
				Period: 300,
				EvaluationPeriods: 3,
				Threshold: alarm.threshold,
				ComparisonOperator: 'GreaterThanThreshold',
				AlarmActions: alarm.actions,
				TreatMissingData: 'notBreaching',
			}),
		);
		await cloudwatch.send(new SetAlarmStateCommand({AlarmName: alarm.name, StateValue: alarm.state, StateReason: `seeded ${alarm.state}`}));
	}

	await rds.send(
		new CreateDBInstanceCommand({
			DBInstanceIdentifier: db.id,
			DBInstanceClass: db.instanceClass,
			Engine: db.engine,
			EngineVersion: '15.4',
			AllocatedStorage: 100,
			StorageType: 'gp3',
			MasterUsername: 'acso',
			MasterUserPassword: 'not-a-real-secret-1',
			MultiAZ: false,
		}),
	);

	const logCounts = Object.fromEntries(logLevels.map(level => [level, lines[level] * services.length])) as Record<LogLevel, number>;
	return {
		env: options.env,
		region,
		endpoint,
		names,
		cluster: names.cluster,
		services,
		logGroup,
		retentionInDays,
		logCounts,
		logEvents: sequence.length * services.length,
		logStart,
		logEnd: logStart + (sequence.length - 1) * step,
		metricFilter,
		metricPeriodSeconds: 60,
		metricTimes,
		db,
		alarms,
	};
}
