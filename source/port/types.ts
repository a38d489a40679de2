import type {RoleOperator, RoleReader} from './roles.js';
import type {ServiceDeployment, StopServiceDeploymentType} from './service-deployments.js';
import type {SecurityGroup, SecurityGroupFilter, SecurityGroupIngress} from './security-groups.js';

// The port: plain data the app reads and the operations it can ask for. source/aws implements it
// with the AWS SDK, source/sim with the simulated ACSO account. No SDK type appears here.
// Times are epoch milliseconds (numbers), so values compare, serialise and test simply.

export type RolloutState = 'COMPLETED' | 'IN_PROGRESS' | 'FAILED' | 'UNKNOWN';

export type Cluster = {
	name: string;
	arn: string;
	status: string; // ACTIVE | PROVISIONING | DEPROVISIONING | FAILED | INACTIVE
	activeServicesCount: number;
	runningTasksCount: number;
	pendingTasksCount: number;
};

export type Deployment = {
	id: string;
	status: string; // PRIMARY | ACTIVE | INACTIVE
	rolloutState: RolloutState;
	rolloutStateReason?: string;
	taskDefinition: string; // family:revision
	desiredCount: number;
	runningCount: number;
	pendingCount: number;
	failedTasks: number;
	createdAt: number;
	updatedAt: number;
};

export type ServiceEvent = {
	id: string;
	createdAt: number;
	message: string;
};

export type Service = {
	name: string;
	arn: string;
	cluster: string;
	status: string; // ACTIVE | DRAINING | INACTIVE
	desiredCount: number;
	runningCount: number;
	pendingCount: number;
	taskDefinition: string; // family:revision of the primary deployment
	deployments: Deployment[];
	events: ServiceEvent[]; // newest first, as ECS returns them
	launchType?: string;
	createdAt?: number;
	/** deploymentConfiguration.deploymentCircuitBreaker, when the service reports it. */
	circuitBreaker?: {enable: boolean; rollback: boolean};
	/** deploymentConfiguration.alarms: the alarms that judge a deployment, when the service names any. */
	deploymentAlarms?: {alarmNames: string[]; enable: boolean; rollback: boolean};
	/** networkConfiguration.awsvpcConfiguration, when the service has one (awsvpc tasks: Fargate): its subnets and the security groups its tasks run in. */
	network?: ServiceNetwork;
};

export type ServiceNetwork = {subnets: string[]; securityGroups: string[]; assignPublicIp?: 'ENABLED' | 'DISABLED'};

export type Container = {
	name: string;
	lastStatus: string;
	exitCode?: number;
	reason?: string;
	image?: string;
};

export type Task = {
	id: string; // the last part of the task ARN
	arn: string;
	cluster: string;
	service?: string; // from the task's group "service:NAME"
	taskDefinition: string; // family:revision
	lastStatus: string; // PROVISIONING | PENDING | RUNNING | STOPPED ...
	desiredStatus: string;
	healthStatus?: string;
	cpu?: string;
	memory?: string;
	createdAt?: number;
	startedAt?: number;
	stoppedAt?: number;
	stopCode?: string; // TaskFailedToStart | EssentialContainerExited | UserInitiated | ...
	stoppedReason?: string; // e.g. "CannotPullContainerError: ..." or "OutOfMemoryError: ..."
	containers: Container[];
};

export type ContainerDefinition = {
	name: string;
	image: string;
	cpu?: number;
	memory?: number;
	memoryReservation?: number;
	essential?: boolean;
	/** The rest of the definition, passed through untouched when a revision is re-registered. */
	extra?: Record<string, unknown>;
};

export type TaskDefinition = {
	family: string;
	revision: number;
	arn: string;
	status: string; // ACTIVE | INACTIVE
	cpu?: string; // task-level units, e.g. "1024"
	memory?: string; // task-level MiB, e.g. "2048"
	networkMode?: string;
	requiresCompatibilities?: string[];
	executionRoleArn?: string;
	taskRoleArn?: string;
	containers: ContainerDefinition[];
	registeredAt?: number;
	/**
	 * The rest of the task definition (volumes, runtimePlatform, ephemeralStorage, pidMode, ...), in SDK
	 * RegisterTaskDefinition field names, passed through untouched when a revision is re-registered:
	 * dropping runtimePlatform or volumes would register a revision that cannot run.
	 */
	extra?: Record<string, unknown>;
};

export type MetricStat = 'Average' | 'Maximum' | 'Minimum' | 'Sum' | 'SampleCount';

