// The static shape of the simulated ACSO account: which environments, services, task sizes,
// image versions and workloads exist. Everything that moves lives in model.ts; this file is the
// "infrastructure as code" the sim starts from.
import type {ServiceNetwork} from '../port/types.js';

export const ACCOUNT_ID = '123456789012';
/** Region written into ARNs and endpoints. The Cloud's `region` is "simulated". */
export const ARN_REGION = 'us-east-1';
export const ECR_HOST = `${ACCOUNT_ID}.dkr.ecr.${ARN_REGION}.amazonaws.com`;

export const ENVIRONMENTS = ['production', 'staging'] as const;
export type EnvName = (typeof ENVIRONMENTS)[number];

export type ServiceProfile = {
	/** supervisor: the service is acso-{env}-supervisor, the ECR repository acso-supervisor. */
	short: string;
	container: string;
	cpu: string; // task-level CPU units
	memory: string; // task-level MiB
	desired: Record<EnvName, number>;
	/** Per-task CPU % with the usual task count and 1024 units; scaled by load share and task size. */
	cpuPercent: number;
	/** Resident memory of a freshly started task, in MiB. */
	baseMiB: number;
	/** Database connections each task holds at full load, all workers' pools together (0: no database). */
	databasePool: number;
	/** Log lines a running task writes per second. */
	logRate: number;
	/** Whether the service logs JSON objects instead of plain text lines. */
	jsonLogs: boolean;
	/** Image tags by revision, oldest first: revision r runs tags[r - 1]. */
	tags: Record<EnvName, string[]>;
};

export const SERVICE_PROFILES: readonly ServiceProfile[] = [
	{
		short: 'supervisor',
		container: 'supervisor-agent',
		cpu: '1024',
		memory: '2048',
		desired: {production: 2, staging: 1},
		cpuPercent: 34,
		baseMiB: 800,
		databasePool: 40,
		logRate: 0.6,
		jsonLogs: false,
		tags: {
			production: ['v2.2.0', 'v2.2.3', 'v2.3.0', 'v2.3.4', 'v2.3.9', 'v2.4.0', 'v2.4.1'],
			staging: ['v2.2.0', 'v2.2.3', 'v2.3.0', 'v2.3.4', 'v2.3.9', 'v2.4.0', 'v2.4.1', 'v2.4.2'],
		},
	},
	{
		short: 'threat-hunter',
		container: 'threat-hunter-agent',
		cpu: '2048',
		memory: '4096',
		desired: {production: 3, staging: 2},
		cpuPercent: 52,
		baseMiB: 1900,
		databasePool: 0,
		logRate: 0.3,
		jsonLogs: false,
		tags: {
			production: ['v2.1.0', 'v2.1.2', 'v2.2.0', 'v2.2.1', 'v2.2.3', 'v2.3.0', 'v2.3.1', 'v2.3.4', 'v2.3.7', 'v2.3.9', 'v2.3.10', 'v2.4.0'],
			staging: ['v2.1.0', 'v2.1.2', 'v2.2.0', 'v2.2.1', 'v2.2.3', 'v2.3.0', 'v2.3.1', 'v2.3.4', 'v2.3.7', 'v2.3.9', 'v2.3.10', 'v2.4.0', 'v2.5.0-rc1'],
		},
	},
	{
		short: 'incident-response',
		container: 'incident-response-agent',
		cpu: '512',
		memory: '1024',
		desired: {production: 2, staging: 1},
		cpuPercent: 21,
		baseMiB: 430,
		databasePool: 40,
		logRate: 0.3,
		jsonLogs: false,
		tags: {
			production: ['v2.3.0', 'v2.3.4', 'v2.3.9', 'v2.4.0', 'v2.4.1'],
			staging: ['v2.3.0', 'v2.3.4', 'v2.3.9', 'v2.4.0', 'v2.4.1', 'v2.5.0'],
		},
	},
	{
		short: 'service-orchestration',
		container: 'service-orchestration-agent',
		cpu: '512',
		memory: '1024',
		desired: {production: 2, staging: 1},
		cpuPercent: 27,
		baseMiB: 390,
		databasePool: 30,
		logRate: 0.25,
		jsonLogs: true,
		tags: {
			production: ['v2.2.0', 'v2.2.1', 'v2.2.3', 'v2.3.0', 'v2.3.4', 'v2.3.9', 'v2.4.0', 'v2.4.0-hotfix1', 'v2.4.1'],
			staging: ['v2.2.0', 'v2.2.1', 'v2.2.3', 'v2.3.0', 'v2.3.4', 'v2.3.9', 'v2.4.0', 'v2.4.0-hotfix1', 'v2.4.1'],
		},
	},
	{
		short: 'financial-intelligence',
		container: 'financial-intelligence-agent',
		cpu: '512',
		memory: '1024',
		desired: {production: 1, staging: 1},
		cpuPercent: 16,
		baseMiB: 470,
		databasePool: 20,
		logRate: 0.2,
		jsonLogs: true,
		tags: {
			production: ['v2.3.0', 'v2.3.9', 'v2.4.0', 'v2.4.1'],
			staging: ['v2.3.0', 'v2.3.9', 'v2.4.0', 'v2.4.1'],
		},
	},
];

