// Small in-memory readers for planning fixes, and a fixture account shaped like ACSO production.
import {CloudError} from '../../source/port/errors.js';
import type {
	Alarm,
	DbInstance,
	LogGroup,
	MetricFilter,
	ParameterVersion,
	Service,
	Task,
	TaskDefinition,
} from '../../source/port/types.js';
import type {CloudReaders} from '../../source/fixes/types.js';
import type {Role} from '../../source/port/roles.js';
import type {SecurityGroup} from '../../source/port/security-groups.js';

export type FakeAccount = {
	kind?: 'aws' | 'sim';
	services: Service[];
	taskDefinitions: TaskDefinition[];
	tasks: Task[];
	logGroups: LogGroup[];
	metricFilters: MetricFilter[];
	alarms: Alarm[];
	databases: DbInstance[];
	/** Parameter Store: one history (oldest first) per parameter; the last version is its current state. */
	parameterHistories?: ParameterVersion[][];
	/** IAM roles; none when absent. */
	roles?: Role[];
	securityGroups?: SecurityGroup[];
};

export function fakeReaders(account: FakeAccount): CloudReaders {
	const notFound = (what: string) => new CloudError('not-found', `${what} not found`, {resource: what});
	return {
		...(account.kind === undefined ? {} : {kind: account.kind}),
		services: {
			listServices: async cluster => account.services.filter(s => s.cluster === cluster).map(s => s.name),
			describeServices: async (cluster, names) => account.services.filter(s => s.cluster === cluster && names.includes(s.name)),
			listTasks: async cluster => account.tasks.filter(t => t.cluster === cluster).map(t => t.id),
			describeTasks: async (cluster, ids) => account.tasks.filter(t => t.cluster === cluster && ids.includes(t.id)),
			describeTaskDefinition: async ref => {
				const [family, revision] = ref.split(':');
				const candidates = account.taskDefinitions
					.filter(td => td.family === family && (revision === undefined ? td.status === 'ACTIVE' : td.revision === Number(revision)))
					.sort((a, b) => b.revision - a.revision);
				const found = candidates[0];
				if (!found) throw notFound(`task definition ${ref}`);
				return structuredClone(found);
			},
		},
		logs: {
			filterLogEvents: async () => ({events: []}),
			describeLogGroups: async prefix => account.logGroups.filter(g => prefix === undefined || g.name.startsWith(prefix)),
			describeMetricFilters: async logGroup => account.metricFilters.filter(f => f.logGroup === logGroup),
		},
		alarms: {
			describeAlarms: async filter =>
				account.alarms.filter(a => (filter?.names ? filter.names.includes(a.name) : true) && (filter?.prefix ? a.name.startsWith(filter.prefix) : true)),
			describeAlarmHistory: async () => [],
		},
		databases: {
			describeDbInstances: async id => {
				const found = account.databases.filter(db => id === undefined || db.id === id);
				if (id !== undefined && found.length === 0) throw notFound(`DB instance ${id}`);
				return found;
			},
		},
		parameters: {
			getParametersByPath: async (path, recursive) => {
				const prefix = path.endsWith('/') ? path : `${path}/`;
				return (account.parameterHistories ?? [])
					.map(history => history.at(-1)!)
					.filter(last => last.name.startsWith(prefix) && (recursive || !last.name.slice(prefix.length).includes('/')))
					.map(last => ({
						name: last.name,
						type: last.type,
						...(last.value === undefined ? {} : {value: last.value}),
						version: last.version,
						...(last.modifiedAt === undefined ? {} : {lastModifiedAt: last.modifiedAt}),
						...(last.modifiedBy === undefined ? {} : {lastModifiedBy: last.modifiedBy}),
					}));
			},
			getParameterHistory: async name => {
				const history = (account.parameterHistories ?? []).find(candidate => candidate[0]?.name === name);
				if (!history) throw notFound(`parameter ${name}`);
				return structuredClone(history);
			},
		},
		roles: {
			getRole: async name => structuredClone(account.roles?.find(role => role.name === name)),
		},
		...(account.securityGroups === undefined
			? {}
			: {network: {describeSecurityGroups: async (filters = []) => structuredClone((account.securityGroups ?? []).filter(g => filters.every(f => f.name !== 'group-id' || f.values.includes(g.id)))) }}),
	} satisfies CloudReaders;
}

export const cluster = 'acso-production-cluster';
export const serviceName = 'acso-production-supervisor';
export const logGroupName = '/aws/acso/production/agents';
export const databaseId = 'acso-production-db';
export const serviceGroup = 'sg-0aaaaaaaaaaaaaaaa';
export const callerGroup = 'sg-0bbbbbbbbbbbbbbbb';