export type MetricQuery = {
	/** Unique within one request; lowercase letters, digits and underscores, starting with a letter. */
	id: string;
	namespace: string; // AWS/ECS, AWS/RDS, ...
	metricName: string;
	dimensions: Record<string, string>;
	stat: MetricStat;
	periodSeconds: number;
	label?: string;
};

export type MetricPoint = {t: number; v: number};

export type MetricSeries = {
	id: string;
	label: string;
	points: MetricPoint[]; // ascending by time
	/** False when the backend says more data exists than it returned. */
	complete: boolean;
};

export type TimeRange = {start: number; end: number};

export type LogEvent = {
	eventId: string;
	timestamp: number;
	ingestionTime?: number;
	logGroup: string;
	logStream: string;
	message: string;
};

export type LogFilterRequest = {
	logGroup: string;
	pattern?: string;
	startTime: number;
	endTime?: number;
	logStreamNames?: string[];
	limit?: number;
	nextToken?: string;
};

export type LogFilterPage = {
	events: LogEvent[];
	/** Set while more pages remain. A page can be empty while this is still set: keep paging. */
	nextToken?: string;
};

export type LogGroup = {
	name: string;
	arn: string;
	retentionInDays?: number; // undefined: never expire
	storedBytes?: number;
	createdAt?: number;
	metricFilterCount?: number;
};

export type MetricTransformation = {
	metricName: string;
	metricNamespace: string;
	metricValue: string;
	defaultValue?: number;
};

export type MetricFilter = {
	name: string;
	logGroup: string;
	pattern: string;
	transformations: MetricTransformation[];
};

export type AlarmState = 'OK' | 'ALARM' | 'INSUFFICIENT_DATA';

export type ComparisonOperator =
	| 'GreaterThanThreshold'
	| 'GreaterThanOrEqualToThreshold'
	| 'LessThanThreshold'
	| 'LessThanOrEqualToThreshold';

export type MetricAlarm = {
	kind: 'metric';
	name: string;
	arn: string;
	description?: string;
	state: AlarmState;
	stateReason: string;
	stateUpdatedAt: number;
	actionsEnabled?: boolean;
	namespace: string;
	metricName: string;
	dimensions: Record<string, string>;
	statistic: MetricStat;
	periodSeconds: number;
	evaluationPeriods: number;
	threshold: number;
	comparisonOperator: ComparisonOperator;
	/**
	 * The rest of the alarm as the backend reports it, in SDK PutMetricAlarm field names (AlarmActions,
	 * OKActions, InsufficientDataActions, DatapointsToAlarm, TreatMissingData, Unit, ...), passed through
	 * untouched when the alarm is put again: PutMetricAlarm replaces the whole alarm, so a threshold
	 * change that dropped these would silently remove its notifications.
	 */
	extra?: Record<string, unknown>;
};

export type CompositeAlarm = {
	kind: 'composite';
	name: string;
	arn: string;
	description?: string;
	state: AlarmState;
	stateReason: string;
	stateUpdatedAt: number;
	alarmRule: string;
	/** As MetricAlarm.extra, in SDK PutCompositeAlarm field names (AlarmActions, OKActions, ActionsEnabled, ...). */
	extra?: Record<string, unknown>;
};

export type Alarm = MetricAlarm | CompositeAlarm;

export type AlarmHistoryItem = {
	alarmName: string;
	timestamp: number;
	type: string; // StateUpdate | ConfigurationUpdate | Action
	summary: string;
};

export type DbInstance = {
	id: string;
	arn: string;
	status: string; // available | modifying | backing-up ...
	instanceClass: string;
	engine: string;
	engineVersion?: string;
	allocatedStorageGb?: number;
	storageType?: string;
	multiAz: boolean;
	endpoint?: {address: string; port: number};
	/** A modification waiting for the maintenance window, if any. */
	pendingInstanceClass?: string;
	createdAt?: number;
};

/** SSM Parameter Store's kinds. A SecureString's value is never read decrypted, so the port never holds it. */
export type ParameterType = 'String' | 'StringList' | 'SecureString';

export type Parameter = {
	name: string;
	type: ParameterType;
	/** Undefined for a SecureString: its value is never decrypted, drawn, copied or recorded. */
	value?: string;
	version: number;
	lastModifiedAt?: number;
	/** The principal that last changed it (DescribeParameters' LastModifiedUser), when the backend says. */
	lastModifiedBy?: string;
	arn?: string;
};

