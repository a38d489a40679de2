// The simulated account's mutable state. Plain records, owned by the world; the port's answers are
// fresh copies made from these (see views.ts), so a caller can never reach in and change the sim.

import type {AlarmHistoryItem, AlarmState, CompositeAlarm, MetricAlarm, MetricTransformation, ServiceEvent, ServiceNetwork, TaskDefinition} from '../port/types.js';
import type {DeploymentConfig, EnvName, ServiceProfile} from './catalog.js';
import type {LogMatcher} from '../logs/filter-pattern.js';
import type {EventLog} from './event-log.js';
import type {MetricStore, Series} from './metric-store.js';
import type {Rng} from './random.js';
import type {DeniedCall} from './denied-calls.js';
import type {SimParameter} from './parameters.js';
import type {SecurityGroup} from '../port/security-groups.js';

export type TaskStatus = 'PROVISIONING' | 'PENDING' | 'RUNNING' | 'DEACTIVATING' | 'STOPPING' | 'STOPPED';

export type SimTask = {
	id: string;
	arn: string;
	env: EnvName;
	cluster: string;
	service: string; // full service name
	deploymentId: string;
	taskDefinition: string; // family:revision
	cpu: string;
	memory: string;
	container: string;
	image: string;
	lastStatus: TaskStatus;
	desiredStatus: 'RUNNING' | 'STOPPED';
	healthStatus: 'UNKNOWN' | 'HEALTHY' | 'UNHEALTHY';
	createdAt: number;
	pullStartedAt?: number;
	startedAt?: number;
	stoppingAt?: number;
	stoppedAt?: number;
	stopCode?: string;
	stoppedReason?: string;
	exitCode?: number;
	containerReason?: string;
	/** When the next lifecycle transition is due (Infinity: none scheduled). */
	nextAt: number;
	healthyAt?: number;
	oomAt?: number;
	pullFails: boolean;
	/** When a leak that is not the image's began in this task (a drill's fault); its uptime counts from here. */
	leakFrom?: number;
	/** When the task's essential container exits with an error (a drill's fault: a revision that crashes on start). */
	crashAt?: number;
	/** Database connections this task leaks (a drill's fault): opened and never returned, from `from`, up to `max`. */
	connectionLeak?: {from: number; perMinute: number; max: number};
	/** Why ECS cannot start it: its execution or task role is missing or may not be assumed (roles.ts). */
	roleFails?: string;
	/** Who asked it to stop: the scheduler drains for a while, a user stop is quicker. */
	stopKind?: 'scheduler' | 'user';
	// Workload, fixed at launch.
	baseMiB: number;
	leakMiBPerMin: number;
	memoryMiB: number;
	cpuUnits: number;
	logStream: string;
};

export type SimDeployment = {
	id: string;
	status: 'PRIMARY' | 'ACTIVE';
	rolloutState: 'COMPLETED' | 'IN_PROGRESS' | 'FAILED';
	rolloutStateReason: string;
	taskDefinition: string;
	desiredCount: number;
	failedTasks: number;
	createdAt: number;
	updatedAt: number;
	/** Consecutive tasks that failed to start: ECS slows its launches down after a few. */
	consecutiveFailures: number;
	nextLaunchAt: number;
	lastUnableEventAt: number;
	/** Old tasks are not drained before this (a bake time; 0 for none). */
	bakeUntil: number;
	/** Set when StopServiceDeployment ROLLBACK started this deployment. */
	rollback?: {reason: string; startedAt: number; from: string};
};

export type SimService = {
	env: EnvName;
	name: string;
	arn: string;
	cluster: string;
	profile: ServiceProfile;
	desiredCount: number;
	createdAt: number;
	deployments: SimDeployment[]; // PRIMARY first
	events: ServiceEvent[]; // newest first
	/** Whether the service was in a steady state at the last step, to announce reaching one. */
	steady: boolean;
	/** Something changed (a task moved, an update arrived): the scheduler must look at it. */
	dirty: boolean;
	lastSteadyEventAt: number;
	tasks: SimTask[]; // every task not yet forgotten, oldest first
	cpuSeries?: Series;
	memSeries?: Series;
	/** Deleted (service-lifecycle.ts): DRAINING while its tasks stop, then INACTIVE. Undefined: ACTIVE. */
	status?: 'DRAINING' | 'INACTIVE';
	deletedAt?: number;
	/** The awsvpc network it was created with; the environment's default when undefined. */
	network?: ServiceNetwork;
};