export function repositoryFor(short: string): string {
	return `acso-${short}`;
}

export function imageFor(short: string, tag: string): string {
	return `${ECR_HOST}/${repositoryFor(short)}:${tag}`;
}

/** Images whose code leaks memory, in MiB per minute of task uptime (the production incident). */
export const LEAKING_IMAGES: ReadonlyMap<string, number> = new Map([[imageFor('supervisor', 'v2.4.1'), 20]]);

/** Tags referenced by a task definition but never pushed to ECR (the staging incident). */
export const MISSING_IMAGES: ReadonlySet<string> = new Set([imageFor('threat-hunter', 'v2.5.0-rc1')]);

/**
 * Images whose code logs errors far more often than the revision before (the staging rollout of
 * incident-response): the share of their ordinary lines that are ERROR lines.
 */
export const REGRESSED_IMAGES: ReadonlyMap<string, number> = new Map([[imageFor('incident-response', 'v2.5.0'), 0.3]]);

export type DeploymentConfig = {
	minimumHealthyPercent: number;
	maximumPercent: number;
	/** The old tasks keep serving this long after a new deployment starts (a canary's bake time). */
	bakeMs?: number;
	/** The deployment circuit breaker (deploymentConfiguration.deploymentCircuitBreaker). */
	circuitBreaker?: {enable: boolean; rollback: boolean};
};

/** How a service replaces tasks. Staging saves money: old tasks stop before new ones start. */
export const DEPLOYMENT_CONFIG: Record<EnvName, DeploymentConfig> = {
	production: {minimumHealthyPercent: 100, maximumPercent: 200},
	staging: {minimumHealthyPercent: 0, maximumPercent: 100},
};

/**
 * Staging's two rollouts to practise on keep the old revision serving while the new one is tried:
 * threat-hunter's new tasks cannot start, so the old ones stay (minimum healthy 100%);
 * incident-response's new tasks run beside the old ones for a 45-minute bake before these drain.
 */
const SERVICE_DEPLOYMENT_CONFIG: ReadonlyMap<string, DeploymentConfig> = new Map([
	['staging/threat-hunter', {minimumHealthyPercent: 100, maximumPercent: 200}],
	['staging/incident-response', {minimumHealthyPercent: 100, maximumPercent: 200, bakeMs: 45 * 60_000, circuitBreaker: {enable: true, rollback: false}}],
]);

export function deploymentConfigFor(env: EnvName, short: string): DeploymentConfig {
	return SERVICE_DEPLOYMENT_CONFIG.get(`${env}/${short}`) ?? DEPLOYMENT_CONFIG[env];
}

/** ECS's failed-task threshold of the circuit breaker: half the desired count, at least 3, at most 200. */
export function circuitBreakerThreshold(desired: number): number {
	return Math.min(200, Math.max(3, Math.ceil(desired / 2)));
}