/** One version of a parameter (GetParameterHistory), oldest first in a history. */
export type ParameterVersion = {
	name: string;
	type: ParameterType;
	/** Undefined for a SecureString, as in Parameter. */
	value?: string;
	version: number;
	modifiedAt?: number;
	modifiedBy?: string;
	labels: string[];
};

// ---- Readers: one capability each, like k9s's dao interfaces. ----

/**
 * The last argument of every read: `signal` cancels it (k9s passes a context.Context into every dao
 * call). An aborted read rejects with an AbortError (port/errors.ts `isAborted`), between pages of a
 * paged read too; it is not a failure.
 */
export type ReadOptions = {signal?: AbortSignal};

export type ClusterReader = {
	// Missing names are returned, not thrown: "no cluster" is an answer the runbooks need.
	describeClusters(names: string[], options?: ReadOptions): Promise<{clusters: Cluster[]; missing: string[]}>;
	listClusters(options?: ReadOptions): Promise<string[]>; // cluster names, all pages
};

export type TaskListFilter = {
	service?: string;
	desiredStatus?: 'RUNNING' | 'STOPPED';
};

export type ServiceReader = {
	listServices(cluster: string, options?: ReadOptions): Promise<string[]>; // service names, all pages
	describeServices(cluster: string, names: string[], options?: ReadOptions): Promise<Service[]>; // any count; adapters batch
	listTasks(cluster: string, filter?: TaskListFilter, options?: ReadOptions): Promise<string[]>; // task ids, all pages
	describeTasks(cluster: string, ids: string[], options?: ReadOptions): Promise<Task[]>;
	describeTaskDefinition(familyOrArn: string, options?: ReadOptions): Promise<TaskDefinition>;
	/**
	 * The service's recent service deployments, newest first (ListServiceDeployments +
	 * DescribeServiceDeployments). Rejects with CloudError kind 'unsupported' where the endpoint has
	 * no such API (moto): callers fall back to the service's `deployments`.
	 */
	listServiceDeployments?(cluster: string, service: string, options?: ReadOptions): Promise<ServiceDeployment[]>;
	/** ListTaskDefinitionFamilies --status ACTIVE: the families with an ACTIVE revision, all pages. Absent on backends without it. */
	listTaskDefinitionFamilies?(prefix: string, options?: ReadOptions): Promise<string[]>;
};

export type MetricReader = {
	// All series of one refresh in as few calls as the backend allows (500 queries a call on AWS).
	getMetricData(queries: MetricQuery[], range: TimeRange, options?: ReadOptions): Promise<MetricSeries[]>;
};

export type LiveTailHandlers = {
	onEvents(events: LogEvent[], info: {sampled: boolean}): void;
	onError(error: unknown): void;
};

export type LogReader = {
	filterLogEvents(request: LogFilterRequest, options?: ReadOptions): Promise<LogFilterPage>; // one page
	describeLogGroups(prefix?: string, options?: ReadOptions): Promise<LogGroup[]>; // all pages
	describeMetricFilters(logGroup: string, options?: ReadOptions): Promise<MetricFilter[]>;
	/**
	 * Streams new events (CloudWatch Logs Live Tail). Resolves once the session started, with a
	 * function that ends it; rejects with CloudError kind 'unsupported' where the endpoint has no
	 * Live Tail, so the caller falls back to polling filterLogEvents. The signal cancels the start
	 * only (an AbortError, not 'unsupported'); a started session ends by the function it resolved with.
	 */
	startLiveTail?(
		logGroups: string[],
		pattern: string | undefined,
		handlers: LiveTailHandlers,
		options?: ReadOptions,
	): Promise<() => void>;
};

export type AlarmReader = {
	describeAlarms(filter?: {names?: string[]; prefix?: string}, options?: ReadOptions): Promise<Alarm[]>; // all pages
	describeAlarmHistory(name: string, range?: TimeRange, options?: ReadOptions): Promise<AlarmHistoryItem[]>;
};

export type NetworkReader = {
	/** The security groups matching every filter (none: all of them), all pages. */
	describeSecurityGroups(filters?: SecurityGroupFilter[], options?: ReadOptions): Promise<SecurityGroup[]>;
};

export type DatabaseReader = {
	describeDbInstances(id?: string, options?: ReadOptions): Promise<DbInstance[]>;
};