export type SimCluster = {
	env: EnvName;
	name: string;
	arn: string;
	services: SimService[];
	cpuSeries?: Series;
	memSeries?: Series;
};

export type StoredTaskDefinition = TaskDefinition;

export type SimMetricFilter = {
	name: string;
	logGroup: string;
	pattern: string;
	transformations: MetricTransformation[];
	matcher: LogMatcher;
	series?: Series;
};

export type SimLogGroup = {
	name: string;
	arn: string;
	createdAt: number;
	retentionInDays?: number;
	/** Bytes the group held before the sim started; grows with every line written. */
	baseStoredBytes: number;
	dailyBytes: number;
	bytesWritten: number;
	events: EventLog;
	filters: Map<string, SimMetricFilter>;
};

export type SimAlarm = (MetricAlarm | CompositeAlarm) & {history: AlarmHistoryItem[]};

export type SimDatabase = {
	env: EnvName;
	id: string;
	arn: string;
	status: string;
	instanceClass: string;
	engine: string;
	engineVersion: string;
	allocatedStorageGb: number;
	storageType: string;
	multiAz: boolean;
	endpoint: {address: string; port: number};
	pendingInstanceClass?: string;
	modifyDoneAt?: number;
	createdAt: number;
	cpuSeries?: Series;
	connSeries?: Series;
	memSeries?: Series;
};

export type World = {
	seed: number;
	rng: Rng;
	/** The time the state describes: the end of the last step taken. */
	time: number;
	clusters: Map<string, SimCluster>;
	services: Map<string, SimService>; // by full name (names are unique across the two clusters)
	tasksById: Map<string, SimTask>;
	taskDefinitions: Map<string, StoredTaskDefinition[]>; // family -> revisions, index = revision - 1
	images: Set<string>; // what the fake ECR holds
	metrics: MetricStore;
	logGroups: Map<string, SimLogGroup>;
	alarms: Map<string, SimAlarm>;
	databases: Map<string, SimDatabase>;
	nextEventSeq: number;
	nextRequest: number;
	/** Images whose code leaks memory (MiB per minute of uptime): catalog.ts's, none in a calm account. */
	leakingImages: Map<string, number>;
	/** Images that log errors far more often than the revision before: the share of ERROR lines. */
	regressedImages: Map<string, number>;
	/** Task definitions (family:revision) whose container exits soon after it starts (a drill's fault), with the log line it dies on. */
	crashingTaskDefinitions: Map<string, {afterMs: number; line: string}>;
	/** Deployment settings of a service that differ from the catalog's (a drill's fault). */
	deploymentOverrides: Map<string, DeploymentConfig>;
	/** Task definitions (family:revision) whose role lacks a policy its agent needs (a drill's fault). */
	deniedCalls: Map<string, DeniedCall>;
	/** Services under a surge of work (a drill's fault): per-task CPU % at the usual task count and 1024 units. */
	cpuSurges: Map<string, number>;
	/** SSM Parameter Store (parameters.ts): the agents' settings by name. */
	parameters: Map<string, SimParameter>;
	/** IAM roles by name: the ones the task definitions name (roles.ts). */
	roles: Map<string, SimRole>;
	/** EC2 security groups by id (security-groups.ts). */
	securityGroups: Map<string, SecurityGroup>;
};

/** An IAM role: its trust policy document and attached policies (ARN -> name). See roles.ts. */
export type SimRole = {name: string; arn: string; trustPolicy: string; attached: Map<string, string>; createdAt: number};

export type AlarmStateChange = {name: string; from: AlarmState; to: AlarmState; reason: string; at: number};