export type DatabaseProfile = {
	instanceClass: string;
	engineVersion: string;
	allocatedStorageGb: number;
	multiAz: boolean;
	endpointId: string;
	/** Connections held by tooling, replication and admin sessions. */
	baseConnections: number;
	/** CPU % at idle; queries add to it. */
	baseCpu: number;
};

export const DB_PROFILES: Record<EnvName, DatabaseProfile> = {
	production: {instanceClass: 'db.t3.medium', engineVersion: '15.4', allocatedStorageGb: 100, multiAz: true, endpointId: 'c8kq2xv1ab3d', baseConnections: 6, baseCpu: 14},
	staging: {instanceClass: 'db.t3.medium', engineVersion: '15.4', allocatedStorageGb: 20, multiAz: false, endpointId: 'c8kq2xv1ab3d', baseConnections: 3, baseCpu: 6},
};

/** vCPUs and memory (GiB) of the RDS classes the sim accepts; anything else is refused like AWS does. */
export const DB_CLASSES: ReadonlyMap<string, {vcpu: number; memoryGiB: number}> = new Map([
	['db.t3.micro', {vcpu: 2, memoryGiB: 1}],
	['db.t3.small', {vcpu: 2, memoryGiB: 2}],
	['db.t3.medium', {vcpu: 2, memoryGiB: 4}],
	['db.t3.large', {vcpu: 2, memoryGiB: 8}],
	['db.t3.xlarge', {vcpu: 4, memoryGiB: 16}],
	['db.t3.2xlarge', {vcpu: 8, memoryGiB: 32}],
	['db.t4g.medium', {vcpu: 2, memoryGiB: 4}],
	['db.t4g.large', {vcpu: 2, memoryGiB: 8}],
	['db.m5.large', {vcpu: 2, memoryGiB: 8}],
	['db.m5.xlarge', {vcpu: 4, memoryGiB: 16}],
	['db.m5.2xlarge', {vcpu: 8, memoryGiB: 32}],
	['db.m5.4xlarge', {vcpu: 16, memoryGiB: 64}],
	['db.m6g.large', {vcpu: 2, memoryGiB: 8}],
	['db.m6g.xlarge', {vcpu: 4, memoryGiB: 16}],
	['db.r5.large', {vcpu: 2, memoryGiB: 16}],
	['db.r5.xlarge', {vcpu: 4, memoryGiB: 32}],
	['db.r5.2xlarge', {vcpu: 8, memoryGiB: 64}],
	['db.r6g.large', {vcpu: 2, memoryGiB: 16}],
	['db.r6g.xlarge', {vcpu: 4, memoryGiB: 32}],
]);

export const LOG_RETENTION_DAYS: readonly number[] = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];

export function clusterName(env: string): string {
	return `acso-${env}-cluster`;
}

export function serviceName(env: string, short: string): string {
	return `acso-${env}-${short}`;
}

export function agentsLogGroup(env: string): string {
	return `/aws/acso/${env}/agents`;
}

/**
 * Services that log to a group of their own rather than the shared agents group: the account
 * describes where in each task definition, so the dashboard must read it there (as on real
 * accounts, where one group per service is the ECS console's default).
 */
const OWN_LOG_GROUP_SERVICES: ReadonlySet<string> = new Set(['financial-intelligence']);

/** The log group the service's task definition names. */
export function serviceLogGroup(env: string, short: string): string {
	return OWN_LOG_GROUP_SERVICES.has(short) ? `/ecs/acso-${env}/${short}` : agentsLogGroup(env);
}

export function databaseName(env: string): string {
	return `acso-${env}-db`;
}

export const ALARMS_LOG_GROUP = '/aws/cloudwatch/alarms';

/** The network the environment's services share: private subnets (security-groups.ts gives each service a group of its own). */
export function defaultNetwork(env: EnvName): ServiceNetwork {
	const n = env === 'production' ? '0a' : '1b';
	return {subnets: [`subnet-${n}11aa22bb33cc44dd`, `subnet-${n}55ee66ff77aa88bb`], securityGroups: [`sg-${n}9c1e5a7d3b2f4e6a`], assignPublicIp: 'DISABLED'};
}