export type ParameterReader = {
	/** Every parameter under `path` (all pages, never decrypted), with who last changed each. */
	getParametersByPath(path: string, recursive: boolean, options?: ReadOptions): Promise<Parameter[]>;
	/** The parameter's versions, oldest first (all pages, never decrypted); CloudError 'not-found' when it does not exist. */
	getParameterHistory(name: string, options?: ReadOptions): Promise<ParameterVersion[]>;
};

// ---- The mutating operations, kept apart from the readers. ----

export type ServiceUpdate = {
	desiredCount?: number;
	taskDefinition?: string; // family:revision or ARN
	forceNewDeployment?: boolean;
};

export type TaskDefinitionInput = Omit<TaskDefinition, 'revision' | 'arn' | 'status' | 'registeredAt'>;

/** CreateService: a replicated service of `taskDefinition` (family:revision) in the cluster. */
export type ServiceCreation = {
	cluster: string;
	name: string;
	taskDefinition: string;
	desiredCount: number;
	launchType?: string;
	network?: ServiceNetwork;
};

export type MetricAlarmInput = Omit<MetricAlarm, 'kind' | 'arn' | 'state' | 'stateReason' | 'stateUpdatedAt'>;

export type CompositeAlarmInput = Omit<CompositeAlarm, 'kind' | 'arn' | 'state' | 'stateReason' | 'stateUpdatedAt'>;

export type DatabaseModification = {
	instanceClass: string;
	applyImmediately: boolean;
};

/** What every mutating call returns: the request id, so the audit log can be matched in CloudTrail. */
export type OperationResult<T> = {value: T; requestId?: string};

export type Operator = {
	updateService(cluster: string, service: string, update: ServiceUpdate): Promise<OperationResult<Service>>;
	registerTaskDefinition(input: TaskDefinitionInput): Promise<OperationResult<TaskDefinition>>;
	stopTask(cluster: string, taskId: string, reason: string): Promise<OperationResult<Task>>;
	createService(input: ServiceCreation): Promise<OperationResult<Service>>;
	/** DeleteService --force: the service drains (its tasks stop), then is INACTIVE. */
	deleteService(cluster: string, service: string): Promise<OperationResult<Service>>;
	createLogGroup(name: string): Promise<OperationResult<void>>;
	putRetentionPolicy(logGroup: string, days: number): Promise<OperationResult<void>>;
	deleteRetentionPolicy(logGroup: string): Promise<OperationResult<void>>;
	putMetricFilter(filter: MetricFilter): Promise<OperationResult<void>>;
	putMetricAlarm(alarm: MetricAlarmInput): Promise<OperationResult<void>>;
	putCompositeAlarm(alarm: CompositeAlarmInput): Promise<OperationResult<void>>;
	modifyDbInstance(id: string, change: DatabaseModification): Promise<OperationResult<DbInstance>>;
	/** PutParameter --overwrite of a String or StringList (never a SecureString: its value is never handled); answers the new version. */
	putParameter(name: string, value: string, type: Exclude<ParameterType, 'SecureString'>): Promise<OperationResult<{version: number}>>;
	/** StopServiceDeployment: ROLLBACK returns the service to the revision the deployment replaces. Absent where the backend has no service-deployments API. */
	stopServiceDeployment?(arn: string, stopType: StopServiceDeploymentType): Promise<OperationResult<{serviceDeploymentArn: string}>>;
	/** AuthorizeSecurityGroupIngress / RevokeSecurityGroupIngress of one rule. Absent where the backend has no EC2. */
	authorizeSecurityGroupIngress?(ingress: SecurityGroupIngress): Promise<OperationResult<void>>;
	revokeSecurityGroupIngress?(ingress: SecurityGroupIngress): Promise<OperationResult<void>>;
} & RoleOperator;

export type CloudKind = 'aws' | 'sim';

/** The whole port: what a screen's hooks and the runbooks are handed. */
export type Cloud = {
	kind: CloudKind;
	/** "simulated", or the region the SDK resolved. */
	region: string;
	clusters: ClusterReader;
	services: ServiceReader;
	metrics: MetricReader;
	logs: LogReader;
	alarms: AlarmReader;
	databases: DatabaseReader;
	parameters: ParameterReader;
	/** IAM roles: the ones task definitions name (port/roles.ts). */
	roles: RoleReader;
	/** EC2 security groups; absent where the backend has none. */
	network?: NetworkReader;
	operator: Operator;
	/** Warnings the backend captured instead of printing them (SDK notices, credential sources). */
	warnings(): string[];
	/** Drops cached clients and credentials, so a retry after `aws sso login` picks up new ones. */
	reset(): void;
};