function taskDefinition(revision: number, status: string, image: string): TaskDefinition {
	return {
		family: serviceName,
		revision,
		arn: `arn:aws:ecs:us-east-1:123456789012:task-definition/${serviceName}:${revision}`,
		status,
		cpu: '1024',
		memory: '2048',
		networkMode: 'awsvpc',
		requiresCompatibilities: ['FARGATE'],
		executionRoleArn: 'arn:aws:iam::123456789012:role/acso-production-execution',
		taskRoleArn: 'arn:aws:iam::123456789012:role/acso-production-task',
		containers: [
			{
				name: 'supervisor-agent',
				image,
				essential: true,
				memoryReservation: 1024,
				extra: {
					portMappings: [{containerPort: 8000, protocol: 'tcp'}],
					environment: [{name: 'ENVIRONMENT', value: 'production'}],
					logConfiguration: {logDriver: 'awslogs', options: {'awslogs-group': logGroupName}},
				},
			},
		],
		extra: {runtimePlatform: {cpuArchitecture: 'ARM64', operatingSystemFamily: 'LINUX'}},
	};
}

export const automation = 'arn:aws:sts::123456789012:assumed-role/acso-production-deploy/pipeline-1';
export const engineer = 'arn:aws:sts::123456789012:assumed-role/AWSReservedSSO_Admin_0a1b/dana.kim';
export const driftedParameter = '/acso/production/supervisor/max-concurrent-workflows';

/** Five settings the pipeline wrote; one cut by hand since, and a SecureString changed by hand. */
function parameterHistories(at: number): ParameterVersion[][] {
	const day = 86_400_000;
	const v = (name: string, version: number, value: string | undefined, by: string, daysAgo: number, type: ParameterVersion['type'] = 'String'): ParameterVersion => ({
		name,
		type,
		...(value === undefined ? {} : {value}),
		version,
		modifiedAt: at - daysAgo * day,
		modifiedBy: by,
		labels: [],
	});
	return [
		[v(driftedParameter, 1, '32', automation, 20), v(driftedParameter, 2, '40', automation, 9), v(driftedParameter, 3, '4', engineer, 0.1)],
		[v('/acso/production/supervisor/workflow-timeout-seconds', 1, '300', automation, 9)],
		[v('/acso/production/agents/bedrock-model-id', 1, 'anthropic.claude-3-5-sonnet-20240620-v1:0', automation, 9)],
		[v('/acso/production/agents/log-level', 1, 'DEBUG', automation, 20), v('/acso/production/agents/log-level', 2, 'INFO', automation, 9)],
		[v('/acso/production/database/url', 1, undefined, automation, 9, 'SecureString'), v('/acso/production/database/url', 2, undefined, engineer, 1, 'SecureString')],
	];
}

export function productionAccount(): FakeAccount {
	const at = Date.UTC(2026, 10, 28, 12, 0, 0);
	return {
		services: [
			{
				name: serviceName,
				arn: `arn:aws:ecs:us-east-1:123456789012:service/${cluster}/${serviceName}`,
				cluster,
				status: 'ACTIVE',
				desiredCount: 2,
				runningCount: 2,
				pendingCount: 0,
				taskDefinition: `${serviceName}:7`,
				launchType: 'FARGATE',
				network: {subnets: ['subnet-0fixture1'], securityGroups: [serviceGroup], assignPublicIp: 'DISABLED'},
				deployments: [
					{id: 'ecs-svc/111', status: 'PRIMARY', rolloutState: 'COMPLETED', taskDefinition: `${serviceName}:7`, desiredCount: 2, runningCount: 2, pendingCount: 0, failedTasks: 0, createdAt: at - 86_400_000, updatedAt: at - 86_000_000},
				],
				events: [],
			},
		],
		taskDefinitions: [
			taskDefinition(5, 'ACTIVE', '123456789012.dkr.ecr.us-east-1.amazonaws.com/acso/supervisor:1.4.0'),
			taskDefinition(6, 'INACTIVE', '123456789012.dkr.ecr.us-east-1.amazonaws.com/acso/supervisor:1.5.0'),
			taskDefinition(7, 'ACTIVE', '123456789012.dkr.ecr.us-east-1.amazonaws.com/acso/supervisor:1.5.1'),
		],
		tasks: [
			{id: 'a1b2c3', arn: `arn:aws:ecs:us-east-1:123456789012:task/${cluster}/a1b2c3`, cluster, service: serviceName, taskDefinition: `${serviceName}:7`, lastStatus: 'RUNNING', desiredStatus: 'RUNNING', containers: []},
			{id: 'dead01', arn: `arn:aws:ecs:us-east-1:123456789012:task/${cluster}/dead01`, cluster, service: serviceName, taskDefinition: `${serviceName}:7`, lastStatus: 'STOPPED', desiredStatus: 'STOPPED', stoppedReason: 'OutOfMemoryError: Container killed due to memory usage', containers: []},
			{id: 'lone01', arn: `arn:aws:ecs:us-east-1:123456789012:task/${cluster}/lone01`, cluster, taskDefinition: `${serviceName}:7`, lastStatus: 'RUNNING', desiredStatus: 'RUNNING', containers: []},
		],
		logGroups: [
			{name: logGroupName, arn: `arn:aws:logs:us-east-1:123456789012:log-group:${logGroupName}`, retentionInDays: 30},
			{name: '/aws/acso/production/agents-archive', arn: 'arn:aws:logs:us-east-1:123456789012:log-group:/aws/acso/production/agents-archive'},
		],
		metricFilters: [
			{name: 'ErrorCount', logGroup: logGroupName, pattern: 'ERROR', transformations: [{metricName: 'ErrorCount', metricNamespace: 'ACSO/Errors', metricValue: '1'}]},
		],
		alarms: [
			{
				kind: 'metric',
				name: 'ACSO-HighCPU',
				arn: 'arn:aws:cloudwatch:us-east-1:123456789012:alarm:ACSO-HighCPU',
				description: 'High CPU utilization',
				state: 'OK',
				stateReason: 'Threshold Crossed',
				stateUpdatedAt: at,
				actionsEnabled: true,
				namespace: 'AWS/ECS',
				metricName: 'CPUUtilization',
				dimensions: {ClusterName: cluster, ServiceName: serviceName},
				statistic: 'Average',
				periodSeconds: 300,
				evaluationPeriods: 3,
				threshold: 80,
				comparisonOperator: 'GreaterThanThreshold',
				extra: {AlarmActions: ['arn:aws:sns:us-east-1:123456789012:acso-oncall'], OKActions: ['arn:aws:sns:us-east-1:123456789012:acso-oncall'], DatapointsToAlarm: 2, TreatMissingData: 'missing'},
			},
			{
				kind: 'metric',
				name: 'ACSO-HighMemory',
				arn: 'arn:aws:cloudwatch:us-east-1:123456789012:alarm:ACSO-HighMemory',
				state: 'ALARM',
				stateReason: 'Threshold Crossed',
				stateUpdatedAt: at,
				namespace: 'AWS/ECS',
				metricName: 'MemoryUtilization',
				dimensions: {ClusterName: cluster, ServiceName: serviceName},
				statistic: 'Average',
				periodSeconds: 60,
				evaluationPeriods: 5,
				threshold: 85,
				comparisonOperator: 'GreaterThanThreshold',
			},
			{
				kind: 'metric',
				name: 'ACSO-Maintenance',
				arn: 'arn:aws:cloudwatch:us-east-1:123456789012:alarm:ACSO-Maintenance',
				state: 'OK',
				stateReason: 'manual',
				stateUpdatedAt: at,
				namespace: 'ACSO/Ops',
				metricName: 'Maintenance',
				dimensions: {},
				statistic: 'Maximum',
				periodSeconds: 60,
				evaluationPeriods: 1,
				threshold: 1,
				comparisonOperator: 'GreaterThanOrEqualToThreshold',
			},
			{
				kind: 'composite',
				name: 'ACSO-Resources',
				arn: 'arn:aws:cloudwatch:us-east-1:123456789012:alarm:ACSO-Resources',
				state: 'ALARM',
				stateReason: 'rule true',
				stateUpdatedAt: at,
				alarmRule: "ALARM('ACSO-HighCPU') OR ALARM('ACSO-HighMemory')",
				extra: {AlarmActions: ['arn:aws:sns:us-east-1:123456789012:acso-oncall']},
			},
		],
		parameterHistories: parameterHistories(at),
		databases: [
			{id: databaseId, arn: `arn:aws:rds:us-east-1:123456789012:db:${databaseId}`, status: 'available', instanceClass: 'db.t3.medium', engine: 'postgres', multiAz: true},
		],
		securityGroups: [
			{id: serviceGroup, name: `${serviceName}-sg`, description: 'supervisor tasks', vpcId: 'vpc-0123456789abcdef0', ingress: [], tags: {}},
			{id: callerGroup, name: 'acso-production-caller-sg', description: 'callers', vpcId: 'vpc-0123456789abcdef0', ingress: [], tags: {}},
		],
	};
}
